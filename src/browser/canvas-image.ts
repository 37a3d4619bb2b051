/** RgbImage <-> canvas pixels: the decoder's frames are packed RGB, a canvas holds RGBA. */
import { createRgbImage, type RgbImage } from '../media/rgb-image.js';

/** RGBA pixels of `image` (alpha 255), laid out as `ImageData.data` wants; `out` is reused when given. */
export function rgbToRgba(image: RgbImage, out?: Uint8ClampedArray): Uint8ClampedArray {
  const n = image.width * image.height;
  const rgba = out && out.length === n * 4 ? out : new Uint8ClampedArray(n * 4);
  const src = image.data;
  for (let i = 0, j = 0; i < n * 3; i += 3, j += 4) {
    rgba[j] = src[i];
    rgba[j + 1] = src[i + 1];
    rgba[j + 2] = src[i + 2];
    rgba[j + 3] = 255;
  }
  return rgba;
}

/** An RgbImage from RGBA pixels (e.g. `ImageData` of a camera frame drawn to a canvas); alpha is dropped. */
export function rgbaToRgb(rgba: ArrayLike<number>, width: number, height: number): RgbImage {
  const image = createRgbImage(width, height);
  const n = width * height;
  for (let i = 0, j = 0; j < n * 4; i += 3, j += 4) {
    image.data[i] = rgba[j];
    image.data[i + 1] = rgba[j + 1];
    image.data[i + 2] = rgba[j + 2];
  }
  return image;
}

/** What drawing needs of a 2D canvas context (typed here: the project compiles without the DOM library). */
export interface RgbaCanvasContext {
  createImageData(width: number, height: number): { data: Uint8ClampedArray };
  putImageData(data: { data: Uint8ClampedArray }, dx: number, dy: number): void;
}

/** Draws `image` at (0, 0) of a 2D canvas context (`CanvasRenderingContext2D` or an offscreen one). */
export function drawRgbImage(ctx: RgbaCanvasContext, image: RgbImage): void {
  const data = ctx.createImageData(image.width, image.height);
  rgbToRgba(image, data.data);
  ctx.putImageData(data, 0, 0);
}
