/** Mesh helpers for the built-in model: boundary loops of a triangle mesh and the closest surface point to a 3D point. */

/** The closed boundary loops (edges used by one triangle only), each as an ordered vertex list. */
export function boundaryLoops(triangles: Uint32Array): number[][] {
  const count = new Map<string, number>();
  const directed: [number, number][] = [];
  for (let t = 0; t < triangles.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const a = triangles[t + k], b = triangles[t + ((k + 1) % 3)];
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      count.set(key, (count.get(key) ?? 0) + 1);
      directed.push([a, b]);
    }
  }
  const next = new Map<number, number>();
  for (const [a, b] of directed) {
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (count.get(key) === 1) next.set(a, b);
  }
  const seen = new Set<number>();
  const loops: number[][] = [];
  for (const start of next.keys()) {
    if (seen.has(start)) continue;
    const loop: number[] = [];
    let v: number | undefined = start;
    while (v !== undefined && !seen.has(v)) {
      seen.add(v);
      loop.push(v);
      v = next.get(v);
    }
    loops.push(loop);
  }
  return loops;
}

/** A point on a triangle: its index and barycentric weights of its three corners. */
export interface SurfacePoint {
  triangle: number;
  bary: [number, number, number];
  distanceMm: number;
}

/** The closest point to `p` on the mesh surface (brute force over all triangles; fine for a few hundred queries). */
export function closestSurfacePoint(p: ArrayLike<number>, vertices: ArrayLike<number>, triangles: Uint32Array, allowed?: (t: number) => boolean): SurfacePoint {
  let best: SurfacePoint = { triangle: -1, bary: [1, 0, 0], distanceMm: Infinity };
  for (let t = 0; t < triangles.length / 3; t++) {
    if (allowed && !allowed(t)) continue;
    const ia = triangles[3 * t], ib = triangles[3 * t + 1], ic = triangles[3 * t + 2];
    const bary = closestOnTriangle(p, vertices, ia, ib, ic);
    let d2 = 0;
    for (let k = 0; k < 3; k++) {
      const q = bary[0] * vertices[3 * ia + k] + bary[1] * vertices[3 * ib + k] + bary[2] * vertices[3 * ic + k];
      d2 += (q - p[k]) ** 2;
    }
    const d = Math.sqrt(d2);
    if (d < best.distanceMm) best = { triangle: t, bary, distanceMm: d };
  }
  return best;
}

/** Barycentric weights of the closest point to p on triangle (a, b, c) (Ericson's region test). */
function closestOnTriangle(p: ArrayLike<number>, v: ArrayLike<number>, ia: number, ib: number, ic: number): [number, number, number] {
  const a = [v[3 * ia], v[3 * ia + 1], v[3 * ia + 2]];
  const ab = [v[3 * ib] - a[0], v[3 * ib + 1] - a[1], v[3 * ib + 2] - a[2]];
  const ac = [v[3 * ic] - a[0], v[3 * ic + 1] - a[1], v[3 * ic + 2] - a[2]];
  const ap = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
  const dot = (x: number[], y: number[]): number => x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
  const d1 = dot(ab, ap), d2 = dot(ac, ap);
  if (d1 <= 0 && d2 <= 0) return [1, 0, 0];
  const bp = [ap[0] - ab[0], ap[1] - ab[1], ap[2] - ab[2]];
  const d3 = dot(ab, bp), d4 = dot(ac, bp);
  if (d3 >= 0 && d4 <= d3) return [0, 1, 0];
  const vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) {
    const w = d1 / (d1 - d3);
    return [1 - w, w, 0];
  }
  const cp = [ap[0] - ac[0], ap[1] - ac[1], ap[2] - ac[2]];
  const d5 = dot(ab, cp), d6 = dot(ac, cp);
  if (d6 >= 0 && d5 <= d6) return [0, 0, 1];
  const vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) {
    const w = d2 / (d2 - d6);
    return [1 - w, 0, w];
  }
  const va = d3 * d6 - d5 * d4;
  if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) {
    const w = (d4 - d3) / (d4 - d3 + (d5 - d6));
    return [0, 1 - w, w];
  }
  const denom = 1 / (va + vb + vc);
  const w1 = vb * denom, w2 = vc * denom;
  return [1 - w1 - w2, w1, w2];
}
