/** Peak signal-to-noise ratio between two 8-bit RGB images. */
import type { RgbImage } from '../media/rgb-image.js';
import { assertSameSize } from './image-checks.js';

/**
 * PSNR in dB over all three channels (MSE averaged over width*height*3 samples, peak 255):
 * `10 * log10(255^2 / MSE)`. A constant difference of one level gives 48.13 dB.
 * @returns `Infinity` for identical images.
 * @throws MetricsError METRICS_BAD_ARGUMENT / METRICS_SIZE_MISMATCH.
 */
export function psnr(a: RgbImage, b: RgbImage): number {
  assertSameSize(a, b);
  const x = a.data;
  const y = b.data;
  let sumSq = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - y[i];
    sumSq += d * d;
  }
  if (sumSq === 0) return Infinity;
  const mse = sumSq / x.length;
  return 10 * Math.log10((255 * 255) / mse);
}
