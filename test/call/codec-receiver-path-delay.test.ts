/**
 * CodecReceiver's staleness counts from the path's usual delay: on a 300 ms path (with the clocks' offset known)
 * frames are shown, one far behind the others is not; `staleFrom: 'capture'` keeps the hard bound from capture time.
 * Real frame packets (FrameEncoder) on an in-memory link into a decoder that parses them; no rendering, no timing.
 */
import { FrameDecoder, FrameEncoder, makeProfile } from '../../src/bitstream/index.js';
import { CodecReceiver, type ReceivedFrame } from '../../src/call/index.js';
import type { Decoder } from '../../src/decoder/decoder.js';
import { createRgbImage } from '../../src/media/rgb-image.js';
import type { CodecLink, FrameFilter, PeerLinkEvents, PeerLinkStats } from '../../src/transport/index.js';
import { TypedEmitter } from '../../src/typed-emitter.js';
import { RandomWalk } from '../../bench/support/random-walk.js';

class MemoryLink extends TypedEmitter<PeerLinkEvents> implements CodecLink {
  isOpen = true;
  isClosed = false;
  readonly maxFrameBytes = 65536;
  private filter: FrameFilter | undefined;
  sendReliable(): number {
    return 0;
  }
  sendFrame(): boolean {
    return true;
  }
  setFrameFilter(filter: FrameFilter | undefined): void {
    this.filter = filter;
  }
  stats(): PeerLinkStats {
    throw new Error('not used');
  }
  async close(): Promise<void> {
    this.isOpen = false;
    this.isClosed = true;
  }
  /** A frame message arriving at `arrivalMs`, through the receiver's filter as a real link does. */
  deliver(bytes: Uint8Array, arrivalMs: number): void {
    if (!this.filter || this.filter(bytes, arrivalMs)) this.emit('frame', bytes, arrivalMs);
  }
}

const profile = makeProfile();
const FPS = 25;

/** Packets of a stream and a stand-in Decoder that parses them with the real FrameDecoder. */
function stream(count: number, spacingMs: number) {
  const walk = new RandomWalk({ keypointCount: profile.landmarkIds.length, expressionDims: profile.expressionDims, seed: 3 });
  walk.placeKeyframe(profile.landmarkIds);
  const encoder = new FrameEncoder({ profile, frameRateHz: FPS });
  encoder.setKeyframe(0, walk.keyframe);
  const packets = Array.from({ length: count }, (_, i) => ({ bytes: encoder.encode(walk.next(), i * spacingMs).bytes, timestampMs: i * spacingMs }));
  const frames = new FrameDecoder({ frameRateHz: FPS });
  frames.setProfile(0, profile);
  frames.setKeyframe(0, walk.keyframe);
  const params = { shape: new Float32Array(0), expression: new Float32Array(0), jawRad: new Float32Array(3), eyesRad: new Float32Array(6) };
  const pose = { rotationRad: new Float32Array(3), translationPx: new Float32Array(2), pixelsPerMm: 1 };
  const decoder = {
    async decodeFrame(bytes: Uint8Array) {
      const d = frames.decode(bytes);
      return { image: createRgbImage(16, 16), sequence: d.sequence, timestampMs: d.timestampMs, type: d.type, late: d.late, keyframeId: d.keyframeId, params, pose };
    },
    get needsIntra() {
      return frames.needsIntra;
    },
    needsKeyframe: false,
    heldKeyframeIds: [0],
    displayRateHz: undefined,
    streamHeader: null,
    async close() {},
  } as unknown as Decoder;
  return { packets, decoder };
}

async function receive(staleFrom: 'path' | 'capture' | undefined, transitMs: (i: number) => number, spacingMs = 40) {
  const { packets, decoder } = stream(40, spacingMs);
  const link = new MemoryLink();
  const clockOffsetMs = 10_000; // the stream's time 0 on this clock: sender and receiver share it
  const receiver = new CodecReceiver({ link, decoder, clockOffsetMs, statsIntervalMs: 0, inBetween: 'none', ...(staleFrom ? { staleFrom } : {}) });
  const shown: ReceivedFrame[] = [];
  const stale: number[] = [];
  receiver.on('frame', (f) => shown.push(f));
  receiver.on('frameDropped', (reason, sequence) => reason === 'stale' && stale.push(sequence!));
  for (const [i, p] of packets.entries()) {
    link.deliver(p.bytes, clockOffsetMs + p.timestampMs + transitMs(i));
    await receiver.idle();
  }
  const stats = receiver.stats();
  await receiver.close();
  return { shown: shown.map((f) => f.sequence), stale, stats };
}

/** 300 ms one way with up to 40 ms of jitter; frame 20 comes 450 ms behind the others (a stall on the path). */
const slowPath = (i: number) => 300 + ((i * 7) % 5) * 10 + (i === 20 ? 450 : 0);

test('on a 300 ms path every frame on time is shown; one 450 ms behind the path is not', async () => {
  const { shown, stale, stats } = await receive(undefined, slowPath);
  expect(stale).toEqual([20]);
  expect(shown).toHaveLength(39);
  expect(stats.pathDelayMs).toBe(300);
  expect(stats.dropsByReason.stale).toBe(1);
});

test("staleFrom 'capture' is the hard bound from capture time: the same path shows nothing", async () => {
  const { shown, stale } = await receive('capture', slowPath);
  // Frame 0 takes 300 ms, not over 300; every other one takes more.
  expect(shown.length).toBeLessThanOrEqual(Math.ceil(40 / 5));
  expect(stale.length).toBeGreaterThanOrEqual(32);
});

test('a path that becomes slower for good is followed within two delay windows (10-20 s)', async () => {
  // One frame a second: 40 ms for 10 s, then 600 ms. Frames 10-19 are overdue against the 40 ms frames of the
  // window before; from 20 s on the base is the 600 ms window's and they are shown.
  const { stale, stats } = await receive(undefined, (i) => (i < 10 ? 40 : 600), 1000);
  expect(stale).toEqual(Array.from({ length: 10 }, (_, k) => k + 10));
  expect(stats.pathDelayMs).toBe(600);
});
