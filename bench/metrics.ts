/** Benchmark of the evaluation metrics: ms per 256x256 frame for face analysis (face-api on tfjs WASM), PSNR and SSIM. */
import '../src/node/index.js';
import path from 'node:path';
import { readImage, type RgbImage } from '../src/media/index.js';
import { FaceEvaluator, psnr, ssim, type FaceEvaluatorOptions } from '../src/metrics/index.js';
import { sharedDir as sharedDataDir } from '../src/paths.js';

const sharedDir = sharedDataDir();
const WARMUP = 5;
const RUNS = 40;

/** sadtalker_happy.png is a 256x256 talking-head crop, the size the benchmark evaluates at. */
const frame = await readImage(path.join(sharedDir, 'stills', 'sadtalker_happy.png'));
// A second frame, 1 level brighter, so PSNR/SSIM do real work.
const other: RgbImage = { ...frame, data: frame.data.map((v) => Math.min(255, v + 1)) };

async function msPerAnalyze(options: FaceEvaluatorOptions): Promise<number> {
  const ev = await FaceEvaluator.create(options);
  try {
    for (let i = 0; i < WARMUP; i++) await ev.analyze(frame);
    const t0 = performance.now();
    for (let i = 0; i < RUNS; i++) {
      if (!(await ev.analyze(frame))) throw new Error('benchmark frame lost its face');
    }
    return (performance.now() - t0) / RUNS;
  } finally {
    await ev.close();
  }
}

function msPer(fn: () => void): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) fn();
  return (performance.now() - t0) / RUNS;
}

const tCreate = performance.now();
await (await FaceEvaluator.create()).close();
const msCreateFirst = performance.now() - tCreate;

const result = {
  bench: 'metrics',
  frameSizePx: `${frame.width}x${frame.height}`,
  backend: 'tfjs-wasm',
  msCreateFirst: +msCreateFirst.toFixed(1),
  msPerFrameAnalyzeLandmarks: +(await msPerAnalyze({ descriptor: false, expression: false })).toFixed(2),
  msPerFrameAnalyzeFull: +(await msPerAnalyze({})).toFixed(2),
  msPerFramePsnr: +msPer(() => psnr(frame, other)).toFixed(3),
  msPerFrameSsim: +msPer(() => ssim(frame, other)).toFixed(3),
};
console.log(JSON.stringify(result));
