/**
 * Renderer inputs -> the network's normalized coordinates; the same mapping as training/facecodec_neural/geometry.py.
 * A head-space point (mm) is projected with the SDK camera (src/face/projection.ts) into pixels of the square crop
 * of side `cropPx` (the keyframe image), then x = 2u/crop - 1, y = 2v/crop - 1 (grid_sample's align_corners=False
 * frame: crop edges at +-1, y down) and z = 2 depth/crop (same scale as x, 0 at the model origin). Head rotations
 * enter the flow as F R F with F = diag(1, -1, 1), the rotation seen in that y-down frame.
 */
import type { HeadPose } from '../../face/face-model.js';
import { projectPoints } from '../../face/projection.js';
import { axisAngleToMatrix } from '../../face/rotation.js';

/**
 * Writes the normalized (x, y, z) of the landmarks `landmarkIds` (taken from `points68Mm`, 68 xyz triples) into `out`
 * (landmarkIds.length * 3). `scratch` (204 floats) avoids an allocation per frame.
 */
export function normalizedKeypoints(
  points68Mm: Float32Array,
  landmarkIds: readonly number[],
  pose: HeadPose,
  cropPx: number,
  out: Float32Array,
  scratch: Float32Array = new Float32Array(204),
): Float32Array {
  projectPoints(points68Mm, pose, scratch);
  const k = 2 / cropPx;
  for (let i = 0; i < landmarkIds.length; i++) {
    const j = landmarkIds[i] * 3;
    out[i * 3] = scratch[j] * k - 1;
    out[i * 3 + 1] = scratch[j + 1] * k - 1;
    out[i * 3 + 2] = scratch[j + 2] * k;
  }
  return out;
}

/** The head rotation in the network's y-down frame, F R F, row-major into `out` (9 values). */
export function normalizedRotation(rotationRad: ArrayLike<number>, out: Float32Array): Float32Array {
  const r = axisAngleToMatrix(rotationRad);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      // F R F flips the sign of entries with exactly one index on the y axis.
      const sign = (i === 1) !== (j === 1) ? -1 : 1;
      out[i * 3 + j] = sign * r[i * 3 + j];
    }
  }
  return out;
}

/**
 * The generator's expression feature: jaw (jawDims values) then the first `receivedDims` expression coefficients,
 * zero-padded to `expressionDims`, as the network saw truncated expressions in training.
 */
export function expressionFeature(
  expression: Float32Array,
  jawRad: Float32Array,
  receivedDims: number,
  expressionDims: number,
  jawDims: number,
  out: Float32Array,
): Float32Array {
  out.fill(0);
  for (let i = 0; i < jawDims; i++) out[i] = jawRad[i] ?? 0;
  const n = Math.max(0, Math.min(expressionDims, receivedDims, expression.length));
  for (let i = 0; i < n; i++) out[jawDims + i] = expression[i];
  return out;
}
