/** Synthetic mouth interior (dark cavity, upper teeth) painted where the warp would only stretch closed lips open. */
import type { RgbImage } from '../../media/rgb-image.js';
import { sampleBilinear } from './bilinear-sampler.js';
import { smoothstep } from './smoothstep.js';

/** An open mouth seen in another frame: its image and inner lip contour (x, y pairs in that image's pixels). */
export interface MouthInterior {
  readonly image: RgbImage;
  readonly innerLip: Float32Array;
}

/** Colours of the synthetic cavity (sRGB); dark red-brown that is darker deep inside, ivory teeth. */
const CAVITY_EDGE_RGB = [72, 30, 32] as const;
const CAVITY_CENTRE_RGB = [18, 7, 8] as const;
const TEETH_RGB = [212, 202, 188] as const;
/** Upper teeth height as a fraction of mouth width, and at most this fraction of the local opening. */
const TEETH_HEIGHT_PER_WIDTH = 0.12;
const TEETH_MAX_OPENING_FRACTION = 0.45;
/** Width of the soft edge between lips and cavity, px. */
const EDGE_FEATHER_PX = 1.5;

/** Absolute signed area of a vertex loop (shoelace), in px^2; NaN when a vertex is not finite. */
export function loopAreaPx2(vertices: Float32Array, loop: Uint32Array): number {
  let twiceArea = 0;
  for (let i = 0, j = loop.length - 1; i < loop.length; j = i++) {
    const a = loop[j] * 3, b = loop[i] * 3;
    twiceArea += vertices[a] * vertices[b + 1] - vertices[b] * vertices[a + 1];
  }
  return Math.abs(twiceArea) * 0.5;
}

/** Largest distance between two loop vertices (the mouth's corner-to-corner width), px. */
export function loopWidthPx(vertices: Float32Array, loop: Uint32Array): number {
  let best = 0;
  for (let i = 0; i < loop.length; i++) {
    const a = loop[i] * 3;
    for (let j = i + 1; j < loop.length; j++) {
      const b = loop[j] * 3;
      const d = Math.hypot(vertices[a] - vertices[b], vertices[a + 1] - vertices[b + 1]);
      if (d > best) best = d;
    }
  }
  return best;
}

/**
 * How much of the synthetic cavity to show, 0..1, from the inner-lip polygon areas in the keyframe and the target:
 * 0 while the target opening is about the keyframe's (warping the keyframe's own mouth is better), rising to 1 once the
 * target is much more open than the keyframe (the warp would smear lip colour over the opening). Slits stay lips.
 */
export function mouthCavityOpacity(sourceAreaPx2: number, targetAreaPx2: number, mouthWidthPx: number): number {
  if (!(targetAreaPx2 > 0) || !(mouthWidthPx > 0)) return 0;
  const stretch = targetAreaPx2 / Math.max(sourceAreaPx2, 1);
  const opening = targetAreaPx2 / (mouthWidthPx * mouthWidthPx);
  return smoothstep(1.25, 2.5, stretch) * smoothstep(0.015, 0.05, opening);
}

/**
 * Paints the cavity into an image inside a target polygon; buffers grow to the largest loop/width seen and are reused.
 * Pixels inside the polygon are blended towards the cavity colour by `opacity`, softly towards the lip edge.
 */
export class MouthCavityPainter {
  private polyX = new Float64Array(0);
  private polyY = new Float64Array(0);
  private crossings = new Float64Array(0);
  private columnTop = new Float64Array(0);
  private columnBottom = new Float64Array(0);

  /** Blends the cavity into `image` inside the polygon `loop` of `vertices` (`N*3`, output px). */
  paint(image: RgbImage, vertices: Float32Array, loop: Uint32Array, opacity: number): void {
    if (!(opacity > 0)) return;
    const n = loop.length;
    if (this.polyX.length < n) {
      this.polyX = new Float64Array(n);
      this.polyY = new Float64Array(n);
      this.crossings = new Float64Array(n);
    }
    const px = this.polyX, py = this.polyY;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, widthPx = 0;
    for (let i = 0; i < n; i++) {
      const x = vertices[loop[i] * 3], y = vertices[loop[i] * 3 + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      px[i] = x;
      py[i] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) widthPx = Math.max(widthPx, Math.hypot(px[i] - px[j], py[i] - py[j]));
    }
    const w = image.width, h = image.height;
    const x0 = Math.max(0, Math.floor(minX)), x1 = Math.min(w - 1, Math.ceil(maxX));
    const y0 = Math.max(0, Math.floor(minY)), y1 = Math.min(h - 1, Math.ceil(maxY));
    if (x0 > x1 || y0 > y1) return;

    // Per column: where the opening starts and ends vertically (upper and lower inner lip), for the teeth band and shading.
    if (this.columnTop.length < w) {
      this.columnTop = new Float64Array(w);
      this.columnBottom = new Float64Array(w);
    }
    let maxOpeningPx = 0;
    for (let x = x0; x <= x1; x++) {
      const xc = x + 0.5;
      let top = Infinity, bottom = -Infinity;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        if ((px[i] <= xc) !== (px[j] <= xc)) {
          const y = py[j] + ((xc - px[j]) / (px[i] - px[j])) * (py[i] - py[j]);
          if (y < top) top = y;
          if (y > bottom) bottom = y;
        }
      }
      this.columnTop[x] = top;
      this.columnBottom[x] = bottom;
      if (bottom - top > maxOpeningPx) maxOpeningPx = bottom - top;
    }
    // Shading reaches full darkness a few px in, so a wide-open mouth is mostly dark, not a red gradient.
    const deepestPx = Math.max(1, Math.min(4, 0.4 * maxOpeningPx));
    const centreX = 0.5 * (minX + maxX), halfWidthPx = Math.max(1, 0.5 * (maxX - minX));
    const teethMaxPx = TEETH_HEIGHT_PER_WIDTH * widthPx;

    const data = image.data, cross = this.crossings;
    for (let y = y0; y <= y1; y++) {
      const yc = y + 0.5;
      // Even-odd scanline crossings of the polygon at this row's pixel centres.
      let m = 0;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        if ((py[i] <= yc) !== (py[j] <= yc)) {
          cross[m++] = px[j] + ((yc - py[j]) / (py[i] - py[j])) * (px[i] - px[j]);
        }
      }
      for (let i = 1; i < m; i++) {
        const v = cross[i];
        let k = i - 1;
        while (k >= 0 && cross[k] > v) {
          cross[k + 1] = cross[k];
          k--;
        }
        cross[k + 1] = v;
      }
      for (let s = 0; s + 1 < m; s += 2) {
        const xs = Math.max(x0, Math.ceil(cross[s] - 0.5)), xe = Math.min(x1, Math.ceil(cross[s + 1] - 0.5) - 1);
        for (let x = xs; x <= xe; x++) {
          const xc = x + 0.5;
          const edgePx = distanceToLoop(px, py, n, xc, yc);
          const alpha = opacity * smoothstep(0, EDGE_FEATHER_PX, edgePx);
          if (alpha <= 0) continue;
          // Darker deeper inside.
          const depth = smoothstep(0, 1, Math.min(1, edgePx / deepestPx));
          let r = CAVITY_EDGE_RGB[0] + (CAVITY_CENTRE_RGB[0] - CAVITY_EDGE_RGB[0]) * depth;
          let g = CAVITY_EDGE_RGB[1] + (CAVITY_CENTRE_RGB[1] - CAVITY_EDGE_RGB[1]) * depth;
          let b = CAVITY_EDGE_RGB[2] + (CAVITY_CENTRE_RGB[2] - CAVITY_EDGE_RGB[2]) * depth;
          // Upper teeth: a band hanging from the upper lip, shorter and shadowed towards the mouth corners.
          const top = this.columnTop[x], opening = this.columnBottom[x] - top;
          if (opening > 0) {
            const u = Math.min(1, Math.abs(xc - centreX) / halfWidthPx);
            const bandPx = Math.min(TEETH_MAX_OPENING_FRACTION * opening, teethMaxPx) * Math.sqrt(1 - u * u);
            const below = yc - top;
            const teeth = 1 - smoothstep(bandPx - 0.75, bandPx + 0.75, below);
            if (teeth > 0) {
              const shade = (1 - 0.55 * u * u) * (1 - 0.2 * Math.min(1, below / Math.max(1, bandPx)));
              r += (TEETH_RGB[0] * shade - r) * teeth;
              g += (TEETH_RGB[1] * shade - g) * teeth;
              b += (TEETH_RGB[2] * shade - b) * teeth;
            }
          }
          const o = (y * w + x) * 3;
          data[o] = Math.round(data[o] + (r - data[o]) * alpha);
          data[o + 1] = Math.round(data[o + 1] + (g - data[o + 1]) * alpha);
          data[o + 2] = Math.round(data[o + 2] + (b - data[o + 2]) * alpha);
        }
      }
    }
  }
}

/** Distance from (x, y) to the closed polyline (px, py)[0..n). */
function distanceToLoop(px: Float64Array, py: Float64Array, n: number, x: number, y: number): number {
  let best = Infinity;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ex = px[i] - px[j], ey = py[i] - py[j];
    const len2 = ex * ex + ey * ey;
    let t = len2 > 0 ? ((x - px[j]) * ex + (y - py[j]) * ey) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const dx = px[j] + t * ex - x, dy = py[j] + t * ey - y;
    const d2 = dx * dx + dy * dy;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

/**
 * Paints the inner-lip polygon `loop` of `vertices` from a real open mouth (teeth, tongue) instead of the synthetic
 * cavity: the polygon is split into a fan around its centroid, and each fan triangle maps to the same triangle of the
 * reference's inner lip. Blended by `opacity`, softly towards the lips. The reference must have one point per loop vertex.
 */
export function paintMouthFromReference(image: RgbImage, vertices: Float32Array, loop: Uint32Array, opacity: number, ref: MouthInterior): void {
  const n = loop.length;
  if (!(opacity > 0) || ref.innerLip.length !== n * 2) return;
  const px = new Float64Array(n), py = new Float64Array(n);
  let tcx = 0, tcy = 0, rcx = 0, rcy = 0;
  for (let i = 0; i < n; i++) {
    px[i] = vertices[loop[i] * 3];
    py[i] = vertices[loop[i] * 3 + 1];
    if (!Number.isFinite(px[i]) || !Number.isFinite(py[i])) return;
    tcx += px[i] / n;
    tcy += py[i] / n;
    rcx += ref.innerLip[2 * i] / n;
    rcy += ref.innerLip[2 * i + 1] / n;
  }
  const minX = Math.max(0, Math.floor(Math.min(...px))), maxX = Math.min(image.width - 1, Math.ceil(Math.max(...px)));
  const minY = Math.max(0, Math.floor(Math.min(...py))), maxY = Math.min(image.height - 1, Math.ceil(Math.max(...py)));
  const rgb = new Uint8Array(3), data = image.data;
  for (let y = minY; y <= maxY; y++) {
    const yc = y + 0.5;
    for (let x = minX; x <= maxX; x++) {
      const xc = x + 0.5;
      // The fan triangle (centroid, vertex j, vertex i) holding the pixel, by barycentric coordinates.
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const ax = px[j] - tcx, ay = py[j] - tcy, bx = px[i] - tcx, by = py[i] - tcy;
        const det = ax * by - ay * bx;
        if (det === 0) continue;
        const qx = xc - tcx, qy = yc - tcy;
        const u = (qx * by - qy * bx) / det, v = (ax * qy - ay * qx) / det;
        if (u < -1e-9 || v < -1e-9 || u + v > 1 + 1e-9) continue;
        const edge = distanceToLoop(px, py, n, xc, yc);
        const alpha = opacity * smoothstep(0, EDGE_FEATHER_PX, edge);
        if (alpha > 0) {
          const sx = rcx + u * (ref.innerLip[2 * j] - rcx) + v * (ref.innerLip[2 * i] - rcx);
          const sy = rcy + u * (ref.innerLip[2 * j + 1] - rcy) + v * (ref.innerLip[2 * i + 1] - rcy);
          sampleBilinear(ref.image.data, ref.image.width, ref.image.height, sx, sy, rgb, 0);
          const o = (y * image.width + x) * 3;
          for (let c = 0; c < 3; c++) data[o + c] = Math.round(data[o + c] + (rgb[c] - data[o + c]) * alpha);
        }
        break;
      }
    }
  }
}
