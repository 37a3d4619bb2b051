/** Frame bundles: several real frame packets in one frame-channel message, told apart from a lone packet by their first byte. */
import {
  BitstreamError,
  FrameDecoder,
  FrameEncoder,
  MAX_BUNDLE_PACKETS,
  decodeFrameBundle,
  encodeFrameBundle,
  isFrameBundle,
  makeProfile,
} from '../../src/bitstream/index.js';
import { peekFrameSequence } from '../../src/call/frame-sequence.js';
import { RandomWalk, seededRandom } from '../../bench/support/random-walk.js';

const profile = makeProfile({ keypoints: 16, expressionDims: 10 });

function stream(n: number): { packets: Uint8Array[]; walk: RandomWalk } {
  const walk = new RandomWalk({ keypointCount: 16, expressionDims: 10, seed: 3 });
  walk.placeKeyframe(profile.landmarkIds);
  const enc = new FrameEncoder({ profile, frameRateHz: 25 });
  enc.setKeyframe(0, walk.keyframe);
  return { packets: Array.from({ length: n }, (_, i) => enc.encode(walk.next(), i * 40).bytes), walk };
}

test('a bundle round-trips its packets in order, for 2 B of framing each, and no packet looks like a bundle', () => {
  const { packets } = stream(300);
  for (const p of packets) {
    expect(isFrameBundle(p)).toBe(false);
    expect(peekFrameSequence(p)).toBeDefined();
  }
  const three = packets.slice(10, 13);
  const bundle = encodeFrameBundle(three);
  expect(isFrameBundle(bundle)).toBe(true);
  expect(bundle.byteLength).toBe(three.reduce((n, p) => n + p.byteLength + 2, 0));
  expect(decodeFrameBundle(bundle).map((p) => Array.from(p))).toEqual(three.map((p) => Array.from(p)));
});

test('bundled packets decode exactly as the same packets sent alone', () => {
  const { packets, walk } = stream(60);
  const alone = new FrameDecoder({ frameRateHz: 25 });
  const bundled = new FrameDecoder({ frameRateHz: 25 });
  for (const d of [alone, bundled]) {
    d.setProfile(0, profile);
    d.setKeyframe(0, walk.keyframe);
  }
  for (let i = 0; i < packets.length; i += 3) {
    const group = packets.slice(i, i + 3);
    const unpacked = decodeFrameBundle(encodeFrameBundle(group));
    for (let k = 0; k < group.length; k++) {
      expect(Array.from(bundled.decode(unpacked[k]).values.keypointsMm)).toEqual(Array.from(alone.decode(group[k]).values.keypointsMm));
    }
  }
});

test('bad bundles give typed errors: empty, too many packets, empty packet, truncation, mutation', () => {
  const { packets } = stream(MAX_BUNDLE_PACKETS + 1);
  expect(() => encodeFrameBundle([])).toThrow(BitstreamError);
  expect(() => encodeFrameBundle(packets)).toThrow(BitstreamError);
  expect(() => encodeFrameBundle([packets[0], new Uint8Array(0)])).toThrow(BitstreamError);
  expect(() => decodeFrameBundle(packets[0])).toThrow(BitstreamError);
  // 65 packets framed by hand: the receiver refuses what a sender could not make.
  const oversized = Uint8Array.from(packets.flatMap((p) => [0x7a, p.byteLength, ...p]));
  expect(() => decodeFrameBundle(oversized)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  expect(() => decodeFrameBundle(Uint8Array.from([0x7a, 0x00]))).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
  const bundle = encodeFrameBundle(packets.slice(0, 4));
  const rand = seededRandom(4);
  let typed = 0;
  for (let i = 0; i < 2000; i++) {
    const bytes = new Uint8Array(bundle.subarray(0, 1 + Math.floor(rand() * bundle.length)));
    bytes[Math.floor(rand() * bytes.length)] ^= 1 << Math.floor(rand() * 8);
    try {
      decodeFrameBundle(bytes);
    } catch (error) {
      if (!(error instanceof BitstreamError)) throw error;
      typed++;
    }
  }
  expect(typed).toBeGreaterThan(500);
});
