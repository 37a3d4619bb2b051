/** Public surface of the refinement layer on top of mesh-warp (issue #15). */
export { RefinedFaceRenderer, type RefinedFaceRendererOptions, type RefinerCapture } from './refined-face-renderer.js';
export { RefinerInputBuilder, REFINER_INPUT_CHANNELS, REFINER_CHANNEL } from './refiner-input.js';
export type { RefinerRunner } from './refiner-runner.js';
export { defaultRefinerModelDir, loadRefinerModelFiles, refinerModelConfigSchema, type RefinerModelConfig } from './refiner-model-config.js';
