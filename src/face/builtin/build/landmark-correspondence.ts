/**
 * Our own iBUG-68 correspondence for the MediaPipe topology: FLAME's 68 static landmarks on its template, carried
 * onto the built-in mean face by a similarity fitted on well-known anchor pairs, then snapped to the mesh surface
 * (inner points) or to the mesh's outer boundary (the 17 jaw-contour points, which iBUG places on the face outline).
 */
import { applySimilarity, similarityProcrustes } from '../../fitting/similarity-procrustes.js';
import type { BuiltinModelMetadata } from '../builtin-model-data.js';
import { closestSurfacePoint } from '../mesh-geometry.js';

/**
 * [iBUG-68 id, MediaPipe vertex] pairs that name the same anatomical point, checked on real meshes: eye corners
 * (outer 36/33, 45/263, inner 39/133, 42/362), mouth corners (48/61, 54/291), nose tip (30/4), chin (8/152),
 * outer lip midpoints (51/0 top, 57/17 bottom) and inner lip midpoints (62/13, 66/14).
 */
export const ANCHOR_PAIRS: [number, number][] = [
  [36, 33], [45, 263], [39, 133], [42, 362], [48, 61], [54, 291], [30, 4], [8, 152], [51, 0], [57, 17], [62, 13], [66, 14],
];

/** Result of {@link correspondLandmarks68}. */
export interface Landmarks68OnMesh {
  vertices: Uint32Array;
  weights: Float32Array;
  triangles: Uint32Array;
  report: BuiltinModelMetadata['landmarks68'];
}

/** Places the 68 landmarks on the mean mesh; `flameLmkMm` are FLAME's 68 points on its template (mm, any frame). */
export function correspondLandmarks68(
  meanMm: Float32Array,
  triangles: Uint32Array,
  faceOval: number[],
  flameLmkMm: Float64Array,
  log: (line: string) => void,
): Landmarks68OnMesh {
  const src = new Float64Array(ANCHOR_PAIRS.length * 3);
  const dst = new Float64Array(ANCHOR_PAIRS.length * 3);
  ANCHOR_PAIRS.forEach(([ib, mp], i) => {
    for (let k = 0; k < 3; k++) {
      src[3 * i + k] = flameLmkMm[3 * ib + k];
      dst[3 * i + k] = meanMm[3 * mp + k];
    }
  });
  const sim = similarityProcrustes(src, dst);
  const moved = new Float64Array(68 * 3);
  applySimilarity(sim, flameLmkMm, moved);
  let anchorSq = 0;
  ANCHOR_PAIRS.forEach(([ib, mp]) => {
    for (let k = 0; k < 3; k++) anchorSq += (moved[3 * ib + k] - meanMm[3 * mp + k]) ** 2;
  });
  const anchorRmsMm = Math.sqrt(anchorSq / ANCHOR_PAIRS.length);
  log(`FLAME->built-in similarity: scale ${sim.scale.toFixed(4)}, anchor RMS ${anchorRmsMm.toFixed(2)} mm`);

  const vertices = new Uint32Array(68 * 3);
  const weights = new Float32Array(68 * 3);
  const tris = new Uint32Array(68);
  const distanceMm: number[] = [];
  const edgeOwner = edgeTriangles(triangles);
  for (let i = 0; i < 68; i++) {
    const p = moved.subarray(3 * i, 3 * i + 3);
    let tri: number;
    let bary: [number, number, number];
    let d: number;
    const line = i < 17 ? faceOval : i === 60 ? [INNER_LIP_UPPER[0]] : i === 64 ? [INNER_LIP_UPPER[INNER_LIP_UPPER.length - 1]] : i > 60 && i < 64 ? INNER_LIP_UPPER : i > 64 ? INNER_LIP_LOWER : null;
    if (line) {
      // iBUG's contour is the outline seen from the front, so only x, y count (FLAME's jaw line lies deeper in z);
      // the inner-lip points go onto their own lip's rim, or on a closed mean mouth both lips would share one point.
      const hit = closestOnPolyline(p, meanMm, line, i < 17);
      tri = hit.a === hit.b ? triangleWith(triangles, hit.a) : edgeOwner.get(edgeKey(hit.a, hit.b))!;
      const corners = [triangles[3 * tri], triangles[3 * tri + 1], triangles[3 * tri + 2]];
      bary = [0, 0, 0];
      bary[corners.indexOf(hit.a)] += 1 - hit.t;
      bary[corners.indexOf(hit.b)] += hit.t;
      d = hit.distanceMm;
      if (i < 17) log(`contour ${i}: ${hit.distanceMm.toFixed(2)} mm from the outline in x,y (${hit.depthGapMm.toFixed(1)} mm deeper in z)`);
    } else {
      const hit = closestSurfacePoint(p, meanMm, triangles);
      tri = hit.triangle;
      bary = hit.bary;
      d = hit.distanceMm;
    }
    tris[i] = tri;
    for (let k = 0; k < 3; k++) {
      vertices[3 * i + k] = triangles[3 * tri + k];
      weights[3 * i + k] = bary[k];
    }
    distanceMm.push(Math.round(d * 100) / 100);
  }
  log(`landmark distances (mm): ${distanceMm.join(' ')}`);
  return {
    vertices,
    weights,
    triangles: tris,
    report: {
      method: 'FLAME 2023 Open template + flame_static_embedding_68, similarity on anchor pairs, closest point on the mesh',
      anchors: ANCHOR_PAIRS,
      anchorRmsMm: Math.round(anchorRmsMm * 1000) / 1000,
      distanceMm,
      contour: 'inner lips 60-67 snapped to the upper/lower inner lip rim (60, 64 to the mouth corner vertices 78, 308) in x,y; iBUG 0-16 (FLAME jaw line) snapped to the closest point of the mesh outer boundary (face oval) in the frontal x,y view; distanceMm is that 2D distance',
    },
  };
}

/** Inner lip rims from the subject's right mouth corner (78) to the left one (308), along mesh edges. */
const INNER_LIP_UPPER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308];
const INNER_LIP_LOWER = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308];

function triangleWith(triangles: Uint32Array, v: number): number {
  for (let t = 0; t < triangles.length; t++) if (triangles[t] === v) return Math.floor(t / 3);
  throw new Error(`vertex ${v} is in no triangle`);
}

function edgeKey(a: number, b: number): string {
  return a < b ? `${a},${b}` : `${b},${a}`;
}

function edgeTriangles(triangles: Uint32Array): Map<string, number> {
  const m = new Map<string, number>();
  for (let t = 0; t < triangles.length / 3; t++) {
    for (let k = 0; k < 3; k++) m.set(edgeKey(triangles[3 * t + k], triangles[3 * t + ((k + 1) % 3)]), t);
  }
  return m;
}

/** Closest point to p on a vertex polyline (closed or open), measured in x, y only (a frontal view). */
function closestOnPolyline(
  p: ArrayLike<number>, v: ArrayLike<number>, loop: readonly number[], closed: boolean,
): { a: number; b: number; t: number; distanceMm: number; depthGapMm: number } {
  if (loop.length === 1) return { a: loop[0], b: loop[0], t: 0, distanceMm: Math.hypot(p[0] - v[3 * loop[0]], p[1] - v[3 * loop[0] + 1]), depthGapMm: 0 };
  let best = { a: loop[0], b: loop[1], t: 0, distanceMm: Infinity, depthGapMm: 0 };
  for (let i = 0; i < (closed ? loop.length : loop.length - 1); i++) {
    const a = loop[i], b = loop[(i + 1) % loop.length];
    const ab = [v[3 * b] - v[3 * a], v[3 * b + 1] - v[3 * a + 1], v[3 * b + 2] - v[3 * a + 2]];
    const ap = [p[0] - v[3 * a], p[1] - v[3 * a + 1], p[2] - v[3 * a + 2]];
    const len2 = ab[0] ** 2 + ab[1] ** 2;
    const t = Math.min(1, Math.max(0, (ap[0] * ab[0] + ap[1] * ab[1]) / len2));
    const d = Math.hypot(ap[0] - t * ab[0], ap[1] - t * ab[1]);
    if (d < best.distanceMm) best = { a, b, t, distanceMm: d, depthGapMm: t * ab[2] - ap[2] };
  }
  return best;
}
