/** Public surface of the metrics module: the rate-quality benchmark's pixel and face metrics (face-api, not the encoder's models). */
export { MetricsError, type MetricsErrorCode } from './metrics-error.js';
export { FaceEvaluator, type FaceEvaluatorOptions, type FaceAnalysis } from './face-evaluator.js';
export { akd, akdMouth, akdRegion, LANDMARK_REGIONS, type LandmarkRegion, LANDMARK_COUNT, MOUTH_FIRST_INDEX, MOUTH_END_INDEX } from './landmark-distance.js';
export { aed, aemod, DESCRIPTOR_LENGTH, EXPRESSION_LENGTH, EXPRESSION_LABELS } from './embedding-distance.js';
export { psnr } from './psnr.js';
export { ssim, SSIM_WINDOW_PX, SSIM_SIGMA_PX } from './ssim.js';
export { compareFrames, type FrameComparison, type CompareFramesOptions } from './compare-frames.js';
export { summarize, type ComparisonSummary, type MetricStats } from './summarize.js';
