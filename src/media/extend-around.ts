/**
 * extendAround: fills a whole frame from a crop of it, for a receiver that only ever gets the face crop. Outside the
 * crop each pixel takes the colour of the crop's nearest border from a blurred copy, blurred more the further out it
 * lies: next to the crop the border's own colours, a crop's width away the crop's mean. A single blur level drew
 * every border colour as a straight streak across the frame.
 */
import { cropResize } from './crop-resize.js';
import { MediaError } from './media-error.js';
import { assertFrameSize, assertRect, type PixelRect } from './pixel-rect.js';
import type { RgbImage } from './rgb-image.js';

/** Sides of the blurred copies, finest first (a 256 px crop: 16, 64 and 256 px per sample). */
const LEVEL_SIDES = [16, 4, 1] as const;
/** Distance outside the crop, in crop sides, at which each level is fully used (between them, a linear blend). */
const LEVEL_DISTANCES = [0, 0.35, 1.2] as const;

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
  const levels = LEVEL_SIDES.map((side) => cropResize(crop, { x: 0, y: 0, width: crop.width, height: crop.height }, side, side).data);
  const colour = new Float64Array(3), blend = new Float64Array(3);
  const d = frame.data;
  const size = Math.max(rect.width, rect.height);
  for (let y = 0; y < frame.height; y++) {
    const cy = y + 0.5;
    const inRows = cy >= rect.y && cy < rect.y + rect.height;
    const dy = cy < rect.y ? rect.y - cy : cy > rect.y + rect.height ? cy - rect.y - rect.height : 0;
    for (let x = 0; x < frame.width; x++) {
      const cx = x + 0.5;
      if (inRows && cx >= rect.x && cx < rect.x + rect.width) continue;
      const dx = cx < rect.x ? rect.x - cx : cx > rect.x + rect.width ? cx - rect.x - rect.width : 0;
      const far = Math.hypot(dx, dy) / size;
      // The two levels around this distance, and how much of the coarser one.
      let k = 0;
      while (k < LEVEL_DISTANCES.length - 2 && far > LEVEL_DISTANCES[k + 1]) k++;
      const t = Math.min(1, Math.max(0, (far - LEVEL_DISTANCES[k]) / (LEVEL_DISTANCES[k + 1] - LEVEL_DISTANCES[k])));
      sampleLevel(levels[k], LEVEL_SIDES[k], (cx - rect.x) / rect.width, (cy - rect.y) / rect.height, colour);
      sampleLevel(levels[k + 1], LEVEL_SIDES[k + 1], (cx - rect.x) / rect.width, (cy - rect.y) / rect.height, blend);
      const o = (y * frame.width + x) * 3;
      for (let ch = 0; ch < 3; ch++) d[o + ch] = (1 - t) * colour[ch] + t * blend[ch] + 0.5;
    }
  }
  return frame;
}

/** Bilinear sample of a `side`-square level at crop-relative (u, v) (0..1 across the crop), clamped to its border. */
function sampleLevel(s: Uint8Array, side: number, u: number, v: number, out: Float64Array): void {
  const fx = Math.min(side - 1, Math.max(0, u * side - 0.5));
  const fy = Math.min(side - 1, Math.max(0, v * side - 0.5));
  const x0 = Math.floor(fx), y0 = Math.floor(fy);
  const x1 = Math.min(side - 1, x0 + 1), y1 = Math.min(side - 1, y0 + 1);
  const ax = fx - x0, ay = fy - y0;
  const a = (y0 * side + x0) * 3, b = (y0 * side + x1) * 3, c = (y1 * side + x0) * 3, e = (y1 * side + x1) * 3;
  for (let ch = 0; ch < 3; ch++) {
    out[ch] = (1 - ay) * ((1 - ax) * s[a + ch] + ax * s[b + ch]) + ay * ((1 - ax) * s[c + ch] + ax * s[e + ch]);
  }
}
