/**
 * Eye state: how open each eye is and where both look, as four scale-free numbers a frame can carry. The face model's
 * expression basis barely moves the lids (a blink is a few mm over a few vertices, far down its variance order), and
 * it has no gaze at all, so they travel on their own.
 */

/** Values per frame: right-eye aperture, left-eye aperture, gaze x, gaze y. */
export const EYE_STATE_LENGTH = 4;
/** Index of each value in an eye-state vector. */
export const EYE_STATE = { apertureRight: 0, apertureLeft: 1, gazeX: 2, gazeY: 3 } as const;
/** Points per eye in an eyelid contour: the lower lid inner corner to outer corner (9), then the upper lid inner to outer (7). */
export const EYELID_CONTOUR_POINTS = 16;
/** Contour index of the inner and outer corner. */
const INNER_CORNER = 0;
const OUTER_CORNER = 8;
/**
 * Iris radius as a fraction of the corner-to-corner eye width: the human iris is about 11.7 mm across, the palpebral
 * fissure about 28-30 mm wide.
 */
export const IRIS_RADIUS_PER_EYE_WIDTH = 0.2;
/** An eye narrower than this (px) tells nothing about its opening (face far away or lost). */
const MIN_EYE_WIDTH = 1e-3;

/** A neutral open eye looking ahead: the state assumed where none was measured. */
export function neutralEyeState(out = new Float32Array(EYE_STATE_LENGTH)): Float32Array {
  out[EYE_STATE.apertureRight] = 0.3;
  out[EYE_STATE.apertureLeft] = 0.3;
  out[EYE_STATE.gazeX] = 0;
  out[EYE_STATE.gazeY] = 0;
  return out;
}

/**
 * Opening of one eye: the area of its contour polygon over the squared corner distance (an open eye is about
 * 0.25-0.35, a closed one under 0.05). `points` holds x, y(, z) triples with `stride` values each, starting at `first`.
 */
export function eyeAperture(points: ArrayLike<number>, first: number, stride = 3): number {
  const at = (k: number) => first + k * stride;
  const ix = points[at(INNER_CORNER)], iy = points[at(INNER_CORNER) + 1];
  const ox = points[at(OUTER_CORNER)], oy = points[at(OUTER_CORNER) + 1];
  const width2 = (ox - ix) ** 2 + (oy - iy) ** 2;
  if (!(width2 > MIN_EYE_WIDTH)) return NaN;
  // Polygon: lower lid inner -> outer (0..8), then the upper lid back from outer to inner (15..9).
  let twice = 0;
  let px = points[at(0)], py = points[at(0) + 1];
  const visit = (k: number) => {
    const x = points[at(k)], y = points[at(k) + 1];
    twice += px * y - x * py;
    px = x;
    py = y;
  };
  for (let k = 1; k <= OUTER_CORNER; k++) visit(k);
  for (let k = EYELID_CONTOUR_POINTS - 1; k > OUTER_CORNER; k--) visit(k);
  visit(0);
  return Math.abs(twice) / 2 / width2;
}

/**
 * Where an iris sits in its eye, as a fraction of the eye's width: x along the line from the image-left corner to the
 * image-right corner, y perpendicular to it (image down). Looking to the image's right gives +x for both eyes.
 */
export function irisOffset(contour: ArrayLike<number>, first: number, irisX: number, irisY: number, stride = 3): [number, number] {
  const ix = contour[first + INNER_CORNER * stride], iy = contour[first + INNER_CORNER * stride + 1];
  const ox = contour[first + OUTER_CORNER * stride], oy = contour[first + OUTER_CORNER * stride + 1];
  // Image-left corner first, whichever eye this is.
  const [lx, ly, rx, ry] = ix < ox ? [ix, iy, ox, oy] : [ox, oy, ix, iy];
  const w = Math.hypot(rx - lx, ry - ly);
  if (!(w > MIN_EYE_WIDTH)) return [NaN, NaN];
  const ux = (rx - lx) / w, uy = (ry - ly) / w;
  const dx = irisX - (lx + rx) / 2, dy = irisY - (ly + ry) / 2;
  return [(dx * ux + dy * uy) / w, (-dx * uy + dy * ux) / w];
}

/**
 * The eye state of one frame from the iris network's eyelid contours (both eyes, `EYELID_CONTOUR_POINTS` x, y, z
 * points each, right eye first) and iris centres (10 x 3: right centre + 4 rim points, then the left's). Gaze is the
 * mean of both eyes' offsets; a value that cannot be measured (a degenerate eye) falls back to the neutral state's.
 */
export function measureEyeState(eyelids: Float32Array, iris: Float32Array, out = new Float32Array(EYE_STATE_LENGTH)): Float32Array {
  const neutral = neutralEyeState();
  const perEye = EYELID_CONTOUR_POINTS * 3;
  const right = eyeAperture(eyelids, 0), left = eyeAperture(eyelids, perEye);
  out[EYE_STATE.apertureRight] = Number.isFinite(right) ? right : neutral[0];
  out[EYE_STATE.apertureLeft] = Number.isFinite(left) ? left : neutral[1];
  const [rgx, rgy] = irisOffset(eyelids, 0, iris[0], iris[1]);
  const [lgx, lgy] = irisOffset(eyelids, perEye, iris[15], iris[16]);
  const gx = [rgx, lgx].filter(Number.isFinite), gy = [rgy, lgy].filter(Number.isFinite);
  out[EYE_STATE.gazeX] = gx.length ? gx.reduce((a, b) => a + b, 0) / gx.length : 0;
  out[EYE_STATE.gazeY] = gy.length ? gy.reduce((a, b) => a + b, 0) / gy.length : 0;
  return out;
}
