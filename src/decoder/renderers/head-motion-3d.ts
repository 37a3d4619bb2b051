/**
 * The head's rigid 3D motion between keyframe and frame, in projected coordinates (x px, y px down, z px towards the
 * viewer), and the plane of the head's outline: what the face skirt and the hair around the face move with.
 *
 * A similarity fitted to the face mesh moves everything by the face surface's motion. Under a head turn that is wrong
 * for the outline: the cheeks and nose swing sideways while the silhouette, which lies about as deep as the ears,
 * hardly moves. Dragging the outline with the face widened the far cheek by a tenth of the face in the renders.
 */
import type { HeadPose } from '../../face/face-model.js';
import { axisAngleToMatrix } from '../../face/rotation.js';

/** Rigid motion of the head and the outline plane, both in the keyframe's projected coordinates. */
export interface HeadMotion3d {
  /** 3x4 row-major affine: keyframe (x, y, z px) -> frame (x, y, z px) for a point fixed to the head. */
  readonly sourceToTarget: ArrayLike<number>;
  /** The outline plane as `z = p[0] x + p[1] y + p[2]` in the keyframe's projected coordinates. */
  readonly outlinePlane: ArrayLike<number>;
}

/** Below this, the keyframe looks along the outline plane (head turned about 80 degrees): no plane is usable. */
const MIN_PLANE_FACING = 0.17;

/**
 * The 3D motion from `source` to `target` pose, and the plane `depthMm` deep in head space (model z) seen from the
 * source pose; null when the keyframe's head is turned so far that the plane is seen edge-on.
 */
export function headMotion3d(source: HeadPose, target: HeadPose, depthMm: number, out: Float64Array = new Float64Array(15)): HeadMotion3d | null {
  const rs = axisAngleToMatrix(source.rotationRad);
  const rt = axisAngleToMatrix(target.rotationRad);
  const ss = source.pixelsPerMm, st = target.pixelsPerMm;
  if (!(ss > 0) || !(st > 0)) return null;
  // Projection is p = t + s F R X with F = diag(1, -1, 1) and t = (tx, ty, 0). So p_t = t_t + L (p_s - t_s) with
  // L = (st / ss) F Rt Rs^T F.
  const k = st / ss;
  const flip = [1, -1, 1];
  const motion = out.subarray(0, 12);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let v = 0;
      for (let m = 0; m < 3; m++) v += rt[i * 3 + m] * rs[j * 3 + m];
      motion[i * 4 + j] = k * flip[i] * v * flip[j];
    }
  }
  const tsx = source.translationPx[0], tsy = source.translationPx[1];
  const ttx = target.translationPx[0], tty = target.translationPx[1];
  for (let i = 0; i < 3; i++) {
    const t = i === 0 ? ttx : i === 1 ? tty : 0;
    motion[i * 4 + 3] = t - (motion[i * 4] * tsx + motion[i * 4 + 1] * tsy);
  }
  // Head-space z of a source point: (1/ss) (r2 (x - tx) - r5 (y - ty) + r8 z) = depthMm, solved for z.
  const r2 = rs[2], r5 = rs[5], r8 = rs[8];
  if (!(Math.abs(r8) >= MIN_PLANE_FACING)) return null;
  const plane = out.subarray(12, 15);
  plane[0] = -r2 / r8;
  plane[1] = r5 / r8;
  plane[2] = (ss * depthMm + r2 * tsx - r5 * tsy) / r8;
  for (let i = 0; i < 15; i++) if (!Number.isFinite(out[i])) return null;
  return { sourceToTarget: motion, outlinePlane: plane };
}

/**
 * The 2x3 affine that moves points of the outline plane from keyframe to frame (`out`, row-major): the motion of
 * hair, ears and headphones around the face.
 */
export function outlinePlaneAffine(motion: HeadMotion3d, out: Float64Array): Float64Array {
  const m = motion.sourceToTarget, p = motion.outlinePlane;
  for (let i = 0; i < 2; i++) {
    out[i * 3] = m[i * 4] + m[i * 4 + 2] * p[0];
    out[i * 3 + 1] = m[i * 4 + 1] + m[i * 4 + 2] * p[1];
    out[i * 3 + 2] = m[i * 4 + 3] + m[i * 4 + 2] * p[2];
  }
  return out;
}
