// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { createFitter } from '../../src/codec.js';
import { ControlsError, REENACT_KEYFRAME_POLICY, RelativeMotion, RelativeMotionFitter } from '../../src/controls/index.js';
import { Encoder, type EncoderOutput } from '../../src/encoder/encoder.js';
import type { FrameFit } from '../../src/encoder/face-fitter.js';
import type { FaceModel } from '../../src/face/face-model.js';
import { FaceLandmarker, FaceTracker } from '../../src/face/landmarks/index.js';
import { axisAngleToMatrix } from '../../src/face/rotation.js';
import { readImage, type RgbImage } from '../../src/media/index.js';
import { fitClip, still } from './real-fits.js';

let model: FaceModel;
let frames: RgbImage[];
let fits: FrameFit[];

beforeAll(async () => {
  ({ model, frames, fits } = await fitClip('liveportrait_d18.mp4', 16, 10));
}, 60000);

const angleDeg = (a: Float32Array, b: Float32Array) => {
  const ra = axisAngleToMatrix(a), rb = axisAngleToMatrix(b);
  let tr = 0;
  for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) tr += ra[i * 3 + k] * rb[i * 3 + k];
  return (Math.acos(Math.min(1, Math.max(-1, (tr - 1) / 2))) * 180) / Math.PI;
};
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

async function encodeFits(encoder: Encoder, images: RgbImage[], firstMs = 0): Promise<FrameFit[]> {
  const out: FrameFit[] = [];
  for (let i = 0; i < images.length; i++) {
    const o: EncoderOutput[] = await encoder.encode(images[i], firstMs + i * 100);
    const f = o.find((x) => x.type === 'frame');
    if (f?.type === 'frame') out.push(f.fit);
  }
  return out;
}

describe('RelativeMotion', () => {
  it('with the source as the driver reference reproduces the driver frames', () => {
    const motion = new RelativeMotion(fits[0], fits[0]);
    for (const f of fits) {
      const t = motion.transfer(f);
      expect(maxDiff(t.params.expression, f.params.expression)).toBeLessThan(1e-5);
      expect(angleDeg(t.pose.rotationRad, f.pose.rotationRad)).toBeLessThan(1e-3);
      expect(maxDiff(t.pose.translationPx, f.pose.translationPx)).toBeLessThan(1e-3);
      expect(t.pose.pixelsPerMm).toBeCloseTo(f.pose.pixelsPerMm, 5);
    }
  });

  it('moves another face by the driver change only: expression delta, relative rotation, size-scaled translation', () => {
    const source: FrameFit = {
      ...fits[0],
      params: { ...fits[0].params, expression: fits[0].params.expression.map((v) => v * 0.3 + 0.5) },
      pose: { rotationRad: Float32Array.from([0.05, -0.2, 0.02]), translationPx: Float32Array.from([100, 140]), pixelsPerMm: fits[0].pose.pixelsPerMm * 2 },
    };
    const motion = new RelativeMotion(source, fits[0]);
    const last = fits[fits.length - 1];
    const t = motion.transfer(last);
    for (let j = 0; j < t.params.expression.length; j++) {
      expect(t.params.expression[j] - source.params.expression[j]).toBeCloseTo(last.params.expression[j] - fits[0].params.expression[j], 4);
    }
    // the head turns by the same angle as the driver's
    expect(angleDeg(t.pose.rotationRad, source.pose.rotationRad)).toBeCloseTo(angleDeg(last.pose.rotationRad, fits[0].pose.rotationRad), 2);
    expect(t.pose.translationPx[0] - 100).toBeCloseTo(2 * (last.pose.translationPx[0] - fits[0].pose.translationPx[0]), 2);
    expect(t.pose.pixelsPerMm / source.pose.pixelsPerMm).toBeCloseTo(last.pose.pixelsPerMm / fits[0].pose.pixelsPerMm, 5);
    expect(() => new RelativeMotion(source, fits[0], { expressionGain: Number.NaN })).toThrow(ControlsError);
  });
});

describe('RelativeMotionFitter in the Encoder', () => {
  it('a driver identical to the source reproduces the source clip\'s own motion', async () => {
    const landmarker = await FaceLandmarker.create();
    try {
      // Reenactment never aligns texture (the driver's frames hold none of the source's), so neither does the reference.
      const plain = new Encoder({ model, fitter: createFitter(model), tracker: new FaceTracker(landmarker, { fps: 10 }), frameRateHz: 10, smoothing: false, keyframePolicy: REENACT_KEYFRAME_POLICY, textureAlignment: false });
      const own = await encodeFits(plain, frames);
      const tracker = new FaceTracker(landmarker, { fps: 10 });
      const relative = new Encoder({ model, fitter: new RelativeMotionFitter(createFitter(model)), tracker, frameRateHz: 10, smoothing: false, keyframePolicy: REENACT_KEYFRAME_POLICY });
      await encodeFits(relative, frames.slice(0, 1)); // the source portrait: the clip's first frame
      tracker.reset();
      const driven = await encodeFits(relative, frames, 100);
      expect(driven.length).toBe(own.length);
      let motion = 0;
      for (let i = 0; i < own.length; i++) {
        expect(angleDeg(driven[i].pose.rotationRad, own[i].pose.rotationRad)).toBeLessThan(1);
        expect(maxDiff(driven[i].pose.translationPx, own[i].pose.translationPx)).toBeLessThan(2);
        expect(maxDiff(driven[i].params.expression, own[i].params.expression)).toBeLessThan(0.25);
        motion = Math.max(motion, angleDeg(own[i].pose.rotationRad, own[0].pose.rotationRad), maxDiff(own[i].params.expression, own[0].params.expression));
      }
      expect(motion).toBeGreaterThan(1); // the clip moves, so matching it is not trivial
    } finally {
      landmarker.close();
    }
  });

  it('keeps the source identity and refuses a keyframe from the driver', async () => {
    const landmarker = await FaceLandmarker.create();
    try {
      const fitter = new RelativeMotionFitter(createFitter(model));
      const tracker = new FaceTracker(landmarker, { fps: 10 });
      const encoder = new Encoder({ model, fitter, tracker, frameRateHz: 10, smoothing: false, keyframePolicy: REENACT_KEYFRAME_POLICY });
      const [source] = await encodeFits(encoder, [await readImage(still('liveportrait_d9.jpg'))]);
      tracker.reset();
      const driven = await encodeFits(encoder, frames.slice(0, 4), 100);
      expect(driven.length).toBe(4);
      for (const d of driven) expect(d.params.shape).toBe(driven[0].params.shape);
      expect(maxDiff(driven[0].params.shape, source.params.shape)).toBe(0);
      // the first driver frame is the reference: the output starts exactly at the source
      expect(maxDiff(driven[0].params.expression, source.params.expression)).toBeLessThan(1e-5);
      expect(maxDiff(fitter.lastDriverFit!.params.shape, source.params.shape)).toBeGreaterThan(0.1);
      encoder.requestKeyframe('test');
      await expect(encoder.encode(frames[5], 1000)).rejects.toMatchObject({ code: 'CONTROLS_BAD_ARGUMENT' });
    } finally {
      landmarker.close();
    }
  });
});
