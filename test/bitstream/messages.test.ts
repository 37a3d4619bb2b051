import { createHash } from 'node:crypto';
import {
  BitstreamError,
  FORMAT_VERSION,
  FrameDecoder,
  FrameEncoder,
  StreamFileWriter,
  decodeMessage,
  encodeMessage,
  makeProfile,
  readStreamFile,
  type FrameValues,
  type KeyframeBase,
  type KeyframeMessage,
  type StreamHeader,
  type StreamMessage,
} from '../../src/bitstream/index.js';
import { pb } from '../../src/bitstream/wire.js';
import { RandomWalk, seededRandom } from '../../bench/support/random-walk.js';
import { ModelMotion } from './model-motion.js';

const profile = makeProfile({ keypoints: 16, expressionDims: 10, sendJaw: true });

function header(): StreamHeader {
  return {
    formatVersion: FORMAT_VERSION,
    profile,
    profileId: 2,
    faceModelId: 'builtin-mediapipe-v1',
    faceModelHash: new Uint8Array(createHash('sha256').update('model').digest()),
    modelExpressionDims: 50,
    frameRateHz: 25,
    cropWidth: 256,
    cropHeight: 256,
  };
}

function keyframe(): KeyframeMessage {
  const rand = seededRandom(5);
  const f = (n: number) => Float32Array.from({ length: n }, () => rand() * 10 - 5);
  return {
    id: 7,
    width: 256,
    height: 256,
    format: 'jpeg',
    image: Uint8Array.from({ length: 5000 }, () => Math.floor(rand() * 256)),
    timestampMs: 1234,
    params: {
      shape: f(60),
      expression: f(50),
      jawRad: f(3),
      eyesRad: f(6),
      rotationRad: f(3),
      translationPx: f(2),
      scalePxPerMm: 1.25,
      keypoints68Mm: f(204),
    },
  };
}

function frames(n: number): Uint8Array[] {
  const walk = new RandomWalk({ keypointCount: 16, expressionDims: 10, seed: 9 });
  walk.placeKeyframe(profile.landmarkIds);
  const enc = new FrameEncoder({ profile, frameRateHz: 25 });
  enc.setKeyframe(0, walk.keyframe);
  return Array.from({ length: n }, (_, i) => enc.encode(walk.next(), i * 40).bytes);
}

describe('stream messages', () => {
  const controls: StreamMessage[] = [
    { type: 'control', control: { type: 'keyframe-request', lastGoodSequence: 99, reason: 'reference lost' } },
    { type: 'control', control: { type: 'profile-change', profileId: 3, profile: makeProfile({ keypoints: 4, expressionDims: 0 }) } },
    {
      type: 'control',
      control: {
        type: 'receiver-stats',
        framesReceived: 100,
        framesLost: 3,
        framesDropped: 1,
        lossFraction: 0.03,
        delayMsP50: 1.5,
        delayMsP95: 4,
        receiveKbps: 3.75,
        keyframeIds: [0, 3, 7],
      },
    },
  ];

  it.each([
    ['header', { type: 'header', header: header() } as StreamMessage],
    ['keyframe', { type: 'keyframe', keyframe: keyframe() } as StreamMessage],
    ['frame', { type: 'frame', packet: frames(3)[2] } as StreamMessage],
    ['keyframe request', controls[0]],
    ['profile change', controls[1]],
    ['receiver stats', controls[2]],
    [
      'receiver stats with zero fields',
      {
        type: 'control',
        control: { type: 'receiver-stats', framesReceived: 10, framesLost: 0, framesDropped: 0, lossFraction: 0, delayMsP50: 0, delayMsP95: 0, receiveKbps: 0 },
      } as StreamMessage,
    ],
  ])('round-trips a %s', (_name, message) => {
    const back = decodeMessage(encodeMessage(message));
    // float32 fields come back as float32: compare through the same rounding
    expect(normalize(back)).toEqual(normalize(message));
  });

  it('a keyframe without landmarks comes back without them, 816 B smaller; a partial landmark set is refused', () => {
    const full = keyframe();
    const { keypoints68Mm: _sent, ...params } = full.params;
    const bare = { ...full, params };
    const back = decodeMessage(encodeMessage({ type: 'keyframe', keyframe: bare }));
    expect(back.type === 'keyframe' && back.keyframe.params.keypoints68Mm).toBeUndefined();
    expect(encodeMessage({ type: 'keyframe', keyframe: full }).length - encodeMessage({ type: 'keyframe', keyframe: bare }).length).toBeGreaterThanOrEqual(816);
    const raw = pb.Envelope.decode(encodeMessage({ type: 'keyframe', keyframe: full }));
    raw.keyframe!.params!.keypointsMm = raw.keyframe!.params!.keypointsMm!.slice(0, 100);
    expect(() => decodeMessage(pb.Envelope.encode(raw).finish())).toThrow(expect.objectContaining({ code: 'INVALID_MESSAGE' }));
  });

  it('a receiver report naming more keyframes than a receiver holds is refused', () => {
    const stats = { ...(controls[2] as Extract<StreamMessage, { type: 'control' }>).control, keyframeIds: [1, 2, 3, 4, 5] } as never;
    expect(() => encodeMessage({ type: 'control', control: stats })).toThrow(expect.objectContaining({ code: 'INVALID_MESSAGE' }));
  });

  it('refuses another format version, a bad model hash and NaN parameters', () => {
    const raw = pb.Envelope.decode(encodeMessage({ type: 'header', header: header() }));
    raw.header!.formatVersion = 2;
    expect(() => decodeMessage(pb.Envelope.encode(raw).finish())).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_VERSION' }));
    expect(() => encodeMessage({ type: 'header', header: { ...header(), faceModelHash: new Uint8Array(5) } })).toThrow(BitstreamError);
    const k = keyframe();
    k.params.rotationRad[1] = NaN;
    expect(() => encodeMessage({ type: 'keyframe', keyframe: k })).toThrow(expect.objectContaining({ code: 'INVALID_MESSAGE' }));
    const badProfile = { ...header(), profile: { ...profile, landmarkIds: [1, 1] } };
    expect(() => encodeMessage({ type: 'header', header: badProfile })).toThrow(BitstreamError);
  });

  it('stream files round-trip and reject bad magic and truncation', () => {
    const w = new StreamFileWriter();
    w.add({ type: 'header', header: header() });
    w.add({ type: 'keyframe', keyframe: keyframe() });
    for (const f of frames(20)) w.add({ type: 'frame', packet: f });
    const bytes = w.finish();
    const types = [...readStreamFile(bytes)].map((e) => e.message.type);
    expect(types).toEqual(['header', 'keyframe', ...Array(20).fill('frame')]);
    expect(() => [...readStreamFile(bytes.subarray(0, bytes.length - 3))]).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
    expect(() => [...readStreamFile(new TextEncoder().encode('hello world'))]).toThrow(BitstreamError);
  });
});

interface Motion {
  keyframe: KeyframeBase;
  next(): FrameValues;
}

/** 10,000 mutations of real packets and messages into one decoder, then the real stream again into that decoder. */
function fuzz(motion: Motion) {
  const enc = new FrameEncoder({ profile, frameRateHz: 25 });
  enc.setKeyframe(0, motion.keyframe);
  const valid = Array.from({ length: 60 }, (_, i) => enc.encode(motion.next(), i * 40).bytes);
  const messages = [encodeMessage({ type: 'header', header: header() }), encodeMessage({ type: 'keyframe', keyframe: keyframe() })];
  const rand = seededRandom(11);
  const dec = new FrameDecoder({ frameRateHz: 25 });
  dec.setProfile(0, profile);
  dec.setKeyframe(0, motion.keyframe);
  const counts = { messageTyped: 0, messageDecoded: 0, frameTyped: 0, frameDecoded: 0 };
  const codes: Record<string, number> = {};
  for (let i = 0; i < 10000; i++) {
    const isMessage = i % 10 === 0;
    const source = isMessage ? messages[i % 20 === 0 ? 0 : 1] : valid[Math.floor(rand() * valid.length)];
    const bytes = mutate(source, rand);
    try {
      if (isMessage) decodeMessage(bytes);
      else dec.decode(bytes);
      if (isMessage) counts.messageDecoded++;
      else counts.frameDecoded++;
    } catch (err) {
      if (!(err instanceof BitstreamError)) throw err;
      codes[err.code] = (codes[err.code] ?? 0) + 1;
      if (isMessage) counts.messageTyped++;
      else counts.frameTyped++;
    }
  }
  // The fuzzed decoder itself takes up the real stream again, asking for intra frames as a receiver does.
  enc.requestIntra();
  const resumed: string[] = [];
  for (let i = 60; i < 260; i++) {
    const f = enc.encode(motion.next(), i * 40);
    try {
      const out = dec.decode(f.bytes);
      resumed.push(out.late ? `late${i}` : 'ok');
      expect(out.sequence).toBe(i);
      expect(Array.from(out.values.keypointsMm)).toEqual(Array.from(f.reconstructed.keypointsMm));
      expect(Array.from(out.values.expression)).toEqual(Array.from(f.reconstructed.expression));
    } catch (err) {
      if (!(err instanceof BitstreamError)) throw err;
      resumed.push(`${i}:${err.code}:${err.message}`);
      enc.requestIntra();
    }
  }
  return { counts, codes: Object.keys(codes).sort(), resumed, needsIntra: dec.needsIntra };
}

describe('mutated and truncated packets', () => {
  it('give typed errors only, and the decoder keeps working (10,000 mutations)', () => {
    const walk = new RandomWalk({ keypointCount: 16, expressionDims: 10, seed: 9 });
    walk.placeKeyframe(profile.landmarkIds);
    const r = fuzz(walk);
    // Seeded, so the split is exact. Most mutated frame packets are refused (truncations, out-of-range indices, bytes past
    // the payload's end); a mutated keyframe message mostly decodes, its flips landing in the 5,000-byte JPEG.
    expect(r.counts).toEqual({ messageTyped: 684, messageDecoded: 316, frameTyped: 8909, frameDecoded: 91 });
    expect(r.codes).toEqual(['CORRUPT', 'INVALID_MESSAGE', 'INVALID_PROFILE', 'REFERENCE_LOST', 'STALE', 'TRUNCATED', 'UNSUPPORTED_VERSION']);
    // Two mutated packets decoded as frames 60 and 61 during the fuzz, so the real ones are refused as duplicates; from
    // the intra frame asked for after that, every frame decodes exactly and in order.
    expect(r.resumed.slice(0, 2)).toEqual(['60:CORRUPT:duplicate frame 60', '61:CORRUPT:duplicate frame 61']);
    expect(r.resumed.slice(2)).toEqual(Array(198).fill('ok'));
    expect(r.needsIntra).toBe(false);
  });

  it('with the keyframe Jacobian real streams carry: typed errors only, and the same decoder decodes exactly after', () => {
    // Mutated expression indices now move the predicted keypoints too (clamped into the quantizer's range).
    const r = fuzz(new ModelMotion(profile, 9));
    // Seeded, so exact: nine more mutated frame packets decode than without the Jacobian, every other one a typed error.
    expect(r.counts).toEqual({ messageTyped: 684, messageDecoded: 316, frameTyped: 8900, frameDecoded: 100 });
    expect(r.codes).toEqual(['CORRUPT', 'INVALID_MESSAGE', 'INVALID_PROFILE', 'REFERENCE_LOST', 'STALE', 'TRUNCATED', 'UNSUPPORTED_VERSION']);
    // Mutated packets decoded as frames 60, 68 and 95 during the fuzz: the real ones are refused as duplicates, those
    // between decode exactly (checked in fuzz()) but late, behind the mutated 95; from 96 on every frame is on time.
    const late = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => `late${from + k}`);
    expect(r.resumed).toEqual([
      '60:CORRUPT:duplicate frame 60', ...late(61, 67), '68:CORRUPT:duplicate frame 68', ...late(69, 94),
      '95:CORRUPT:duplicate frame 95', ...Array(164).fill('ok'),
    ]);
    expect(r.needsIntra).toBe(false);
  });
});

function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  const kind = rand();
  if (kind < 0.3) return new Uint8Array(src.subarray(0, Math.floor(rand() * src.length))); // truncation
  const out = new Uint8Array(src); // a copy: protobufjs hands out Buffers, whose slice() is a view
  if (kind < 0.5 && out.length > 2) {
    return Uint8Array.from([...out.subarray(0, 2), ...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256)), ...out.subarray(2)]);
  }
  const flips = 1 + Math.floor(rand() * 4);
  for (let f = 0; f < flips && out.length > 0; f++) {
    const at = Math.floor(rand() * out.length);
    out[at] = rand() < 0.5 ? out[at] ^ (1 << Math.floor(rand() * 8)) : Math.floor(rand() * 256);
  }
  return out;
}

/** Plain values for comparison: typed arrays to arrays, numbers through float32 (as on the wire). */
function normalize(value: unknown): unknown {
  if (value instanceof Float32Array) return Array.from(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'number') return Math.fround(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}
