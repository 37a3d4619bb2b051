/** Z-buffered triangle rasterizer that records, per pixel, which triangle is front-most (no shading: the warp samples later). */

/** Sub-pixel precision of snapped vertex positions (1/16 px): edge functions stay exact integers in float64. */
const SUBPIXEL_STEPS = 16;
const HALF_STEP = SUBPIXEL_STEPS / 2;

/** Depth given to hole-filling triangles: behind everything real, yet in front of an empty pixel (-Infinity). */
export const HOLE_FILL_DEPTH = -1e30;

/**
 * Rasterizes triangles into a triangle-id buffer with a depth test (larger depth = closer wins).
 * Coordinates are continuous pixels: pixel (x, y) covers [x, x+1) x [y, y+1) and is sampled at its centre (x+0.5, y+0.5).
 * Coverage uses fixed-point edge functions with the top-left rule, so a shared edge is drawn exactly once and meshes are watertight.
 * Buffers are allocated once per size and reused across frames.
 */
export class TriangleRasterizer {
  /** Front-most triangle id per pixel, -1 where nothing was drawn. Row-major, `width*height`. */
  readonly triangleIds: Int32Array;
  /** Depth of the front-most triangle per pixel, -Infinity where nothing was drawn. */
  readonly depth: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.triangleIds = new Int32Array(width * height);
    this.depth = new Float32Array(width * height);
    this.clear();
  }

  /** Resets to an empty frame. */
  clear(): void {
    this.triangleIds.fill(-1);
    this.depth.fill(-Infinity);
  }

  /**
   * Draws one triangle with depth interpolated linearly in screen space (vertex depth in px units, larger = closer).
   * `frontSign` culls: +1 keeps triangles whose signed area `(v1-v0) x (v2-v0)` (y down) is positive, -1 keeps negative ones, 0 keeps both.
   * Returns false when the triangle was culled or is degenerate at sub-pixel precision; callers must pass finite coordinates.
   */
  drawTriangle(
    id: number,
    x0: number, y0: number, z0: number,
    x1: number, y1: number, z1: number,
    x2: number, y2: number, z2: number,
    frontSign: number,
  ): boolean {
    let ax = Math.round(x0 * SUBPIXEL_STEPS), ay = Math.round(y0 * SUBPIXEL_STEPS);
    let bx = Math.round(x1 * SUBPIXEL_STEPS), by = Math.round(y1 * SUBPIXEL_STEPS);
    let cx = Math.round(x2 * SUBPIXEL_STEPS), cy = Math.round(y2 * SUBPIXEL_STEPS);
    let area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (area === 0 || area * frontSign < 0) return false;

    // Depth plane from the unsnapped positions, as z = zdx*px + zdy*py + zc at pixel centres.
    const ex1 = x1 - x0, ey1 = y1 - y0, ex2 = x2 - x0, ey2 = y2 - y0;
    const det = ex1 * ey2 - ey1 * ex2;
    let zdx = 0, zdy = 0, zc = (z0 + z1 + z2) / 3;
    if (det !== 0) {
      const dz1 = z1 - z0, dz2 = z2 - z0;
      zdx = (dz1 * ey2 - dz2 * ey1) / det;
      zdy = (dz2 * ex1 - dz1 * ex2) / det;
      zc = z0 - zdx * x0 - zdy * y0;
    }

    // Make the winding positive so one inside test serves both orientations.
    if (area < 0) {
      let t = bx; bx = cx; cx = t;
      t = by; by = cy; cy = t;
      area = -area;
    }

    const w = this.width, h = this.height;
    const minX = Math.max(0, Math.ceil(Math.min(ax, bx, cx) / SUBPIXEL_STEPS - 0.5));
    const maxX = Math.min(w - 1, Math.floor(Math.max(ax, bx, cx) / SUBPIXEL_STEPS - 0.5));
    const minY = Math.max(0, Math.ceil(Math.min(ay, by, cy) / SUBPIXEL_STEPS - 0.5));
    const maxY = Math.min(h - 1, Math.floor(Math.max(ay, by, cy) / SUBPIXEL_STEPS - 0.5));
    if (minX > maxX || minY > maxY) return true;

    // Edge function of edge p->q is (qx-px)*(Y-py) - (qy-py)*(X-px): positive on the interior side.
    // Top-left rule: pixels exactly on a right or bottom edge belong to the neighbour, hence the -1 bias there.
    const dxBC = cx - bx, dyBC = cy - by;
    const dxCA = ax - cx, dyCA = ay - cy;
    const dxAB = bx - ax, dyAB = by - ay;
    const biasBC = dyBC < 0 || (dyBC === 0 && dxBC > 0) ? 0 : -1;
    const biasCA = dyCA < 0 || (dyCA === 0 && dxCA > 0) ? 0 : -1;
    const biasAB = dyAB < 0 || (dyAB === 0 && dxAB > 0) ? 0 : -1;
    const stepXBC = -dyBC * SUBPIXEL_STEPS, stepYBC = dxBC * SUBPIXEL_STEPS;
    const stepXCA = -dyCA * SUBPIXEL_STEPS, stepYCA = dxCA * SUBPIXEL_STEPS;
    const stepXAB = -dyAB * SUBPIXEL_STEPS, stepYAB = dxAB * SUBPIXEL_STEPS;

    const px = minX * SUBPIXEL_STEPS + HALF_STEP;
    const py = minY * SUBPIXEL_STEPS + HALF_STEP;
    let rowBC = dxBC * (py - by) - dyBC * (px - bx) + biasBC;
    let rowCA = dxCA * (py - cy) - dyCA * (px - cx) + biasCA;
    let rowAB = dxAB * (py - ay) - dyAB * (px - ax) + biasAB;
    const zStepX = zdx;
    let zRow = zdx * (minX + 0.5) + zdy * (minY + 0.5) + zc;

    const ids = this.triangleIds, depth = this.depth;
    for (let y = minY; y <= maxY; y++) {
      let eBC = rowBC, eCA = rowCA, eAB = rowAB;
      let z = zRow;
      let i = y * w + minX;
      let inside = false;
      for (let x = minX; x <= maxX; x++, i++) {
        if (eBC >= 0 && eCA >= 0 && eAB >= 0) {
          inside = true;
          if (z > depth[i]) {
            depth[i] = z;
            ids[i] = id;
          }
        } else if (inside) {
          break; // a triangle's row span is convex: once left, it does not come back
        }
        eBC += stepXBC;
        eCA += stepXCA;
        eAB += stepXAB;
        z += zStepX;
      }
      rowBC += stepYBC;
      rowCA += stepYCA;
      rowAB += stepYAB;
      zRow += zdy;
    }
    return true;
  }
}
