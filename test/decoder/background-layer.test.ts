/**
 * Person and background layers: the coded person matte, the background plate, and the mesh-warp face renderer keeping
 * a straight background edge straight while the head turns 15 degrees.
 */
import { BitstreamError, decodeMessage, decodePersonMatte, encodeMessage, encodePersonMatte, matteAlpha, type KeyframeMessage } from '../../src/bitstream/index.js';
import { MeshWarpFaceRenderer } from '../../src/decoder/mesh-warp-face-renderer.js';
import { backgroundPlate, RendererError } from '../../src/decoder/renderers/index.js';
import { loadBuiltinFaceModel } from '../../src/face/builtin/index.js';
import { neutralParams, type HeadPose } from '../../src/face/face-model.js';
import { PersonSegmenter } from '../../src/face/landmarks/person-segmenter.js';
import { cropResize, readImage } from '../../src/media/index.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';

const SIDE = 256;
/** The person: an ellipse around the face and a torso below it. */
const isPerson = (x: number, y: number) => ((x - 128) / 62) ** 2 + ((y - 118) / 88) ** 2 < 1 || (y > 205 && Math.abs(x - 128) < 80);
/** Vertical stripes 10 px wide: an edge every 10 px. */
const stripe = (x: number) => (Math.floor(x / 10) % 2 === 0 ? 40 : 220);

function personMatte(): Float32Array {
  const m = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) m[y * SIDE + x] = isPerson(x + 0.5, y + 0.5) ? 1 : 0;
  return m;
}

function keyframeImage(): RgbImage {
  const img = createRgbImage(SIDE, SIDE);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      // The person is textured too, so a misplaced person pixel shows.
      const c = isPerson(x + 0.5, y + 0.5) ? [200, 150 + ((x * 7 + y * 3) % 40), 120] : [stripe(x), stripe(x), stripe(x)];
      img.data.set(c, (y * SIDE + x) * 3);
    }
  }
  return img;
}

describe('person matte coding', () => {
  it('round-trips a face-and-shoulders matte in a couple of hundred bytes', () => {
    const bytes = encodePersonMatte(personMatte(), SIDE, SIDE);
    expect(bytes.length).toBeLessThan(300);
    const grid = decodePersonMatte(bytes);
    expect([grid.width, grid.height]).toEqual([64, 64]);
    let wrong = 0;
    for (let gy = 0; gy < 64; gy++) for (let gx = 0; gx < 64; gx++) if (grid.cells[gy * 64 + gx] !== (isPerson(gx * 4 + 2, gy * 4 + 2) ? 1 : 0)) wrong++;
    // Only cells the outline cuts can differ from their centre's side.
    expect(wrong).toBeLessThan(40);
    const alpha = matteAlpha(grid, SIDE, SIDE);
    expect(alpha[118 * SIDE + 128]).toBe(1);
    expect(alpha[10 * SIDE + 10]).toBe(0);
  });

  it('refuses malformed mattes with a typed error, and a keyframe message carrying one', () => {
    const bytes = encodePersonMatte(personMatte(), SIDE, SIDE);
    for (const bad of [bytes.subarray(0, bytes.length - 1), Uint8Array.from([...bytes, 0]), Uint8Array.of(2, 1, 3), Uint8Array.of(0, 4, 0), new Uint8Array(0)]) {
      expect(() => decodePersonMatte(bad)).toThrow(BitstreamError);
    }
    const keyframe: KeyframeMessage = {
      id: 1, width: 256, height: 256, format: 'jpeg', image: Uint8Array.of(1, 2, 3), timestampMs: 0,
      params: { shape: new Float32Array(4), expression: new Float32Array(4), jawRad: new Float32Array(3), eyesRad: new Float32Array(6), rotationRad: new Float32Array(3), translationPx: Float32Array.of(128, 128), scalePxPerMm: 1 },
    };
    const back = decodeMessage(encodeMessage({ type: 'keyframe', keyframe: { ...keyframe, personMatte: bytes } }));
    expect(back.type === 'keyframe' && Array.from(back.keyframe.personMatte!)).toEqual(Array.from(bytes));
    expect(() => encodeMessage({ type: 'keyframe', keyframe: { ...keyframe, personMatte: Uint8Array.of(2, 1, 3) } })).toThrow(BitstreamError);
  });
});

describe('PersonSegmenter (MediaPipe selfie segmentation, shipped in models/selfie-segmentation)', () => {
  it('finds the person in the built-in sample portrait', async () => {
    const segmenter = await PersonSegmenter.create();
    const portrait = await readImage('assets/sample/astronaut-face.jpg');
    const square = cropResize(portrait, { x: 0, y: 0, width: portrait.width, height: portrait.height }, SIDE, SIDE);
    const alpha = await segmenter.matte(square);
    segmenter.close();
    expect(alpha).toHaveLength(SIDE * SIDE);
    // The face in the middle is the person; the top corners are the studio backdrop.
    expect(alpha[128 * SIDE + 128]).toBeGreaterThan(0.9);
    expect(alpha[4 * SIDE + 4]).toBeLessThan(0.1);
    expect(alpha[4 * SIDE + SIDE - 5]).toBeLessThan(0.1);
    const bytes = encodePersonMatte(alpha, SIDE, SIDE);
    expect(bytes.length).toBeLessThan(400);
  });
});

describe('background plate', () => {
  it('keeps the background and fills the person with background colours', () => {
    const image = keyframeImage();
    const plate = backgroundPlate(image, personMatte());
    // Far from the person: the keyframe itself.
    expect(Array.from(plate.data.subarray((10 * SIDE + 5) * 3, (10 * SIDE + 5) * 3 + 3))).toEqual([40, 40, 40]);
    // Inside the person: a grey between the stripes' levels, no skin colour (red = green = blue).
    const o = (118 * SIDE + 128) * 3;
    expect(Math.abs(plate.data[o] - plate.data[o + 1])).toBeLessThanOrEqual(1);
    expect(plate.data[o]).toBeGreaterThan(60);
    expect(plate.data[o]).toBeLessThan(200);
  });
});

describe('MeshWarpFaceRenderer with a person matte', () => {
  const model = loadBuiltinFaceModel();
  const params = neutralParams(model);
  const front: HeadPose = { rotationRad: new Float32Array(3), translationPx: Float32Array.of(128, 118), pixelsPerMm: 0.85 };
  const turned: HeadPose = { ...front, rotationRad: Float32Array.of(0, (15 * Math.PI) / 180, 0) };
  const image = keyframeImage();
  const matte = matteAlpha(decodePersonMatte(encodePersonMatte(personMatte(), SIDE, SIDE)), SIDE, SIDE);

  function render(withMatte: boolean, headMotion: 'outline' | 'face-similarity' = 'outline'): RgbImage {
    const renderer = new MeshWarpFaceRenderer({}, headMotion);
    renderer.setKeyframe({ image, model, params, pose: front, keypoints68Mm: model.landmarks68(params), ...(withMatte ? { personMatte: matte } : {}) });
    const out = createRgbImage(SIDE, SIDE);
    renderer.render({ params, pose: turned, keypointsMm: new Float32Array(0), landmarkIds: [], receivedExpressionDims: 0 }, out);
    renderer.close();
    return out;
  }

  /** Largest shift over rows 8..199 (beside the head, above the shoulders) of the stripe edge at `edge`, px. */
  function edgeShift(out: RgbImage, edge: number): number {
    let worst = 0;
    const mid = (40 + 220) / 2;
    for (let y = 8; y < 200; y++) {
      const at = (x: number) => out.data[(y * SIDE + x) * 3];
      let found = NaN;
      for (let x = edge - 6; x < edge + 6; x++) {
        if ((at(x) - mid) * (at(x + 1) - mid) <= 0 && at(x) !== at(x + 1)) {
          found = x + 0.5 + (mid - at(x)) / (at(x + 1) - at(x));
          break;
        }
      }
      // No edge near its place at all counts as bent too.
      worst = Math.max(worst, Number.isFinite(found) ? Math.abs(found - edge) : 6);
    }
    return worst;
  }

  // Edges beside the head that it never passes over: 26..36 px from its outline (it moves about 10 px).
  const edges = [30, 40, 220, 230];

  /** Per row, the largest channel difference between two renders. */
  const diffRows = (a: RgbImage, b: RgbImage) =>
    Array.from({ length: SIDE }, (_, y) => {
      let worst = 0;
      for (let i = y * SIDE * 3; i < (y + 1) * SIDE * 3; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
      return worst;
    });

  it('a straight background edge stays straight (within 1 px) under a 15 degree head turn', () => {
    const out = render(true);
    for (const edge of edges) expect(edgeShift(out, edge)).toBeLessThanOrEqual(1);
  });

  it('without the matte the same edges bend (what the layers fix)', () => {
    const out = render(false);
    expect(Math.max(...edges.map((e) => edgeShift(out, e)))).toBeGreaterThan(2);
  });

  it('keeps the renderer before the outline motion for comparisons (edges straight too), and refuses an unknown one', () => {
    const out = render(true, 'face-similarity');
    for (const edge of edges) expect(edgeShift(out, edge)).toBeLessThanOrEqual(1);
    expect(Math.max(...diffRows(out, render(true)))).toBeGreaterThan(20);
    expect(() => new MeshWarpFaceRenderer({}, 'sideways' as 'outline')).toThrow(RendererError);
  });
});
