/** The typed error every face-landmark function throws: missing models, backend start-up failures, bad images, use after close. */
import { FacecodecError } from '../../errors.js';

/**
 * Stable codes of {@link LandmarksError}:
 * - `LANDMARKS_MODEL_MISSING`: a model file (json or weights) could not be read or parsed.
 * - `LANDMARKS_BACKEND_FAILED`: neither the WASM nor the CPU TensorFlow.js backend could start.
 * - `LANDMARKS_BAD_IMAGE`: the image is not a valid RgbImage (size, data length).
 * - `LANDMARKS_BAD_ARGUMENT`: an option or box is invalid (NaN, non-positive size, ...).
 * - `LANDMARKS_CLOSED`: the landmarker or tracker was used after `close()`.
 */
export type LandmarksErrorCode =
  | 'LANDMARKS_MODEL_MISSING'
  | 'LANDMARKS_BACKEND_FAILED'
  | 'LANDMARKS_BAD_IMAGE'
  | 'LANDMARKS_BAD_ARGUMENT'
  | 'LANDMARKS_CLOSED';

/** Error thrown by everything in `src/face/landmarks`; branch on `code`, not on the message. */
export class LandmarksError extends FacecodecError {
  declare readonly code: LandmarksErrorCode;

  constructor(code: LandmarksErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
