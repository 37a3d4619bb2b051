/** The typed error for model files (npy, npz, pickle, FLAME) that are missing, truncated, corrupt or unsupported. */
import { FacecodecError } from '../errors.js';

/** Stable codes of `ModelAssetError`. */
export type ModelAssetErrorCode =
  | 'MODEL_ASSET_NOT_FOUND'
  | 'MODEL_ASSET_TRUNCATED'
  | 'MODEL_ASSET_CORRUPT'
  | 'MODEL_ASSET_UNSUPPORTED_DTYPE'
  | 'MODEL_ASSET_UNSUPPORTED_LAYOUT'
  | 'MODEL_ASSET_UNSUPPORTED_PICKLE'
  | 'MODEL_ASSET_MISSING_KEY'
  | 'MODEL_ASSET_BAD_SHAPE'
  | 'MODEL_ASSET_BAD_VALUE'
  | 'MODEL_ASSET_BAD_ARGUMENT'
  /** No platform file access is installed (see io/platform-files.ts). */
  | 'MODEL_ASSET_NO_PLATFORM';

/** Thrown when a model asset cannot be read safely; `code` says why. */
export class ModelAssetError extends FacecodecError {
  constructor(code: ModelAssetErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
