/** A rotated square region of an image that a network sees as its input, and the maps between the two coordinate systems. */

/**
 * A square in image pixels, rotated by `rotationRad` about its centre (positive = clockwise on screen, since y points
 * down). Image coordinates are continuous: pixel (i,j) covers [i,i+1)x[j,j+1), so the image spans [0,width]x[0,height].
 */
export interface FaceRoi {
  readonly centerX: number;
  readonly centerY: number;
  /** Side length in image pixels. */
  readonly sizePx: number;
  readonly rotationRad: number;
}

/**
 * Maps a point given in network-input pixels (0..inputSizePx, continuous) to image pixels, in place on `xy` at `offset`.
 * Used for every network output so that no precision is lost to rounding.
 */
export function roiToImage(roi: FaceRoi, inputSizePx: number, u: number, v: number, out: Float32Array, offset: number): void {
  const a = (u / inputSizePx - 0.5) * roi.sizePx;
  const b = (v / inputSizePx - 0.5) * roi.sizePx;
  const c = Math.cos(roi.rotationRad);
  const s = Math.sin(roi.rotationRad);
  out[offset] = roi.centerX + a * c - b * s;
  out[offset + 1] = roi.centerY + a * s + b * c;
}

/** Wraps an angle into [-pi, pi). */
export function normalizeRad(angleRad: number): number {
  return angleRad - 2 * Math.PI * Math.floor((angleRad + Math.PI) / (2 * Math.PI));
}

/**
 * Roll of a face from two points that lie on a horizontal line of an upright face (right then left, as seen in the
 * image from left to right): the ROI rotation that makes that line horizontal in the network input.
 */
export function rollFromPointsRad(x0: number, y0: number, x1: number, y1: number): number {
  return normalizeRad(Math.atan2(y1 - y0, x1 - x0));
}

/**
 * The ROI around a set of points: their bounding box measured in a frame rotated by `rotationRad`, grown to a square
 * of `scale` times its longer side. Measuring in the rotated frame keeps the box tight for tilted heads.
 */
export function roiAroundPoints(xy: Float32Array, stride: number, count: number, rotationRad: number, scale: number): FaceRoi {
  const c = Math.cos(rotationRad);
  const s = Math.sin(rotationRad);
  let minA = Infinity;
  let maxA = -Infinity;
  let minB = Infinity;
  let maxB = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = xy[i * stride];
    const y = xy[i * stride + 1];
    // coordinates in the rotated frame (inverse rotation)
    const a = x * c + y * s;
    const b = -x * s + y * c;
    if (a < minA) minA = a;
    if (a > maxA) maxA = a;
    if (b < minB) minB = b;
    if (b > maxB) maxB = b;
  }
  const ca = (minA + maxA) / 2;
  const cb = (minB + maxB) / 2;
  return {
    centerX: ca * c - cb * s,
    centerY: ca * s + cb * c,
    sizePx: Math.max(maxA - minA, maxB - minB) * scale,
    rotationRad,
  };
}
