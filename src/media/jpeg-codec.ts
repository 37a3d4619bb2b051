/** JPEG encode/decode of RgbImage in pure JS (jpeg-js): keyframes travel as JPEG, and decoding must not need ffmpeg. */
import jpeg from 'jpeg-js';
import { MediaError } from './media-error.js';
import type { RgbImage } from './rgb-image.js';

/** Largest JPEG the decoder accepts, in megapixels: a hostile keyframe cannot make us allocate gigabytes. */
const MAX_MEGAPIXELS = 16;

/** Encodes an RGB image as baseline JPEG at `quality` (1..100). */
export function encodeJpeg(img: RgbImage, quality = 85): Uint8Array {
  if (!(quality >= 1 && quality <= 100)) throw new MediaError('MEDIA_BAD_ARGUMENT', `JPEG quality must be 1..100, got ${quality}`);
  const n = img.width * img.height;
  if (img.data.length !== n * 3) throw new MediaError('MEDIA_BAD_ARGUMENT', 'image data does not match its size');
  const rgba = new Uint8Array(n * 4);
  for (let i = 0, j = 0; i < n * 3; i += 3, j += 4) {
    rgba[j] = img.data[i];
    rgba[j + 1] = img.data[i + 1];
    rgba[j + 2] = img.data[i + 2];
    rgba[j + 3] = 255;
  }
  const out = jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality);
  return new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
}

/** Decodes JPEG bytes from outside; corrupt or oversized data gives `MediaError('MEDIA_UNREADABLE' | 'MEDIA_TOO_LARGE')`. */
export function decodeJpeg(bytes: Uint8Array): RgbImage {
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: 256,
      tolerantDecoding: false,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = /maxResolutionInMP|maxMemoryUsage/i.test(message) ? 'MEDIA_TOO_LARGE' : 'MEDIA_UNREADABLE';
    throw new MediaError(code, `cannot decode JPEG: ${message}`, { cause: err });
  }
  const { width, height, data } = decoded;
  if (!(width > 0 && height > 0) || data.length !== width * height * 3) {
    throw new MediaError('MEDIA_UNREADABLE', 'JPEG decoded to an unexpected size');
  }
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
