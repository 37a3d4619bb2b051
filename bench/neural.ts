/**
 * Benchmark of the neural decoder: NeuralRenderer milliseconds per frame at a 256x256 crop, and per keyframe, on the
 * execution provider it opens (webgpu, cuda, cpu; or --providers). Any exported model works (models/neural by
 * default, or --model-dir, e.g. an untrained full-size export); prints one JSON line last.
 *
 *   npx tsx bench/neural.ts [--model-dir DIR] [--providers cpu] [--frames 30] [--keyframes 3] [--placements]
 *
 * `--placements` also reports which execution provider ONNX Runtime placed each node on (it re-runs itself with the
 * runtime's verbose log and reads the placement lines). It needs no ffmpeg and no shared data when the still cannot be
 * read (a procedural keyframe is timed instead), so scripts/pack-device-node.sh can bundle it for the GPU machine.
 */
import '../src/node/index.js';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Command } from 'commander';
import { NeuralRenderer, type NeuralExecutionProvider } from '../src/decoder/neural/index.js';
import { DEFAULT_NEURAL_MODEL_DIR } from '../src/node/neural-model-dir.js';
import { neutralParams, type FaceModel, type FaceShapeParams, type HeadPose } from '../src/face/face-model.js';
import { loadBuiltinFaceModel } from '../src/face/builtin/index.js';
import type { RenderFrame, RenderKeyframe } from '../src/decoder/renderer.js';
import { createRgbImage, type RgbImage } from '../src/media/rgb-image.js';
import { decodeImage, sharedDir } from '../test/decoder/mesh-warp-fixtures.js';

const CROP_PX = 256;
/** The builtin model's mean face is ~150 mm wide; this puts it across ~60% of the crop, as the encoder's crops do. */
const PIXELS_PER_MM = 1.05;

const program = new Command()
  .option('--model-dir <dir>', 'exported model folder (neural-config.json, keyframe.onnx, frame.onnx)', DEFAULT_NEURAL_MODEL_DIR)
  .option('--providers <list>', 'comma-separated providers to try in order (default webgpu,cuda,cpu)')
  .option('--frames <n>', 'timed frames', '30')
  .option('--warmup <n>', 'untimed frames first', '3')
  .option('--keyframes <n>', 'timed keyframes', '3')
  .option('--placements', 'also report the execution provider of every node (from ONNX Runtime\'s verbose log)')
  .option('--ort-verbose', 'open the sessions with ONNX Runtime\'s verbose log on stderr, print the provider and stop')
  .parse();
const opts = program.opts<{
  modelDir: string;
  providers?: string;
  frames: string;
  warmup: string;
  keyframes: string;
  placements?: boolean;
  ortVerbose?: boolean;
}>();

/** A face still as the keyframe, or a procedural image where ffmpeg or the shared stills are missing (timing only). */
function keyframeImage(): { image: RgbImage; source: string } {
  try {
    return { image: decodeImage(path.join(sharedDir, 'stills', 'sadtalker_happy.png'), CROP_PX), source: 'sadtalker_happy.png' };
  } catch {
    const image = createRgbImage(CROP_PX, CROP_PX);
    for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 2654435761) >>> 24;
    return { image, source: 'procedural' };
  }
}

/**
 * Re-runs this script with --ort-verbose and returns ONNX Runtime's node-placement lines per session, e.g.
 * "All nodes placed on [WebGpuExecutionProvider]. Number of nodes: 412", or the per-provider node lists.
 */
function nodePlacements(args: readonly string[]): string[] {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], ...args, '--ort-verbose'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const lines = `${child.stdout}\n${child.stderr}`.split('\n');
  return lines
    .filter((l) => l.includes('VerifyEachNodeIsAssignedToAnEp') || l.includes('Node(s) placed on'))
    .map((l) => l.replace(/^.*VerifyEachNodeIsAssignedToAnEp\]\s*/, '').trim())
    .filter((l) => l.length > 0 && l !== 'Node placements');
}

/** A pose for frame `i`: a slow head turn and nod about the crop's centre. */
function poseAt(i: number): HeadPose {
  const t = i / 25;
  return {
    rotationRad: Float32Array.of(0.1 * Math.sin(0.9 * t), 0.2 * Math.sin(0.6 * t), 0.05 * Math.sin(1.3 * t)),
    translationPx: Float32Array.of(CROP_PX / 2 + 4 * Math.sin(t), CROP_PX / 2 + 3 * Math.cos(0.7 * t)),
    pixelsPerMm: PIXELS_PER_MM,
  };
}

/** Parameters for frame `i`: jaw opening and the first expression coefficients moving. */
function paramsAt(model: FaceModel, i: number): FaceShapeParams {
  const p = neutralParams(model);
  const t = i / 25;
  p.jawRad[0] = Math.max(0, 0.2 * Math.sin(2.1 * t));
  for (let k = 0; k < Math.min(10, p.expression.length); k++) p.expression[k] = 0.8 * Math.sin(0.7 * t * (k + 1));
  return p;
}

async function main(): Promise<void> {
  const modelDir = path.resolve(opts.modelDir);
  const providers = opts.providers?.split(',').map((s) => s.trim()) as NeuralExecutionProvider[] | undefined;
  const frames = Number(opts.frames);
  const warmup = Number(opts.warmup);
  const keyframes = Number(opts.keyframes);
  const model = loadBuiltinFaceModel();
  const tOpen = performance.now();
  const renderer = await NeuralRenderer.create({ modelDir, providers, ...(opts.ortVerbose ? { logSeverityLevel: 0 as const } : {}) });
  const openMs = performance.now() - tOpen;
  if (opts.ortVerbose) {
    console.log(JSON.stringify({ provider: renderer.provider }));
    await renderer.close();
    return;
  }
  // A real face still (256x256) as the keyframe; the network is timed, not judged, so any face will do.
  const { image, source: keyframeSource } = keyframeImage();
  const keyParams = neutralParams(model);
  // Models of the unsupervised baseline are driven by learned keypoints: a fixed spread that moves a little per frame.
  const learnedK = renderer.learnedKeypointCount;
  const learnedAt = (i: number) =>
    Float32Array.from({ length: learnedK * 3 }, (_, j) => 0.6 * Math.sin(j * 1.7) + 0.02 * Math.sin(i / 5 + j));
  const keyframe: RenderKeyframe = {
    image,
    model,
    params: keyParams,
    pose: poseAt(0),
    keypoints68Mm: model.landmarks68(keyParams),
    ...(learnedK ? { learnedKeypoints: learnedAt(0) } : {}),
  };
  // The model id check is the renderer's job in a real stream; a benchmark with another model's export must still run.
  const trainedOn = renderer.config.faceModelId;
  if (trainedOn && trainedOn !== model.id) keyframe.model = Object.defineProperty(Object.create(model) as FaceModel, 'id', { value: trainedOn });

  await renderer.setKeyframe(keyframe);
  const tKey = performance.now();
  for (let i = 0; i < keyframes; i++) await renderer.setKeyframe(keyframe);
  const keyframeMs = (performance.now() - tKey) / Math.max(1, keyframes);

  const out = createRgbImage(CROP_PX, CROP_PX);
  // All 68 landmarks "received", as a k68 profile would send: the renderer takes the ones it needs.
  const landmarkIds = Array.from({ length: 68 }, (_, i) => i);
  const frameAt = (i: number) => {
    const params = paramsAt(model, i);
    const frame: RenderFrame = { params, pose: poseAt(i), keypointsMm: model.landmarks68(params), landmarkIds, receivedExpressionDims: 10 };
    return learnedK ? { ...frame, learnedKeypoints: learnedAt(i) } : frame;
  };
  for (let i = 0; i < warmup; i++) await renderer.render(frameAt(i), out);
  const times: number[] = [];
  for (let i = 0; i < frames; i++) {
    const f = frameAt(warmup + i);
    const t0 = performance.now();
    await renderer.render(f, out);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const msPerFrame256 = times.reduce((a, b) => a + b, 0) / times.length;
  const result = {
    bench: 'neural',
    modelDir,
    provider: renderer.provider,
    skippedProviders: renderer.skippedProviders,
    imageSizePx: renderer.config.imageSizePx,
    volumeShape: renderer.config.volumeShape,
    fp16Weights: renderer.config.fp16Weights ?? false,
    frames,
    openMs: Math.round(openMs),
    msPerFrame256: Math.round(msPerFrame256 * 10) / 10,
    medianMsPerFrame256: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
    fps256: Math.round((1000 / msPerFrame256) * 10) / 10,
    keyframeMs: Math.round(keyframeMs * 10) / 10,
    keyframeSource,
    volumeLocation: renderer.volumeLocation,
  };
  await renderer.close();
  if (opts.placements) {
    const args = ['--model-dir', modelDir, ...(opts.providers ? ['--providers', opts.providers] : [])];
    Object.assign(result, { nodePlacements: nodePlacements(args) });
  }
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
