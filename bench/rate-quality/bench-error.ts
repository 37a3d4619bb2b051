/** The typed error of the rate-quality benchmark: bad options, missing clips, encoders that fail or are missing. */
import '../../src/node/index.js';
import { FacecodecError } from '../../src/errors.js';

/**
 * Stable codes of {@link BenchError}:
 * - `BENCH_BAD_ARGUMENT`: an option or an input to a pure helper is malformed (NaN, empty, out of range).
 * - `BENCH_NO_CLIPS`: the clip folder has no readable video.
 * - `BENCH_NO_FACE`: the face detector found no face in a clip's first frames, so no crop can be chosen.
 * - `BENCH_ENCODER_FAILED`: ffmpeg exited with an error while encoding or analysing a classical encoding.
 * - `BENCH_ENCODER_MISSING`: this ffmpeg build lacks a requested encoder.
 * - `BENCH_RUN_FAILED`: a benchmark run that a driver script (bench/neural-ablation.ts) started failed or wrote no report.
 */
export type BenchErrorCode =
  | 'BENCH_BAD_ARGUMENT'
  | 'BENCH_NO_CLIPS'
  | 'BENCH_NO_FACE'
  | 'BENCH_ENCODER_FAILED'
  | 'BENCH_ENCODER_MISSING'
  | 'BENCH_RUN_FAILED';

/** Error thrown by the benchmark's own code; errors of the SDK modules it calls pass through unchanged. */
export class BenchError extends FacecodecError {
  declare readonly code: BenchErrorCode;

  constructor(code: BenchErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
