/**
 * Gaze: inside an eye opening, draws the keyframe's iris where the frame's gaze puts it, and covers the iris's old
 * place with sclera taken from just outside it. The lids clip both, since only pixels inside the opening change.
 */
import type { RgbImage } from '../../media/rgb-image.js';
import { sampleBilinear } from './bilinear-sampler.js';
import { smoothstep } from './smoothstep.js';

/** An iris disc: centre and radius, px. */
export interface IrisDisc {
  readonly x: number;
  readonly y: number;
  readonly radius: number;
}

/** Where one eye's iris is in the keyframe, where it must be in the output, and the output's eye opening. */
export interface IrisPlacement {
  /** The eye opening in the output: vertex indices into the target vertices, in order around it. */
  readonly loop: Uint32Array;
  readonly source: IrisDisc;
  readonly target: IrisDisc;
}

/** The iris edge blends over this fraction of its radius. */
const EDGE = 0.12;
/** Sclera is taken from beyond this multiple of the keyframe iris radius (past the limbus's dark ring). */
const LIMBUS = 1.15;

/** Keyframe position the warp gave an output pixel centre: false where the pixel has none. */
export type WarpLookup = (x: number, y: number, out: Float64Array) => boolean;

/** Repaints the pixels of `out` inside the placement's opening; `warped` tells where the warp sampled each pixel. */
export class IrisPainter {
  private readonly source = new Float64Array(2);
  private readonly rgb = new Uint8Array(3);
  private crossings = new Float64Array(0);

  paint(out: RgbImage, keyframe: RgbImage, targetVertices: Float32Array, eye: IrisPlacement, warped: WarpLookup): void {
    const { loop, source: s, target: t } = eye;
    if (!(s.radius > 0.5 && t.radius > 0.5) || ![s.x, s.y, t.x, t.y].every(Number.isFinite)) return;
    const n = loop.length;
    if (this.crossings.length < n) this.crossings = new Float64Array(n);
    let minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const y = targetVertices[loop[i] * 3 + 1];
      if (!Number.isFinite(y) || !Number.isFinite(targetVertices[loop[i] * 3])) return;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const w = out.width, h = out.height, kw = keyframe.width, kh = keyframe.height;
    const y0 = Math.max(0, Math.floor(minY)), y1 = Math.min(h - 1, Math.ceil(maxY));
    const scale = s.radius / t.radius;
    const cross = this.crossings, src = this.source, rgb = this.rgb;
    for (let y = y0; y <= y1; y++) {
      const yc = y + 0.5;
      let m = 0;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const ay = targetVertices[loop[j] * 3 + 1], by = targetVertices[loop[i] * 3 + 1];
        if ((by <= yc) !== (ay <= yc)) {
          const ax = targetVertices[loop[j] * 3], bx = targetVertices[loop[i] * 3];
          cross[m++] = ax + ((yc - ay) / (by - ay)) * (bx - ax);
        }
      }
      cross.subarray(0, m).sort();
      for (let k = 0; k + 1 < m; k += 2) {
        const xs = Math.max(0, Math.ceil(cross[k] - 0.5)), xe = Math.min(w - 1, Math.ceil(cross[k + 1] - 0.5) - 1);
        for (let x = xs; x <= xe; x++) {
          const xc = x + 0.5;
          if (!warped(xc, yc, src)) continue;
          // Sclera: the warp's own sample, pushed out of the keyframe iris by reflecting it across the limbus.
          const qx = src[0] - s.x, qy = src[1] - s.y;
          const q = Math.hypot(qx, qy), limbus = LIMBUS * s.radius;
          if (q < limbus) {
            // Unit direction from the iris centre (any, at the centre itself), then the mirrored distance.
            const [ux, uy] = q > 1e-6 ? [qx / q, qy / q] : [1, 0];
            src[0] = s.x + ux * (2 * limbus - q);
            src[1] = s.y + uy * (2 * limbus - q);
          }
          const o = (y * w + x) * 3;
          sampleBilinear(keyframe.data, kw, kh, src[0], src[1], out.data, o);
          // Iris: the keyframe's disc, moved and scaled to the target disc, blended in at its edge.
          const dx = xc - t.x, dy = yc - t.y;
          const rho = Math.hypot(dx, dy) / t.radius;
          const alpha = 1 - smoothstep(1 - EDGE, 1 + EDGE, rho);
          if (alpha <= 0) continue;
          sampleBilinear(keyframe.data, kw, kh, s.x + dx * scale, s.y + dy * scale, rgb, 0);
          for (let c = 0; c < 3; c++) out.data[o + c] = Math.round(out.data[o + c] + (rgb[c] - out.data[o + c]) * alpha);
        }
      }
    }
  }
}
