/**
 * extendAround: fills a whole frame from a crop of it, for a receiver that only ever gets the face crop. Outside the
 * crop each pixel takes the colour of the crop's nearest border, from a blurred copy so the border does not streak.
 */
import { cropResize } from './crop-resize.js';
import { MediaError } from './media-error.js';
import { assertFrameSize, assertRect, type PixelRect } from './pixel-rect.js';
import type { RgbImage } from './rgb-image.js';

/** Side of the blurred copy the border colours come from (a 256 px crop: 16 px per sample). */
const BLUR_SIDE = 16;

/**
 * Writes into `frame` (in place, every pixel outside `rect`) the crop's edge colours extended outwards; pixels
 * inside `rect` are left for the caller to paste the crop over (see `pasteBack`). Returns `frame`.
 * @throws MediaError MEDIA_BAD_ARGUMENT for malformed images or rect.
 */
export function extendAround(frame: RgbImage, crop: RgbImage, rect: PixelRect): RgbImage {
  assertFrameSize(frame, 'frame');
  assertFrameSize(crop, 'crop');
  assertRect(rect, 'rect');
  if (frame.data.length !== frame.width * frame.height * 3) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', 'frame data length does not match width * height * 3');
  }
  const small = cropResize(crop, { x: 0, y: 0, width: crop.width, height: crop.height }, BLUR_SIDE, BLUR_SIDE);
  const s = small.data, d = frame.data;
  const sx = BLUR_SIDE / rect.width, sy = BLUR_SIDE / rect.height;
  for (let y = 0; y < frame.height; y++) {
    const v = Math.min(BLUR_SIDE - 1, Math.max(0, (y + 0.5 - rect.y) * sy - 0.5));
    const inRows = y + 0.5 >= rect.y && y + 0.5 < rect.y + rect.height;
    const v0 = Math.floor(v), v1 = Math.min(BLUR_SIDE - 1, v0 + 1), fv = v - v0;
    for (let x = 0; x < frame.width; x++) {
      if (inRows && x + 0.5 >= rect.x && x + 0.5 < rect.x + rect.width) continue;
      const u = Math.min(BLUR_SIDE - 1, Math.max(0, (x + 0.5 - rect.x) * sx - 0.5));
      const u0 = Math.floor(u), u1 = Math.min(BLUR_SIDE - 1, u0 + 1), fu = u - u0;
      const a = (v0 * BLUR_SIDE + u0) * 3, b = (v0 * BLUR_SIDE + u1) * 3, c = (v1 * BLUR_SIDE + u0) * 3, e = (v1 * BLUR_SIDE + u1) * 3;
      const o = (y * frame.width + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        d[o + ch] = (1 - fv) * ((1 - fu) * s[a + ch] + fu * s[b + ch]) + fv * ((1 - fu) * s[c + ch] + fu * s[e + ch]) + 0.5;
      }
    }
  }
  return frame;
}
