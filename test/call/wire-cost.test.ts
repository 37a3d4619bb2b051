// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * What a real 5 s call puts on the network, counted per shown frame from the SCTP packets each peer hands to DTLS
 * (one packet = one datagram; STUN consent checks, one every ~5 s per side, are not SCTP and not counted here). Real
 * encoder output (encoded ahead, since jest runs the codec slower than real time) goes out at 25 fps through
 * CodecSender into a real CodecReceiver and Decoder. Guards the wire savings: frames bundled into messages, the
 * delayed SACK of patches/werift+0.24.4.patch, and parameters at half rate with the receiver interpolating;
 * bench/wire.ts measures the same by packet capture.
 */
import { createDecoder, createEncoder } from '../../src/codec.js';
import { CodecReceiver, CodecSender, type CodecReceiverOptions, type CodecSenderOptions, type ReceivedFrame } from '../../src/call/index.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import { readAllFrames, type RgbImage } from '../../src/media/index.js';
import { recordSctpPackets, SCTP_CHUNK, type TappedSctpPacket } from '../../src/transport/index.js';
import { clip } from '../codec/shared-paths.js';
import { sleep, startCall } from '../transport/call-harness.js';

const FPS = 25;
const FRAMES = 125;
/** Counting starts once the keyframe is through. */
const SKIP_FRAMES = 25;

let images: RgbImage[] = [];

beforeAll(async () => {
  images = await readAllFrames(clip('liveportrait_d18.mp4'), { fps: FPS, maxFrames: FRAMES, size: { width: 320, height: 320 } });
}, 30_000);

interface CallCounts {
  upPerFrame: number;
  downPerFrame: number;
  frameMessages: number;
  sacksDown: number;
  shown: ReceivedFrame[];
  framesLost: number;
}

async function runCall(
  parameterRateHz: number,
  sender: Omit<CodecSenderOptions, 'link' | 'encoder'> = {},
  receiverOptions: Omit<CodecReceiverOptions, 'link' | 'decoder'> = {},
): Promise<CallCounts> {
  // A small picture: jest renders several times slower than real time.
  const { encoder, close: closeEncoder } = await createEncoder({ frameRateHz: FPS, parameterRateHz, cropSizePx: 96 });
  const outputs: EncoderOutput[][] = [];
  for (let i = 0; i < images.length; i++) outputs.push(await encoder.encode(images[i], Math.round((i * 1000) / FPS)));
  const call = await startCall();
  const decoder = await createDecoder();
  const codecSender = new CodecSender({ link: call.offerer, encoder, ...sender });
  codecSender.own({ close: closeEncoder });
  const receiver = new CodecReceiver({ link: call.answerer, decoder, ...receiverOptions });
  receiver.own(decoder);
  const shown: ReceivedFrame[] = [];
  receiver.on('frame', (frame) => shown.push(frame));
  const up = recordSctpPackets(call.offerer.rtcPeerConnection);
  const down = recordSctpPackets(call.answerer.rtcPeerConnection);
  try {
    const startMs = performance.now();
    let countFromMs = Infinity;
    for (let i = 0; i < outputs.length; i++) {
      const waitMs = startMs + (i * 1000) / FPS - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      if (i === SKIP_FRAMES) countFromMs = performance.now();
      codecSender.sendOutputs(outputs[i]);
    }
    const countToMs = performance.now();
    codecSender.flushFrames();
    await sleep(400);
    await receiver.idle();
    const frames = FRAMES - SKIP_FRAMES;
    const inWindow = (list: TappedSctpPacket[]) => list.filter((p) => p.atMs >= countFromMs && p.atMs < countToMs);
    return {
      upPerFrame: inWindow(up.packets).length / frames,
      downPerFrame: inWindow(down.packets).length / frames,
      frameMessages: inWindow(up.packets).filter((p) => p.chunks[0]?.type === SCTP_CHUNK.DATA && p.chunks[0].streamId === 1).length,
      sacksDown: inWindow(down.packets).filter((p) => p.chunks[0]?.type === SCTP_CHUNK.SACK).length,
      shown,
      framesLost: receiver.stats().framesLost,
    };
  } finally {
    up.stop();
    down.stop();
    await Promise.all([codecSender.close(), receiver.close()]);
    await call.close();
  }
}

test('defaults (3 frames per message, a SACK per 4 packets): under 0.40 datagrams per frame up and 0.15 down', async () => {
  const c = await runCall(FPS);
  const frames = FRAMES - SKIP_FRAMES;
  // Three frames to a message, and an acknowledgement for every second message at most.
  expect(c.frameMessages).toBeGreaterThanOrEqual(Math.floor(frames / 3) - 2);
  expect(c.frameMessages).toBeLessThanOrEqual(Math.ceil(frames / 3) + 2);
  expect(c.sacksDown).toBeLessThanOrEqual(Math.ceil(c.frameMessages / 4) + 3);
  expect(c.upPerFrame).toBeLessThan(0.4);
  expect(c.downPerFrame).toBeLessThan(0.15);
  expect(c.shown.length).toBeGreaterThanOrEqual(FRAMES - 3);
  expect(c.shown.some((f) => f.interpolated)).toBe(false);
  expect(c.framesLost).toBe(0);
}, 60_000);

test('12.5 Hz parameters, 2 per message: under 0.30 datagrams per frame up, and every other shown frame is interpolated', async () => {
  const c = await runCall(12.5, { framesPerMessage: 2 });
  const frames = FRAMES - SKIP_FRAMES;
  expect(c.frameMessages).toBeLessThanOrEqual(Math.ceil(frames / 4) + 2);
  expect(c.upPerFrame).toBeLessThan(0.3);
  expect(c.downPerFrame).toBeLessThan(0.13);
  const interpolated = c.shown.filter((f) => f.interpolated).length;
  expect(c.shown.length).toBeGreaterThanOrEqual(FRAMES - 4);
  expect(interpolated).toBeGreaterThanOrEqual(FRAMES / 2 - 3);
  // Shown in time order, one every 40 ms.
  const times = c.shown.map((f) => f.timestampMs);
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  expect(new Set(times.slice(1).map((t, i) => t - times[i]))).toEqual(new Set([40]));
  expect(c.framesLost).toBe(0);
}, 60_000);

test('12.5 Hz parameters, extrapolated: in-between frames that can be, are shown before the next packet arrives', async () => {
  const c = await runCall(12.5, { framesPerMessage: 2 }, { inBetween: 'extrapolate' });
  const between = c.shown.filter((f) => f.interpolated);
  expect(between.length).toBeGreaterThanOrEqual(FRAMES / 2 - 5);
  const times = c.shown.map((f) => f.timestampMs);
  expect(new Set(times.slice(1).map((t, i) => t - times[i]))).toEqual(new Set([40]));
  // Two frames to a message: the frame between them is interpolated once both are in, the one after the second is
  // extrapolated and shown before the next message arrives (interpolation would have waited for it).
  const early = between.filter((f) => {
    const next = c.shown.find((g) => !g.interpolated && g.timestampMs > f.timestampMs);
    return next !== undefined && f.decodedMs < next.arrivalMs;
  });
  expect(early.length).toBeGreaterThanOrEqual(between.length * 0.4);
  expect(c.framesLost).toBe(0);
}, 60_000);
