/**
 * Recovers the expression coefficients a truncated profile did not send, from the keypoints it did send: the
 * keypoints were computed from the full expression on the sender, so the missing coefficients are the ridge solution
 * that makes the model's landmarks match them. The solver matrix is built once per keyframe and profile.
 */
import type { FaceModel, FaceShapeParams } from '../face/face-model.js';
import { ridgeSolver } from '../face/linear-solve.js';

/** Prior strength in mm^2: keypoints are quantized to ~0.5 mm, coefficients have unit variance. */
const RIDGE_MM2 = 0.5;

export class ExpressionCompleter {
  private readonly solver: Float64Array | null;
  private readonly missing: number;
  private readonly lm = new Float32Array(204);
  private readonly residual: Float64Array;

  /**
   * @param model the stream's face model
   * @param base the keyframe's parameters (identity, jaw, eyes) around which the model is linearised
   * @param landmarkIds the profile's keypoints (iBUG-68 ids)
   * @param receivedDims how many leading coefficients arrive in each packet
   */
  constructor(
    private readonly model: FaceModel,
    base: FaceShapeParams,
    private readonly landmarkIds: readonly number[],
    private readonly receivedDims: number,
  ) {
    this.missing = Math.max(0, model.expressionDims - receivedDims);
    const m = landmarkIds.length * 3;
    this.residual = new Float64Array(m);
    if (this.missing === 0) {
      this.solver = null;
      return;
    }
    const params: FaceShapeParams = { ...base, expression: new Float32Array(model.expressionDims) };
    const l0 = Float32Array.from(model.landmarks68(params));
    const j = new Float64Array(m * this.missing);
    for (let c = 0; c < this.missing; c++) {
      params.expression.fill(0);
      params.expression[receivedDims + c] = 1;
      const l1 = model.landmarks68(params, this.lm);
      landmarkIds.forEach((id, i) => {
        for (let d = 0; d < 3; d++) j[(i * 3 + d) * this.missing + c] = l1[id * 3 + d] - l0[id * 3 + d];
      });
    }
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
