/** toGray: RGB to 8-bit luma, for detectors and metrics that work on intensity only. */
import { MediaError } from './media-error.js';
import { assertFrameSize } from './pixel-rect.js';
import type { RgbImage } from './rgb-image.js';

/** A single-channel 8-bit image, row-major, no padding. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  /** width * height bytes. */
  readonly data: Uint8Array;
}

/**
 * Converts to luma with BT.601 weights (0.299 R + 0.587 G + 0.114 B, in 8.8 fixed point), the convention of most
 * image libraries and of ffmpeg's default YUV conversion.
 * @param out optional preallocated output of the same size.
 */
export function toGray(src: RgbImage, out?: GrayImage): GrayImage {
  assertFrameSize(src, 'src');
  const n = src.width * src.height;
  if (src.data.length !== n * 3) throw new MediaError('MEDIA_BAD_ARGUMENT', `src.data has ${src.data.length} bytes, expected ${n * 3}`);
  const dst = out ?? { width: src.width, height: src.height, data: new Uint8Array(n) };
  if (dst.width !== src.width || dst.height !== src.height || dst.data.length !== n) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `out is ${dst.width}x${dst.height}, expected ${src.width}x${src.height}`);
  }
  const s = src.data;
  const d = dst.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    d[i] = (77 * s[j] + 150 * s[j + 1] + 29 * s[j + 2] + 128) >> 8;
  }
  return dst;
}
