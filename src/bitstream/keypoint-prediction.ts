/**
 * Expression-informed keypoint prediction. The keypoints are the face model's landmarks for the full expression, so
 * most of their motion follows from the expression prefix that the same packet carries. Both ends predict each
 * keypoint from the reference's keypoint plus the landmark Jacobian times the (dequantized) expression change; the
 * packet then only codes what the truncated expression could not explain. The arithmetic is plain IEEE doubles in a
 * fixed order, so sender and receiver round to the same index.
 */
import type { FrameLayout } from './profile.js';

/** d(landmarks)/d(expression) of the keyframe's face: 204 rows (68 landmarks x xyz, mm) by `dims` coefficients. */
export interface KeypointJacobian {
  dims: number;
  /** Row-major 204 x dims, millimetres per unit coefficient. */
  mmPerUnit: Float64Array;
}

/**
 * Adjusts the keypoint slots of `prediction` (which hold the reference's keypoint indices) by the change that the
 * expression slots of `current` (already decoded) imply relative to `reference`.
 */
export function predictKeypointsFromExpression(
  layout: FrameLayout,
  jacobian: KeypointJacobian,
  current: Int32Array,
  reference: Int32Array,
  prediction: Int32Array,
): void {
  const e0 = layout.offsets.expression;
  // Learned keypoints are no face-model landmarks: the Jacobian says nothing about them.
  if (layout.profile.learnedKeypoints > 0) return;
  const dims = Math.min(layout.profile.expressionDims, jacobian.dims);
  if (dims === 0) return;
  const eq = layout.quantizers[e0];
  const kq = layout.quantizers[0];
  const delta = new Float64Array(dims);
  for (let j = 0; j < dims; j++) delta[j] = (current[e0 + j] - reference[e0 + j]) * eq.step;
  const ids = layout.profile.landmarkIds;
  const m = jacobian.mmPerUnit;
  const stride = jacobian.dims;
  for (let i = 0; i < ids.length; i++) {
    for (let d = 0; d < 3; d++) {
      const row = (ids[i] * 3 + d) * stride;
      let mm = 0;
      for (let j = 0; j < dims; j++) mm += m[row + j] * delta[j];
      const s = i * 3 + d;
      const p = prediction[s] + Math.round(mm / kq.step);
      prediction[s] = p < 0 ? 0 : p > kq.maxIndex ? kq.maxIndex : p;
    }
  }
}
