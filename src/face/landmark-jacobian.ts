/**
 * d(68 landmarks)/d(expression) of one face, by unit steps of each coefficient at a given identity and jaw. For the
 * built-in (linear) model it is exact; for FLAME it linearises the expression blendshapes at the keyframe's jaw.
 * Sender and receiver both compute it from the same float32 keyframe parameters, so they get identical numbers.
 */
import type { KeypointJacobian } from '../bitstream/keypoint-prediction.js';
import type { FaceModel, FaceShapeParams } from './face-model.js';

export function landmarkJacobian(model: FaceModel, at: Pick<FaceShapeParams, 'shape' | 'jawRad' | 'eyesRad'>, dims = model.expressionDims): KeypointJacobian {
  const n = Math.min(dims, model.expressionDims);
  const params: FaceShapeParams = { shape: at.shape, jawRad: at.jawRad, eyesRad: at.eyesRad, expression: new Float32Array(model.expressionDims) };
  const base = Float64Array.from(model.landmarks68(params));
  const out = new Float32Array(204);
  const m = new Float64Array(204 * n);
  for (let j = 0; j < n; j++) {
    params.expression.fill(0);
    params.expression[j] = 1;
    model.landmarks68(params, out);
    for (let r = 0; r < 204; r++) m[r * n + j] = out[r] - base[r];
  }
  return { dims: n, mmPerUnit: m };
}
