/**
 * How well built-in face models fit people they were not built from: the evaluation identities of
 * training/identity-split.json, tracked with the SDK's MediaPipe tracker, fitted as the encoder fits (identity on the
 * first frame, then expression and pose per frame, warm-started), in a fixed 256 px crop around the first face.
 *
 * For each model and each expression size n (0, 10, 25, 50): the dense 468-point RMS error, the 68-landmark
 * reprojection error (the model's iBUG-68 points projected with the fitted pose against the same 68 points taken off
 * the tracked mesh by the model's own barycentric table; the tables differ a little between models, so the dense
 * error, on the same 468 tracked vertices for every model, is the like-for-like one), and the share of the per-frame deformation explained,
 * 1 - mse(n) / mse(0) of the dense fit (0: identity and pose only).
 *
 *   npx tsx scripts/face-model-fit.ts [--models models/builtin-face-v1.bin,models/builtin-face-v2.bin]
 *     [--max-frames 300] [--frame-step 2] [--cache DIR] [--out bench/results/face-model/fit.json]
 *
 * Prints one JSON line last.
 */
import '../src/node/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { BuiltinFaceModel, loadBuiltinFaceModel } from '../src/face/builtin/index.js';
import { fitFrame, fitIdentity, type FrameFit } from '../src/face/fitting/index.js';
import { FaceLandmarker } from '../src/face/landmarks/index.js';
import { projectPoints } from '../src/face/projection.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { loadIdentitySplit, splitClipPath, splitClips, type SplitClip } from '../bench/support/identity-split.js';
import { MESH_VALUES, trackedMeshes } from '../bench/support/tracked-meshes.js';

const CROP = 256;
const DIMS = [0, 10, 25, 50] as const;

const program = new Command()
  .option('--models <files>', 'model files, comma-separated', 'models/builtin-face-v1.bin,models/builtin-face-v2.bin')
  .option('--max-frames <n>', 'frames read per clip', '300')
  .option('--frame-step <n>', 'fit every n-th frame', '2')
  .option('--cache <dir>', 'tracked-mesh cache', '/tmp/facecodec-eval-tracks')
  .option('--out <file>', 'results file', 'bench/results/face-model/fit.json')
  .parse();
const opts = program.opts<{ models: string; maxFrames: string; frameStep: string; cache: string; out: string }>();
const maxFrames = Number(opts.maxFrames);
const frameStep = Math.max(1, Number(opts.frameStep) | 0);

const evalClips = splitClips(loadIdentitySplit(), 'eval');

/** Tracked meshes of a clip in a fixed crop (CROP px) around its first face, each 468 x 3 values. */
async function trackClip(folder: SplitClip['folder'], file: string, getLandmarker: () => Promise<FaceLandmarker>): Promise<Float32Array[]> {
  const cacheFile = path.join(opts.cache, `${folder}__${file}.max${maxFrames}.step${frameStep}.f32`);
  const { meshes: flat } = await trackedMeshes(splitClipPath({ folder, file }), { cacheFile, maxFrames, frameStep, landmarker: getLandmarker });
  const meshes: Float32Array[] = [];
  for (let i = 0; i < flat.length / MESH_VALUES; i++) meshes.push(flat.subarray(i * MESH_VALUES, (i + 1) * MESH_VALUES));
  if (meshes.length === 0) return [];
  // The crop: a square 1.8 x the first face's extent, centred on it (about what the encoder's cropper takes).
  const first = meshes[0];
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < 468; i++) {
    minX = Math.min(minX, first[3 * i]); maxX = Math.max(maxX, first[3 * i]);
    minY = Math.min(minY, first[3 * i + 1]); maxY = Math.max(maxY, first[3 * i + 1]);
  }
  const size = 1.8 * Math.max(maxX - minX, maxY - minY);
  const x0 = (minX + maxX) / 2 - size / 2, y0 = (minY + maxY) / 2 - size / 2, k = CROP / size;
  return meshes.map((m) => {
    const o = new Float32Array(1404);
    for (let i = 0; i < 1404; i += 3) {
      o[i] = (m[i] - x0) * k;
      o[i + 1] = (m[i + 1] - y0) * k;
      o[i + 2] = m[i + 2] * k;
    }
    return o;
  });
}

interface Errors { denseRmsPx: number; landmarks68Px: number; frames: number }

/** The encoder's way: identity from the first frame, then each frame warm-started from the last, `dims` expression components. */
function fitClip(model: BuiltinFaceModel, observations: Float32Array[], dims: number): Errors {
  const shape = fitIdentity(model, [{ kind: 'mesh468', pointsPx: observations[0] }]).shape;
  let previous: FrameFit | undefined;
  let denseSq = 0, lmkSum = 0;
  for (const obs of observations) {
    const fit = fitFrame(model, { kind: 'mesh468', pointsPx: obs }, { shape, previous, expressionDims: dims });
    previous = fit;
    denseSq += fit.rmsErrorPx ** 2;
    const target = model.landmarks68FromMesh(obs);
    const projected = projectPoints(model.landmarks68(fit.params), fit.pose);
    let s = 0;
    for (let i = 0; i < 68; i++) s += Math.hypot(projected[3 * i] - target[3 * i], projected[3 * i + 1] - target[3 * i + 1]);
    lmkSum += s / 68;
  }
  return { denseRmsPx: Math.sqrt(denseSq / observations.length), landmarks68Px: lmkSum / observations.length, frames: observations.length };
}

let landmarker: FaceLandmarker | null = null;
const getLandmarker = async (): Promise<FaceLandmarker> => (landmarker ??= await FaceLandmarker.create());
const tracks: { clip: string; person: string; observations: Float32Array[] }[] = [];
for (const c of evalClips) {
  const observations = await trackClip(c.folder, c.file, getLandmarker);
  if (observations.length < 5) {
    console.log(`${c.file}: too few tracked frames (${observations.length}), left out`);
    continue;
  }
  tracks.push({ clip: `${c.folder}/${c.file}`, person: c.person, observations });
}
(landmarker as FaceLandmarker | null)?.close();

const results: Record<string, unknown> = {};
for (const file of opts.models.split(',')) {
  const model = loadBuiltinFaceModel(path.resolve(PACKAGE_ROOT, file));
  const perClip: Record<string, Record<number, Errors>> = {};
  const pooled: Record<number, { denseSq: number; lmk: number; frames: number }> = {};
  for (const t of tracks) {
    perClip[t.clip] = {};
    for (const n of DIMS) {
      if (n > model.expressionDims) continue;
      const e = fitClip(model, t.observations, n);
      perClip[t.clip][n] = e;
      const p = (pooled[n] ??= { denseSq: 0, lmk: 0, frames: 0 });
      p.denseSq += e.denseRmsPx ** 2 * e.frames;
      p.lmk += e.landmarks68Px * e.frames;
      p.frames += e.frames;
    }
  }
  const summary: Record<string, { denseRmsPx: number; landmarks68Px: number; deformationExplained: number }> = {};
  for (const n of DIMS) {
    const p = pooled[n];
    if (!p) continue;
    const mse = p.denseSq / p.frames;
    const mse0 = pooled[0].denseSq / pooled[0].frames;
    summary[n] = { denseRmsPx: round(Math.sqrt(mse)), landmarks68Px: round(p.lmk / p.frames), deformationExplained: round(1 - mse / mse0) };
  }
  results[model.id] = { file, dataHash: model.dataHash, summary, perClip };
  console.log(`${model.id}: ${JSON.stringify(summary)}`);
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

const out = path.resolve(PACKAGE_ROOT, opts.out);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ clips: tracks.map((t) => ({ clip: t.clip, person: t.person, frames: t.observations.length })), cropPx: CROP, results }, null, 1));
const line: Record<string, unknown> = { bench: 'face-model-fit', clips: tracks.length, frames: tracks.reduce((a, t) => a + t.observations.length, 0) };
for (const [id, r] of Object.entries(results)) line[id] = (r as { summary: unknown }).summary;
console.log(JSON.stringify(line));
