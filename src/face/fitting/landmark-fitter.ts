/**
 * Per-frame fit of any FaceModel to 68 2D landmarks: damped Gauss-Newton on head pose (incremental rotation, scale,
 * 2D translation), expression and, for models with a jaw, jaw rotation. The expression Jacobian is the model's
 * landmark basis at zero jaw (exact for linear models; a close approximation once the jaw opens), precomputed per identity.
 */
import type { FaceModel, FaceShapeParams } from '../face-model.js';
import { neutralParams } from '../face-model.js';
import { axisAngleToMatrix, matrixToAxisAngle, multiply3 } from '../rotation.js';
import { choleskySolveInPlace } from './linear-algebra.js';
import { similarityProcrustes } from './similarity-procrustes.js';
import type { FitFrameOptions, FrameFit } from './fit-types.js';

const L = 68;
const JAW_STEP_RAD = 1e-3;
/** Prior standard deviation of each jaw rotation component, radians. */
const JAW_PRIOR_RAD = 0.25;

/** A reusable 68-landmark fitter for one model and one identity. */
export class LandmarkFitter {
  readonly expressionDims: number;
  private readonly base = new Float32Array(L * 3);
  /** Landmark expression basis, component-major (E x 204). */
  private readonly exprBasis: Float32Array;
  private readonly params: FaceShapeParams;
  private readonly lmk = new Float32Array(L * 3);
  private readonly lmkJaw = new Float32Array(L * 3);
  private readonly nParams: number;
  private readonly jac: Float64Array;
  private readonly res = new Float64Array(L * 2);
  private readonly normal: Float64Array;
  private readonly step: Float64Array;
  private readonly rot = new Float64Array(9);

  constructor(
    private readonly model: FaceModel,
    readonly shape: Float32Array,
    expressionDims = model.expressionDims,
  ) {
    this.expressionDims = Math.min(expressionDims, model.expressionDims);
    this.params = neutralParams(model);
    this.params.shape.set(shape);
    model.landmarks68(this.params, this.base);
    const e = this.expressionDims;
    this.exprBasis = new Float32Array(e * L * 3);
    for (let k = 0; k < e; k++) {
      this.params.expression[k] = 1;
      model.landmarks68(this.params, this.lmk);
      this.params.expression[k] = 0;
      for (let i = 0; i < L * 3; i++) this.exprBasis[k * L * 3 + i] = this.lmk[i] - this.base[i];
    }
    this.nParams = 6 + e + (model.hasJaw ? 3 : 0);
    this.jac = new Float64Array(L * 2 * this.nParams);
    this.normal = new Float64Array(this.nParams * this.nParams);
    this.step = new Float64Array(this.nParams);
  }

  /** Fits pose, expression (and jaw) to 68 landmarks, (x, y) pairs or (x, y, z) triples in crop pixels. */
  fit(pointsPx: Float32Array, stride: 2 | 3, opts: Omit<FitFrameOptions, 'shape'>): FrameFit {
    const e = this.expressionDims;
    const hasJaw = this.model.hasJaw;
    const noisePx = opts.noisePx ?? 1;
    const invVar = 1 / (noisePx * noisePx);
    const temporal = opts.previous ? opts.temporalWeight ?? 0.3 : 0;
    let iterations = opts.iterations ?? 8;
    const prev = opts.previous;
    const pr = this.params;
    pr.expression.fill(0);
    pr.jawRad.fill(0);
    let s: number, tx: number, ty: number;
    const rot = this.rot;
    if (prev) {
      for (let k = 0; k < e; k++) pr.expression[k] = prev.params.expression[k] ?? 0;
      if (hasJaw) pr.jawRad.set(prev.params.jawRad);
      axisAngleToMatrix(prev.pose.rotationRad, rot);
      s = prev.pose.pixelsPerMm;
      tx = prev.pose.translationPx[0];
      ty = prev.pose.translationPx[1];
    } else {
      ({ s, tx, ty } = this.initialPose(pointsPx, stride, rot));
    }
    const nP = this.nParams;
    const J = this.jac;
    const r = this.res;
    const lm = this.lmk;
    const dRot = new Float64Array(9);
    let rms = 0;
    for (let it = 0; it <= iterations; it++) {
      this.currentLandmarks(lm);
      // residuals and Jacobian; columns: w0 w1 w2 s tx ty | expression | jaw
      J.fill(0);
      let sq = 0;
      for (let i = 0; i < L; i++) {
        const X = lm[3 * i], Y = lm[3 * i + 1], Z = lm[3 * i + 2];
        const px = rot[0] * X + rot[1] * Y + rot[2] * Z;
        const py = rot[3] * X + rot[4] * Y + rot[5] * Z;
        const pz = rot[6] * X + rot[7] * Y + rot[8] * Z;
        const ru = tx + s * px - pointsPx[stride * i];
        const rv = ty - s * py - pointsPx[stride * i + 1];
        r[2 * i] = ru;
        r[2 * i + 1] = rv;
        sq += ru * ru + rv * rv;
        const ju = 2 * i * nP, jv = (2 * i + 1) * nP;
        // d(w x P): du/dw = s [0, pz, -py], dv/dw = -s [-pz, 0, px]
        J[ju + 1] = s * pz; J[ju + 2] = -s * py;
        J[jv + 0] = s * pz; J[jv + 2] = -s * px;
        J[ju + 3] = px; J[jv + 3] = -py;
        J[ju + 4] = 1; J[jv + 5] = 1;
        for (let k = 0; k < e; k++) {
          const o = k * L * 3 + 3 * i;
          const bx = this.exprBasis[o], by = this.exprBasis[o + 1], bz = this.exprBasis[o + 2];
          J[ju + 6 + k] = s * (rot[0] * bx + rot[1] * by + rot[2] * bz);
          J[jv + 6 + k] = -s * (rot[3] * bx + rot[4] * by + rot[5] * bz);
        }
      }
      rms = Math.sqrt(sq / L);
      if (it === iterations) break;
      if (hasJaw) this.jawColumns(lm, rot, s, 6 + e);
      // normal equations with the priors
      const n = this.normal;
      const g = this.step;
      n.fill(0);
      g.fill(0);
      for (let row = 0; row < 2 * L; row++) {
        const o = row * nP;
        const rr = r[row];
        for (let a = 0; a < nP; a++) {
          const ja = J[o + a];
          if (ja === 0) continue;
          g[a] -= ja * rr * invVar;
          const na = a * nP;
          for (let b = a; b < nP; b++) n[na + b] += ja * J[o + b] * invVar;
        }
      }
      for (let a = 0; a < nP; a++) for (let b = 0; b < a; b++) n[a * nP + b] = n[b * nP + a];
      for (let k = 0; k < e; k++) {
        const c = pr.expression[k];
        const pc = prev ? prev.params.expression[k] ?? 0 : 0;
        n[(6 + k) * nP + 6 + k] += 1 + temporal;
        g[6 + k] -= c + temporal * (c - pc);
      }
      if (hasJaw) {
        for (let k = 0; k < 3; k++) {
          const c = pr.jawRad[k];
          const pc = prev ? prev.params.jawRad[k] : 0;
          const w = 1 / (JAW_PRIOR_RAD * JAW_PRIOR_RAD);
          n[(6 + e + k) * nP + 6 + e + k] += w * (1 + temporal);
          g[6 + e + k] -= w * (c + temporal * (c - pc));
        }
      }
      // a little Levenberg damping on the pose block keeps the first steps from a poor start sane
      for (let a = 0; a < 6; a++) n[a * nP + a] *= 1.001;
      n[3 * nP + 3] += 1e-6;
      if (!choleskySolveInPlace(n, g, nP)) break;
      axisAngleToMatrix([g[0], g[1], g[2]], dRot);
      multiply3(dRot, rot, rot);
      s = Math.max(1e-6, s + g[3]);
      tx += g[4];
      ty += g[5];
      let change = Math.hypot(g[0], g[1], g[2]) * 100 + Math.abs(g[3]) / s + Math.hypot(g[4], g[5]) * 1e-2;
      for (let k = 0; k < e; k++) {
        pr.expression[k] += g[6 + k];
        change = Math.max(change, Math.abs(g[6 + k]));
      }
      if (hasJaw) for (let k = 0; k < 3; k++) pr.jawRad[k] += g[6 + e + k];
      if (change < 1e-3) {
        iterations = it + 1;
      }
    }
    const params = neutralParams(this.model);
    params.shape.set(this.shape);
    params.expression.set(pr.expression);
    params.jawRad.set(pr.jawRad);
    return {
      params,
      pose: { rotationRad: matrixToAxisAngle(rot), translationPx: Float32Array.from([tx, ty]), pixelsPerMm: s },
      rmsErrorPx: rms,
    };
  }

  private currentLandmarks(out: Float32Array): void {
    if (this.model.hasJaw && (this.params.jawRad[0] !== 0 || this.params.jawRad[1] !== 0 || this.params.jawRad[2] !== 0)) {
      this.model.landmarks68(this.params, out);
      return;
    }
    out.set(this.base);
    const e = this.expressionDims;
    for (let k = 0; k < e; k++) {
      const c = this.params.expression[k];
      if (c === 0) continue;
      const o = k * L * 3;
      for (let i = 0; i < L * 3; i++) out[i] += c * this.exprBasis[o + i];
    }
  }

  /** Jaw columns by forward differences of the model's landmarks. */
  private jawColumns(lm: Float32Array, rot: Float64Array, s: number, col: number): void {
    const nP = this.nParams;
    const jaw = this.params.jawRad;
    for (let k = 0; k < 3; k++) {
      const keep = jaw[k];
      jaw[k] = keep + JAW_STEP_RAD;
      this.model.landmarks68(this.params, this.lmkJaw);
      jaw[k] = keep;
      for (let i = 0; i < L; i++) {
        const dx = (this.lmkJaw[3 * i] - lm[3 * i]) / JAW_STEP_RAD;
        const dy = (this.lmkJaw[3 * i + 1] - lm[3 * i + 1]) / JAW_STEP_RAD;
        const dz = (this.lmkJaw[3 * i + 2] - lm[3 * i + 2]) / JAW_STEP_RAD;
        this.jac[2 * i * nP + col + k] = s * (rot[0] * dx + rot[1] * dy + rot[2] * dz);
        this.jac[(2 * i + 1) * nP + col + k] = -s * (rot[3] * dx + rot[4] * dy + rot[5] * dz);
      }
    }
  }

  /** A starting pose: 3D similarity when depth is observed, else scale and centre from the 2D spread, frontal. */
  private initialPose(p: Float32Array, stride: 2 | 3, rot: Float64Array): { s: number; tx: number; ty: number } {
    const b = this.base;
    if (stride === 3) {
      const y = new Float64Array(L * 3);
      for (let i = 0; i < L; i++) {
        y[3 * i] = p[3 * i];
        y[3 * i + 1] = -p[3 * i + 1];
        y[3 * i + 2] = -p[3 * i + 2];
      }
      const sim = similarityProcrustes(b, y);
      rot.set(sim.rotation);
      return { s: sim.scale, tx: sim.translation[0], ty: -sim.translation[1] };
    }
    let mx = 0, my = 0, bx = 0, by = 0;
    for (let i = 0; i < L; i++) {
      mx += p[2 * i]; my += p[2 * i + 1]; bx += b[3 * i]; by += b[3 * i + 1];
    }
    mx /= L; my /= L; bx /= L; by /= L;
    let sp = 0, sb = 0;
    for (let i = 0; i < L; i++) {
      sp += (p[2 * i] - mx) ** 2 + (p[2 * i + 1] - my) ** 2;
      sb += (b[3 * i] - bx) ** 2 + (b[3 * i + 1] - by) ** 2;
    }
    const s = Math.sqrt(sp / sb);
    rot.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    return { s, tx: mx - s * bx, ty: my + s * by };
  }
}
