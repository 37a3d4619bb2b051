import {
  BitstreamError,
  FrameDecoder,
  FrameEncoder,
  makeProfile,
  type FrameValues,
  type Profile,
} from '../../src/bitstream/index.js';
import { RandomWalk } from '../../bench/support/random-walk.js';

function setup(profile: Profile, seed = 1) {
  const walk = new RandomWalk({ keypointCount: profile.landmarkIds.length, expressionDims: profile.expressionDims, seed });
  walk.placeKeyframe(profile.landmarkIds);
  const enc = new FrameEncoder({ profile, frameRateHz: 25 });
  const dec = new FrameDecoder({ frameRateHz: 25 });
  enc.setKeyframe(3, walk.keyframe);
  dec.setKeyframe(3, walk.keyframe);
  dec.setProfile(0, profile);
  return { walk, enc, dec };
}

function expectSameValues(a: FrameValues, b: FrameValues): void {
  expect(Array.from(a.keypointsMm)).toEqual(Array.from(b.keypointsMm));
  expect(Array.from(a.expression)).toEqual(Array.from(b.expression));
  expect(Array.from(a.jawRad)).toEqual(Array.from(b.jawRad));
  expect(Array.from(a.rotationRad)).toEqual(Array.from(b.rotationRad));
  expect(Array.from(a.translationPx)).toEqual(Array.from(b.translationPx));
  expect(a.scalePxPerMm).toBe(b.scalePxPerMm);
}

describe('predictive frame coding', () => {
  it('decodes 10,000 chained frames exactly as the encoder reconstructed them (no drift)', () => {
    const profile = makeProfile({ keypoints: 16, expressionDims: 10, sendJaw: true, intraInterval: 0 });
    const { walk, enc, dec } = setup(profile);
    let predicted = 0;
    let maxKpError = 0;
    for (let i = 0; i < 10000; i++) {
      const values = walk.next();
      const frame = enc.encode(values, i * 40 + (i % 3));
      const out = dec.decode(frame.bytes);
      expect(out.sequence).toBe(i);
      expect(out.timestampMs).toBe(i * 40 + (i % 3));
      expectSameValues(out.values, frame.reconstructed);
      if (frame.type === 'predicted') predicted++;
      for (let j = 0; j < values.keypointsMm.length; j++) {
        maxKpError = Math.max(maxKpError, Math.abs(out.values.keypointsMm[j] - values.keypointsMm[j]));
      }
    }
    expect(predicted).toBe(9999); // only the first frame is intra with intraInterval 0
    expect(maxKpError).toBeLessThanOrEqual(256 / 511 / 2 + 1e-4); // half a step: no drift after 10,000 frames
  });

  it('sends intra frames at the set interval and on request', () => {
    const profile = makeProfile({ intraInterval: 10 });
    const { walk, enc, dec } = setup(profile);
    const types: string[] = [];
    for (let i = 0; i < 25; i++) {
      if (i === 13) enc.requestIntra();
      const f = enc.encode(walk.next(), i * 40);
      types.push(f.type);
      expect(dec.decode(f.bytes).type).toBe(f.type);
    }
    const intraAt = types.flatMap((t, i) => (t === 'intra' ? [i] : []));
    expect(intraAt).toEqual([0, 10, 13, 23]);
  });

  it('detects a lost reference, drops until the next intra and then decodes again', () => {
    const profile = makeProfile({ intraInterval: 0 });
    const { walk, enc, dec } = setup(profile);
    dec.decode(enc.encode(walk.next(), 0).bytes);
    dec.decode(enc.encode(walk.next(), 40).bytes);
    enc.encode(walk.next(), 80); // lost on the way
    const orphan = enc.encode(walk.next(), 120);
    expect(() => dec.decode(orphan.bytes)).toThrow(expect.objectContaining({ code: 'REFERENCE_LOST' }));
    expect(dec.needsIntra).toBe(true);
    const orphan2 = enc.encode(walk.next(), 160);
    expect(() => dec.decode(orphan2.bytes)).toThrow(BitstreamError);
    enc.requestIntra();
    const intra = enc.encode(walk.next(), 200);
    expect(intra.type).toBe('intra');
    const out = dec.decode(intra.bytes);
    expect(dec.needsIntra).toBe(false);
    expectSameValues(out.values, intra.reconstructed);
    const next = enc.encode(walk.next(), 240);
    expectSameValues(dec.decode(next.bytes).values, next.reconstructed);
  });

  it('unwraps sequence numbers across the 16384 wrap and flags late frames', () => {
    const profile = makeProfile({ intraInterval: 0 });
    const { walk, enc, dec } = setup(profile);
    let last = 0;
    const held: Uint8Array[] = [];
    for (let i = 0; i < 16500; i++) {
      const f = enc.encode(walk.next(), i * 40);
      if (i === 16390) held.push(f.bytes);
      last = dec.decode(f.bytes).sequence;
    }
    expect(last).toBe(16499);
    // Far too old: its reference left the history; dropped as stale without asking for an intra frame.
    expect(() => dec.decode(held[0])).toThrow(expect.objectContaining({ code: 'STALE' }));
    expect(dec.needsIntra).toBe(false);
  });

  it('decodes a frame that arrives after its successor and flags it late', () => {
    const profile = makeProfile({ intraInterval: 0 });
    const { walk, enc, dec } = setup(profile);
    const frames = Array.from({ length: 6 }, (_, i) => enc.encode(walk.next(), i * 40));
    for (const i of [0, 1, 2]) dec.decode(frames[i].bytes);
    // 4 refers to 3: not here yet, so the chain is broken for now
    expect(() => dec.decode(frames[4].bytes)).toThrow(expect.objectContaining({ code: 'REFERENCE_LOST' }));
    const late = dec.decode(frames[3].bytes);
    expect(late.late).toBe(false);
    const again = dec.decode(frames[4].bytes);
    expectSameValues(again.values, frames[4].reconstructed);
    expect(() => dec.decode(frames[4].bytes)).toThrow(expect.objectContaining({ code: 'CORRUPT' })); // duplicate
  });

  it('refuses intra frames for unknown keyframes or profiles with typed errors', () => {
    const profile = makeProfile();
    const { walk, enc } = setup(profile);
    const f = enc.encode(walk.next(), 0);
    const fresh = new FrameDecoder({ frameRateHz: 25 });
    expect(() => fresh.decode(f.bytes)).toThrow(expect.objectContaining({ code: 'UNKNOWN_PROFILE' }));
    fresh.setProfile(0, profile);
    expect(() => fresh.decode(f.bytes)).toThrow(expect.objectContaining({ code: 'MISSING_KEYFRAME' }));
  });

  it('fixed-length coding gives packets of exactly the profile size', () => {
    const profile = makeProfile({ coding: 'fixed', keypoints: 8, expressionDims: 5 });
    const { walk, enc, dec } = setup(profile);
    const bits = 8 * 3 * 9 + 5 * 7 + 3 * 10 + 2 * 12 + 12;
    for (let i = 0; i < 20; i++) {
      const f = enc.encode(walk.next(), i * 40);
      expect(f.type).toBe('intra');
      const payloadBytes = Math.ceil(bits / 8);
      // sequence, keyframe id, timestamp: the payload itself is the bit-packed values
      expect(f.bytes.length).toBeGreaterThanOrEqual(payloadBytes + 2);
      expect(f.bytes.length).toBeLessThanOrEqual(payloadBytes + 14);
      expectSameValues(dec.decode(f.bytes).values, f.reconstructed);
    }
  });

  it('refuses NaN values at the sender', () => {
    const profile = makeProfile();
    const { walk, enc } = setup(profile);
    const v = walk.next();
    v.expression[2] = NaN;
    expect(() => enc.encode(v, 0)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
