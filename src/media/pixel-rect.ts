/** Rectangles in pixel units and the argument checks shared by the media functions. */
import { MediaError } from './media-error.js';

/** An axis-aligned rectangle in pixels of some image; may be fractional and may extend past the image borders. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A frame size in pixels. */
export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** Larger than any real frame: catches unit mix-ups (mm vs px) before they allocate gigabytes. */
export const MAX_FRAME_SIDE_PX = 16384;

/** Throws MEDIA_BAD_ARGUMENT unless `size` is a positive integer size within {@link MAX_FRAME_SIDE_PX}. */
export function assertFrameSize(size: FrameSize, name: string): void {
  const ok = (v: number) => Number.isInteger(v) && v > 0 && v <= MAX_FRAME_SIDE_PX;
  if (!size || !ok(size.width) || !ok(size.height)) {
    throw new MediaError(
      'MEDIA_BAD_ARGUMENT',
      `${name} must have integer width/height in 1..${MAX_FRAME_SIDE_PX}, got ${size ? `${size.width}x${size.height}` : String(size)}`,
    );
  }
}

/** Throws MEDIA_BAD_ARGUMENT unless `rect` has finite coordinates and a positive, sane size. */
export function assertRect(rect: PixelRect, name: string): void {
  const finite = rect && [rect.x, rect.y, rect.width, rect.height].every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!finite || !(rect.width > 0 && rect.height > 0) || rect.width > 4 * MAX_FRAME_SIDE_PX || rect.height > 4 * MAX_FRAME_SIDE_PX) {
    throw new MediaError(
      'MEDIA_BAD_ARGUMENT',
      `${name} must have finite x/y and positive width/height, got ${rect ? JSON.stringify(rect) : String(rect)}`,
    );
  }
}
