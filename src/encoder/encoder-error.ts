/** Typed errors of the sender side. */
import { FacecodecError } from '../errors.js';

export type EncoderErrorCode = 'BAD_FRAME' | 'BAD_CONFIG' | 'CLOSED';

export class EncoderError extends FacecodecError {
  declare readonly code: EncoderErrorCode;

  constructor(code: EncoderErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
