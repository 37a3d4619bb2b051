/** sideBySide: two images next to each other in one frame, for visual comparisons (input vs reconstruction). */
import { MediaError } from './media-error.js';
import { assertFrameSize } from './pixel-rect.js';
import { createRgbImage, type RgbImage } from './rgb-image.js';

/**
 * Places `a` left of `b`, both top-aligned; the shorter one is padded with black below.
 * @param out optional preallocated output of size (a.width + b.width) x max(a.height, b.height).
 */
export function sideBySide(a: RgbImage, b: RgbImage, out?: RgbImage): RgbImage {
  assertFrameSize(a, 'a');
  assertFrameSize(b, 'b');
  const width = a.width + b.width;
  const height = Math.max(a.height, b.height);
  const dst = out ?? createRgbImage(width, height);
  if (dst.width !== width || dst.height !== height || dst.data.length !== width * height * 3) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `out is ${dst.width}x${dst.height}, expected ${width}x${height}`);
  }
  if (out) dst.data.fill(0);
  const rowBytes = width * 3;
  for (const [img, xOffset] of [[a, 0], [b, a.width]] as const) {
    if (img.data.length !== img.width * img.height * 3) {
      throw new MediaError('MEDIA_BAD_ARGUMENT', `image data has ${img.data.length} bytes, expected ${img.width * img.height * 3}`);
    }
    const srcRow = img.width * 3;
    for (let y = 0; y < img.height; y++) {
      dst.data.set(img.data.subarray(y * srcRow, (y + 1) * srcRow), y * rowBytes + xOffset * 3);
    }
  }
  return dst;
}
