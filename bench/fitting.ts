/** Benchmark: ms per frame of fitFrame (warm-started, as in the encoder) for the built-in model (dense 468 points, and 68 landmarks) and FLAME (68 landmarks). */
import '../src/node/index.js';
import path from 'node:path';
import { neutralParams, type FaceModel } from '../src/face/face-model.js';
import { loadBuiltinFaceModel } from '../src/face/builtin/index.js';
import { loadFlameModel, makeSyntheticExpressionBasis, readFlameNpzSet } from '../src/face/flame/index.js';
import { fitFrame, type FaceObservation, type FrameFit } from '../src/face/fitting/index.js';
import { projectPoints } from '../src/face/projection.js';
import { sharedDir as sharedDataDir } from '../src/paths.js';

const shared = sharedDataDir();
const FRAMES = 300;

let seed = 7;
const u = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
const g = () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());

/** A smooth synthetic sequence (expression and pose drift), observed with 1 px noise. */
function sequence(model: FaceModel, kind: FaceObservation['kind']): { shape: Float32Array; obs: FaceObservation[] } {
  const p = neutralParams(model);
  for (let k = 0; k < model.shapeDims; k++) p.shape[k] = g();
  const obs: FaceObservation[] = [];
  for (let f = 0; f < FRAMES; f++) {
    for (let k = 0; k < model.expressionDims; k++) p.expression[k] = Math.sin(0.05 * f + k);
    if (model.hasJaw) p.jawRad[0] = 0.1 + 0.1 * Math.sin(0.2 * f);
    const pose = { rotationRad: Float32Array.from([0.1 * Math.sin(0.03 * f), 0.2 * Math.sin(0.02 * f), 0]), translationPx: Float32Array.from([128, 124]), pixelsPerMm: 1.1 };
    const proj = projectPoints(kind === 'mesh468' ? model.mesh(p) : model.landmarks68(p), pose);
    const n = proj.length / 3;
    const pts = new Float32Array(kind === 'mesh468' ? n * 3 : n * 2);
    for (let i = 0; i < n; i++) {
      if (kind === 'mesh468') pts.set([proj[3 * i] + g(), proj[3 * i + 1] + g(), -proj[3 * i + 2] + g()], 3 * i);
      else pts.set([proj[3 * i] + g(), proj[3 * i + 1] + g()], 2 * i);
    }
    obs.push({ kind, pointsPx: pts });
  }
  return { shape: p.shape, obs };
}

function run(model: FaceModel, kind: FaceObservation['kind']): { msPerFrame: number; meanRmsErrorPx: number } {
  const { shape, obs } = sequence(model, kind);
  fitFrame(model, obs[0], { shape }); // set-up of the per-identity fitter, not per frame
  let prev: FrameFit | undefined;
  let rms = 0;
  const t0 = performance.now();
  for (const o of obs) {
    prev = fitFrame(model, o, { shape, previous: prev });
    rms += prev.rmsErrorPx;
  }
  return { msPerFrame: (performance.now() - t0) / FRAMES, meanRmsErrorPx: rms / FRAMES };
}

const builtin = loadBuiltinFaceModel();
const folder = path.join(shared, 'assets', 'flame');
const data = await readFlameNpzSet(folder);
const flame = await loadFlameModel({ folder }, { expressionBasis: makeSyntheticExpressionBasis(data.vTemplate, 50, 7), expressionBasisIsSynthetic: true });
const result = {
  bench: 'fitting',
  frames: FRAMES,
  builtinDense468: run(builtin, 'mesh468'),
  builtinLandmarks68: run(builtin, 'landmarks68'),
  flameLandmarks68: run(flame, 'landmarks68'),
};
for (const [k, v] of Object.entries(result)) if (typeof v === 'object') console.log(`${k}: ${v.msPerFrame.toFixed(2)} ms/frame, rms ${v.meanRmsErrorPx.toFixed(2)} px`);
console.log(JSON.stringify(result));
