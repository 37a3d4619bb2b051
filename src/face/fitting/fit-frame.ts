/** fitFrame: one frame's expression and head pose for a fixed identity, dispatching to the dense or the 68-landmark fitter. */
import { BuiltinFaceModel } from '../builtin/builtin-face-model.js';
import { landmarks68FromMediapipe } from '../builtin/load-builtin-face-model.js';
import type { FaceModel } from '../face-model.js';
import { DenseMeshFitter } from './dense-mesh-fitter.js';
import { FittingError } from './fitting-error.js';
import { validateObservation, type FaceObservation, type FitFrameOptions, type FrameFit } from './fit-types.js';
import { LandmarkFitter } from './landmark-fitter.js';

type Fitter = DenseMeshFitter | LandmarkFitter;
/** Per model: the fitters of the last identity used (their set-up costs one pass over the bases). */
const fitters = new WeakMap<FaceModel, Map<string, Fitter>>();

/**
 * Fits expression (+ jaw) and head pose to one observation with the identity `opts.shape` fixed. The built-in model
 * with a `mesh468` observation uses all 468 points (closed-form pose + linear expression solve); every other case
 * fits the 68 landmarks (a `mesh468` observation is reduced to them with `landmarks68FromMediapipe`).
 * @throws FittingError for malformed observations or options.
 */
export function fitFrame(model: FaceModel, observation: FaceObservation, opts: FitFrameOptions): FrameFit {
  const { stride } = validateObservation(observation);
  checkOptions(model, opts);
  const dims = opts.expressionDims ?? model.expressionDims;
  if (observation.kind === 'mesh468' && model instanceof BuiltinFaceModel) {
    return (fitterFor(model, opts.shape, dims, 'dense') as DenseMeshFitter).fit(observation, opts);
  }
  const fitter = fitterFor(model, opts.shape, dims, 'landmarks') as LandmarkFitter;
  if (observation.kind === 'mesh468') return fitter.fit(landmarks68FromMediapipe(observation.pointsPx), 3, opts);
  return fitter.fit(observation.pointsPx, stride, opts);
}

function fitterFor(model: FaceModel, shape: Float32Array, dims: number, kind: 'dense' | 'landmarks'): Fitter {
  let byKey = fitters.get(model);
  if (!byKey) fitters.set(model, (byKey = new Map()));
  const key = `${kind}:${dims}:${Array.prototype.join.call(shape, ',')}`;
  let f = byKey.get(key);
  if (!f) {
    // keep only the latest identity per kind: a stream changes identity at keyframes only
    for (const k of [...byKey.keys()]) if (k.startsWith(kind)) byKey.delete(k);
    f = kind === 'dense' ? new DenseMeshFitter(model as unknown as BuiltinFaceModel, shape, dims) : new LandmarkFitter(model, shape, dims);
    byKey.set(key, f);
  }
  return f;
}

function checkOptions(model: FaceModel, opts: FitFrameOptions): void {
  if (opts == null || !(opts.shape instanceof Float32Array) || opts.shape.length !== model.shapeDims || !opts.shape.every(Number.isFinite)) {
    throw new FittingError('FITTING_BAD_OPTIONS', `shape must be a finite Float32Array of length ${model.shapeDims}`);
  }
  const d = opts.expressionDims;
  if (d !== undefined && (!Number.isInteger(d) || d < 0 || d > model.expressionDims)) {
    throw new FittingError('FITTING_BAD_OPTIONS', `expressionDims must be an integer in 0..${model.expressionDims}, got ${d}`);
  }
  for (const [name, v] of [['noisePx', opts.noisePx], ['temporalWeight', opts.temporalWeight], ['depthWeight', opts.depthWeight]] as const) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0 && (name !== 'noisePx' || v > 0))) throw new FittingError('FITTING_BAD_OPTIONS', `${name} must be a finite non-negative number, got ${v}`);
  }
  const it = opts.iterations;
  if (it !== undefined && !(Number.isInteger(it) && it >= 1 && it <= 100)) throw new FittingError('FITTING_BAD_OPTIONS', `iterations must be an integer in 1..100, got ${it}`);
}
