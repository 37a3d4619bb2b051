/** When the sender starts a new keyframe: the warp from a keyframe degrades as the head turns or moves away from it. */
import { z } from 'zod';
import type { HeadPose } from '../face/face-model.js';
import { axisAngleToMatrix, multiply3 } from '../face/rotation.js';

export const keyframePolicySchema = z
  .object({
    /**
     * New keyframe when the head has turned this far from the keyframe's pose (degrees). A keyframe costs as much as
     * tens of seconds of frames at a few kbit/s, so the thresholds are where the warp really breaks down.
     */
    maxRotationDeg: z.number().positive().max(180).default(40),
    /** ... or its scale changed by this factor (e.g. 0.45 = 45% closer or further). */
    maxScaleChange: z.number().positive().max(10).default(0.45),
    /** ... or its centre moved this fraction of the crop size. */
    maxShiftFraction: z.number().positive().max(1).default(0.3),
    /** ... or this many frames passed (0 = never by time). */
    maxIntervalFrames: z.number().int().min(0).default(0),
    /** No keyframe for these reasons within this many frames of the last one (requests always get one). */
    minIntervalFrames: z.number().int().min(0).default(250),
  })
  .strict();

export type KeyframePolicy = z.output<typeof keyframePolicySchema>;
export type KeyframePolicyOptions = z.input<typeof keyframePolicySchema>;

/** Why a new keyframe is due, or null. */
export function keyframeDue(
  policy: KeyframePolicy,
  keyframePose: HeadPose,
  pose: HeadPose,
  framesSinceKeyframe: number,
  cropSizePx: number,
): string | null {
  if (framesSinceKeyframe < policy.minIntervalFrames) return null;
  const ra = axisAngleToMatrix(keyframePose.rotationRad);
  const rb = axisAngleToMatrix(pose.rotationRad);
  // relative rotation Ra^T Rb: its angle is how far the head turned
  const raT = Float64Array.from([ra[0], ra[3], ra[6], ra[1], ra[4], ra[7], ra[2], ra[5], ra[8]]);
  const rel = multiply3(raT, rb);
  const angleDeg = (Math.acos(Math.min(1, Math.max(-1, (rel[0] + rel[4] + rel[8] - 1) / 2))) * 180) / Math.PI;
  if (angleDeg > policy.maxRotationDeg) return `head turned ${angleDeg.toFixed(1)} deg`;
  const scale = pose.pixelsPerMm / keyframePose.pixelsPerMm;
  if (Math.abs(Math.log(scale)) > Math.log(1 + policy.maxScaleChange)) return `scale changed x${scale.toFixed(2)}`;
  const shift = Math.hypot(pose.translationPx[0] - keyframePose.translationPx[0], pose.translationPx[1] - keyframePose.translationPx[1]);
  if (shift > policy.maxShiftFraction * cropSizePx) return `moved ${shift.toFixed(0)} px`;
  if (policy.maxIntervalFrames > 0 && framesSinceKeyframe >= policy.maxIntervalFrames) return 'interval';
  return null;
}
