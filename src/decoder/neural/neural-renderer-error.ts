/** The typed error of the neural renderer: missing or malformed model files, no usable runtime, bad inputs. */
import { FacecodecError } from '../../errors.js';

/**
 * Stable codes of {@link NeuralRendererError}:
 * - `NEURAL_MODEL_MISSING`: the model folder, its `neural-config.json` or an ONNX file cannot be read.
 * - `NEURAL_MODEL_INVALID`: the sidecar config or the graphs' inputs/outputs are not what the renderer expects.
 * - `NEURAL_NO_PROVIDER`: no requested execution provider could open the models.
 * - `NEURAL_MODEL_MISMATCH`: the stream's face model is not the one the network was trained with.
 * - `NEURAL_BAD_INPUT`: a keyframe or frame with wrong sizes or non-finite values.
 * - `NEURAL_NO_KEYFRAME`: `render` before `setKeyframe`.
 * - `NEURAL_CLOSED`: used after `close()`.
 */
export type NeuralRendererErrorCode =
  | 'NEURAL_MODEL_MISSING'
  | 'NEURAL_MODEL_INVALID'
  | 'NEURAL_NO_PROVIDER'
  | 'NEURAL_MODEL_MISMATCH'
  | 'NEURAL_BAD_INPUT'
  | 'NEURAL_NO_KEYFRAME'
  | 'NEURAL_CLOSED';

export class NeuralRendererError extends FacecodecError {
  declare readonly code: NeuralRendererErrorCode;

  constructor(code: NeuralRendererErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
