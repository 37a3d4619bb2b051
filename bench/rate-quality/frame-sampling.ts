/** Which frames get measured: a budget knob so the full benchmark fits in minutes on two cores. */
import { BenchError } from './bench-error.js';

/** What is measured on one frame. */
export type FrameMeasure = 'skip' | 'landmarks' | 'full';

/** Options of {@link frameSampling}. */
export interface FrameSamplingOptions {
  /** Measure every n-th frame (landmarks, AKD, PSNR, SSIM). */
  readonly frameStep: number;
  /** Among measured frames, every n-th also gets identity and expression embeddings (AED, AEMOD). */
  readonly embeddingEvery: number;
}

/**
 * Per-frame plan: frame 0 and every `frameStep`-th frame after it are measured; of those, the 0th, the
 * `embeddingEvery`-th, ... also get embeddings (they cost about twice the landmarks).
 * @throws BenchError BENCH_BAD_ARGUMENT for non-positive or non-integer counts.
 */
export function frameSampling(frames: number, options: FrameSamplingOptions): FrameMeasure[] {
  for (const [name, v] of [['frames', frames], ['frameStep', options.frameStep], ['embeddingEvery', options.embeddingEvery]] as const) {
    if (!(Number.isInteger(v) && v >= (name === 'frames' ? 0 : 1))) throw new BenchError('BENCH_BAD_ARGUMENT', `${name} must be a positive integer, got ${v}`);
  }
  const plan: FrameMeasure[] = new Array<FrameMeasure>(frames).fill('skip');
  let measured = 0;
  for (let i = 0; i < frames; i += options.frameStep) {
    plan[i] = measured % options.embeddingEvery === 0 ? 'full' : 'landmarks';
    measured++;
  }
  return plan;
}
