/** Typed errors for everything that parses or validates external bytes. */
import { FacecodecError } from '../errors.js';

export type BitstreamErrorCode =
  | 'TRUNCATED'
  | 'CORRUPT'
  | 'UNSUPPORTED_VERSION'
  | 'INVALID_PROFILE'
  | 'INVALID_MESSAGE'
  | 'TOO_LARGE'
  | 'REFERENCE_LOST'
  | 'STALE'
  | 'MISSING_KEYFRAME'
  | 'UNKNOWN_PROFILE'
  | 'MODEL_MISMATCH'
  | 'INVALID_INPUT';

/** Thrown when bytes from outside (network, file) or values handed to the coder are not acceptable. */
export class BitstreamError extends FacecodecError {
  constructor(
    override readonly code: BitstreamErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
