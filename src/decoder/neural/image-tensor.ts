/** RgbImage <-> the networks' (1, 3, S, S) float planes in [0, 1], with a resize when the sizes differ. */
import { cropResize } from '../../media/crop-resize.js';
import { createRgbImage, type RgbImage } from '../../media/rgb-image.js';

/** Writes `image` (resized to size x size when needed, into `resized`) as planar float RGB into `out` (3*size*size). */
export function imageToPlanes(image: RgbImage, size: number, out: Float32Array, resized?: RgbImage): Float32Array {
  const src = image.width === size && image.height === size ? image : cropResize(image, { x: 0, y: 0, width: image.width, height: image.height }, size, size, resized);
  const plane = size * size;
  const d = src.data;
  for (let i = 0, p = 0; i < plane; i++, p += 3) {
    out[i] = d[p] / 255;
    out[plane + i] = d[p + 1] / 255;
    out[2 * plane + i] = d[p + 2] / 255;
  }
  return out;
}

/** Planar float RGB (size x size) to `out`, through `staging` (size x size) when `out` has another size. */
export function planesToImage(planes: Float32Array, size: number, out: RgbImage, staging?: RgbImage): RgbImage {
  const direct = out.width === size && out.height === size;
  const dst = direct ? out : (staging ?? createRgbImage(size, size));
  const plane = size * size;
  const d = dst.data;
  for (let i = 0, p = 0; i < plane; i++, p += 3) {
    d[p] = toByte(planes[i]);
    d[p + 1] = toByte(planes[plane + i]);
    d[p + 2] = toByte(planes[2 * plane + i]);
  }
  if (!direct) cropResize(dst, { x: 0, y: 0, width: size, height: size }, out.width, out.height, out);
  return out;
}

function toByte(v: number): number {
  const b = Math.round(v * 255);
  return b < 0 ? 0 : b > 255 ? 255 : b;
}
