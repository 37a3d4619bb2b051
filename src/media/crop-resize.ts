/** cropResize: resample an arbitrary (sub-pixel, possibly out-of-frame) rectangle of an image to a fixed output size. */
import { MediaError } from './media-error.js';
import { assertFrameSize, assertRect, type PixelRect } from './pixel-rect.js';
import { createRgbImage, type RgbImage } from './rgb-image.js';

/** How pixels outside the source image are filled: repeat the nearest edge pixel, or black. */
export type BorderMode = 'clamp' | 'black';

/** Options of {@link cropResize}. */
export interface CropResizeOptions {
  /** Default 'clamp'. */
  readonly border?: BorderMode;
}

/**
 * Samples `rect` (source pixels; pixel (i,j) covers [i,i+1)x[j,j+1)) into an `outWidth` x `outHeight` image with
 * bilinear interpolation, so crops can follow a face at sub-pixel positions without jitter. When the rect is shrunk by
 * more than 1.5x along an axis, several bilinear taps spread over each output pixel's footprint are averaged, which
 * avoids the aliasing plain bilinear shows on large downscales. An identity rect reproduces the source exactly.
 * @param out optional preallocated output of size outWidth x outHeight (reused across frames to avoid allocation).
 * @throws MediaError MEDIA_BAD_ARGUMENT for a non-finite/empty rect, bad output size or a mismatched `out`.
 */
export function cropResize(
  src: RgbImage,
  rect: PixelRect,
  outWidth: number,
  outHeight: number,
  out?: RgbImage,
  options: CropResizeOptions = {},
): RgbImage {
  assertFrameSize(src, 'src');
  assertRect(rect, 'rect');
  assertFrameSize({ width: outWidth, height: outHeight }, 'output size');
  if (src.data.length !== src.width * src.height * 3) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `src.data has ${src.data.length} bytes, expected ${src.width * src.height * 3}`);
  }
  const dst = out ?? createRgbImage(outWidth, outHeight);
  if (dst.width !== outWidth || dst.height !== outHeight || dst.data.length !== outWidth * outHeight * 3) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `out is ${dst.width}x${dst.height}, expected ${outWidth}x${outHeight}`);
  }
  if (dst.data === src.data) throw new MediaError('MEDIA_BAD_ARGUMENT', 'out must not share its buffer with src');

  const black = options.border === 'black';
  const xs = axisTaps(rect.x, rect.width, outWidth, src.width, black);
  const ys = axisTaps(rect.y, rect.height, outHeight, src.height, black);
  const s = src.data;
  const d = dst.data;
  const rowStride = src.width * 3;
  const invTaps = 1 / (xs.taps * ys.taps);
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let ty = 0; ty < ys.taps; ty++) {
        const yi = oy * ys.taps + ty;
        const row0 = ys.i0[yi] * rowStride;
        const row1 = ys.i1[yi] * rowStride;
        const wy0 = ys.w0[yi];
        const wy1 = ys.w1[yi];
        for (let tx = 0; tx < xs.taps; tx++) {
          const xi = ox * xs.taps + tx;
          const c0 = xs.i0[xi] * 3;
          const c1 = xs.i1[xi] * 3;
          const w00 = wy0 * xs.w0[xi];
          const w01 = wy0 * xs.w1[xi];
          const w10 = wy1 * xs.w0[xi];
          const w11 = wy1 * xs.w1[xi];
          r += w00 * s[row0 + c0] + w01 * s[row0 + c1] + w10 * s[row1 + c0] + w11 * s[row1 + c1];
          g += w00 * s[row0 + c0 + 1] + w01 * s[row0 + c1 + 1] + w10 * s[row1 + c0 + 1] + w11 * s[row1 + c1 + 1];
          b += w00 * s[row0 + c0 + 2] + w01 * s[row0 + c1 + 2] + w10 * s[row1 + c0 + 2] + w11 * s[row1 + c1 + 2];
        }
      }
      const o = (oy * outWidth + ox) * 3;
      // Uint8Array assignment truncates; +0.5 rounds, and weights sum to <= 1 so no overflow past 255.5.
      d[o] = r * invTaps + 0.5;
      d[o + 1] = g * invTaps + 0.5;
      d[o + 2] = b * invTaps + 0.5;
    }
  }
  return dst;
}

/** Per-output-sample source indices and weights along one axis, `taps` samples per output pixel. */
interface AxisTaps {
  readonly taps: number;
  readonly i0: Int32Array;
  readonly i1: Int32Array;
  readonly w0: Float32Array;
  readonly w1: Float32Array;
}

/**
 * Precomputes bilinear taps for one axis. Out-of-range neighbours are clamped to the edge; in 'black' mode their weight
 * is zeroed instead, so the pixel fades to black over the half-pixel past the border.
 */
function axisTaps(start: number, length: number, outLength: number, srcLength: number, black: boolean): AxisTaps {
  const scale = length / outLength;
  // Supersample only on real downscales; an identity or upscale keeps exactly one tap so it stays exact.
  const taps = scale > 1.5 ? Math.ceil(scale) : 1;
  const n = outLength * taps;
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const w0 = new Float32Array(n);
  const w1 = new Float32Array(n);
  const last = srcLength - 1;
  for (let o = 0; o < outLength; o++) {
    for (let t = 0; t < taps; t++) {
      // Sample positions spread evenly over the output pixel's footprint [o, o+1) mapped into the source.
      const u = (o + (t + 0.5) / taps) * scale + start - 0.5;
      const f = Math.floor(u);
      const frac = u - f;
      const k = o * taps + t;
      let a = 1 - frac;
      let b = frac;
      if (black) {
        if (f < 0 || f > last) a = 0;
        if (f + 1 < 0 || f + 1 > last) b = 0;
      }
      i0[k] = f < 0 ? 0 : f > last ? last : f;
      i1[k] = f + 1 < 0 ? 0 : f + 1 > last ? last : f + 1;
      w0[k] = a;
      w1[k] = b;
    }
  }
  return { taps, i0, i1, w0, w1 };
}
