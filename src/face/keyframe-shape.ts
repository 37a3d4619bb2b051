/**
 * A keyframe's non-rigid face parameters as both ends of a stream use them. The sender derives the keyframe's 68
 * landmarks (the base of intra prediction) from exactly these float32 values, and the receiver does the same instead
 * of reading 816 B of landmarks from the keyframe message.
 */
import type { FaceModel, FaceShapeParams } from './face-model.js';

/** What a keyframe message says of the face: shape, an expression prefix, jaw and eyes (empty when not sent). */
export interface KeyframeShapeValues {
  shape: Float32Array;
  expression: Float32Array;
  jawRad: Float32Array;
  eyesRad: Float32Array;
}

/** The model parameters of a keyframe: expression zero-padded to the model's dims, absent jaw and eyes at rest. */
export function keyframeShapeParams(model: Pick<FaceModel, 'expressionDims'>, values: KeyframeShapeValues): FaceShapeParams {
  const expression = new Float32Array(model.expressionDims);
  expression.set(values.expression.subarray(0, Math.min(expression.length, values.expression.length)));
  return {
    shape: values.shape,
    expression,
    jawRad: values.jawRad.length === 3 ? values.jawRad : new Float32Array(3),
    eyesRad: values.eyesRad.length === 6 ? values.eyesRad : new Float32Array(6),
  };
}

/** The keyframe's 68 landmarks in head space (mm), computed alike on both ends. */
export function keyframeLandmarks68(model: FaceModel, values: KeyframeShapeValues): Float32Array {
  return Float32Array.from(model.landmarks68(keyframeShapeParams(model, values)));
}
