/**
 * Lids and gaze through the real mesh-warp face renderer and the built-in model: a synthetic keyframe with white eyes
 * and dark irises drawn where the model's eye openings project; the frame's eye state must move them as stated.
 */
import { MeshWarpFaceRenderer } from '../../src/decoder/mesh-warp-face-renderer.js';
import { buildEyeRig, rigAperture, rigEyeFrame } from '../../src/decoder/renderers/index.js';
import { loadBuiltinFaceModel } from '../../src/face/builtin/index.js';
import { EYE_STATE_LENGTH, IRIS_RADIUS_PER_EYE_WIDTH, eyeAperture, irisOffset, measureEyeState } from '../../src/face/eye-state.js';
import { neutralParams, type HeadPose } from '../../src/face/face-model.js';
import { projectPoints } from '../../src/face/projection.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';

const model = loadBuiltinFaceModel();
const params = neutralParams(model);
const pose: HeadPose = { rotationRad: new Float32Array(3), translationPx: Float32Array.of(128, 128), pixelsPerMm: 1.3 };
const vertices = projectPoints(model.mesh(params), pose);
const SKIN = [190, 140, 110], SCLERA = [245, 245, 245], IRIS = [20, 40, 90];

function inPolygon(v: Float32Array, loop: Uint32Array, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = loop.length - 1; i < loop.length; j = i++) {
    const xi = v[loop[i] * 3], yi = v[loop[i] * 3 + 1], xj = v[loop[j] * 3], yj = v[loop[j] * 3 + 1];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const eyes = model.eyeLoops!.map((loop) => {
  const rig = buildEyeRig(loop, model.triangles, vertices)!;
  const frame = rigEyeFrame(rig, vertices);
  const centre = { x: frame.leftX + (frame.ux * frame.width) / 2, y: frame.leftY + (frame.uy * frame.width) / 2 };
  return { loop, rig, frame, centre, radius: IRIS_RADIUS_PER_EYE_WIDTH * frame.width };
});

/** Skin, with sclera inside each eye opening and an iris disc at the eye's centre (gaze 0, 0). */
function syntheticKeyframe(): RgbImage {
  const img = createRgbImage(256, 256);
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      let c = SKIN;
      for (const e of eyes) {
        if (!inPolygon(vertices, e.loop, x + 0.5, y + 0.5)) continue;
        c = Math.hypot(x + 0.5 - e.centre.x, y + 0.5 - e.centre.y) < e.radius ? IRIS : SCLERA;
      }
      img.data.set(c, (y * 256 + x) * 3);
    }
  }
  return img;
}

const keyframeImage = syntheticKeyframe();
const apertures = eyes.map((e) => rigAperture(e.rig, vertices));

function render(eyeState: Float32Array): RgbImage {
  const renderer = new MeshWarpFaceRenderer();
  renderer.setKeyframe({
    image: keyframeImage, model, params, pose, keypoints68Mm: model.landmarks68(params),
    eyeState: Float32Array.of(apertures[0], apertures[1], 0, 0),
  });
  const out = createRgbImage(256, 256);
  renderer.render({ params, pose, keypointsMm: new Float32Array(0), landmarkIds: [], receivedExpressionDims: 0, eyeState }, out);
  renderer.close();
  return out;
}

/** Pixels near a colour within each eye's neighbourhood (a box of twice the eye's width), with their centroid. */
function colourIn(img: RgbImage, eye: (typeof eyes)[number], colour: number[]) {
  let n = 0, sx = 0, sy = 0;
  const half = eye.frame.width;
  for (let y = Math.floor(eye.centre.y - half); y < eye.centre.y + half; y++) {
    for (let x = Math.floor(eye.centre.x - half); x < eye.centre.x + half; x++) {
      const o = (y * 256 + x) * 3;
      if (Math.abs(img.data[o] - colour[0]) + Math.abs(img.data[o + 1] - colour[1]) + Math.abs(img.data[o + 2] - colour[2]) > 60) continue;
      n++;
      sx += x + 0.5;
      sy += y + 0.5;
    }
  }
  return { n, x: sx / n, y: sy / n };
}

describe('eye state measures', () => {
  // A 30 px wide eye, 8 px open in the middle, as the iris network orders its contour.
  const contour = new Float32Array(2 * 16 * 3);
  const lid = (e: number, k: number, x: number, y: number) => contour.set([x, y, 0], (e * 16 + k) * 3);
  for (let e = 0; e < 2; e++) {
    const x0 = e === 0 ? 100 : 160; // inner corner of the right eye on the image left... any order works
    for (let k = 0; k <= 8; k++) lid(e, k, x0 + (30 * k) / 8, 50 + 4 * Math.sin((Math.PI * k) / 8));
    for (let k = 1; k <= 7; k++) lid(e, 8 + k, x0 + (30 * k) / 8, 50 - 4 * Math.sin((Math.PI * k) / 8));
  }

  it('aperture is the opening area over the squared width, and gaze the iris offset in eye widths', () => {
    // Area of two sine lobes of height 4 over 30 px, sampled at 8 segments: close to 2 * 4 * 30 * 2 / pi.
    expect(eyeAperture(contour, 0)).toBeCloseTo((2 * 4 * 30 * 2) / Math.PI / 900, 1);
    expect(irisOffset(contour, 0, 115 + 3, 50 - 1.5)).toEqual([expect.closeTo(0.1, 6), expect.closeTo(-0.05, 6)]);
    const iris = new Float32Array(30);
    iris.set([115 + 3, 50 - 1.5, 0], 0);
    iris.set([175 + 3, 50 - 1.5, 0], 15);
    const s = measureEyeState(contour, iris);
    expect(s).toHaveLength(EYE_STATE_LENGTH);
    expect(s[2]).toBeCloseTo(0.1, 5);
    expect(s[3]).toBeCloseTo(-0.05, 5);
  });
});

describe('MeshWarpFaceRenderer eyes', () => {
  it('draws the keyframe as it is when the eye state is the keyframe\'s', () => {
    const out = render(Float32Array.of(apertures[0], apertures[1], 0, 0));
    for (const e of eyes) {
      const iris = colourIn(out, e, IRIS), before = colourIn(keyframeImage, e, IRIS);
      expect(Math.hypot(iris.x - before.x, iris.y - before.y)).toBeLessThan(0.5);
      expect(Math.abs(iris.n - before.n)).toBeLessThan(0.1 * before.n);
    }
  });

  it('a gaze change moves the rendered iris to where the eye state puts it', () => {
    const [gx, gy] = [0.15, 0.02];
    const out = render(Float32Array.of(apertures[0], apertures[1], gx, gy));
    for (const e of eyes) {
      // Where the projection puts the iris centre, relative to the keyframe's (the lids clip both discs alike).
      const shift = { x: e.frame.width * (gx * e.frame.ux - gy * e.frame.uy), y: e.frame.width * (gx * e.frame.uy + gy * e.frame.ux) };
      const iris = colourIn(out, e, IRIS), before = colourIn(keyframeImage, e, IRIS);
      expect(Math.hypot(iris.x - before.x - shift.x, iris.y - before.y - shift.y)).toBeLessThan(1);
      expect(Math.hypot(iris.x - before.x, iris.y - before.y)).toBeGreaterThan(4.5);
      // Where the iris was, sclera now.
      expect(colourIn(out, e, SCLERA).n).toBeGreaterThan(20);
    }
  });

  it('a blink closes the rendered lids; wider eyes show more eye', () => {
    const open = render(Float32Array.of(apertures[0], apertures[1], 0, 0));
    const shut = render(Float32Array.of(0, 0, 0, 0));
    const wide = render(Float32Array.of(apertures[0] * 1.5, apertures[1] * 1.5, 0, 0));
    for (const e of eyes) {
      const eyePixels = (img: RgbImage) => colourIn(img, e, SCLERA).n + colourIn(img, e, IRIS).n;
      expect(eyePixels(open)).toBeGreaterThan(100);
      expect(eyePixels(shut)).toBeLessThan(0.03 * eyePixels(open));
      expect(eyePixels(wide)).toBeGreaterThan(1.1 * eyePixels(open));
    }
  });
});
