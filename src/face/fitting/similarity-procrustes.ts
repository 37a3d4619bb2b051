/** Weighted 3D similarity Procrustes (Horn's quaternion method): the s, R, t that best map one point set onto another. */
import { symmetricEigen } from './linear-algebra.js';

/** y ≈ scale * R x + translation, R row-major 3x3. */
export interface Similarity3 {
  scale: number;
  rotation: Float64Array;
  translation: Float64Array;
}

/**
 * Least-squares similarity mapping `source` onto `target` (both count*3), each point weighted by `weights`
 * (all 1 when omitted). Reflections are excluded by construction (unit quaternion).
 */
export function similarityProcrustes(
  source: ArrayLike<number>,
  target: ArrayLike<number>,
  weights?: ArrayLike<number>,
  out: Similarity3 = { scale: 1, rotation: new Float64Array(9), translation: new Float64Array(3) },
): Similarity3 {
  const n = source.length / 3;
  let wSum = 0, sx = 0, sy = 0, sz = 0, tx = 0, ty = 0, tz = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    wSum += w;
    sx += w * source[3 * i]; sy += w * source[3 * i + 1]; sz += w * source[3 * i + 2];
    tx += w * target[3 * i]; ty += w * target[3 * i + 1]; tz += w * target[3 * i + 2];
  }
  sx /= wSum; sy /= wSum; sz /= wSum; tx /= wSum; ty /= wSum; tz /= wSum;
  // cross-covariance M[a][b] = sum w (src_a)(tgt_b), and the source spread for the scale
  let mxx = 0, mxy = 0, mxz = 0, myx = 0, myy = 0, myz = 0, mzx = 0, mzy = 0, mzz = 0, spread = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    const ax = source[3 * i] - sx, ay = source[3 * i + 1] - sy, az = source[3 * i + 2] - sz;
    const bx = target[3 * i] - tx, by = target[3 * i + 1] - ty, bz = target[3 * i + 2] - tz;
    mxx += w * ax * bx; mxy += w * ax * by; mxz += w * ax * bz;
    myx += w * ay * bx; myy += w * ay * by; myz += w * ay * bz;
    mzx += w * az * bx; mzy += w * az * by; mzz += w * az * bz;
    spread += w * (ax * ax + ay * ay + az * az);
  }
  const nMat = [
    mxx + myy + mzz, myz - mzy, mzx - mxz, mxy - myx,
    myz - mzy, mxx - myy - mzz, mxy + myx, mzx + mxz,
    mzx - mxz, mxy + myx, -mxx + myy - mzz, myz + mzy,
    mxy - myx, mzx + mxz, myz + mzy, -mxx - myy + mzz,
  ];
  const { values, vectors } = symmetricEigen(nMat, 4);
  const q0 = vectors[0], q1 = vectors[1], q2 = vectors[2], q3 = vectors[3];
  const r = out.rotation;
  r[0] = q0 * q0 + q1 * q1 - q2 * q2 - q3 * q3; r[1] = 2 * (q1 * q2 - q0 * q3); r[2] = 2 * (q1 * q3 + q0 * q2);
  r[3] = 2 * (q2 * q1 + q0 * q3); r[4] = q0 * q0 - q1 * q1 + q2 * q2 - q3 * q3; r[5] = 2 * (q2 * q3 - q0 * q1);
  r[6] = 2 * (q3 * q1 - q0 * q2); r[7] = 2 * (q3 * q2 + q0 * q1); r[8] = q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3;
  out.scale = spread > 0 ? values[0] / spread : 1;
  const s = out.scale;
  out.translation[0] = tx - s * (r[0] * sx + r[1] * sy + r[2] * sz);
  out.translation[1] = ty - s * (r[3] * sx + r[4] * sy + r[5] * sz);
  out.translation[2] = tz - s * (r[6] * sx + r[7] * sy + r[8] * sz);
  return out;
}

/** Applies a similarity to count*3 points. */
export function applySimilarity(sim: Similarity3, points: ArrayLike<number>, out: Float32Array | Float64Array): void {
  const r = sim.rotation, s = sim.scale, t = sim.translation;
  for (let i = 0; i < points.length; i += 3) {
    const x = points[i], y = points[i + 1], z = points[i + 2];
    out[i] = s * (r[0] * x + r[1] * y + r[2] * z) + t[0];
    out[i + 1] = s * (r[3] * x + r[4] * y + r[5] * z) + t[1];
    out[i + 2] = s * (r[6] * x + r[7] * y + r[8] * z) + t[2];
  }
}
