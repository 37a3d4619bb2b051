/**
 * Builds models/expression-directions-v1.json: named expression directions of the built-in face model, fitted from
 * real frames. Every sampled frame of the shared clips and every shared still is fitted with the SDK's own encoder
 * pipeline (MediaPipe mesh -> built-in model) and classified by face-api's expression net (independent of the
 * encoder). An emotion's direction is the probability-weighted mean of (fitted expression - the source's neutral
 * reference) over frames where face-api gives that emotion at least MIN_PROBABILITY; the neutral reference is the mean
 * of the source's own frames with p(neutral) >= NEUTRAL_PROBABILITY (the mean over all sources when it has too few).
 * The articulation part (mouth opening, jaw drop) is then projected out, so an emotion never opens or closes the mouth.
 *
 *   npx tsx scripts/build-expression-directions.ts [--reuse]   (samples are cached in out/controls/expression-samples.json)
 */
import '../src/node/index.js';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { createFitter, loadFaceModel } from '../src/codec.js';
import { ArticulationSubspace } from '../src/controls/articulation.js';
import { ARTICULATION_FEATURES } from '../src/controls/articulation.js';
import { Encoder } from '../src/encoder/encoder.js';
import { neutralParams } from '../src/face/face-model.js';
import { FaceLandmarker, FaceTracker } from '../src/face/landmarks/index.js';
import { readImage, readVideoFrames, type RgbImage } from '../src/media/index.js';
import { EXPRESSION_LABELS, FaceEvaluator } from '../src/metrics/index.js';
import { PACKAGE_ROOT, sharedDir } from '../src/paths.js';

const SAMPLE_FPS = 10;
const MIN_PROBABILITY = 0.5;
const NEUTRAL_PROBABILITY = 0.8;
const MIN_NEUTRAL_FRAMES = 5;
const MIN_FRAMES = 3;

interface Sample {
  source: string;
  kind: 'clip' | 'still';
  index: number;
  expression: number[];
  probabilities: number[];
}

const cachePath = resolve(PACKAGE_ROOT, 'out', 'controls', 'expression-samples.json');

async function collect(): Promise<Sample[]> {
  const model = await loadFaceModel();
  const landmarker = await FaceLandmarker.create();
  const evaluator = await FaceEvaluator.create({ descriptor: false });
  const samples: Sample[] = [];
  const clipsDir = resolve(sharedDir(), 'clips');
  const stillsDir = resolve(sharedDir(), 'stills');
  const sources: { path: string; kind: 'clip' | 'still' }[] = [
    ...(await readdir(clipsDir)).filter((f) => f.endsWith('.mp4')).sort().map((f) => ({ path: resolve(clipsDir, f), kind: 'clip' as const })),
    ...(await readdir(stillsDir)).filter((f) => /\.(png|jpe?g)$/.test(f)).sort().map((f) => ({ path: resolve(stillsDir, f), kind: 'still' as const })),
  ];
  try {
    for (const src of sources) {
      const tracker = new FaceTracker(landmarker, { fps: SAMPLE_FPS });
      const encoder = new Encoder({ model, fitter: createFitter(model), tracker, frameRateHz: SAMPLE_FPS, smoothing: false });
      const frames: AsyncIterable<RgbImage> | RgbImage[] =
        src.kind === 'clip' ? readVideoFrames(src.path, { fps: SAMPLE_FPS }) : [await readImage(src.path)];
      let index = 0;
      let kept = 0;
      for await (const frame of frames) {
        const outputs = await encoder.encode(frame, Math.round((index * 1000) / SAMPLE_FPS));
        const coded = outputs.find((o) => o.type === 'frame');
        if (coded && coded.type === 'frame' && coded.status === 'ok') {
          const analysis = await evaluator.analyze(frame);
          if (analysis?.expression) {
            samples.push({
              source: basename(src.path),
              kind: src.kind,
              index,
              expression: Array.from(coded.fit.params.expression, (v) => +v.toFixed(4)),
              probabilities: Array.from(analysis.expression, (v) => +v.toFixed(4)),
            });
            kept++;
          }
        }
        index++;
      }
      encoder.close();
      tracker.close();
      console.error(`${basename(src.path)}: ${kept}/${index} frames`);
    }
  } finally {
    landmarker.close();
    await evaluator.close();
  }
  return samples;
}

function mean(vectors: number[][], weights: number[], dims: number): Float64Array {
  const m = new Float64Array(dims);
  let w = 0;
  vectors.forEach((v, i) => {
    for (let j = 0; j < dims; j++) m[j] += weights[i] * v[j];
    w += weights[i];
  });
  for (let j = 0; j < dims; j++) m[j] /= w || 1;
  return m;
}

async function main(): Promise<void> {
  const reuse = process.argv.includes('--reuse') && existsSync(cachePath);
  const samples: Sample[] = reuse ? JSON.parse(await readFile(cachePath, 'utf8')) : await collect();
  if (!reuse) {
    await mkdir(resolve(cachePath, '..'), { recursive: true });
    await writeFile(cachePath, JSON.stringify(samples));
  }
  const model = await loadFaceModel();
  const dims = model.expressionDims;
  const articulation = ArticulationSubspace.of(model, neutralParams(model));
  const neutralIdx = EXPRESSION_LABELS.indexOf('neutral');

  const isNeutral = (s: Sample) => s.probabilities[neutralIdx] >= NEUTRAL_PROBABILITY;
  const allNeutral = samples.filter(isNeutral);
  const globalNeutral = mean(allNeutral.map((s) => s.expression), allNeutral.map(() => 1), dims);
  const neutralBySource = new Map<string, Float64Array>();
  for (const name of new Set(samples.map((s) => s.source))) {
    const own = samples.filter((s) => s.source === name && isNeutral(s));
    neutralBySource.set(name, own.length >= MIN_NEUTRAL_FRAMES ? mean(own.map((s) => s.expression), own.map(() => 1), dims) : globalNeutral);
  }

  const directions = [
    { name: 'neutral', method: 'model' as const, frames: allNeutral.length, sources: [], coefficients: new Array(dims).fill(0) },
  ] as Record<string, unknown>[];
  const summary: Record<string, unknown> = {};
  EXPRESSION_LABELS.forEach((label, k) => {
    if (label === 'neutral') return;
    const picked = samples.filter((s) => s.probabilities[k] >= MIN_PROBABILITY);
    summary[label] = picked.length;
    if (picked.length < MIN_FRAMES) return;
    const deltas = picked.map((s) => s.expression.map((v, j) => v - neutralBySource.get(s.source)![j]));
    const d = mean(deltas, picked.map((s) => s.probabilities[k]), dims);
    articulation.removeFrom(d);
    const bySource = new Map<string, { kind: 'clip' | 'still'; frames: number }>();
    for (const s of picked) bySource.set(s.source, { kind: s.kind, frames: (bySource.get(s.source)?.frames ?? 0) + 1 });
    directions.push({
      name: label,
      method: 'fitted',
      frames: picked.length,
      sources: [...bySource].map(([name, v]) => ({ name, kind: v.kind, frames: v.frames })),
      meanProbability: +(picked.reduce((a, s) => a + s.probabilities[k], 0) / picked.length).toFixed(4),
      coefficients: Array.from(d, (v) => +v.toFixed(5)),
    });
  });
  const file = {
    formatVersion: 1,
    modelId: model.id,
    modelHash: model.dataHash,
    expressionDims: dims,
    method:
      `Fitted from real frames: each sampled frame (${SAMPLE_FPS} fps) of the shared clips and each shared still is fitted with the ` +
      `encoder pipeline and classified by face-api's expression net; a direction is the probability-weighted mean of ` +
      `(expression - the source's neutral mean, p(neutral) >= ${NEUTRAL_PROBABILITY}) over frames with p(emotion) >= ${MIN_PROBABILITY}, ` +
      `with the articulation part (${ARTICULATION_FEATURES.join(', ')}) projected out. Strength 1 = that mean intensity. ` +
      `Neutral is the zero direction. Emotions with fewer than ${MIN_FRAMES} such frames are absent.`,
    articulationFeatures: [...ARTICULATION_FEATURES],
    build: {
      date: new Date().toISOString().slice(0, 10),
      script: 'scripts/build-expression-directions.ts',
      minProbability: MIN_PROBABILITY,
      sampleFps: SAMPLE_FPS,
      samples: samples.length,
      neutralSamples: allNeutral.length,
      framesPerEmotion: summary,
    },
    directions,
  };
  const out = resolve(PACKAGE_ROOT, 'models', 'expression-directions-v1.json');
  await writeFile(out, JSON.stringify(file, null, 1) + '\n');
  console.log(JSON.stringify({ output: out, samples: samples.length, neutral: allNeutral.length, framesPerEmotion: summary }));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
