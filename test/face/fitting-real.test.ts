// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * Fitting on real tracked frames: 30 frames of 2 clips from ../shared/clips (which the built-in model was built from)
 * and 2 from ../shared/clips-train (faces it has never seen), built-in model (dense) and FLAME (68 landmarks).
 */
import path from 'node:path';
import { loadBuiltinFaceModel, landmarks68FromMediapipe } from '../../src/face/builtin/index.js';
import { loadFlameModel, makeSyntheticExpressionBasis, readFlameNpzSet } from '../../src/face/flame/index.js';
import { fitFrame, fitIdentity, type FaceObservation, type FrameFit } from '../../src/face/fitting/index.js';
import { FaceLandmarker, FaceTracker } from '../../src/face/landmarks/index.js';
import type { FaceModel } from '../../src/face/face-model.js';
import { projectPoints } from '../../src/face/projection.js';
import { readVideoFrames } from '../../src/media/index.js';
import { sharedDir as sharedDataDir } from '../../src/paths.js';

const shared = sharedDataDir();
const CROP_PX = 256;
const clips = ['clips/liveportrait_d18.mp4', 'clips/retalking_1.mp4', 'clips-train/lia_vox_driving1.mp4', 'clips-train/icpr2020dfdc_ffpp_original_519.mp4'];
const meshes = new Map<string, Float32Array[]>();
/**
 * Mean 68-landmark reprojection error observed (px at the 256 px crop); a test allows 25% more. The built-in model
 * fits its own training clips 2-3x closer than unseen faces; FLAME's expression basis is synthetic, hence its larger
 * errors, worst on lia_vox_driving1's wide mouth movements.
 */
const OBSERVED_PX: Record<string, { builtin: number; flame: number }> = {
  'clips/liveportrait_d18.mp4': { builtin: 0.24, flame: 1.22 },
  'clips/retalking_1.mp4': { builtin: 0.2, flame: 0.73 },
  'clips-train/lia_vox_driving1.mp4': { builtin: 0.62, flame: 2.46 },
  'clips-train/icpr2020dfdc_ffpp_original_519.mp4': { builtin: 0.33, flame: 0.72 },
};

/** The tracker's meshes mapped into the 256-px crop (as the encoder does). */
beforeAll(async () => {
  const landmarker = await FaceLandmarker.create();
  for (const clip of clips) {
    const tracker = new FaceTracker(landmarker);
    const out: Float32Array[] = [];
    for await (const frame of readVideoFrames(path.join(shared, clip), { maxFrames: 30 })) {
      const r = await tracker.track(frame);
      if (!r.mesh || !r.cropRect) continue;
      const { x, y, size } = r.cropRect;
      const k = CROP_PX / size;
      out.push(Float32Array.from(r.mesh.points, (v, i) => (i % 3 === 0 ? (v - x) * k : i % 3 === 1 ? (v - y) * k : v * k)));
    }
    meshes.set(clip, out);
  }
  landmarker.close();
}, 120_000);

/** Mean 2D distance (px) between the fitted model's 68 landmarks and the detector's, per frame. */
function landmarkErrorPx(model: FaceModel, fit: FrameFit, mesh: Float32Array): number {
  const det = landmarks68FromMediapipe(mesh);
  const proj = projectPoints(model.landmarks68(fit.params), fit.pose);
  let sum = 0;
  for (let i = 0; i < 68; i++) sum += Math.hypot(proj[3 * i] - det[3 * i], proj[3 * i + 1] - det[3 * i + 1]);
  return sum / 68;
}

function track(model: FaceModel, frames: Float32Array[]): number {
  const obs = (m: Float32Array): FaceObservation => ({ kind: 'mesh468', pointsPx: m });
  const { shape } = fitIdentity(model, [obs(frames[0]), obs(frames[Math.floor(frames.length / 2)])]);
  let prev: FrameFit | undefined;
  let total = 0;
  for (const m of frames) {
    prev = fitFrame(model, obs(m), { shape, previous: prev });
    total += landmarkErrorPx(model, prev, m);
  }
  return total / frames.length;
}

test.each(clips)('built-in model follows the detector on %s', (clip) => {
  const frames = meshes.get(clip)!;
  expect(frames.length).toBeGreaterThanOrEqual(28);
  const err = track(loadBuiltinFaceModel(), frames);
  console.log(`${clip}: built-in mean 68-landmark reprojection error ${err.toFixed(2)} px at ${CROP_PX} px crop`);
  // The clips/ ones are in the model's training set: they guard the fitter; the clips-train/ ones, the model on
  // faces it has not seen.
  expect(err).toBeLessThan(OBSERVED_PX[clip].builtin * 1.25);
});

test.each(clips)('FLAME (synthetic expression basis) follows the detector on %s', async (clip) => {
  const folder = path.join(shared, 'assets', 'flame');
  const data = await readFlameNpzSet(folder);
  const flame = await loadFlameModel({ folder }, { expressionBasis: makeSyntheticExpressionBasis(data.vTemplate, 50, 7), expressionBasisIsSynthetic: true });
  const err = track(flame, meshes.get(clip)!);
  console.log(`${clip}: FLAME mean 68-landmark reprojection error ${err.toFixed(2)} px at ${CROP_PX} px crop`);
  expect(err).toBeLessThan(OBSERVED_PX[clip].flame * 1.25);
});
