/** Axis-angle to rotation matrix (Rodrigues' formula), written into a caller-owned buffer. */

/**
 * Writes the row-major 3x3 rotation for axis-angle (x, y, z) radians into `out` at `offset`.
 * Below 1e-12 rad the first-order form I + [r]x is used, which is exact to double precision there.
 */
export function rodrigues(x: number, y: number, z: number, out: Float64Array, offset = 0): void {
  const theta = Math.sqrt(x * x + y * y + z * z);
  let s: number;
  let c1: number; // 1 - cos(theta), scaled by 1/theta^2 below
  if (theta < 1e-12) {
    s = 1;
    c1 = 0;
  } else {
    s = Math.sin(theta) / theta;
    c1 = (1 - Math.cos(theta)) / (theta * theta);
  }
  // R = I + s [r]x + c1 [r]x^2 with the unnormalised axis r.
  out[offset] = 1 - c1 * (y * y + z * z);
  out[offset + 1] = -s * z + c1 * x * y;
  out[offset + 2] = s * y + c1 * x * z;
  out[offset + 3] = s * z + c1 * x * y;
  out[offset + 4] = 1 - c1 * (x * x + z * z);
  out[offset + 5] = -s * x + c1 * y * z;
  out[offset + 6] = -s * y + c1 * x * z;
  out[offset + 7] = s * x + c1 * y * z;
  out[offset + 8] = 1 - c1 * (x * x + y * y);
}
