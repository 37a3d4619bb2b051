/** Typed errors of the receiver side. */
import { FacecodecError } from '../errors.js';

export type DecoderErrorCode =
  | 'NO_HEADER'
  | 'MODEL_NOT_AVAILABLE'
  | 'NO_KEYFRAME'
  | 'KEYFRAME_IMAGE_INVALID'
  | 'KEYFRAME_MISMATCH'
  | 'RENDERER_MISMATCH'
  | 'NOT_INTERPOLABLE'
  | 'CLOSED';

export class DecoderError extends FacecodecError {
  declare readonly code: DecoderErrorCode;

  constructor(code: DecoderErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
