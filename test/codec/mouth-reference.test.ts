// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * Mouth references: the sender sends one view of the open mouth per keyframe when it first opens wide, the message
 * survives the wire or is refused whole, and the renderer draws the mouth interior from it instead of a synthetic one.
 */
import { BitstreamError, decodeMessage, encodeMessage, type MouthReferenceMessage } from '../../src/bitstream/index.js';
import { roundtrip } from '../../src/cli/roundtrip.js';
import { paintMouthFromReference } from '../../src/decoder/renderers/index.js';
import { createRgbImage } from '../../src/media/rgb-image.js';
import { clip } from './shared-paths.js';

describe('mouth reference messages', () => {
  const mouth: MouthReferenceMessage = {
    keyframeId: 3, format: 'jpeg', image: Uint8Array.of(0xff, 0xd8, 1, 2), x: 90, y: 160, width: 60, height: 30,
    innerLip: Float32Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 100 + i : 170 + (i % 7))),
  };

  it('round-trip through the envelope', () => {
    const back = decodeMessage(encodeMessage({ type: 'mouth-reference', mouth }));
    expect(back.type).toBe('mouth-reference');
    if (back.type !== 'mouth-reference') return;
    expect({ ...back.mouth, image: Array.from(back.mouth.image), innerLip: Array.from(back.mouth.innerLip) })
      .toEqual({ ...mouth, image: Array.from(mouth.image), innerLip: Array.from(mouth.innerLip) });
  });

  it('refuse what no mouth reference can be, with a typed error', () => {
    for (const bad of [
      { ...mouth, image: new Uint8Array(0) },
      { ...mouth, width: 2 },
      { ...mouth, innerLip: Float32Array.of(1, 2, 3) },
      { ...mouth, innerLip: Float32Array.of(1, 2, 3, NaN, 5, 6) },
    ]) {
      expect(() => encodeMessage({ type: 'mouth-reference', mouth: bad })).toThrow(BitstreamError);
    }
  });
});

describe('paintMouthFromReference', () => {
  it('maps the reference\'s inner lip onto the target\'s, triangle by triangle', () => {
    // Reference: a 40x20 image, left half red, right half blue; its inner lip a diamond over all of it.
    const ref = createRgbImage(40, 20);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 40; x++) ref.data.set(x < 20 ? [250, 0, 0] : [0, 0, 250], (y * 40 + x) * 3);
    const refLip = Float32Array.of(2, 10, 20, 1, 38, 10, 20, 19);
    // Target: the same diamond, twice as large and moved, in a grey image.
    const out = createRgbImage(128, 128);
    out.data.fill(128);
    const vertices = Float32Array.of(20, 60, 0, 56, 42, 0, 92, 60, 0, 56, 78, 0);
    paintMouthFromReference(out, vertices, Uint32Array.of(0, 1, 2, 3), 1, { image: ref, innerLip: refLip });
    const at = (x: number, y: number) => Array.from(out.data.subarray((y * 128 + x) * 3, (y * 128 + x) * 3 + 3));
    expect(at(40, 60)).toEqual([250, 0, 0]); // left of the target's middle: the reference's left half
    expect(at(72, 60)).toEqual([0, 0, 250]);
    expect(at(5, 5)).toEqual([128, 128, 128]); // outside the polygon: untouched
    // A reference with the wrong number of points is ignored, not misread.
    const before = Uint8Array.from(out.data);
    paintMouthFromReference(out, vertices, Uint32Array.of(0, 1, 2, 3), 1, { image: ref, innerLip: refLip.subarray(0, 6) });
    expect(Buffer.compare(Buffer.from(before), Buffer.from(out.data))).toBe(0);
  });
});

describe('mouth references through the codec', () => {
  it('one reference of the open mouth per keyframe at the budget, counted in the rate, and it changes the mouth', async () => {
    const frames: Uint8Array[] = [];
    const plain: Uint8Array[] = [];
    const withRef = await roundtrip({
      input: clip('liveportrait_d10.mp4'), maxFrames: 50, progress: false, encoder: { mouthReferenceBytes: 600 },
      onFrame: (_i, img) => void frames.push(Uint8Array.from(img.data)),
    });
    const without = await roundtrip({
      input: clip('liveportrait_d10.mp4'), maxFrames: 50, progress: false,
      onFrame: (_i, img) => void plain.push(Uint8Array.from(img.data)),
    });
    // This clip opens its mouth wide once in its first 2 s: one reference (measured 767 B as a message).
    expect(withRef.mouthReferences).toBe(1);
    expect(without.mouthReferences).toBe(0);
    const extra = withRef.keyframeBytes - without.keyframeBytes;
    expect(extra).toBeGreaterThan(300);
    expect(extra).toBeLessThan(900);
    // The frames are the same until the mouth opens (frame 4 here); after the reference they differ (the mouth interior).
    expect(Buffer.compare(Buffer.from(frames[1]), Buffer.from(plain[1]))).toBe(0);
    expect(frames.some((f, i) => Buffer.compare(Buffer.from(f), Buffer.from(plain[i])) !== 0)).toBe(true);
  }, 120_000);
});
