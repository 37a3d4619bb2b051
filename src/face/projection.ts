/**
 * The weak-perspective camera of the SDK: head space (mm; x right, y up, z towards the viewer) to image pixels
 * (x right, y down). u = tx + s (R X)_x, v = ty - s (R X)_y, depth = s (R X)_z (larger = closer to the viewer).
 */
import type { HeadPose } from './face-model.js';
import { axisAngleToMatrix } from './rotation.js';

/** Projects `count` points (xyz mm) into `out` as (u px, v px, depth px) triples. */
export function projectPoints(pointsMm: Float32Array, pose: HeadPose, out: Float32Array = new Float32Array(pointsMm.length)): Float32Array {
  const r = axisAngleToMatrix(pose.rotationRad);
  const s = pose.pixelsPerMm;
  const tx = pose.translationPx[0], ty = pose.translationPx[1];
  for (let i = 0; i < pointsMm.length; i += 3) {
    const x = pointsMm[i], y = pointsMm[i + 1], z = pointsMm[i + 2];
    out[i] = tx + s * (r[0] * x + r[1] * y + r[2] * z);
    out[i + 1] = ty - s * (r[3] * x + r[4] * y + r[5] * z);
    out[i + 2] = s * (r[6] * x + r[7] * y + r[8] * z);
  }
  return out;
}

/** A pose with no rotation, centred in a crop of `sizePx`, at `pixelsPerMm`. */
export function frontalPose(sizePx: number, pixelsPerMm: number): HeadPose {
  return { rotationRad: new Float32Array(3), translationPx: Float32Array.from([sizePx / 2, sizePx / 2]), pixelsPerMm };
}
