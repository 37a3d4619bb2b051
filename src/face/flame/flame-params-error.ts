/** The typed error for bad FLAME call arguments (wrong lengths, non-finite values). */
import { FacecodecError } from '../../errors.js';

/** Thrown by the FLAME model when parameters are malformed; code 'FLAME_BAD_PARAMS'. */
export class FlameParamsError extends FacecodecError {
  constructor(message: string) {
    super('FLAME_BAD_PARAMS', message);
  }
}
