/**
 * fitIdentity: the identity (shape) of a face from one or a few keyframe observations, alternating per-frame
 * expression/pose fits with a Gauss-Newton step on the shape over all frames' 68 landmarks (unit Gaussian prior).
 */
import { landmarks68FromMediapipe } from '../builtin/load-builtin-face-model.js';
import type { FaceModel, FaceShapeParams } from '../face-model.js';
import { axisAngleToMatrix } from '../rotation.js';
import { fitFrame } from './fit-frame.js';
import { FittingError } from './fitting-error.js';
import { validateObservation, type FaceObservation, type FrameFit } from './fit-types.js';
import { choleskySolveInPlace } from './linear-algebra.js';

/** Options of {@link fitIdentity}. */
export interface FitIdentityOptions {
  /** Alternations of per-frame fits and shape steps; default 5. */
  rounds?: number;
  /** Assumed landmark noise, pixels (balance against the unit priors); default 1. */
  noisePx?: number;
  expressionDims?: number;
}

/** Result of {@link fitIdentity}: the shared identity and each observation's fit with it. */
export interface IdentityFit {
  shape: Float32Array;
  perFrame: FrameFit[];
}

/** Fits one identity to `observations` (1..32 frames of the same face), jointly with each frame's expression and pose. */
export function fitIdentity(model: FaceModel, observations: FaceObservation[], opts: FitIdentityOptions = {}): IdentityFit {
  if (!Array.isArray(observations) || observations.length < 1 || observations.length > 32) {
    throw new FittingError('FITTING_BAD_OBSERVATION', `fitIdentity needs 1..32 observations, got ${observations?.length}`);
  }
  const rounds = opts.rounds ?? 5;
  const noisePx = opts.noisePx ?? 1;
  const invVar = 1 / (noisePx * noisePx);
  const lmkObs = observations.map((o) => {
    const { stride } = validateObservation(o);
    if (o.kind === 'mesh468') return { pts: landmarks68FromMediapipe(o.pointsPx), stride: 3 };
    return { pts: o.pointsPx, stride };
  });
  const S = model.shapeDims;
  const shape = new Float32Array(S);
  let fits: (FrameFit | undefined)[] = observations.map(() => undefined);
  const base = new Float32Array(68 * 3);
  const moved = new Float32Array(68 * 3);
  const jac = new Float64Array(136 * S);
  const rot = new Float64Array(9);
  for (let round = 0; round < rounds; round++) {
    fits = lmkObs.map((o, f) =>
      fitFrame(model, { kind: 'landmarks68', pointsPx: o.pts }, { shape, previous: fits[f], temporalWeight: 0, noisePx, expressionDims: opts.expressionDims, iterations: 10 }),
    );
    const n = new Float64Array(S * S);
    const g = new Float64Array(S);
    for (let k = 0; k < S; k++) {
      n[k * S + k] = 1;
      g[k] = -shape[k];
    }
    fits.forEach((fit, f) => {
      const params: FaceShapeParams = { ...fit!.params, shape: Float32Array.from(shape) };
      model.landmarks68(params, base);
      const { pose } = fit!;
      axisAngleToMatrix(pose.rotationRad, rot);
      const s = pose.pixelsPerMm;
      for (let k = 0; k < S; k++) {
        params.shape[k] += 1;
        model.landmarks68(params, moved);
        params.shape[k] -= 1;
        for (let i = 0; i < 68; i++) {
          const dx = moved[3 * i] - base[3 * i], dy = moved[3 * i + 1] - base[3 * i + 1], dz = moved[3 * i + 2] - base[3 * i + 2];
          jac[2 * i * S + k] = s * (rot[0] * dx + rot[1] * dy + rot[2] * dz);
          jac[(2 * i + 1) * S + k] = -s * (rot[3] * dx + rot[4] * dy + rot[5] * dz);
        }
      }
      const o = lmkObs[f];
      for (let i = 0; i < 68; i++) {
        const X = base[3 * i], Y = base[3 * i + 1], Z = base[3 * i + 2];
        const ru = pose.translationPx[0] + s * (rot[0] * X + rot[1] * Y + rot[2] * Z) - o.pts[o.stride * i];
        const rv = pose.translationPx[1] - s * (rot[3] * X + rot[4] * Y + rot[5] * Z) - o.pts[o.stride * i + 1];
        for (const [row, r] of [[2 * i, ru], [2 * i + 1, rv]] as const) {
          for (let a = 0; a < S; a++) {
            const ja = jac[row * S + a];
            g[a] -= ja * r * invVar;
            for (let b = 0; b < S; b++) n[a * S + b] += ja * jac[row * S + b] * invVar;
          }
        }
      }
    });
    if (!choleskySolveInPlace(n, g, S)) break;
    for (let k = 0; k < S; k++) shape[k] += g[k];
  }
  // final per-frame fits with the observations as given (dense for the built-in model with meshes)
  const perFrame = observations.map((o, f) => fitFrame(model, o, { shape, previous: fits[f], temporalWeight: 0, expressionDims: opts.expressionDims, iterations: 12 }));
  return { shape, perFrame };
}
