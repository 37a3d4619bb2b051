/** 2x3 affine transforms in pixel units (row-major [a b c; d e f] mapping (x, y) to (a x + b y + c, d x + e y + f)). */
import { RendererError } from './renderer-error.js';

/** Below this |determinant| an affine is treated as singular (it would squash the head to a line). */
const MIN_DETERMINANT = 1e-9;

/**
 * Inverts a 2x3 affine into `out` (6 floats). Throws {@link RendererError} `RENDER_BAD_INPUT` on non-finite or singular input,
 * naming `what`.
 */
export function invertAffine2x3(m: ArrayLike<number>, out: Float64Array, what: string): void {
  if (m.length !== 6) throw new RendererError('RENDER_BAD_INPUT', `${what} must have 6 entries (2x3 affine), got ${m.length}`);
  for (let i = 0; i < 6; i++) {
    if (!Number.isFinite(m[i])) throw new RendererError('RENDER_BAD_INPUT', `${what}[${i}] is not finite (${m[i]})`);
  }
  const a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
  const det = a * e - b * d;
  if (!(Math.abs(det) > MIN_DETERMINANT)) throw new RendererError('RENDER_BAD_INPUT', `${what} is singular (determinant ${det})`);
  const inv = 1 / det;
  out[0] = e * inv;
  out[1] = -b * inv;
  out[2] = (b * f - c * e) * inv;
  out[3] = -d * inv;
  out[4] = a * inv;
  out[5] = (c * d - a * f) * inv;
}
