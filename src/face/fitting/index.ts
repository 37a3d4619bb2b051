/** Public surface of face-model fitting: per-frame expression + pose (`fitFrame`) and keyframe identity (`fitIdentity`). */
export { fitFrame } from './fit-frame.js';
export { fitIdentity, type FitIdentityOptions, type IdentityFit } from './fit-identity.js';
export type { FaceObservation, FrameFit, FitFrameOptions } from './fit-types.js';
export { FittingError, type FittingErrorCode } from './fitting-error.js';
export { DenseMeshFitter } from './dense-mesh-fitter.js';
export { LandmarkFitter } from './landmark-fitter.js';
export { similarityProcrustes, applySimilarity, type Similarity3 } from './similarity-procrustes.js';
