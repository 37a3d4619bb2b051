/** Resamples a rotated square ROI of an RGB image into a network's float input tensor, anti-aliased via an image pyramid. */
import type { RgbImage } from '../../media/rgb-image.js';
import type { FaceRoi } from './face-roi.js';

/**
 * Halved copies of one image (level 0 is the image itself). Sampling from the level whose scale is closest to the
 * network's keeps a 3x downscale from aliasing, which would otherwise show up as landmark jitter on still faces.
 * Level k+1 pixel j covers level k pixels 2j, 2j+1, so continuous coordinates simply halve from level to level.
 */
export class ImagePyramid {
  readonly levels: RgbImage[];

  constructor(readonly image: RgbImage) {
    this.levels = [image];
  }

  /** The level `k` (built on first use), or the coarsest one that still has at least 2x2 pixels. */
  level(k: number): RgbImage {
    while (this.levels.length <= k) {
      const prev = this.levels[this.levels.length - 1];
      const w = prev.width >> 1;
      const h = prev.height >> 1;
      if (w < 2 || h < 2) return prev;
      this.levels.push(halve(prev, w, h));
    }
    return this.levels[k];
  }
}

function halve(src: RgbImage, w: number, h: number): RgbImage {
  const out = new Uint8Array(w * h * 3);
  const s = src.data;
  const rowStride = src.width * 3;
  for (let y = 0; y < h; y++) {
    let i0 = 2 * y * rowStride;
    let o = y * w * 3;
    for (let x = 0; x < w; x++, i0 += 6) {
      const i1 = i0 + rowStride;
      for (let ch = 0; ch < 3; ch++) {
        out[o++] = (s[i0 + ch] + s[i0 + 3 + ch] + s[i1 + ch] + s[i1 + 3 + ch] + 2) >> 2;
      }
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Writes the ROI resampled to `sizePx` x `sizePx` into `out` (HWC, RGB) as `value * scale + offset`.
 * Each output pixel averages 2x2 bilinear taps at the pyramid level where one output pixel spans 1-2 source pixels.
 * Outside the image the source counts as black (value 0), like MediaPipe's zero border.
 */
export function sampleRoi(pyramid: ImagePyramid, roi: FaceRoi, sizePx: number, out: Float32Array, scale: number, offset: number): void {
  const pxPerOut = roi.sizePx / sizePx;
  const k = pxPerOut > 2 ? Math.floor(Math.log2(pxPerOut)) : 0;
  const img = pyramid.level(k);
  const levelScale = img.width / pyramid.image.width; // exact 2^-k unless the pyramid ran out of levels
  const c = Math.cos(roi.rotationRad);
  const s = Math.sin(roi.rotationRad);
  // d(image)/d(output pixel) along output x and y, in level pixels
  const step = pxPerOut * levelScale;
  const dxu = c * step;
  const dyu = s * step;
  const dxv = -s * step;
  const dyv = c * step;
  // level pixel-index coordinates (centre of pixel i is i) of output pixel (0,0)'s centre
  const half = sizePx / 2 - 0.5;
  const x0 = roi.centerX * levelScale - half * dxu - half * dxv - 0.5;
  const y0 = roi.centerY * levelScale - half * dyu - half * dyv - 0.5;
  const w = img.width;
  const h = img.height;
  const data = img.data;
  const tapScale = scale / 4;
  let o = 0;
  for (let v = 0; v < sizePx; v++) {
    const rx = x0 + v * dxv;
    const ry = y0 + v * dyv;
    for (let u = 0; u < sizePx; u++) {
      const cx = rx + u * dxu;
      const cy = ry + u * dyu;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let t = 0; t < 4; t++) {
        const ou = (t & 1) === 0 ? -0.25 : 0.25;
        const ov = (t & 2) === 0 ? -0.25 : 0.25;
        const px = cx + ou * dxu + ov * dxv;
        const py = cy + ou * dyu + ov * dyv;
        const fx = Math.floor(px);
        const fy = Math.floor(py);
        const ax = px - fx;
        const ay = py - fy;
        for (let j = 0; j < 2; j++) {
          const yy = fy + j;
          if (yy < 0 || yy >= h) continue;
          const wy = j === 0 ? 1 - ay : ay;
          for (let i = 0; i < 2; i++) {
            const xx = fx + i;
            if (xx < 0 || xx >= w) continue;
            const wgt = wy * (i === 0 ? 1 - ax : ax);
            const idx = (yy * w + xx) * 3;
            r += wgt * data[idx];
            g += wgt * data[idx + 1];
            b += wgt * data[idx + 2];
          }
        }
      }
      out[o++] = r * tapScale + offset;
      out[o++] = g * tapScale + offset;
      out[o++] = b * tapScale + offset;
    }
  }
}
