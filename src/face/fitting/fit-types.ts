/** Inputs and outputs of face-model fitting: what was observed in the crop, and the fitted parameters and pose. */
import type { FaceShapeParams, HeadPose } from '../face-model.js';
import { FittingError } from './fitting-error.js';

/**
 * What the landmark detector saw, in pixels of the face crop (x right, y down):
 * - `mesh468`: the 468 MediaPipe points as (x, y, z) triples, z in the same pixel scale, smaller = closer to the
 *   camera (`FaceMesh.points` mapped into the crop);
 * - `landmarks68`: the iBUG-68 points as (x, y) pairs or (x, y, z) triples (z as above; used only to initialise).
 */
export type FaceObservation =
  | { kind: 'mesh468'; pointsPx: Float32Array }
  | { kind: 'landmarks68'; pointsPx: Float32Array };

/** One frame's fit. */
export interface FrameFit {
  params: FaceShapeParams;
  pose: HeadPose;
  /** RMS of the 2D distance between the fitted model's points and the observed ones (the points the fit used), pixels. */
  rmsErrorPx: number;
}

/** Options of `fitFrame`. */
export interface FitFrameOptions {
  /** Identity coefficients (length model.shapeDims), fixed for the frame. */
  shape: Float32Array;
  /** The previous frame's fit: warm start and the temporal term. */
  previous?: FrameFit;
  /** Fit only the first n expression coefficients (the rest stay 0); default all. */
  expressionDims?: number;
  /** Assumed detector noise per coordinate, pixels; sets the balance against the unit Gaussian prior. Default 1 (68 points) or 2 (dense). */
  noisePx?: number;
  /** Weight of (expression - previous expression)^2 relative to the unit prior; default 0.3. */
  temporalWeight?: number;
  /** Weight of the depth coordinate of dense observations relative to x, y; default 0.3. */
  depthWeight?: number;
  /** Iterations (upper bound); default 6 (dense) or 8 (landmarks). */
  iterations?: number;
}

/** Checks an observation's size and values. */
export function validateObservation(obs: FaceObservation): { count: number; stride: 2 | 3 } {
  if (obs == null || (obs.kind !== 'mesh468' && obs.kind !== 'landmarks68') || !(obs.pointsPx instanceof Float32Array)) {
    throw new FittingError('FITTING_BAD_OBSERVATION', "observation must be { kind: 'mesh468' | 'landmarks68', pointsPx: Float32Array }");
  }
  const n = obs.pointsPx.length;
  let stride: 2 | 3;
  if (obs.kind === 'mesh468') {
    if (n !== 468 * 3) throw new FittingError('FITTING_BAD_OBSERVATION', `mesh468 needs 1404 values, got ${n}`);
    stride = 3;
  } else if (n === 68 * 2 || n === 68 * 3) {
    stride = n === 136 ? 2 : 3;
  } else {
    throw new FittingError('FITTING_BAD_OBSERVATION', `landmarks68 needs 136 or 204 values, got ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(obs.pointsPx[i])) throw new FittingError('FITTING_BAD_OBSERVATION', `observation value ${i} is not finite`);
  }
  return { count: obs.kind === 'mesh468' ? 468 : 68, stride };
}
