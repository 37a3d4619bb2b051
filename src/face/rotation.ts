/** Axis-angle <-> rotation matrix (row-major 3x3), the rotation convention of every pose in the SDK. */

/** Rodrigues: axis-angle (radians, 3 values) to a row-major 3x3 matrix written into `out`. */
export function axisAngleToMatrix(aa: ArrayLike<number>, out: Float64Array = new Float64Array(9)): Float64Array {
  const x = aa[0], y = aa[1], z = aa[2];
  const theta = Math.hypot(x, y, z);
  if (theta < 1e-12) {
    out.set([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    return out;
  }
  const kx = x / theta, ky = y / theta, kz = z / theta;
  const c = Math.cos(theta), s = Math.sin(theta), t = 1 - c;
  out[0] = c + kx * kx * t;
  out[1] = kx * ky * t - kz * s;
  out[2] = kx * kz * t + ky * s;
  out[3] = ky * kx * t + kz * s;
  out[4] = c + ky * ky * t;
  out[5] = ky * kz * t - kx * s;
  out[6] = kz * kx * t - ky * s;
  out[7] = kz * ky * t + kx * s;
  out[8] = c + kz * kz * t;
  return out;
}

/** Inverse of Rodrigues: a row-major rotation matrix to axis-angle (radians). */
export function matrixToAxisAngle(m: ArrayLike<number>, out: Float32Array = new Float32Array(3)): Float32Array {
  const cos = Math.min(1, Math.max(-1, (m[0] + m[4] + m[8] - 1) / 2));
  const theta = Math.acos(cos);
  if (theta < 1e-9) {
    out[0] = out[1] = out[2] = 0;
    return out;
  }
  if (Math.PI - theta < 1e-4) {
    // Near 180 degrees the antisymmetric part vanishes: take the axis from the diagonal.
    const ax = Math.sqrt(Math.max(0, (m[0] + 1) / 2));
    const ay = Math.sqrt(Math.max(0, (m[4] + 1) / 2)) * (m[1] >= 0 ? 1 : -1);
    const az = Math.sqrt(Math.max(0, (m[8] + 1) / 2)) * (m[2] >= 0 ? 1 : -1);
    out[0] = ax * theta; out[1] = ay * theta; out[2] = az * theta;
    return out;
  }
  const k = theta / (2 * Math.sin(theta));
  out[0] = (m[7] - m[5]) * k;
  out[1] = (m[2] - m[6]) * k;
  out[2] = (m[3] - m[1]) * k;
  return out;
}

/** Multiplies row-major 3x3 matrices: out = a * b. */
export function multiply3(a: ArrayLike<number>, b: ArrayLike<number>, out: Float64Array = new Float64Array(9)): Float64Array {
  const r = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) r[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
  }
  out.set(r);
  return out;
}
