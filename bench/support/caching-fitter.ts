/**
 * A FaceFitter that remembers its fits of replayed observations: a soak replays a few tracked frames thousands of
 * times, and refitting the same mesh each time would spend the run in the fitter instead of the coding path. The
 * real fitter still runs on every new observation and on every `realEvery`-th call.
 */
import type { FaceFitter, FrameFit, MeshObservation } from '../../src/encoder/face-fitter.js';

/** Shapes (keyframe identities) whose fits are kept; the oldest go first, so the cache stays bounded. */
const MAX_SHAPES = 4;

export class CachingFitter implements FaceFitter {
  private readonly byShape = new Map<Float32Array, Map<number, FrameFit>>();
  private calls = 0;
  realFits = 0;

  constructor(
    private readonly inner: FaceFitter,
    private readonly realEvery = 100,
  ) {}

  fitIdentity(observations: readonly MeshObservation[]): { shape: Float32Array; fits: FrameFit[] } {
    return this.inner.fitIdentity(observations);
  }

  fitFrame(observation: MeshObservation, shape: Float32Array, previous?: FrameFit): FrameFit {
    let fits = this.byShape.get(shape);
    if (!fits) {
      fits = new Map();
      this.byShape.set(shape, fits);
      if (this.byShape.size > MAX_SHAPES) this.byShape.delete(this.byShape.keys().next().value!);
    }
    const key = observationKey(observation);
    let fit = fits.get(key);
    if (!fit || this.calls++ % this.realEvery === 0) {
      fit = this.inner.fitFrame(observation, shape, previous);
      this.realFits++;
      fits.set(key, fit);
    }
    return cloneFit(fit);
  }
}

/** A position-weighted sum of the observation: equal for the same replayed mesh in the same crop. */
function observationKey(o: MeshObservation): number {
  let h = 0;
  for (let i = 0; i < o.length; i++) h += o[i] * ((i % 97) + 1);
  return h;
}

/** A copy the encoder may keep (it holds fits as warm starts and keyframe parameters). */
function cloneFit(f: FrameFit): FrameFit {
  return {
    params: {
      shape: f.params.shape,
      expression: Float32Array.from(f.params.expression),
      jawRad: Float32Array.from(f.params.jawRad),
      eyesRad: Float32Array.from(f.params.eyesRad),
    },
    pose: { rotationRad: Float32Array.from(f.pose.rotationRad), translationPx: Float32Array.from(f.pose.translationPx), pixelsPerMm: f.pose.pixelsPerMm },
    rmsErrorPx: f.rmsErrorPx,
  };
}
