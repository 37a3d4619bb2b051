/**
 * Recovers the expression coefficients a truncated profile did not send, from the keypoints it did send: the
 * keypoints were computed from the full expression on the sender, so the missing coefficients are the ridge solution
 * that makes the model's landmarks match them. The solver matrix is built once per keyframe and profile.
 */
import type { KeypointJacobian } from '../bitstream/index.js';
import type { FaceModel, FaceShapeParams } from '../face/face-model.js';
import { ridgeSolver } from '../face/fitting/linear-algebra.js';

/** Prior strength in mm^2: keypoints are quantized to ~0.5 mm, coefficients have unit variance. */
const RIDGE_MM2 = 0.5;

export class ExpressionCompleter {
  private readonly solver: Float64Array | null;
  private readonly missing: number;
  private readonly lm = new Float32Array(204);
  private readonly residual: Float64Array;

  /**
   * @param model the stream's face model
   * @param jacobian the model's landmark Jacobian at the keyframe (all expression dims)
   * @param landmarkIds the profile's keypoints (iBUG-68 ids)
   * @param receivedDims how many leading coefficients arrive in each packet
   */
  constructor(
    private readonly model: FaceModel,
    jacobian: KeypointJacobian,
    private readonly landmarkIds: readonly number[],
    private readonly receivedDims: number,
  ) {
    this.missing = Math.max(0, Math.min(model.expressionDims, jacobian.dims) - receivedDims);
    const m = landmarkIds.length * 3;
    this.residual = new Float64Array(m);
    if (this.missing === 0) {
      this.solver = null;
      return;
    }
    // The Jacobian's rows of the sent keypoints, columns of the coefficients that were not sent.
    const j = new Float64Array(m * this.missing);
    landmarkIds.forEach((id, i) => {
      for (let d = 0; d < 3; d++) {
        for (let c = 0; c < this.missing; c++) j[(i * 3 + d) * this.missing + c] = jacobian.mmPerUnit[(id * 3 + d) * jacobian.dims + receivedDims + c];
      }
    });
    this.solver = ridgeSolver(j, m, this.missing, RIDGE_MM2);
  }

  /**
   * Fills `params.expression[receivedDims..]` so the landmarks match `keypointsMm`. `params.expression` must hold the
   * received prefix (and anything after it is overwritten).
   */
  complete(params: FaceShapeParams, keypointsMm: Float32Array): void {
    const e = params.expression;
    e.fill(0, this.receivedDims);
    if (!this.solver) return;
    const lm = this.model.landmarks68(params, this.lm);
    const m = this.landmarkIds.length * 3;
    this.landmarkIds.forEach((id, i) => {
      for (let d = 0; d < 3; d++) this.residual[i * 3 + d] = keypointsMm[i * 3 + d] - lm[id * 3 + d];
    });
    for (let c = 0; c < this.missing; c++) {
      let s = 0;
      const row = c * m;
      for (let r = 0; r < m; r++) s += this.solver[row + r] * this.residual[r];
      e[this.receivedDims + c] = s;
    }
  }
}
