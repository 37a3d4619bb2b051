/** FLAME's pose stage: joint regression, Rodrigues rotations, pose correctives and linear blend skinning. */
import type { FlameData } from './flame-data.js';
import { FLAME_JOINT_COUNT, FLAME_PARENTS } from './flame-data.js';
import type { FlameVertexSet } from './flame-vertex-set.js';
import { rodrigues } from './rodrigues.js';

const MM_PER_M = 1000;
const J = FLAME_JOINT_COUNT;

/**
 * Holds the joint regressor pre-applied to the template and to every basis vector (the joints are linear in
 * shape and expression), and scratch buffers for one pose. Call `setPose`, then `skin` for each vertex set.
 */
export class FlameSkinning {
  /** J_regressor · v_template, mm (5*3). */
  private readonly jointTemplateMm = new Float64Array(J * 3);
  /** J_regressor · shapedirs[:, :, k], mm (S*15). */
  private readonly jointShapeDirsMm: Float64Array;
  /** J_regressor · exprdirs[:, :, k], mm (E*15). */
  private readonly jointExprDirsMm: Float64Array;
  /** Rest joints of the current call (5*3). */
  readonly restJointsMm = new Float64Array(J * 3);
  /** Posed joints of the current call (5*3). */
  readonly posedJointsMm = new Float64Array(J * 3);
  /** Local rotations (5 row-major 3x3). */
  private readonly rot = new Float64Array(J * 9);
  /** Skinning transforms A_j = [R_world | t_world - R_world · J_rest] (5 row-major 3x4). */
  private readonly skinMats = new Float64Array(J * 12);
  /** World transforms G_j (5 row-major 3x4). */
  private readonly world = new Float64Array(J * 12);
  /** (R_j - I) flattened for joints 1..4. */
  readonly poseFeature = new Float64Array(36);

  constructor(data: FlameData, shapeDims: number, exprDims: number) {
    const n = data.vertexCount;
    this.jointShapeDirsMm = new Float64Array(shapeDims * J * 3);
    this.jointExprDirsMm = new Float64Array(exprDims * J * 3);
    const S = data.shapeDims;
    const E = data.exprDims;
    for (let j = 0; j < J; j++) {
      for (let v = 0; v < n; v++) {
        const w = data.jRegressor[j * n + v];
        if (w === 0) continue;
        for (let c = 0; c < 3; c++) {
          const row = v * 3 + c;
          this.jointTemplateMm[j * 3 + c] += w * data.vTemplate[row] * MM_PER_M;
          for (let k = 0; k < shapeDims; k++) this.jointShapeDirsMm[k * 15 + j * 3 + c] += w * data.shapeDirs[row * S + k] * MM_PER_M;
          for (let k = 0; k < exprDims; k++) this.jointExprDirsMm[k * 15 + j * 3 + c] += w * data.exprDirs![row * E + k] * MM_PER_M;
        }
      }
    }
  }

  /**
   * Computes rest joints, rotations, pose feature and skinning transforms. `poseRad` holds 15 axis-angle values:
   * global, neck, jaw, eye (joint 3), eye (joint 4).
   */
  setPose(shape: Float32Array, expression: Float32Array, poseRad: Float64Array): void {
    const jr = this.restJointsMm;
    jr.set(this.jointTemplateMm);
    for (let k = 0; k < shape.length; k++) {
      const c = shape[k];
      if (c === 0) continue;
      for (let i = 0; i < 15; i++) jr[i] += c * this.jointShapeDirsMm[k * 15 + i];
    }
    for (let k = 0; k < expression.length; k++) {
      const c = expression[k];
      if (c === 0) continue;
      for (let i = 0; i < 15; i++) jr[i] += c * this.jointExprDirsMm[k * 15 + i];
    }
    const R = this.rot;
    for (let j = 0; j < J; j++) rodrigues(poseRad[3 * j], poseRad[3 * j + 1], poseRad[3 * j + 2], R, 9 * j);
    for (let j = 1; j < J; j++) {
      for (let e = 0; e < 9; e++) this.poseFeature[(j - 1) * 9 + e] = R[9 * j + e] - (e % 4 === 0 ? 1 : 0);
    }
    const G = this.world;
    const A = this.skinMats;
    for (let j = 0; j < J; j++) {
      const p = FLAME_PARENTS[j];
      // Local transform: rotation about the joint, translation = offset from the parent joint (or the joint itself at the root).
      const tx = jr[3 * j] - (p < 0 ? 0 : jr[3 * p]);
      const ty = jr[3 * j + 1] - (p < 0 ? 0 : jr[3 * p + 1]);
      const tz = jr[3 * j + 2] - (p < 0 ? 0 : jr[3 * p + 2]);
      const g = 12 * j;
      if (p < 0) {
        for (let r = 0; r < 3; r++) {
          G[g + 4 * r] = R[9 * j + 3 * r];
          G[g + 4 * r + 1] = R[9 * j + 3 * r + 1];
          G[g + 4 * r + 2] = R[9 * j + 3 * r + 2];
        }
        G[g + 3] = tx;
        G[g + 7] = ty;
        G[g + 11] = tz;
      } else {
        const q = 12 * p;
        for (let r = 0; r < 3; r++) {
          const a0 = G[q + 4 * r], a1 = G[q + 4 * r + 1], a2 = G[q + 4 * r + 2];
          for (let c = 0; c < 3; c++) {
            G[g + 4 * r + c] = a0 * R[9 * j + c] + a1 * R[9 * j + 3 + c] + a2 * R[9 * j + 6 + c];
          }
          G[g + 4 * r + 3] = a0 * tx + a1 * ty + a2 * tz + G[q + 4 * r + 3];
        }
      }
      for (let r = 0; r < 3; r++) {
        this.posedJointsMm[3 * j + r] = G[g + 4 * r + 3];
        A[g + 4 * r] = G[g + 4 * r];
        A[g + 4 * r + 1] = G[g + 4 * r + 1];
        A[g + 4 * r + 2] = G[g + 4 * r + 2];
        A[g + 4 * r + 3] =
          G[g + 4 * r + 3] - (G[g + 4 * r] * jr[3 * j] + G[g + 4 * r + 1] * jr[3 * j + 1] + G[g + 4 * r + 2] * jr[3 * j + 2]);
      }
    }
  }

  /** Blends shape/expression/pose correctives on `set` and skins it into `out` (set.count*3, mm). */
  skin(set: FlameVertexSet, shape: Float32Array, expression: Float32Array, out: Float32Array): void {
    set.blendShape(shape, expression);
    set.addPoseCorrectives(this.poseFeature);
    const v = set.work;
    const W = set.weights;
    const A = this.skinMats;
    const n = set.count;
    for (let i = 0; i < n; i++) {
      let m0 = 0, m1 = 0, m2 = 0, m3 = 0, m4 = 0, m5 = 0, m6 = 0, m7 = 0, m8 = 0, m9 = 0, m10 = 0, m11 = 0;
      for (let j = 0; j < J; j++) {
        const w = W[i * J + j];
        if (w === 0) continue;
        const a = 12 * j;
        m0 += w * A[a]; m1 += w * A[a + 1]; m2 += w * A[a + 2]; m3 += w * A[a + 3];
        m4 += w * A[a + 4]; m5 += w * A[a + 5]; m6 += w * A[a + 6]; m7 += w * A[a + 7];
        m8 += w * A[a + 8]; m9 += w * A[a + 9]; m10 += w * A[a + 10]; m11 += w * A[a + 11];
      }
      const x = v[3 * i], y = v[3 * i + 1], z = v[3 * i + 2];
      out[3 * i] = m0 * x + m1 * y + m2 * z + m3;
      out[3 * i + 1] = m4 * x + m5 * y + m6 * z + m7;
      out[3 * i + 2] = m8 * x + m9 * y + m10 * z + m11;
    }
  }
}
