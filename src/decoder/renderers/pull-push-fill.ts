/** Smooth extrapolation of a 2-vector field known on part of an image (pull-push over a block pyramid), allocated once per size. */

/** One pyramid level: a grid of 2-vectors with a confidence weight in [0, 1]. */
interface Level {
  readonly cols: number;
  readonly rows: number;
  readonly vx: Float32Array;
  readonly vy: Float32Array;
  readonly weight: Float32Array;
}

/**
 * Fills a sparse per-pixel 2-vector field (here: the mesh warp's deviation from rigid head motion) everywhere,
 * smoothly, so that pixels just outside the face continue the face's motion without a seam.
 * Usage per frame: `reset()`, `add()` for each known pixel on the `sampleStride` lattice (x and y multiples of it),
 * `solve()`, then `sample()` anywhere. A stride of 2 feeds a quarter of the pixels, enough for a field this smooth.
 * Values are averaged over `blockPx`-sized blocks first; the pyramid then pulls averages up and pushes
 * them down with bilinear interpolation into blocks with little or no data.
 */
export class PullPushFill {
  private readonly levels: Level[] = [];
  private readonly count: Float32Array;
  private readonly invBlock: number;
  /** Samples a fully known block receives: its confidence is the fraction of these that were added. */
  private readonly samplesPerBlock: number;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly blockPx = 4,
    readonly sampleStride = 2,
  ) {
    this.invBlock = 1 / blockPx;
    this.samplesPerBlock = Math.ceil(blockPx / sampleStride) ** 2;
    let cols = Math.ceil(width / blockPx), rows = Math.ceil(height / blockPx);
    this.count = new Float32Array(cols * rows);
    for (;;) {
      const n = cols * rows;
      this.levels.push({ cols, rows, vx: new Float32Array(n), vy: new Float32Array(n), weight: new Float32Array(n) });
      if (cols === 1 && rows === 1) break;
      cols = Math.ceil(cols / 2);
      rows = Math.ceil(rows / 2);
    }
  }

  /** Forgets all data. */
  reset(): void {
    const base = this.levels[0];
    base.vx.fill(0);
    base.vy.fill(0);
    this.count.fill(0);
  }

  /** Adds a known value at pixel (x, y). */
  add(x: number, y: number, vx: number, vy: number): void {
    const base = this.levels[0];
    const cell = ((y * this.invBlock) | 0) * base.cols + ((x * this.invBlock) | 0);
    base.vx[cell] += vx;
    base.vy[cell] += vy;
    this.count[cell] += 1;
  }

  /** Completes the field; cells far from any data get the global average (0 when nothing was added). */
  solve(): void {
    const base = this.levels[0];
    const fullBlock = this.samplesPerBlock;
    for (let i = 0; i < this.count.length; i++) {
      const n = this.count[i];
      if (n > 0) {
        base.vx[i] /= n;
        base.vy[i] /= n;
      }
      base.weight[i] = Math.min(1, n / fullBlock);
    }
    // Pull: each coarse cell is the weighted mean of its (up to) four children.
    for (let l = 1; l < this.levels.length; l++) {
      const fine = this.levels[l - 1], coarse = this.levels[l];
      for (let r = 0; r < coarse.rows; r++) {
        for (let c = 0; c < coarse.cols; c++) {
          let sx = 0, sy = 0, sw = 0;
          for (let dr = 0; dr < 2; dr++) {
            const fr = 2 * r + dr;
            if (fr >= fine.rows) break;
            for (let dc = 0; dc < 2; dc++) {
              const fc = 2 * c + dc;
              if (fc >= fine.cols) break;
              const j = fr * fine.cols + fc, wj = fine.weight[j];
              sx += fine.vx[j] * wj;
              sy += fine.vy[j] * wj;
              sw += wj;
            }
          }
          const i = r * coarse.cols + c;
          coarse.vx[i] = sw > 0 ? sx / sw : 0;
          coarse.vy[i] = sw > 0 ? sy / sw : 0;
          coarse.weight[i] = Math.min(1, sw);
        }
      }
    }
    // Push: blend each fine cell towards the interpolated coarse field by its missing confidence.
    for (let l = this.levels.length - 2; l >= 0; l--) {
      const fine = this.levels[l], coarse = this.levels[l + 1];
      for (let r = 0; r < fine.rows; r++) {
        for (let c = 0; c < fine.cols; c++) {
          const i = r * fine.cols + c, wi = fine.weight[i];
          if (wi >= 1) continue;
          // Fine cell centre (c+0.5) sits at coarse coordinate (c+0.5)/2 - 0.5 in cell-centre units.
          const cx = lerpGrid(coarse, coarse.vx, (c + 0.5) * 0.5 - 0.5, (r + 0.5) * 0.5 - 0.5);
          const cy = lerpGrid(coarse, coarse.vy, (c + 0.5) * 0.5 - 0.5, (r + 0.5) * 0.5 - 0.5);
          fine.vx[i] = wi * fine.vx[i] + (1 - wi) * cx;
          fine.vy[i] = wi * fine.vy[i] + (1 - wi) * cy;
          fine.weight[i] = 1;
        }
      }
    }
  }

  /** Reads the completed field at continuous pixel position (x, y) into `out[0..1]` (bilinear between block centres). */
  sample(x: number, y: number, out: Float64Array): void {
    const base = this.levels[0];
    const gx = x * this.invBlock - 0.5, gy = y * this.invBlock - 0.5;
    out[0] = lerpGrid(base, base.vx, gx, gy);
    out[1] = lerpGrid(base, base.vy, gx, gy);
  }
}

/** Bilinear read of a grid at cell-centre coordinates, clamped to the grid. */
function lerpGrid(level: Level, values: Float32Array, gx: number, gy: number): number {
  const maxC = level.cols - 1, maxR = level.rows - 1;
  if (gx < 0) gx = 0;
  else if (gx > maxC) gx = maxC;
  if (gy < 0) gy = 0;
  else if (gy > maxR) gy = maxR;
  const c0 = Math.floor(gx), r0 = Math.floor(gy);
  const c1 = c0 < maxC ? c0 + 1 : c0, r1 = r0 < maxR ? r0 + 1 : r0;
  const tx = gx - c0, ty = gy - r0;
  const cols = level.cols;
  const top = values[r0 * cols + c0] * (1 - tx) + values[r0 * cols + c1] * tx;
  const bottom = values[r1 * cols + c0] * (1 - tx) + values[r1 * cols + c1] * tx;
  return top * (1 - ty) + bottom * ty;
}
