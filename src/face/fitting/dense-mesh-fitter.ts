/**
 * Per-frame fit of the built-in (linear) model to all 468 MediaPipe points: alternates a closed-form similarity
 * Procrustes for the pose with a regularized linear least-squares solve for the expression, whose normal matrix
 * is assembled from nine precomputed basis Gram blocks (so a rotated, depth-down-weighted metric costs 9 x E^2).
 */
import type { BuiltinFaceModel } from '../builtin/builtin-face-model.js';
import { neutralParams } from '../face-model.js';
import { matrixToAxisAngle } from '../rotation.js';
import { choleskySolveInPlace } from './linear-algebra.js';
import { similarityProcrustes, type Similarity3 } from './similarity-procrustes.js';
import type { FaceObservation, FitFrameOptions, FrameFit } from './fit-types.js';

const V = 468;
const D = V * 3;

/** A reusable dense fitter for one built-in model and one identity. */
export class DenseMeshFitter {
  readonly expressionDims: number;
  private readonly identityMm: Float32Array;
  /** gram[(a*3+b)][j*E+k] = sum_i E_j[3i+a] E_k[3i+b]. */
  private readonly gram: Float64Array[];
  private readonly current = new Float64Array(D);
  private readonly target = new Float64Array(D);
  private readonly h = new Float64Array(D);
  private readonly normal: Float64Array;
  private readonly rhs: Float64Array;
  private readonly expr: Float64Array;
  private readonly sim: Similarity3 = { scale: 1, rotation: new Float64Array(9), translation: new Float64Array(3) };

  constructor(
    private readonly model: BuiltinFaceModel,
    readonly shape: Float32Array,
    expressionDims = model.expressionDims,
  ) {
    this.expressionDims = Math.min(expressionDims, model.expressionDims);
    const e = this.expressionDims;
    this.identityMm = model.identityMesh(shape);
    const basis = model.expressionBasis;
    this.gram = [];
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const g = new Float64Array(e * e);
        for (let j = 0; j < e; j++) {
          for (let k = 0; k < e; k++) {
            let s = 0;
            for (let i = 0; i < V; i++) s += basis[j * D + 3 * i + a] * basis[k * D + 3 * i + b];
            g[j * e + k] = s;
          }
        }
        this.gram.push(g);
      }
    }
    this.normal = new Float64Array(e * e);
    this.rhs = new Float64Array(e);
    this.expr = new Float64Array(e);
  }

  /** Fits pose and expression to a `mesh468` observation. */
  fit(obs: FaceObservation, opts: Omit<FitFrameOptions, 'shape'>): FrameFit {
    const e = this.expressionDims;
    const basis = this.model.expressionBasis;
    const noisePx = opts.noisePx ?? 2;
    const temporal = opts.temporalWeight ?? 0.3;
    const wz = opts.depthWeight ?? 0.3;
    const iterations = opts.iterations ?? 6;
    const p = obs.pointsPx;
    const y = this.target;
    for (let i = 0; i < D; i += 3) {
      y[i] = p[i];
      y[i + 1] = -p[i + 1];
      y[i + 2] = -p[i + 2];
    }
    const prev = opts.previous?.params.expression;
    const ex = this.expr;
    for (let k = 0; k < e; k++) ex[k] = prev && k < prev.length ? prev[k] : 0;
    const x = this.current;
    const sim = this.sim;
    const invVar = 1 / (noisePx * noisePx);
    for (let it = 0; it < iterations; it++) {
      this.compose(x);
      similarityProcrustes(x, y, undefined, sim);
      const r = sim.rotation, s = sim.scale, t = sim.translation;
      // h_i = R^T W (y_i - t - s R x0_i), W = diag(1, 1, wz) in camera space
      const x0 = this.identityMm;
      for (let i = 0; i < D; i += 3) {
        const a = x0[i], b = x0[i + 1], c = x0[i + 2];
        const rx = y[i] - t[0] - s * (r[0] * a + r[1] * b + r[2] * c);
        const ry = y[i + 1] - t[1] - s * (r[3] * a + r[4] * b + r[5] * c);
        const rz = (y[i + 2] - t[2] - s * (r[6] * a + r[7] * b + r[8] * c)) * wz;
        this.h[i] = r[0] * rx + r[3] * ry + r[6] * rz;
        this.h[i + 1] = r[1] * rx + r[4] * ry + r[7] * rz;
        this.h[i + 2] = r[2] * rx + r[5] * ry + r[8] * rz;
      }
      // normal matrix: s^2 E^T (I - (1 - wz) r3 r3^T) E / var + (1 + temporal) I
      const n = this.normal;
      n.fill(0);
      const r3 = [r[6], r[7], r[8]];
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          const m = ((a === b ? 1 : 0) - (1 - wz) * r3[a] * r3[b]) * s * s * invVar;
          const g = this.gram[a * 3 + b];
          for (let q = 0; q < e * e; q++) n[q] += m * g[q];
        }
      }
      const tw = prev ? temporal : 0;
      for (let k = 0; k < e; k++) {
        n[k * e + k] += 1 + tw;
        let acc = 0;
        const off = k * D;
        for (let i = 0; i < D; i++) acc += basis[off + i] * this.h[i];
        this.rhs[k] = s * invVar * acc + (prev && k < prev.length ? tw * prev[k] : 0);
      }
      let change = 0;
      if (!choleskySolveInPlace(n, this.rhs, e)) break;
      for (let k = 0; k < e; k++) {
        change = Math.max(change, Math.abs(this.rhs[k] - ex[k]));
        ex[k] = this.rhs[k];
      }
      if (change < 1e-3 && it > 0) break;
    }
    this.compose(x);
    similarityProcrustes(x, y, undefined, sim);
    return this.result(x, p);
  }

  private compose(x: Float64Array): void {
    const e = this.expressionDims;
    const basis = this.model.expressionBasis;
    const x0 = this.identityMm;
    for (let i = 0; i < D; i++) x[i] = x0[i];
    for (let k = 0; k < e; k++) {
      const c = this.expr[k];
      if (c === 0) continue;
      const off = k * D;
      for (let i = 0; i < D; i++) x[i] += c * basis[off + i];
    }
  }

  private result(x: Float64Array, p: Float32Array): FrameFit {
    const { rotation: r, scale: s, translation: t } = this.sim;
    let sq = 0;
    for (let i = 0; i < D; i += 3) {
      const u = t[0] + s * (r[0] * x[i] + r[1] * x[i + 1] + r[2] * x[i + 2]);
      const v = -t[1] - s * (r[3] * x[i] + r[4] * x[i + 1] + r[5] * x[i + 2]);
      sq += (u - p[i]) ** 2 + (v - p[i + 1]) ** 2;
    }
    const params = neutralParams(this.model);
    params.shape.set(this.shape);
    for (let k = 0; k < this.expressionDims; k++) params.expression[k] = this.expr[k];
    return {
      params,
      pose: { rotationRad: matrixToAxisAngle(r), translationPx: Float32Array.from([t[0], -t[1]]), pixelsPerMm: s },
      rmsErrorPx: Math.sqrt(sq / V),
    };
  }
}
