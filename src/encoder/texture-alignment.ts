/**
 * Texture alignment: the sender's correction of a frame's fit by the keyframe's own pixels. The receiver warps the
 * keyframe's texture at each model vertex to where the frame's fit puts that vertex, so the picture is right only if
 * that is where the texture really went. The tracker's mesh does not promise that: its points slide along the skin
 * from frame to frame (most on the jaw line and the brows). Here each vertex's keyframe patch is searched for in the
 * frame (inverse-compositional Lucas-Kanade on zero-mean patches, the patch shaped by the mesh's local
 * keyframe-to-frame mapping), and the fit is pulled to where the texture was found, as far as the match is sure.
 * The stream format does not change: this only chooses better parameters.
 */
import { z } from 'zod';
import type { FaceModel, FaceShapeParams, HeadPose } from '../face/face-model.js';
import { projectPoints } from '../face/projection.js';
import type { RgbImage } from '../media/rgb-image.js';
import type { MeshObservation } from './face-fitter.js';

export const textureAlignmentOptionsSchema = z.strictObject({
  /** Half side of the matched patch in crop px at a 256 px crop (scaled with the crop). */
  radiusPx: z.number().int().min(1).max(32).optional(),
  /** Largest Gauss-Newton steps per vertex. */
  iterations: z.number().int().min(1).max(50).optional(),
  /** Largest correction in crop px at 256: beyond it the match is taken for a wrong one. */
  maxShiftPx: z.number().positive().max(64).optional(),
  /** Normalized cross-correlation a match needs to count at all; it pulls with full weight at 1. */
  minCorrelation: z.number().min(0).max(0.99).optional(),
  /** Match-and-refit rounds per frame (each round matches from the fit the last one corrected). */
  passes: z.number().int().min(1).max(5).optional(),
});

/** Texture alignment's settings; every field has a default tuned on the training identities' clips (README). */
export type TextureAlignmentOptions = z.input<typeof textureAlignmentOptionsSchema>;

export const DEFAULT_TEXTURE_ALIGNMENT = { radiusPx: 6, iterations: 3, maxShiftPx: 8, minCorrelation: 0.6, passes: 3 } as const;

/** What one alignment found. */
export interface TextureAlignment {
  /** The observation to refit to (468 x 3, crop px; depth as the tracker gave it). */
  observation: MeshObservation;
  /** Vertices whose texture was found. */
  matched: number;
  /** Mean weighted correction of those, crop px. */
  meanShiftPx: number;
}

/** Below this patch variance (grey levels squared per pixel) there is no texture to find: flat skin. */
const MIN_PATCH_VARIANCE = 4;

function grey(image: RgbImage): Float32Array {
  const { data } = image;
  const value = new Float32Array(image.width * image.height);
  for (let i = 0, j = 0; i < value.length; i++, j += 3) value[i] = 0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2];
  return value;
}

/** Bilinear sample of `plane` (clamped to the border). */
function sample(plane: Float32Array, width: number, height: number, x: number, y: number): number {
  const xc = Math.min(width - 1.001, Math.max(0, x));
  const yc = Math.min(height - 1.001, Math.max(0, y));
  const x0 = Math.floor(xc), y0 = Math.floor(yc);
  const fx = xc - x0, fy = yc - y0;
  const i = y0 * width + x0;
  const a = plane[i] + (plane[i + 1] - plane[i]) * fx;
  const b = plane[i + width] + (plane[i + width + 1] - plane[i + width]) * fx;
  return a + (b - a) * fy;
}

/** Twice the signed area of a projected triangle; negative when it faces the camera (image y points down). */
function signedArea(p: Float32Array, a: number, b: number, c: number): number {
  return (p[3 * b] - p[3 * a]) * (p[3 * c + 1] - p[3 * a + 1]) - (p[3 * b + 1] - p[3 * a + 1]) * (p[3 * c] - p[3 * a]);
}

/** One vertex's keyframe patch, ready for inverse-compositional matching. */
interface Template {
  /** Zero-mean patch values and gradients, row-major over the (2r+1)^2 offsets. */
  t: Float32Array;
  tx: Float32Array;
  ty: Float32Array;
  /** Inverse of the Gauss-Newton matrix sum(grad grad^T). */
  h00: number;
  h01: number;
  h11: number;
  /** sum(grad) and sum(grad * t): the bias compensation's terms. */
  sx: number;
  sy: number;
  stx: number;
  sty: number;
  variance: number;
}

export class TextureAligner {
  readonly passes: number;
  private readonly radius: number;
  private readonly iterations: number;
  private readonly maxShift: number;
  private readonly minCorrelation: number;
  private readonly vertexTriangles: number[][];
  private readonly meshMm: Float32Array;
  private keyframe: { projected: Float32Array; templates: (Template | null)[] } | null = null;

  constructor(
    private readonly model: FaceModel,
    cropSizePx: number,
    options: TextureAlignmentOptions = {},
  ) {
    const k = cropSizePx / 256;
    const o = { ...DEFAULT_TEXTURE_ALIGNMENT, ...options };
    this.radius = Math.max(2, Math.round(o.radiusPx * k));
    this.iterations = o.iterations;
    this.maxShift = o.maxShiftPx * k;
    this.minCorrelation = o.minCorrelation;
    this.passes = o.passes;
    this.vertexTriangles = Array.from({ length: model.vertexCount }, () => []);
    const t = model.triangles;
    for (let f = 0; f < t.length / 3; f++) for (let c = 0; c < 3; c++) this.vertexTriangles[t[3 * f + c]].push(f);
    this.meshMm = new Float32Array(model.vertexCount * 3);
  }

  /** The keyframe as the receiver gets it (its crop image) and its fit: every vertex's patch is cut once here. */
  setKeyframe(image: RgbImage, params: FaceShapeParams, pose: HeadPose): void {
    const projected = projectPoints(this.model.mesh(params, this.meshMm), pose);
    const value = grey(image);
    const { width, height } = image;
    const r = this.radius;
    const n = (2 * r + 1) * (2 * r + 1);
    const templates: (Template | null)[] = [];
    for (let v = 0; v < this.model.vertexCount; v++) {
      const kx = projected[3 * v], ky = projected[3 * v + 1];
      if (!(kx >= r + 1 && ky >= r + 1 && kx <= width - 2 - r && ky <= height - 2 - r)) {
        templates.push(null);
        continue;
      }
      const t = new Float32Array(n), tx = new Float32Array(n), ty = new Float32Array(n);
      let mean = 0;
      for (let dy = -r, q = 0; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++, q++) {
          const x = kx + dx, y = ky + dy;
          mean += t[q] = sample(value, width, height, x, y);
          tx[q] = (sample(value, width, height, x + 1, y) - sample(value, width, height, x - 1, y)) / 2;
          ty[q] = (sample(value, width, height, x, y + 1) - sample(value, width, height, x, y - 1)) / 2;
        }
      }
      mean /= n;
      let variance = 0, g00 = 0, g01 = 0, g11 = 0, sx = 0, sy = 0, stx = 0, sty = 0;
      for (let q = 0; q < n; q++) {
        t[q] -= mean;
        variance += t[q] * t[q];
        g00 += tx[q] * tx[q]; g01 += tx[q] * ty[q]; g11 += ty[q] * ty[q];
        sx += tx[q]; sy += ty[q]; stx += tx[q] * t[q]; sty += ty[q] * t[q];
      }
      const det = g00 * g11 - g01 * g01;
      if (variance < n * MIN_PATCH_VARIANCE || !(det > 1e-6 * (g00 + g11) ** 2)) {
        templates.push(null);
        continue;
      }
      templates.push({ t, tx, ty, h00: g11 / det, h01: -g01 / det, h11: g00 / det, sx, sy, stx, sty, variance });
    }
    this.keyframe = { projected, templates };
  }

  /**
   * Where the frame's fit should be pulled: for each vertex, where the fit puts it plus the correction its texture
   * match found, weighted by how sure the match is; vertices without a match stay where the fit has them.
   * @returns null without a keyframe or for a frame of another size.
   */
  align(frame: RgbImage, params: FaceShapeParams, pose: HeadPose, observation: MeshObservation): TextureAlignment | null {
    const kf = this.keyframe;
    if (!kf || observation.length !== this.model.vertexCount * 3) return null;
    const { width, height } = frame;
    const value = grey(frame);
    const fitted = projectPoints(this.model.mesh(params, this.meshMm), pose);
    const out = Float32Array.from(observation);
    const tri = this.model.triangles;
    const r = this.radius;
    const n = (2 * r + 1) * (2 * r + 1);
    let matched = 0;
    let shiftSum = 0;
    for (let v = 0; v < this.model.vertexCount; v++) {
      const fx = fitted[3 * v], fy = fitted[3 * v + 1];
      out[3 * v] = fx;
      out[3 * v + 1] = fy;
      const tp = kf.templates[v];
      if (!tp) continue;
      // The mesh's local linear map keyframe -> frame around v, averaged over the triangles facing both cameras.
      let a00 = 0, a01 = 0, a10 = 0, a11 = 0, w = 0;
      for (const f of this.vertexTriangles[v]) {
        const i = tri[3 * f], j = tri[3 * f + 1], l = tri[3 * f + 2];
        if (!(signedArea(kf.projected, i, j, l) < -1e-3 && signedArea(fitted, i, j, l) < -1e-3)) continue;
        const k1x = kf.projected[3 * j] - kf.projected[3 * i], k1y = kf.projected[3 * j + 1] - kf.projected[3 * i + 1];
        const k2x = kf.projected[3 * l] - kf.projected[3 * i], k2y = kf.projected[3 * l + 1] - kf.projected[3 * i + 1];
        const f1x = fitted[3 * j] - fitted[3 * i], f1y = fitted[3 * j + 1] - fitted[3 * i + 1];
        const f2x = fitted[3 * l] - fitted[3 * i], f2y = fitted[3 * l + 1] - fitted[3 * i + 1];
        const det = k1x * k2y - k2x * k1y;
        if (Math.abs(det) < 1e-6) continue;
        a00 += (f1x * k2y - f2x * k1y) / det;
        a01 += (f2x * k1x - f1x * k2x) / det;
        a10 += (f1y * k2y - f2y * k1y) / det;
        a11 += (f2y * k1x - f1y * k2x) / det;
        w++;
      }
      // Hidden in either image, or on the silhouette of both: nothing to match.
      if (w < 2) continue;
      a00 /= w; a01 /= w; a10 /= w; a11 /= w;
      let cx = fx, cy = fy;
      let ok = true;
      let sumI = 0, sumII = 0, sumIT = 0;
      for (let it = 0; it < this.iterations; it++) {
        sumI = 0; sumII = 0; sumIT = 0;
        let bx = 0, by = 0;
        // The patch's corners inside the image: sample without clamping (the hot loop of the sender's extra cost).
        const ex = r * (Math.abs(a00) + Math.abs(a01)), ey = r * (Math.abs(a10) + Math.abs(a11));
        const inside = cx - ex >= 0 && cy - ey >= 0 && cx + ex < width - 1 && cy + ey < height - 1;
        for (let dy = -r, q = 0; dy <= r; dy++) {
          let x = cx - r * a00 + a01 * dy, y = cy - r * a10 + a11 * dy;
          for (let dx = -r; dx <= r; dx++, q++, x += a00, y += a10) {
            let iv: number;
            if (inside) {
              const x0 = x | 0, y0 = y | 0;
              const fx0 = x - x0, fy0 = y - y0;
              const o = y0 * width + x0;
              const top = value[o] + (value[o + 1] - value[o]) * fx0;
              const bottom = value[o + width] + (value[o + width + 1] - value[o + width]) * fx0;
              iv = top + (bottom - top) * fy0;
            } else {
              iv = sample(value, width, height, x, y);
            }
            sumI += iv; sumII += iv * iv; sumIT += iv * tp.t[q];
            bx += tp.tx[q] * iv; by += tp.ty[q] * iv;
          }
        }
        // sum(grad (I - mean(I) - t)): the frame patch's mean removed, as the template's was.
        const mean = sumI / n;
        bx -= mean * tp.sx + tp.stx;
        by -= mean * tp.sy + tp.sty;
        const ux = tp.h00 * bx + tp.h01 * by, uy = tp.h01 * bx + tp.h11 * by;
        // Inverse composition: the template's step, mapped into the frame.
        cx -= a00 * ux + a01 * uy;
        cy -= a10 * ux + a11 * uy;
        if (!(Math.hypot(cx - fx, cy - fy) <= this.maxShift)) { ok = false; break; }
        if (Math.hypot(ux, uy) < 0.02) break;
      }
      if (!ok) continue;
      // How well it matched, from the last step's sums (a fraction of a pixel before the final place).
      const iVar = sumII - (sumI * sumI) / n;
      const ncc = sumIT / Math.sqrt(tp.variance * iVar + 1e-9);
      if (!(ncc > this.minCorrelation)) continue;
      const weight = (ncc - this.minCorrelation) / (1 - this.minCorrelation);
      out[3 * v] = fx + weight * (cx - fx);
      out[3 * v + 1] = fy + weight * (cy - fy);
      matched++;
      shiftSum += weight * Math.hypot(cx - fx, cy - fy);
    }
    return { observation: out, matched, meanShiftPx: matched > 0 ? shiftSum / matched : 0 };
  }
}
