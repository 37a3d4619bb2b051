/** Public surface of the neural renderer. */
export { NeuralRenderer, type NeuralRendererOptions, type NeuralFrameInputs } from './neural-renderer.js';
export { LearnedKeypoints, type LearnedKeypointsOptions } from './learned-keypoints.js';
export { NeuralRendererError, type NeuralRendererErrorCode } from './neural-renderer-error.js';
export { DEFAULT_PROVIDERS, defaultNeuralProviders, type NeuralExecutionProvider } from './execution-provider.js';
export { defaultNeuralModelDir, loadNeuralModelFiles, neuralModelConfigSchema, type NeuralModelConfig, type NeuralModelFiles } from './neural-model-config.js';
export { normalizedKeypoints, normalizedRotation, expressionFeature } from './keypoint-mapping.js';
