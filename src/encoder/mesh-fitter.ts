/** The encoder's default fitter: dense MediaPipe-mesh fitting where the face model allows, else its 68 landmarks. */
import type { FaceModel } from '../face/face-model.js';
import { fitFrame, fitIdentity } from '../face/fitting/index.js';
import type { FaceFitter, FrameFit } from './face-fitter.js';

/** A `FaceFitter` for `model` fed with 468-point MediaPipe meshes (as `FaceTracker` gives them). */
export function createFitter(model: FaceModel): FaceFitter {
  return {
    fitIdentity(observations) {
      const fit = fitIdentity(model, observations.map((pointsPx) => ({ kind: 'mesh468' as const, pointsPx })));
      return { shape: fit.shape, fits: fit.perFrame };
    },
    fitFrame(observation, shape, previous?: FrameFit) {
      return fitFrame(model, { kind: 'mesh468', pointsPx: observation }, { shape, previous });
    },
  };
}
