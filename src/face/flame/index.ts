/** FLAME 2023 Open face model: loading (pickle or npz), forward pass, 68 landmarks. */
export { loadFlameModel, loadFlameData, type FlameSource, type LoadFlameOptions } from './load-flame-model.js';
export { FlameModel, type FlameForwardParams, type FlameForwardResult, type FlameModelInfo } from './flame-model.js';
export { type FlameData, FLAME_JOINT_COUNT, FLAME_PARENTS, FLAME_POSE_FEATURES } from './flame-data.js';
export { type LandmarkEmbedding, FLAME_EMBEDDING_68_FILE, parseLandmarkEmbedding68 } from './flame-landmark-embedding.js';
export { FLAME_OPEN_PKL, FLAME_BASIS_NPZ, FLAME_LBS_NPZ, readFlamePickle, readFlameNpzSet, readFlameFolder, flameDataFromPickle } from './flame-files.js';
export { flameDataHash } from './flame-data-hash.js';
export { makeSyntheticExpressionBasis } from './synthetic-expression-basis.js';
export { FlameParamsError } from './flame-params-error.js';
export { rodrigues } from './rodrigues.js';
