/** Boundary checks shared by the image metrics: a well-formed RgbImage, and two images of the same size. */
import type { RgbImage } from '../media/rgb-image.js';
import { MetricsError } from './metrics-error.js';

/** Largest side accepted; beyond this a metric is almost certainly fed garbage dimensions. */
const MAX_SIDE_PX = 16384;

/** Throws METRICS_BAD_ARGUMENT unless `img` has positive integer sides and exactly width*height*3 bytes. */
export function assertRgbImage(img: RgbImage, name: string): void {
  if (img === null || typeof img !== 'object' || !(img.data instanceof Uint8Array)) {
    throw new MetricsError('METRICS_BAD_ARGUMENT', `${name} must be an RgbImage with a Uint8Array data`);
  }
  const { width, height } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || width > MAX_SIDE_PX || height > MAX_SIDE_PX) {
    throw new MetricsError('METRICS_BAD_ARGUMENT', `${name} has an invalid size ${width}x${height}`);
  }
  if (img.data.length !== width * height * 3) {
    throw new MetricsError('METRICS_BAD_ARGUMENT', `${name}.data has ${img.data.length} bytes, expected ${width * height * 3}`);
  }
}

/** Validates both images and throws METRICS_SIZE_MISMATCH when their sizes differ. */
export function assertSameSize(a: RgbImage, b: RgbImage): void {
  assertRgbImage(a, 'reference image');
  assertRgbImage(b, 'output image');
  if (a.width !== b.width || a.height !== b.height) {
    throw new MetricsError('METRICS_SIZE_MISMATCH', `images differ in size: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
}
