/** The one image type the SDK passes around: tightly packed 8-bit RGB, row-major, no padding. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** width * height * 3 bytes, R G B per pixel. */
  readonly data: Uint8Array;
}

/** Allocates a black image. */
export function createRgbImage(width: number, height: number): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  return { width, height, data: new Uint8Array(width * height * 3) };
}
