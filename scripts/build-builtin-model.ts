/**
 * Rebuilds the built-in MediaPipe-topology face model from real clips (and stills):
 * track -> generalized Procrustes -> identity PCA -> expression PCA -> FLAME-based iBUG-68 correspondence -> file.
 *
 *   npx tsx scripts/build-builtin-model.ts [--shared DIR] [--out FILE] [--cache DIR] [--frame-step N] [--track-only]
 *     [--split training/identity-split.json --id builtin-mediapipe-v2 --max-frames 300]
 *
 * v1 (models/builtin-face-v1.bin): every clip of ../shared/clips and every still. v2 (models/builtin-face-v2.bin,
 * the default): with --split, the training clips of both clip folders only (no evaluation identity, no stills, which
 * the split does not assign), the first --max-frames frames of each.
 *
 * Tracking (~1-2 min on 2 cores) is cached as raw meshes in --cache (default /tmp/facecodec-builtin-tracks), so the
 * model stages can be re-run quickly.
 */
import '../src/node/index.js';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { FaceLandmarker, loadMediapipeTopology } from '../src/face/landmarks/index.js';
import { readImage } from '../src/media/index.js';
import { buildBuiltinModel, type TrackedSource } from '../src/face/builtin/build/build-model.js';
import { encodeBuiltinModelFile } from '../src/face/builtin/builtin-model-file.js';
import { readFlameNpzSet, FLAME_EMBEDDING_68_FILE, parseLandmarkEmbedding68 } from '../src/face/flame/index.js';
import { sharedDir as sharedDataDir } from '../src/paths.js';
import { loadIdentitySplit, splitClips } from '../bench/support/identity-split.js';
import { MESH_VALUES, readMeshCache, trackedMeshes, writeMeshCache } from '../bench/support/tracked-meshes.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const program = new Command()
  .option('--shared <dir>', 'shared data folder', sharedDataDir())
  .option('--out <file>', 'model file to write', path.join(repoRoot, 'models', 'builtin-face-v1.bin'))
  .option('--cache <dir>', 'tracked-mesh cache', '/tmp/facecodec-builtin-tracks')
  .option('--frame-step <n>', 'track every n-th frame', '1')
  .option('--track-only', 'stop after tracking', false)
  .option('--split <file>', 'identity split (training/identity-split.json): build from its training clips only')
  .option('--id <id>', 'model id written into the file and every stream header', 'builtin-mediapipe-v1')
  .option('--max-frames <n>', 'frames read per clip (0: all)', '0')
  .parse();
const opts = program.opts<{ shared: string; out: string; cache: string; frameStep: string; trackOnly: boolean; split?: string; id: string; maxFrames: string }>();
const frameStep = Math.max(1, Number(opts.frameStep) | 0);
const maxFrames = Math.max(0, Number(opts.maxFrames) | 0);

// The split, read and validated once; without --split every clip of clips/ is its own person.
const split = opts.split ? loadIdentitySplit(opts.split) : null;
const clips: { name: string; person: string }[] = split
  ? splitClips(split, 'train').map((c) => ({ name: `${c.folder}/${c.file}`, person: c.person }))
  : readdirSync(path.join(opts.shared, 'clips')).filter((f) => f.endsWith('.mp4')).sort().map((f) => ({ name: `clips/${f}`, person: `clips/${f}` }));

/** Mediapipe mesh -> head-space-like 3D: x right, y up, z towards the viewer (MediaPipe z is smaller = closer). */
function toHeadLike(points: Float32Array): Float32Array {
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length; i += 3) {
    out[i] = points[i];
    out[i + 1] = -points[i + 1];
    out[i + 2] = -points[i + 2];
  }
  return out;
}

async function trackSources(): Promise<TrackedSource[]> {
  mkdirSync(opts.cache, { recursive: true });
  const stillDir = path.join(opts.shared, 'stills');
  const stills = split ? [] : readdirSync(stillDir).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
  const out: TrackedSource[] = [];
  let landmarker: FaceLandmarker | null = null;
  const getLandmarker = async (): Promise<FaceLandmarker> => (landmarker ??= await FaceLandmarker.create());
  for (const { name, person } of clips) {
    const cacheFile = path.join(opts.cache, `${name.replace(/^clips\//, '').replace('/', '__')}.step${frameStep}${maxFrames ? `.max${maxFrames}` : ''}.f32`);
    const t0 = Date.now();
    const { meshes, tracked } = await trackedMeshes(path.join(opts.shared, name), { cacheFile, frameStep, landmarker: getLandmarker, map: toHeadLike, ...(maxFrames ? { maxFrames } : {}) });
    if (tracked > 0) console.log(`${name}: ${meshes.length / MESH_VALUES} meshes of ${tracked} frames in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (meshes.length > 0) out.push({ name, kind: 'clip', meshes, person });
  }
  for (const name of stills) {
    const cacheFile = path.join(opts.cache, `${name}.f32`);
    let meshes = readMeshCache(cacheFile);
    if (!meshes) {
      const lm = await getLandmarker();
      const img = await readImage(path.join(stillDir, name));
      const faces = await lm.detectFaces(img);
      const mesh = faces.length > 0 ? await lm.landmarks(img, faces[0]) : null;
      meshes = mesh ? toHeadLike(mesh.points) : new Float32Array(0);
      writeMeshCache(cacheFile, meshes);
      console.log(`${name}: ${mesh ? 'face' : 'NO FACE'}`);
    }
    if (meshes.length === MESH_VALUES) out.push({ name: `stills/${name}`, kind: 'still', meshes });
  }
  (landmarker as FaceLandmarker | null)?.close();
  return out;
}

const sources = await trackSources();
if (opts.trackOnly) process.exit(0);

const flameDir = path.join(opts.shared, 'assets', 'flame');
const flame = await readFlameNpzSet(flameDir);
const embPath = path.join(flameDir, FLAME_EMBEDDING_68_FILE);
const embedding = parseLandmarkEmbedding68(readFileSync(embPath), embPath, flame.faces.length / 3);
const topology = loadMediapipeTopology();
const built = buildBuiltinModel({
  sources,
  triangles: topology.triangles,
  flameTemplateMm: Float32Array.from(flame.vTemplate, (v) => v * 1000),
  flameTriangles: flame.faces,
  flameEmbedding: embedding,
  id: opts.id,
  log: (m) => console.log(m),
});
built.metadata.build.frameStep = frameStep;
const bytes = encodeBuiltinModelFile(built);
mkdirSync(path.dirname(opts.out), { recursive: true });
writeFileSync(opts.out, bytes);
console.log(`wrote ${opts.out}: ${bytes.length} bytes`);
console.log(JSON.stringify(built.metadata.varianceExplained));
