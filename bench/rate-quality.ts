/**
 * Rate-quality benchmark: facecodec over a ladder of profiles against libx264, libx265 and libaom-av1 (Debian's
 * ffmpeg 5.1, installed by scripts/setup.sh with apt-get) on the same fixed 256x256 25 fps face crops, with face
 * metrics (AKD, AKD-M, AED, AEMOD; face-api) and pixel metrics (PSNR, SSIM) on the measured frames. Writes
 * `<out>/<date>.json|.svg|.png|.md`, prints the README tables and then one JSON line last.
 *
 *   npx tsx bench/rate-quality.ts            # full run (9 shared clips x 6 s: ~15 min on 2 cores)
 *   npx tsx bench/rate-quality.ts --quick    # CI smoke: 1 clip, 2 s, 1 facecodec point + x264 at 1 rate
 *   npx tsx bench/rate-quality.ts --rungs k8e5b7,k16e10 --codecs none   # chosen facecodec points only
 *
 * With `--renderer neural` and a model exported in the unsupervised mode, the default is its one learned rung (lK b9).
 */
import '../src/node/index.js';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { readVideoFrames, type RgbImage } from '../src/media/index.js';
import { FacecodecError } from '../src/errors.js';
import { FaceEvaluator, MetricsError, summarize, type FrameComparison } from '../src/metrics/index.js';
import { loadNeuralModelFiles } from '../src/decoder/neural/neural-model-config.js';
import { DEFAULT_NEURAL_MODEL_DIR } from '../src/node/neural-model-dir.js';
import { aggregate, type ClipResult, type PointAggregate } from './rate-quality/aggregate.js';
import { BenchError } from './rate-quality/bench-error.js';
import { CLASSICAL_CODECS, encodeClassical, rateLabel, type ClassicalCodec, type ClassicalRate } from './rate-quality/classical-codecs.js';
import { prepareCropClip, type CropClip } from './rate-quality/crop-clip.js';
import { loadIdentitySplit, splitClipPath } from './support/identity-split.js';
import { FACECODEC_LADDER, FACECODEC_QUICK_RUNG, parseRung, rungEncoderOptions, rungLabel, runFacecodec, type FacecodecRung } from './rate-quality/facecodec-method.js';
import { frameSampling } from './rate-quality/frame-sampling.js';
import { checkRungsForModel, keypointModeOf, learnedKeypointCount, modelRung } from './rate-quality/neural-rung.js';
import { renderPlotSvg, type PlotPanel, type PlotSeries } from './rate-quality/plot-svg.js';
import { ReferenceSet, type Evaluators } from './rate-quality/reference-set.js';
import { rateSavings, regionTable, resultsTable, savingsTable } from './rate-quality/report-tables.js';
import { ffmpegEncoders, ffmpegVersion } from './rate-quality/run-tool.js';
import { svgToPng } from './rate-quality/svg-to-png.js';
import { dataChannelWireKbps } from './rate-quality/wire-model.js';
import { DEFAULT_FRAMES_PER_MESSAGE } from '../src/call/codec-sender.js';
import { keyframePolicySchema, type KeyframePolicyOptions } from '../src/encoder/keyframe-policy.js';
import { sharedDir as sharedDataDir } from '../src/paths.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = sharedDataDir();

const SIZE_PX = 256;
const FPS = 25;
/** Frames whose faces decide a clip's crop. */
const CROP_DETECT_FRAMES = 5;
/** 2-pass targets of the classical codecs, kbit/s; x264 refuses targets below ~6 kbit/s at 256x256 25 fps. */
const CLASSICAL_TARGETS_KBPS = [8, 12, 16, 24, 32, 48];
const QUICK_TARGET_KBPS = 16;

const program = new Command()
  .name('rate-quality')
  .option('--quick', 'CI smoke: 1 clip, 2 s, 1 facecodec point, x264 at one rate')
  .option('--clips <dir>', 'folder of talking-head clips', path.join(sharedDir, 'clips'))
  .option('--evaluation-identities', 'the benchmark clips of the evaluation identities (training/identity-split.json) instead of --clips')
  .option('--max-clips <n>', 'use only the first n clips (sorted by name)')
  .option('--seconds <s>', 'seconds from the start of each clip (default 6; quick 2)')
  .option('--frame-step <n>', 'measure every n-th frame', '2')
  .option('--embedding-every <n>', 'of the measured frames, every n-th also gets AED/AEMOD embeddings', '4')
  .option('--codecs <list>', `classical codecs, comma-separated (${CLASSICAL_CODECS.join(',')}), or none`)
  .option('--rungs <list>', 'facecodec points, comma-separated (k16e10b9, k8e5 = 9-bit, l26b9 = 26 learned keypoints); replaces the ladder')
  .option('--out <dir>', 'where the JSON/SVG/PNG/MD go (default bench/results; quick: a temp folder)')
  .option('--smoothing', 'facecodec: smooth the fitted parameters over time before coding (encoder option)')
  .option('--mouth-reference-bytes <n>', 'facecodec: send a mouth reference of this many bytes when the mouth opens wide (encoder option; 0 = none)')
  .option('--keyframe-policy <json>', 'facecodec: keyframe policy fields as JSON, e.g. \'{"maxRotationDeg":20,"minIntervalFrames":50}\' (a rung\'s r suffix overrides its interval fields)')
  .option('--no-person-matte', 'facecodec: no person matte with keyframes (encoder option; on by default)')
  .option('--no-texture-alignment', 'facecodec: fit the tracker\'s mesh only, without aligning the fit to the keyframe\'s texture (encoder option)')
  .option('--parameter-rate <hz>', 'facecodec: code face parameters at this rate (below 25) and interpolate the frames in between')
  .option('--in-between <mode>', 'facecodec with --parameter-rate: interpolate (default) or extrapolate the frames in between')
  .option('--face-model <v1|v2>', 'facecodec: the shipped built-in face model to code with (default v1)')
  .option('--keep-work', 'keep the crop clips and encodings (their folder is printed)')
  .option('--renderer <mesh-warp|neural|mesh-warp+refine>', 'facecodec decoder: mesh-warp (default), neural (an exported model) or mesh-warp+refine (models/refiner)', 'mesh-warp')
  .option('--refiner-model-dir <dir>', 'with --renderer mesh-warp+refine: the exported refiner folder (default models/refiner)')
  .option('--neural-model-dir <dir>', 'with --renderer neural: the exported model folder (default models/neural)')
  .parse();
const opts = program.opts<{
  quick?: boolean;
  faceModel?: string;
  clips: string;
  maxClips?: string;
  seconds?: string;
  frameStep: string;
  embeddingEvery: string;
  codecs?: string;
  rungs?: string;
  out?: string;
  keepWork?: boolean;
  smoothing?: boolean;
  mouthReferenceBytes?: string;
  personMatte?: boolean;
  keyframePolicy?: string;
  textureAlignment: boolean;
  parameterRate?: string;
  inBetween?: string;
  renderer: string;
  evaluationIdentities?: boolean;
  neuralModelDir?: string;
  refinerModelDir?: string;
}>();

function positive(name: string, text: string | undefined, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(Number.isFinite(v) && v > 0 && (!integer || Number.isInteger(v)))) {
    throw new BenchError('BENCH_BAD_ARGUMENT', `--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${text}`);
  }
  return v;
}

const quick = opts.quick === true;

/** `--keyframe-policy`, checked by the encoder's own schema (so a typo is an error, not a silent default). */
function parseKeyframePolicy(text: string | undefined): KeyframePolicyOptions | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BenchError('BENCH_BAD_ARGUMENT', `--keyframe-policy is not JSON: ${text}`);
  }
  const parsed = keyframePolicySchema.safeParse(value);
  if (!parsed.success) throw new BenchError('BENCH_BAD_ARGUMENT', `--keyframe-policy: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return value as KeyframePolicyOptions;
}
const keyframePolicy = parseKeyframePolicy(opts.keyframePolicy);

/** A rung's own options with the command line's keyframe policy under them (the rung's refresh interval wins). */
function withKeyframePolicy(policy: KeyframePolicyOptions | undefined, rungOptions: ReturnType<typeof rungEncoderOptions>) {
  return policy ? { ...rungOptions, keyframePolicy: { ...policy, ...rungOptions.keyframePolicy } } : rungOptions;
}
if (opts.renderer !== 'mesh-warp' && opts.renderer !== 'neural' && opts.renderer !== 'mesh-warp+refine') {
  throw new BenchError('BENCH_BAD_ARGUMENT', `--renderer must be mesh-warp, neural or mesh-warp+refine, got ${opts.renderer}`);
}
if (opts.faceModel !== undefined && opts.faceModel !== 'v1' && opts.faceModel !== 'v2') {
  throw new BenchError('BENCH_BAD_ARGUMENT', `--face-model must be v1 or v2, got ${opts.faceModel}`);
}
const decoderChoice = {
  builtinVersion: opts.faceModel === 'v2' ? 2 : opts.faceModel === 'v1' ? 1 : undefined,
  renderer: opts.renderer,
  neuralModelDir: opts.neuralModelDir ? path.resolve(opts.neuralModelDir) : undefined,
  refinerModelDir: opts.refinerModelDir ? path.resolve(opts.refinerModelDir) : undefined,
} as const;
const seconds = positive('seconds', opts.seconds, quick ? 2 : 6, false);
const maxFrames = Math.round(seconds * FPS);
const frameStep = positive('frame-step', opts.frameStep, 2, true);
const embeddingEvery = positive('embedding-every', opts.embeddingEvery, 4, true);
const maxClips = positive('max-clips', opts.maxClips, quick ? 1 : Infinity, true);
// 'none': facecodec alone (a renderer ablation needs no classical runs).
const codecs = (
  opts.codecs?.trim() === 'none' ? [] : opts.codecs ? opts.codecs.split(',').map((s) => s.trim()) : quick ? ['libx264'] : [...CLASSICAL_CODECS]
) as ClassicalCodec[];
for (const c of codecs) {
  if (!CLASSICAL_CODECS.includes(c)) throw new BenchError('BENCH_BAD_ARGUMENT', `unknown codec ${c}; known: ${CLASSICAL_CODECS.join(', ')}`);
}
const rates: ClassicalRate[] = quick ? [{ targetKbps: QUICK_TARGET_KBPS }] : [...CLASSICAL_TARGETS_KBPS.map((targetKbps) => ({ targetKbps })), 'qmax'];
// The model's keypoints decide which rungs its renderer takes: an unsupervised one refuses landmark profiles.
const neuralConfig =
  decoderChoice.renderer === 'neural' ? (await loadNeuralModelFiles(decoderChoice.neuralModelDir ?? DEFAULT_NEURAL_MODEL_DIR)).config : null;
const parameterRate = opts.parameterRate === undefined ? {} : { parameterRateHz: Number(opts.parameterRate) };
if (parameterRate.parameterRateHz !== undefined && !(parameterRate.parameterRateHz > 0 && parameterRate.parameterRateHz <= FPS)) {
  throw new BenchError('BENCH_BAD_ARGUMENT', `--parameter-rate must be in (0, ${FPS}] Hz`);
}
if (opts.inBetween !== undefined && opts.inBetween !== 'interpolate' && opts.inBetween !== 'extrapolate') {
  throw new BenchError('BENCH_BAD_ARGUMENT', '--in-between is interpolate or extrapolate');
}
const inBetween = opts.inBetween as 'interpolate' | 'extrapolate' | undefined;
const rungs: readonly FacecodecRung[] = opts.rungs
  ? opts.rungs.split(',').map(parseRung)
  : neuralConfig && learnedKeypointCount(neuralConfig) > 0
    ? [modelRung(neuralConfig)]
    : quick
      ? [FACECODEC_QUICK_RUNG]
      : FACECODEC_LADDER;
if (rungs.length === 0) throw new BenchError('BENCH_BAD_ARGUMENT', '--rungs lists no rung');
const rungLabels = rungs.map(rungLabel);
if (new Set(rungLabels).size !== rungLabels.length) throw new BenchError('BENCH_BAD_ARGUMENT', `--rungs repeats a rung: ${rungLabels.join(', ')}`);
checkRungsForModel(rungs, neuralConfig);
const date = new Date().toISOString().slice(0, 10);
const outDir = path.resolve(opts.out ?? (quick ? path.join(os.tmpdir(), 'facecodec-rate-quality') : path.join(repoRoot, 'bench/results')));
const command = `npx tsx bench/rate-quality.ts ${process.argv.slice(2).join(' ')}`.trim();

/** The split's benchmark clips, one per evaluation identity (loadIdentitySplit checks each is of one). */
function evaluationClipPaths(): string[] {
  const split = loadIdentitySplit();
  return split.evaluationClips.map((f) => splitClipPath(split.clips.find((c) => c.file === f)!));
}

const clipFiles = opts.evaluationIdentities
  ? evaluationClipPaths().slice(0, maxClips)
  : (await readdir(opts.clips).catch((err: unknown) => {
  throw new BenchError('BENCH_NO_CLIPS', `cannot read clip folder ${opts.clips}: ${String(err)}`, { cause: err });
}))
  .filter((f) => /\.(mp4|mkv|mov|webm)$/i.test(f))
  .sort()
  .slice(0, maxClips)
  .map((f) => path.join(opts.clips, f));
if (clipFiles.length === 0) throw new BenchError('BENCH_NO_CLIPS', `no video in ${opts.clips}`);

const available = await ffmpegEncoders();
for (const c of codecs) if (!available.has(c)) throw new BenchError('BENCH_ENCODER_MISSING', `this ffmpeg has no ${c} encoder`);
const ffmpeg = await ffmpegVersion();

const t0 = performance.now();
const workDir = await mkdtemp(path.join(os.tmpdir(), 'facecodec-rq-'));
const evaluators: Evaluators = {
  landmarks: await FaceEvaluator.create({ descriptor: false, expression: false }),
  full: await FaceEvaluator.create(),
};

const jobsPerClip = 2 + rungs.length + codecs.length * rates.length;
const bar = new cliProgress.SingleBar(
  {
    format: 'rate-quality [{bar}] {value}/{total} steps | {eta_formatted} left | {job}',
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 15000,
  },
  cliProgress.Presets.shades_classic,
);
bar.start(clipFiles.length * jobsPerClip, 0, { job: 'starting' });

const results: ClipResult[] = [];
const skipped: { clip: string; method: string; point: string; reason: string }[] = [];
const clipsInfo: (Omit<CropClip, 'path' | 'source'> & { clip: string; referenceNoFace: number; measuredFrames: number })[] = [];

/** Measures every frame `feed` hands to its callback against the references; every frame must come, in order. */
async function measure(refs: ReferenceSet, expected: number, feed: (onFrame: (i: number, img: RgbImage) => Promise<void>) => Promise<void>) {
  const records: FrameComparison[] = [];
  let count = 0;
  await feed(async (index, image) => {
    if (index !== count) throw new BenchError('BENCH_ENCODER_FAILED', `frame ${index} arrived, expected ${count}`);
    count++;
    const c = await refs.compare(index, image);
    if (c) records.push(c);
  });
  if (count !== expected) throw new BenchError('BENCH_ENCODER_FAILED', `${count} output frames for ${expected} input frames`);
  return summarize(records);
}

try {
  for (const file of clipFiles) {
    const clipName = path.basename(file, path.extname(file));
    bar.update({ job: `${clipName}: crop` });
    const clip = await prepareCropClip(file, workDir, evaluators.landmarks, { sizePx: SIZE_PX, fps: FPS, maxFrames, detectFrames: CROP_DETECT_FRAMES });
    bar.increment(1, { job: `${clipName}: reference faces` });
    const plan = frameSampling(clip.frames, { frameStep, embeddingEvery });
    const refs = await ReferenceSet.build(readVideoFrames(clip.path), plan, evaluators);
    clipsInfo.push({
      clip: clipName,
      crop: clip.crop,
      sourceWidth: clip.sourceWidth,
      sourceHeight: clip.sourceHeight,
      frames: clip.frames,
      fps: clip.fps,
      measuredFrames: refs.measuredIndices.length,
      referenceNoFace: refs.referenceFailures,
    });
    bar.increment(1);

    for (const rung of rungs) {
      const point = rungLabel(rung);
      bar.update({ job: `${clipName}: facecodec ${point}` });
      try {
        let run: Awaited<ReturnType<typeof runFacecodec>> | undefined;
        const metrics = await measure(refs, clip.frames, async (onFrame) => {
          run = await runFacecodec(clip.path, rung, onFrame, {
            smoothing: opts.smoothing === true,
            ...parameterRate,
            ...(opts.mouthReferenceBytes !== undefined ? { mouthReferenceBytes: Number(opts.mouthReferenceBytes) } : {}),
            personMatte: opts.personMatte !== false,
            ...withKeyframePolicy(keyframePolicy, rungEncoderOptions(rung)),
            textureAlignment: opts.textureAlignment !== false,
          }, { ...decoderChoice, inBetween });
        });
        if (!run) throw new BenchError('BENCH_ENCODER_FAILED', 'facecodec produced no report');
        // The codec's own time, without the metrics that ran inside its frame callback.
        const codecMs = (run.encodeMsPerFrame + run.decodeMsPerFrame) * run.stats.frames;
        // On the network: the data channel with the CodecSender defaults, at the parameter rate (wire-model.ts).
        const carriage = { framesPerMessage: DEFAULT_FRAMES_PER_MESSAGE, packetRateHz: parameterRate.parameterRateHz ?? FPS };
        const rate = { ...run.stats, wireKbps: dataChannelWireKbps(run.stats.kbps, carriage) };
        results.push({ clip: clipName, method: 'facecodec', point, rate, metrics, codecMs });
      } catch (err) {
        skip(clipName, 'facecodec', point, err);
      }
      bar.increment(1);
    }

    for (const codec of codecs) {
      for (const rate of rates) {
        const point = rateLabel(rate);
        bar.update({ job: `${clipName}: ${codec} ${point}` });
        try {
          const enc = await encodeClassical(clip.path, codec, rate, clip.frames, FPS, path.join(workDir, clipName));
          const metrics = await measure(refs, clip.frames, async (onFrame) => {
            let i = 0;
            for await (const frame of readVideoFrames(enc.path)) await onFrame(i++, frame);
          });
          results.push({ clip: clipName, method: codec, point, rate: enc.stats, metrics, codecMs: enc.encodeMs });
          if (!opts.keepWork) await rm(enc.path, { force: true });
        } catch (err) {
          skip(clipName, codec, point, err);
        }
        bar.increment(1);
      }
    }
  }
} finally {
  bar.stop();
  await evaluators.landmarks.close();
  await evaluators.full.close();
  if (opts.keepWork) process.stderr.write(`work files kept in ${workDir}\n`);
  else await rm(workDir, { recursive: true, force: true });
}

/** A method/point that could not be measured on a clip: reported in the JSON and on stderr, never dropped quietly. */
function skip(clip: string, method: string, point: string, err: unknown): void {
  // A broken evaluator invalidates every later measurement, so it ends the run; a codec failing one point does not.
  if (!(err instanceof FacecodecError) || err instanceof MetricsError) throw err;
  const reason = `${err.code}: ${err.message.slice(0, 300)}`;
  skipped.push({ clip, method, point, reason });
  process.stderr.write(`\nskipped ${clip} ${method} ${point}: ${reason}\n`);
}

const aggregates = aggregate(results);
const savings = rateSavings(aggregates);
const savingsMedian = rateSavings(aggregates, 'median');
const elapsedS = (performance.now() - t0) / 1000;

// ---- plot
const COLORS: Record<string, string> = { facecodec: '#d62728', libx264: '#1f77b4', libx265: '#2ca02c', 'libaom-av1': '#9467bd' };
function series(metric: 'akdPx' | 'akdMouthPx' | 'aemod'): PlotSeries[] {
  const methods = [...new Set(aggregates.map((a) => a.method))];
  return methods.map((m) => ({
    name: m,
    color: COLORS[m] ?? '#7f7f7f',
    points: aggregates.filter((a) => a.method === m).map((a: PointAggregate) => ({ x: a.kbps.mean, y: a.metrics[metric].mean })),
  }));
}
const panels: PlotPanel[] = [
  { title: 'AKD (68 landmarks)', yLabel: 'AKD, px at 256x256 (lower is better)', series: series('akdPx') },
  { title: 'AKD-M (20 mouth landmarks)', yLabel: 'AKD-M, px (lower is better)', series: series('akdMouthPx') },
  { title: 'AEMOD (expression)', yLabel: 'AEMOD (lower is better)', series: series('aemod') },
];
await mkdir(outDir, { recursive: true });
const base = path.join(outDir, date);
let plotFiles: { svg: string | null; png: string | null; error?: string } = { svg: null, png: null };
if (aggregates.some((a) => a.kbps.mean > 0 && Number.isFinite(a.metrics.akdPx.mean))) {
  const svg = renderPlotSvg(panels, {
    title: `Rate vs face-landmark accuracy, ${clipsInfo.length} clip(s), 256x256 @ 25 fps, mean over clips (first keyframe excluded)`,
    xLabel: 'kbit/s (log scale)',
  });
  await writeFile(`${base}.svg`, svg);
  plotFiles = { svg: `${base}.svg`, png: null };
  try {
    await svgToPng(`${base}.svg`, `${base}.png`);
    plotFiles.png = `${base}.png`;
  } catch (err) {
    plotFiles.error = String(err);
    process.stderr.write(`PNG not written: ${String(err)}\n`);
  }
}

// ---- tables and JSON
const markdown = [
  `Rate-quality, ${date}: ${clipsInfo.length} clip(s) from ${opts.evaluationIdentities ? 'the evaluation identities (training/identity-split.json)' : path.relative(repoRoot, opts.clips) || opts.clips}, first ${seconds} s, ` +
    `${SIZE_PX}x${SIZE_PX} @ ${FPS} fps; every ${frameStep}${frameStep === 1 ? 'st' : 'nd'} frame measured, embeddings on every ` +
    `${frameStep * embeddingEvery}th. kbit/s exclude the first keyframe (its bytes are the "first key" column). ` +
    `Cells: mean over clips (median). ${ffmpeg}, Debian package.`,
  '',
  resultsTable(aggregates),
  '',
  'AKD by landmark region (17 contour, 10 brow, 9 nose, 12 eye, 20 mouth points), px:',
  '',
  regionTable(aggregates),
  '',
  // Without classical codecs there is nothing to compare facecodec's rate against.
  ...(codecs.length === 0
    ? []
    : [
        'Bitrate each classical codec needs for facecodec\'s AKD (interpolated on its own measured curve; x = times facecodec\'s rate):',
        '',
        savings.length ? savingsTable(savings) : '(no facecodec point with a measurable AKD)',
        '',
        'The same on medians over clips (a clip whose identity keyframe is refreshed inside the window moves the mean rate):',
        '',
        savingsMedian.length ? savingsTable(savingsMedian) : '(no facecodec point with a measurable AKD)',
        '',
      ]),
  `Reproduce: \`${command}\``,
].join('\n');
await writeFile(`${base}.md`, markdown + '\n');

/** Rounds floats to 4 significant digits so the committed JSON stays small and diffable. */
const compact = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v) ? +v.toPrecision(4) : v);
/** Per-clip rows: the rate figures and each metric's mean over the clip's measured frames, failures beside them. */
const clipRows = results.map((r) => ({
  clip: r.clip,
  method: r.method,
  point: r.point,
  ...r.rate,
  measured: r.metrics.frames,
  noFaceInOutput: r.metrics.noFaceInOutput,
  noFaceInReference: r.metrics.noFaceInReference,
  akdPx: r.metrics.akdPx.mean,
  akdMouthPx: r.metrics.akdMouthPx.mean,
  akdContourPx: r.metrics.akdContourPx.mean,
  akdBrowsPx: r.metrics.akdBrowsPx.mean,
  akdNosePx: r.metrics.akdNosePx.mean,
  akdEyesPx: r.metrics.akdEyesPx.mean,
  aed: r.metrics.aed.mean,
  aemod: r.metrics.aemod.mean,
  psnrDb: r.metrics.psnrDb.mean,
  ssim: r.metrics.ssim.mean,
  facePsnrDb: r.metrics.facePsnrDb.mean,
  faceSsim: r.metrics.faceSsim.mean,
  codecMs: Math.round(r.codecMs),
}));
const report = {
  bench: 'rate-quality',
  date,
  command,
  quick,
  settings: {
    sizePx: SIZE_PX,
    fps: FPS,
    seconds,
    frameStep,
    embeddingEvery: frameStep * embeddingEvery,
    crop: `median landmark box of ${CROP_DETECT_FRAMES} frames, side 1.8x, centre 0.1x box height up; fixed per clip; lossless libx264rgb qp 0`,
    facecodec: rungLabels,
    facecodecRungs: rungs.map((r) => ({ label: rungLabel(r), ...r, learned: r.learned === true })),
    facecodecParameterRateHz: parameterRate.parameterRateHz ?? FPS,
    facecodecInBetween: inBetween ?? 'interpolate',
    facecodecRenderer: decoderChoice.renderer,
    facecodecTextureAlignment: opts.textureAlignment !== false,
    facecodecPersonMatte: opts.personMatte !== false,
    ...(keyframePolicy ? { facecodecKeyframePolicy: keyframePolicy } : {}),
    neuralModelDir: decoderChoice.neuralModelDir ?? null,
    neuralKeypointMode: neuralConfig ? keypointModeOf(neuralConfig) : null,
    classical: { codecs, rates: codecs.length ? rates.map(rateLabel) : [] },
    rate: 'kbps = bytes after the first keyframe over the frames after it; totalKbps = all bytes incl. headers over all frames',
    wire:
      'wireKbps = steady-state IP kbit/s. Classical codecs: RTP/SRTP (AES-GCM)/UDP/IPv4 at one packet per frame, split at 1200 B of payload, 56 B of headers a packet, RTCP not counted. ' +
      `facecodec: the data channel as bench/wire.ts measures it, ${DEFAULT_FRAMES_PER_MESSAGE} frames a message at the parameter rate: 93 B of headers a message, 2 B framing a frame, a 93 B SACK every second message, 1.0 kbit/s of receiver reports, their SACKs and STUN consent checks.`,
    aggregation: 'per clip: mean over measured frames with a face in both images; over clips: mean and median of the per-clip means',
  },
  ffmpeg: { version: ffmpeg, install: "Debian's ffmpeg package (apt-get, scripts/setup.sh)" },
  evaluator: 'face-api TinyFaceDetector (inputSize 160) + FaceLandmark68Net; FaceRecognitionNet + FaceExpressionNet on the embedding subset; tfjs WASM',
  elapsedS,
  clips: clipsInfo,
  skipped,
  aggregates,
  savings,
  savingsMedian,
  results: clipRows,
};
// One line per top-level field and per array element: small, and a re-run diffs line by line.
const jsonLines = Object.entries(report).map(([key, value]) => {
  const body = Array.isArray(value)
    ? value.length === 0
      ? '[]'
      : `[\n${value.map((v) => `  ${JSON.stringify(v, compact)}`).join(',\n')}\n ]`
    : JSON.stringify(value, compact);
  return ` ${JSON.stringify(key)}: ${body}`;
});
await writeFile(`${base}.json`, `{\n${jsonLines.join(',\n')}\n}\n`);

console.log(markdown);
console.log(
  JSON.stringify(
    {
      bench: 'rate-quality',
      quick,
      clips: clipsInfo.length,
      seconds,
      elapsedS: +elapsedS.toFixed(1),
      json: `${base}.json`,
      png: plotFiles.png,
      skipped: skipped.length,
      rungs: rungLabels,
      points: aggregates.map((a) => ({
        method: a.method,
        point: a.point,
        kbps: +a.kbps.mean.toFixed(2),
        wireKbps: +a.wireKbps.mean.toFixed(2),
        firstKeyframeBytes: Math.round(a.firstKeyframeBytes.mean),
        akdPx: +a.metrics.akdPx.mean.toFixed(3),
        akdMouthPx: +a.metrics.akdMouthPx.mean.toFixed(3),
        akdContourPx: +a.metrics.akdContourPx.mean.toFixed(3),
        akdBrowsPx: +a.metrics.akdBrowsPx.mean.toFixed(3),
        akdEyesPx: +a.metrics.akdEyesPx.mean.toFixed(3),
        noFace: `${a.noFaceInOutput}/${a.measuredFrames}`,
      })),
      savings: savings.map((s) => ({ point: s.point, codec: s.codec, kind: s.required.kind, ratio: s.ratio === null ? null : +s.ratio.toFixed(2) })),
    },
    compact,
  ),
);
