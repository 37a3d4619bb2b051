/** Head-pose edits: offsets or overrides of rotation (yaw, pitch, roll), translation and scale, in the camera frame. */
import { z } from 'zod';
import type { HeadPose } from '../face/face-model.js';
import { axisAngleToMatrix, matrixToAxisAngle, multiply3 } from '../face/rotation.js';
import { ControlsError } from './controls-error.js';

const degrees = z.number().finite().min(-180).max(180);

const poseOffsetSchema = z
  .object({
    /** About the camera's vertical axis; positive turns the face towards image right (the nose moves right). */
    yawDeg: degrees.default(0),
    /** About the camera's horizontal axis; positive tilts the face down (the nose moves down). */
    pitchDeg: degrees.default(0),
    /** About the viewing axis; positive rotates the face counter-clockwise as seen in the image. */
    rollDeg: degrees.default(0),
    /** Added to the head's image position (pixels of the crop, x right, y down). */
    translationPx: z.tuple([z.number().finite(), z.number().finite()]).default([0, 0]),
    /** Multiplies the scale (pixels per mm). */
    scale: z.number().finite().min(0.1).max(10).default(1),
  })
  .strict();

const poseOverrideSchema = z
  .object({
    /** Absolute rotation from the frontal pose (see {@link PoseOffset} for the axes); absent: keep the frame's rotation. */
    yawDeg: degrees.optional(),
    pitchDeg: degrees.optional(),
    rollDeg: degrees.optional(),
    /** Absolute image position of the head (crop pixels); absent: keep the frame's. */
    translationPx: z.tuple([z.number().finite(), z.number().finite()]).optional(),
    /** Absolute scale; absent: keep the frame's. */
    pixelsPerMm: z.number().finite().positive().max(1000).optional(),
  })
  .strict();

/** A change relative to each frame's pose. */
export type PoseOffset = z.input<typeof poseOffsetSchema>;
/** A pose replacing the frame's; any rotation angle given replaces the whole rotation (missing angles are 0). */
export type PoseOverride = z.input<typeof poseOverrideSchema>;

export type ParsedPoseOffset = z.output<typeof poseOffsetSchema>;
export type ParsedPoseOverride = z.output<typeof poseOverrideSchema>;

/** @throws ControlsError CONTROLS_BAD_ARGUMENT naming the bad field. */
export function parsePoseOffset(offset: PoseOffset): ParsedPoseOffset {
  const r = poseOffsetSchema.safeParse(offset);
  if (!r.success) throw new ControlsError('CONTROLS_BAD_ARGUMENT', `pose offset ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
  return r.data;
}

/** @throws ControlsError CONTROLS_BAD_ARGUMENT naming the bad field. */
export function parsePoseOverride(override: PoseOverride): ParsedPoseOverride {
  const r = poseOverrideSchema.safeParse(override);
  if (!r.success) throw new ControlsError('CONTROLS_BAD_ARGUMENT', `pose override ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
  return r.data;
}

/**
 * Rotation matrix (row-major) of yaw, pitch and roll in degrees, in the camera frame of the SDK's projection
 * (x right, y up, z towards the viewer): R = Rz(roll) Rx(pitch) Ry(yaw).
 */
export function yawPitchRollMatrix(yawDeg: number, pitchDeg: number, rollDeg: number, out: Float64Array = new Float64Array(9)): Float64Array {
  const k = Math.PI / 180;
  // A positive rotation about +x takes the nose (z > 0) to y < 0: down in the image, as documented for pitch.
  const ry = axisAngleToMatrix([0, yawDeg * k, 0]);
  const rx = axisAngleToMatrix([pitchDeg * k, 0, 0]);
  const rz = axisAngleToMatrix([0, 0, rollDeg * k]);
  return multiply3(rz, multiply3(rx, ry), out);
}

/** Applies `offset` to `pose`: rotation composed in the camera frame (R' = R_offset R), translation added, scale multiplied. */
export function offsetPose(pose: HeadPose, offset: ParsedPoseOffset, out: HeadPose = emptyPose()): HeadPose {
  const r = multiply3(yawPitchRollMatrix(offset.yawDeg, offset.pitchDeg, offset.rollDeg), axisAngleToMatrix(pose.rotationRad));
  matrixToAxisAngle(r, out.rotationRad);
  out.translationPx[0] = pose.translationPx[0] + offset.translationPx[0];
  out.translationPx[1] = pose.translationPx[1] + offset.translationPx[1];
  out.pixelsPerMm = pose.pixelsPerMm * offset.scale;
  return out;
}

/** Replaces the parts of `pose` that `override` gives. */
export function overridePose(pose: HeadPose, override: ParsedPoseOverride, out: HeadPose = emptyPose()): HeadPose {
  if (override.yawDeg !== undefined || override.pitchDeg !== undefined || override.rollDeg !== undefined) {
    matrixToAxisAngle(yawPitchRollMatrix(override.yawDeg ?? 0, override.pitchDeg ?? 0, override.rollDeg ?? 0), out.rotationRad);
  } else {
    out.rotationRad.set(pose.rotationRad);
  }
  out.translationPx.set(override.translationPx ?? pose.translationPx);
  out.pixelsPerMm = override.pixelsPerMm ?? pose.pixelsPerMm;
  return out;
}

/** A pose with zeroed buffers, to be written by the functions above. */
export function emptyPose(): HeadPose {
  return { rotationRad: new Float32Array(3), translationPx: new Float32Array(2), pixelsPerMm: 1 };
}
