/** Structural similarity (SSIM, Wang et al. 2004) on the luma of two 8-bit RGB images. */
import type { RgbImage } from '../media/rgb-image.js';
import { assertSameSize } from './image-checks.js';
import { MetricsError } from './metrics-error.js';

/** Window side in pixels and Gaussian sigma of the standard SSIM set-up. */
export const SSIM_WINDOW_PX = 11;
export const SSIM_SIGMA_PX = 1.5;
const K1 = 0.01;
const K2 = 0.03;
const PEAK = 255;
const C1 = (K1 * PEAK) ** 2;
const C2 = (K2 * PEAK) ** 2;
const HALF = (SSIM_WINDOW_PX - 1) / 2;

/** Normalised 1-D Gaussian taps; the 2-D window is their outer product, so filtering is separable. */
const TAPS: Float64Array = (() => {
  const taps = new Float64Array(SSIM_WINDOW_PX);
  let sum = 0;
  for (let k = 0; k < SSIM_WINDOW_PX; k++) {
    const d = k - HALF;
    taps[k] = Math.exp(-(d * d) / (2 * SSIM_SIGMA_PX * SSIM_SIGMA_PX));
    sum += taps[k];
  }
  for (let k = 0; k < SSIM_WINDOW_PX; k++) taps[k] /= sum;
  return taps;
})();

/** Scratch buffers for one image size, kept between calls because benchmark runs compare thousands of same-size frames. */
interface SsimWorkspace {
  width: number;
  height: number;
  lumaA: Float64Array;
  lumaB: Float64Array;
  /** Horizontally filtered a, b, a^2, b^2, a*b; each height x (width - window + 1). */
  rows: Float64Array[];
}

let workspace: SsimWorkspace | null = null;

function workspaceFor(width: number, height: number): SsimWorkspace {
  if (workspace && workspace.width === width && workspace.height === height) return workspace;
  const n = width * height;
  const rowLen = height * (width - SSIM_WINDOW_PX + 1);
  workspace = {
    width,
    height,
    lumaA: new Float64Array(n),
    lumaB: new Float64Array(n),
    rows: Array.from({ length: 5 }, () => new Float64Array(rowLen)),
  };
  return workspace;
}

/** BT.601 luma (0.299 R + 0.587 G + 0.114 B), unrounded, as MATLAB's rgb2gray and most SSIM tools use. */
function toLuma(rgb: Uint8Array, out: Float64Array): void {
  for (let i = 0, p = 0; i < out.length; i++, p += 3) {
    out[i] = 0.299 * rgb[p] + 0.587 * rgb[p + 1] + 0.114 * rgb[p + 2];
  }
}

/**
 * Mean SSIM over the luma channel: 11x11 Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, dynamic range 255,
 * statistics computed only where the window lies fully inside the image ("valid" filtering, as in the reference
 * MATLAB code), then averaged over those positions. No downsampling is applied.
 * @returns a value in [-1, 1]; exactly 1 for identical images.
 * @throws MetricsError METRICS_BAD_ARGUMENT (also for images smaller than 11x11) / METRICS_SIZE_MISMATCH.
 */
export function ssim(a: RgbImage, b: RgbImage): number {
  assertSameSize(a, b);
  const { width, height } = a;
  if (width < SSIM_WINDOW_PX || height < SSIM_WINDOW_PX) {
    throw new MetricsError('METRICS_BAD_ARGUMENT', `SSIM needs images of at least ${SSIM_WINDOW_PX}x${SSIM_WINDOW_PX}, got ${width}x${height}`);
  }
  const ws = workspaceFor(width, height);
  toLuma(a.data, ws.lumaA);
  toLuma(b.data, ws.lumaB);
  const x = ws.lumaA;
  const y = ws.lumaB;
  const [hx, hy, hxx, hyy, hxy] = ws.rows;
  const outW = width - SSIM_WINDOW_PX + 1;
  const outH = height - SSIM_WINDOW_PX + 1;

  // Horizontal pass: the five local moments, filtered along rows.
  for (let r = 0; r < height; r++) {
    const rowIn = r * width;
    const rowOut = r * outW;
    for (let c = 0; c < outW; c++) {
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let k = 0; k < SSIM_WINDOW_PX; k++) {
        const w = TAPS[k];
        const vx = x[rowIn + c + k];
        const vy = y[rowIn + c + k];
        sx += w * vx;
        sy += w * vy;
        sxx += w * vx * vx;
        syy += w * vy * vy;
        sxy += w * vx * vy;
      }
      const o = rowOut + c;
      hx[o] = sx;
      hy[o] = sy;
      hxx[o] = sxx;
      hyy[o] = syy;
      hxy[o] = sxy;
    }
  }

  // Vertical pass, folded into the SSIM map so the 2-D moments are never stored.
  let total = 0;
  for (let r = 0; r < outH; r++) {
    for (let c = 0; c < outW; c++) {
      let mx = 0;
      let my = 0;
      let exx = 0;
      let eyy = 0;
      let exy = 0;
      for (let k = 0; k < SSIM_WINDOW_PX; k++) {
        const w = TAPS[k];
        const i = (r + k) * outW + c;
        mx += w * hx[i];
        my += w * hy[i];
        exx += w * hxx[i];
        eyy += w * hyy[i];
        exy += w * hxy[i];
      }
      const vx = exx - mx * mx;
      const vy = eyy - my * my;
      const cov = exy - mx * my;
      total += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
    }
  }
  return total / (outW * outH);
}
