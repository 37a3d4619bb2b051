/** Public surface of the neural renderer. */
export { NeuralRenderer, DEFAULT_NEURAL_MODEL_DIR, type NeuralRendererOptions, type NeuralFrameInputs } from './neural-renderer.js';
export { LearnedKeypoints, type LearnedKeypointsOptions } from './learned-keypoints.js';
export { NeuralRendererError, type NeuralRendererErrorCode } from './neural-renderer-error.js';
export { DEFAULT_PROVIDERS, type NeuralExecutionProvider } from './execution-provider.js';
export { loadNeuralModelFiles, neuralModelConfigSchema, type NeuralModelConfig, type NeuralModelFiles } from './neural-model-config.js';
export { normalizedKeypoints, normalizedRotation, expressionFeature } from './keypoint-mapping.js';
