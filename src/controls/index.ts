/** Public surface of the editing controls: expression and pose editing, relative motion for reenactment. */
export { ControlsError, type ControlsErrorCode } from './controls-error.js';
export { ArticulationSubspace, ARTICULATION_FEATURES, innerLipGapMm, chinDropMm, articulationFeatureMatrix } from './articulation.js';
export { ExpressionDirections, expressionDirectionsPath, type ExpressionDirection, type ExpressionDirectionsFile } from './expression-directions.js';
export { ExpressionEditor, type ExpressionWeight, type EditedFrame } from './expression-editor.js';
export { EditingRenderer } from './editing-renderer.js';
export { EditingFitter } from './editing-fitter.js';
export { offsetPose, overridePose, yawPitchRollMatrix, parsePoseOffset, parsePoseOverride, type PoseOffset, type PoseOverride } from './pose-edit.js';
export { RelativeMotion, type RelativeMotionOptions } from './relative-motion.js';
export { RelativeMotionFitter, REENACT_KEYFRAME_POLICY } from './relative-motion-fitter.js';
