/**
 * Opens and closes a mesh's eyes to a given aperture by moving its lid vertices, so the warp draws blinks and wide
 * eyes the face model's expression space cannot. Works on projected vertices (image px) of any mesh with eye loops.
 */

/** Share of an opening change the upper lid makes (the lower lid barely moves in a blink). */
const UPPER_LID_SHARE = 0.8;
/** Vertices next to a lid follow it by this fraction, so the lid skin folds instead of a single row stretching. */
const RING_FOLLOW = 0.5;
/** Largest factor an opening may grow by: a nearly shut eye in the mesh has no texture to open into. */
const MAX_OPENING_SCALE = 2.5;

/** One eye of a mesh: its corners and lid chains (vertex indices), and the vertices around the lids. */
export interface EyeRigEye {
  /** The two corner vertices. */
  readonly corners: readonly [number, number];
  /** Lid vertices between the corners, along each lid. */
  readonly upper: Uint32Array;
  readonly lower: Uint32Array;
  /** Neighbours of the lids outside the opening, each with the lid vertices it follows. */
  readonly ring: ReadonlyArray<{ vertex: number; follows: Uint32Array }>;
}

/**
 * Splits an eye loop at its two farthest-apart vertices (the corners) into the lids; the upper lid is the chain
 * higher in `vertices` (image y down). Neighbours of lid vertices (through `triangles`) outside the loop form the ring.
 * Returns null for a loop too small to have lids.
 */
export function buildEyeRig(loop: Uint32Array, triangles: Uint32Array, vertices: Float32Array): EyeRigEye | null {
  const n = loop.length;
  if (n < 4) return null;
  let best = -1, ia = 0, ib = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = (vertices[loop[i] * 3] - vertices[loop[j] * 3]) ** 2 + (vertices[loop[i] * 3 + 1] - vertices[loop[j] * 3 + 1]) ** 2;
      if (d > best) [best, ia, ib] = [d, i, j];
    }
  }
  const chainA: number[] = [], chainB: number[] = [];
  for (let k = ia + 1; k < ib; k++) chainA.push(loop[k]);
  for (let k = ib + 1; k < ia + n; k++) chainB.push(loop[k % n]);
  if (chainA.length === 0 || chainB.length === 0) return null;
  const meanY = (c: number[]) => c.reduce((s, v) => s + vertices[v * 3 + 1], 0) / c.length;
  const [upper, lower] = meanY(chainA) < meanY(chainB) ? [chainA, chainB] : [chainB, chainA];

  const inLoop = new Set(loop);
  const lids = new Set([...upper, ...lower]);
  const follows = new Map<number, Set<number>>();
  for (let t = 0; t < triangles.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = triangles[t + e];
      if (!lids.has(a)) continue;
      for (let f = 1; f < 3; f++) {
        const b = triangles[t + ((e + f) % 3)];
        if (inLoop.has(b)) continue;
        let set = follows.get(b);
        if (!set) follows.set(b, (set = new Set()));
        set.add(a);
      }
    }
  }
  // A neighbour follows one lid only: the one most of its lid neighbours belong to.
  const upperSet = new Set(upper);
  const ring = [...follows].map(([vertex, set]) => {
    const all = [...set];
    const up = all.filter((v) => upperSet.has(v));
    const side = up.length * 2 >= all.length ? up : all.filter((v) => !upperSet.has(v));
    return { vertex, follows: Uint32Array.from(side) };
  });
  return { corners: [loop[ia], loop[ib]], upper: Uint32Array.from(upper), lower: Uint32Array.from(lower), ring };
}

/** Eye frame: left corner, unit axis along the eye and its normal (image down), width. */
function eyeFrame(eye: EyeRigEye, v: Float32Array) {
  let [a, b] = eye.corners;
  if (v[a * 3] > v[b * 3]) [a, b] = [b, a];
  const lx = v[a * 3], ly = v[a * 3 + 1];
  const w = Math.hypot(v[b * 3] - lx, v[b * 3 + 1] - ly);
  const ux = w > 0 ? (v[b * 3] - lx) / w : 1, uy = w > 0 ? (v[b * 3 + 1] - ly) / w : 0;
  return { lx, ly, ux, uy, nx: -uy, ny: ux, w, right: b };
}

/** The eye's opening: its polygon's area over the squared corner distance (as `eyeAperture` measures the tracker's lids). */
export function rigAperture(eye: EyeRigEye, v: Float32Array): number {
  const { w } = eyeFrame(eye, v);
  if (!(w > 0)) return NaN;
  const poly = [eye.corners[0], ...eye.upper, eye.corners[1], ...Array.from(eye.lower)];
  let twice = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    twice += v[poly[j] * 3] * v[poly[i] * 3 + 1] - v[poly[i] * 3] * v[poly[j] * 3 + 1];
  }
  return Math.abs(twice) / 2 / (w * w);
}

/** Where the eye's corners are and how wide it is, in `v`'s pixels (for placing the iris). */
export function rigEyeFrame(eye: EyeRigEye, v: Float32Array): { leftX: number; leftY: number; ux: number; uy: number; width: number } {
  const f = eyeFrame(eye, v);
  return { leftX: f.lx, leftY: f.ly, ux: f.ux, uy: f.uy, width: f.w };
}

/**
 * Scales the eye's opening (`v` in place) so that its aperture becomes `target`: each lid vertex moves along the eye's
 * normal by its share of the change of the local opening, and the ring follows its lid by half. A target of 0 shuts
 * the eye exactly (lids meet); non-finite targets or a degenerate eye leave `v` untouched.
 */
export function setRigAperture(eye: EyeRigEye, v: Float32Array, target: number): void {
  const current = rigAperture(eye, v);
  if (!Number.isFinite(target) || !(current > 1e-4)) return;
  const scale = Math.min(MAX_OPENING_SCALE, Math.max(0, target / current));
  if (Math.abs(scale - 1) < 1e-3) return;
  const f = eyeFrame(eye, v);
  // Heights above the corner line (along -normal: up) as functions of the position along the eye, per lid.
  const profile = (chain: Uint32Array) =>
    Array.from(chain, (i) => {
      const dx = v[i * 3] - f.lx, dy = v[i * 3 + 1] - f.ly;
      return { t: dx * f.ux + dy * f.uy, h: -(dx * f.nx + dy * f.ny) };
    }).sort((p, q) => p.t - q.t);
  const up = profile(eye.upper), low = profile(eye.lower);
  const heightAt = (lid: { t: number; h: number }[], t: number) => {
    // Corners are at height 0 at t = 0 and t = w.
    const pts = [{ t: 0, h: 0 }, ...lid, { t: f.w, h: 0 }];
    for (let k = 1; k < pts.length; k++) {
      if (t <= pts[k].t || k === pts.length - 1) {
        const a = pts[k - 1], b = pts[k];
        const s = b.t > a.t ? Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t))) : 0;
        return a.h + s * (b.h - a.h);
      }
    }
    return 0;
  };
  // Image displacement of each lid vertex (applied after the ring has read them).
  const moved = new Map<number, [number, number]>();
  const move = (chain: Uint32Array, other: { t: number; h: number }[], share: number, sign: number) => {
    for (const i of chain) {
      const dx = v[i * 3] - f.lx, dy = v[i * 3 + 1] - f.ly;
      const t = dx * f.ux + dy * f.uy, h = -(dx * f.nx + dy * f.ny);
      const opening = sign * (h - heightAt(other, t));
      const delta = Math.max(0, opening) * (scale - 1) * share * sign;
      moved.set(i, [-delta * f.nx, -delta * f.ny]);
    }
  };
  move(eye.upper, low, UPPER_LID_SHARE, 1);
  move(eye.lower, up, 1 - UPPER_LID_SHARE, -1);
  for (const { vertex, follows } of eye.ring) {
    let sx = 0, sy = 0;
    for (const i of follows) {
      const d = moved.get(i)!;
      sx += d[0];
      sy += d[1];
    }
    v[vertex * 3] += (RING_FOLLOW * sx) / follows.length;
    v[vertex * 3 + 1] += (RING_FOLLOW * sy) / follows.length;
  }
  for (const [i, d] of moved) {
    v[i * 3] += d[0];
    v[i * 3 + 1] += d[1];
  }
}
