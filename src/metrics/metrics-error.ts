/** The typed error every function in `src/metrics` throws: bad images, mismatched sizes, model loading, use after close. */
import { FacecodecError } from '../errors.js';

/**
 * Stable codes of {@link MetricsError}:
 * - `METRICS_BAD_ARGUMENT`: an image or vector is malformed (size, length, data length).
 * - `METRICS_SIZE_MISMATCH`: two images or vectors that must be compared have different sizes.
 * - `METRICS_MODEL_LOAD_FAILED`: face-api, its WASM backend or its weights could not be loaded.
 * - `METRICS_INFERENCE_FAILED`: a face-api network threw while analysing an image.
 * - `METRICS_CLOSED`: a {@link FaceEvaluator} was used after `close()`.
 */
export type MetricsErrorCode =
  | 'METRICS_BAD_ARGUMENT'
  | 'METRICS_SIZE_MISMATCH'
  | 'METRICS_MODEL_LOAD_FAILED'
  | 'METRICS_INFERENCE_FAILED'
  | 'METRICS_CLOSED';

/** Error thrown by everything in `src/metrics`; branch on `code`, not on the message. */
export class MetricsError extends FacecodecError {
  declare readonly code: MetricsErrorCode;

  constructor(code: MetricsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
