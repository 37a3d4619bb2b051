/** The typed error of the editing controls (expression and pose editing, relative motion). */
import { FacecodecError } from '../errors.js';

/** Stable codes of {@link ControlsError}. */
export type ControlsErrorCode =
  | 'CONTROLS_BAD_ARGUMENT'
  | 'CONTROLS_UNKNOWN_EXPRESSION'
  | 'CONTROLS_DIRECTIONS_INVALID'
  | 'CONTROLS_MODEL_MISMATCH'
  | 'CONTROLS_NO_SOURCE';

export class ControlsError extends FacecodecError {
  constructor(code: ControlsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
