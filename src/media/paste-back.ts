/** pasteBack: blends a processed crop back into the full frame it came from, with a feathered border to hide the seam. */
import { MediaError } from './media-error.js';
import { assertFrameSize, assertRect, type PixelRect } from './pixel-rect.js';
import type { RgbImage } from './rgb-image.js';

/** Options of {@link pasteBack}. */
export interface PasteBackOptions {
  /**
   * Optional per-pixel opacity of the patch, patch.width * patch.height values in [0, 1] (e.g. a face mask), multiplied
   * with the border feather.
   */
  readonly mask?: Float32Array;
}

/**
 * Inverse of {@link cropResize}: resamples `patch` (bilinear) onto the region `rect` of `dst` (same pixel conventions
 * as cropResize) and blends it in place. Opacity ramps smoothly from 0 at the rect's edge to 1 at `featherPx`
 * (destination pixels) inside it, so the pasted region has no visible border. Parts of the rect outside `dst` are
 * skipped. Pasting an unmodified same-size crop back leaves `dst` unchanged.
 * @returns `dst`, modified in place.
 * @throws MediaError MEDIA_BAD_ARGUMENT for malformed images, rect, feather or mask.
 */
export function pasteBack(dst: RgbImage, patch: RgbImage, rect: PixelRect, featherPx: number, options: PasteBackOptions = {}): RgbImage {
  assertFrameSize(dst, 'dst');
  assertFrameSize(patch, 'patch');
  assertRect(rect, 'rect');
  if (dst.data.length !== dst.width * dst.height * 3 || patch.data.length !== patch.width * patch.height * 3) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', 'dst/patch data length does not match width * height * 3');
  }
  if (!(Number.isFinite(featherPx) && featherPx >= 0)) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `featherPx must be a finite number >= 0, got ${featherPx}`);
  }
  const mask = options.mask;
  if (mask && mask.length !== patch.width * patch.height) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `mask has ${mask.length} values, expected ${patch.width * patch.height}`);
  }

  const x0 = Math.max(0, Math.floor(rect.x));
  const x1 = Math.min(dst.width, Math.ceil(rect.x + rect.width));
  const y0 = Math.max(0, Math.floor(rect.y));
  const y1 = Math.min(dst.height, Math.ceil(rect.y + rect.height));
  if (x0 >= x1 || y0 >= y1) return dst;

  const xs = pasteAxis(x0, x1, rect.x, rect.width, patch.width, featherPx);
  const ys = pasteAxis(y0, y1, rect.y, rect.height, patch.height, featherPx);
  const p = patch.data;
  const d = dst.data;
  const pStride = patch.width * 3;
  for (let j = 0; j < y1 - y0; j++) {
    const ay = ys.alpha[j];
    if (ay <= 0) continue;
    const r0 = ys.i0[j];
    const r1 = ys.i1[j];
    const wy1 = ys.frac[j];
    const wy0 = 1 - wy1;
    let o = ((y0 + j) * dst.width + x0) * 3;
    for (let i = 0; i < x1 - x0; i++, o += 3) {
      let a = Math.min(ay, xs.alpha[i]);
      if (a <= 0) continue;
      const c0 = xs.i0[i];
      const c1 = xs.i1[i];
      const wx1 = xs.frac[i];
      const wx0 = 1 - wx1;
      if (mask) {
        const pw = patch.width;
        a *= wy0 * (wx0 * mask[r0 * pw + c0] + wx1 * mask[r0 * pw + c1]) + wy1 * (wx0 * mask[r1 * pw + c0] + wx1 * mask[r1 * pw + c1]);
        if (a <= 0) continue;
      }
      const q00 = r0 * pStride + c0 * 3;
      const q01 = r0 * pStride + c1 * 3;
      const q10 = r1 * pStride + c0 * 3;
      const q11 = r1 * pStride + c1 * 3;
      for (let ch = 0; ch < 3; ch++) {
        const v = wy0 * (wx0 * p[q00 + ch] + wx1 * p[q01 + ch]) + wy1 * (wx0 * p[q10 + ch] + wx1 * p[q11 + ch]);
        const old = d[o + ch];
        // Blending toward an equal value is exact, so unchanged pixels stay bit-identical.
        d[o + ch] = old + a * (v - old) + 0.5;
      }
    }
  }
  return dst;
}

/** Per destination column (or row): patch sample indices, bilinear fraction, and the feather opacity along this axis. */
function pasteAxis(from: number, to: number, rectStart: number, rectLength: number, patchLength: number, featherPx: number) {
  const n = to - from;
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const frac = new Float32Array(n);
  const alpha = new Float32Array(n);
  const scale = patchLength / rectLength;
  const last = patchLength - 1;
  for (let k = 0; k < n; k++) {
    const center = from + k + 0.5;
    const u = (center - rectStart) * scale - 0.5;
    const f = Math.floor(u);
    frac[k] = u - f;
    i0[k] = f < 0 ? 0 : f > last ? last : f;
    i1[k] = f + 1 < 0 ? 0 : f + 1 > last ? last : f + 1;
    const edgeDistPx = Math.min(center - rectStart, rectStart + rectLength - center);
    if (edgeDistPx <= 0) alpha[k] = 0;
    else if (featherPx <= 0 || edgeDistPx >= featherPx) alpha[k] = 1;
    else {
      const t = edgeDistPx / featherPx;
      alpha[k] = t * t * (3 - 2 * t); // smoothstep: no visible kink where the ramp meets full opacity
    }
  }
  return { i0, i1, frac, alpha };
}
