/** Bilinear RGB sampling of an image at continuous pixel positions, in 8-bit fixed point, clamped at the borders. */
import type { RgbImage } from '../../media/rgb-image.js';

/** Fraction bits of the sample position: 1/256 px is below what 8-bit colour can show. */
const FRACTION_BITS = 8;
const ONE = 1 << FRACTION_BITS;
const ROUND = 1 << (2 * FRACTION_BITS - 1);
const SHIFT = 2 * FRACTION_BITS;

/**
 * Writes the colour of `src` at continuous position (x, y) (pixel centres at +0.5) to `dst` at byte offset `dstOffset`.
 * Positions outside the image repeat the border pixels; a position on a pixel centre returns that pixel exactly.
 * Non-finite positions read the top-left pixel (never throws: this runs per pixel).
 */
export function sampleBilinearRgb(src: RgbImage, x: number, y: number, dst: Uint8Array, dstOffset: number): void {
  sampleBilinear(src.data, src.width, src.height, x, y, dst, dstOffset);
}

/**
 * {@link sampleBilinearRgb} on the raw buffer of a `width` x `height` RGB image; small enough for V8 to inline in pixel loops.
 * Exact on pixel centres because the weights of the other three neighbours are then 0.
 */
export function sampleBilinear(data: Uint8Array, width: number, height: number, x: number, y: number, dst: Uint8Array, dstOffset: number): void {
  // Rounding (not flooring) the fixed-point position makes an exact centre hit independent of float noise.
  let fx = Math.round((x - 0.5) * ONE);
  let fy = Math.round((y - 0.5) * ONE);
  const maxFx = (width - 1) << FRACTION_BITS, maxFy = (height - 1) << FRACTION_BITS;
  fx = fx >= 0 ? (fx <= maxFx ? fx : maxFx) : 0; // NaN lands on 0
  fy = fy >= 0 ? (fy <= maxFy ? fy : maxFy) : 0;
  const ix = fx >> FRACTION_BITS, iy = fy >> FRACTION_BITS;
  const tx = fx & (ONE - 1), ty = fy & (ONE - 1);
  const i00 = (iy * width + ix) * 3;
  // At the last row/column the weight of the missing neighbour is 0, so pointing it at the pixel itself is safe.
  const i10 = ix < width - 1 ? i00 + 3 : i00;
  const rowStep = iy < height - 1 ? width * 3 : 0;
  const i01 = i00 + rowStep, i11 = i10 + rowStep;
  const w00 = (ONE - tx) * (ONE - ty), w10 = tx * (ONE - ty), w01 = (ONE - tx) * ty, w11 = tx * ty;
  dst[dstOffset] = (data[i00] * w00 + data[i10] * w10 + data[i01] * w01 + data[i11] * w11 + ROUND) >> SHIFT;
  dst[dstOffset + 1] = (data[i00 + 1] * w00 + data[i10 + 1] * w10 + data[i01 + 1] * w01 + data[i11 + 1] * w11 + ROUND) >> SHIFT;
  dst[dstOffset + 2] = (data[i00 + 2] * w00 + data[i10 + 2] * w10 + data[i01 + 2] * w01 + data[i11 + 2] * w11 + ROUND) >> SHIFT;
}
