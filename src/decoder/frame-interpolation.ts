/**
 * Frames between two decoded frames, for streams whose parameters are coded below the display rate. Face parameters
 * move smoothly at talking-head speeds, so a linear blend of expression, jaw, eyes, keypoints and head pose (axis-angle
 * components too: consecutive poses differ by a few degrees) is what the missing frame would have coded.
 */
import type { FaceShapeParams, HeadPose } from '../face/face-model.js';
import type { RenderFrame } from './renderer.js';

function lerpArray(a: Float32Array, b: Float32Array, w: number): Float32Array {
  if (a.length !== b.length) return Float32Array.from(w < 0.5 ? a : b);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + (b[i] - a[i]) * w;
  return out;
}

/** The render input at weight `w` (0 = `a`, 1 = `b`) between two frames of the same keyframe and profile. */
export function interpolateRenderFrame(a: RenderFrame, b: RenderFrame, w: number): RenderFrame {
  const params: FaceShapeParams = {
    shape: a.params.shape,
    expression: lerpArray(a.params.expression, b.params.expression, w),
    jawRad: lerpArray(a.params.jawRad, b.params.jawRad, w),
    eyesRad: lerpArray(a.params.eyesRad, b.params.eyesRad, w),
  };
  const pose: HeadPose = {
    rotationRad: lerpArray(a.pose.rotationRad, b.pose.rotationRad, w),
    translationPx: lerpArray(a.pose.translationPx, b.pose.translationPx, w),
    pixelsPerMm: a.pose.pixelsPerMm + (b.pose.pixelsPerMm - a.pose.pixelsPerMm) * w,
  };
  return {
    params,
    pose,
    keypointsMm: lerpArray(a.keypointsMm, b.keypointsMm, w),
    landmarkIds: a.landmarkIds,
    ...(a.learnedKeypoints && b.learnedKeypoints ? { learnedKeypoints: lerpArray(a.learnedKeypoints, b.learnedKeypoints, w) } : {}),
    receivedExpressionDims: a.receivedExpressionDims,
    ...(a.eyeState && b.eyeState ? { eyeState: lerpArray(a.eyeState, b.eyeState, w) } : {}),
  };
}
