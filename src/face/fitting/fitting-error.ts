/** The typed error of model fitting (bad observations or options). */
import { FacecodecError } from '../../errors.js';

/** Stable codes of `FittingError`. */
export type FittingErrorCode = 'FITTING_BAD_OBSERVATION' | 'FITTING_BAD_OPTIONS' | 'FITTING_UNSUPPORTED_MODEL';

/** Thrown when fitting input is malformed (wrong sizes, NaN) or does not suit the model. */
export class FittingError extends FacecodecError {
  constructor(code: FittingErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
