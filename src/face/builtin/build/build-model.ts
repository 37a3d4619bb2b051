/**
 * The built-in model's build from tracked MediaPipe meshes: generalized Procrustes on stable vertices, FLAME-frame
 * orientation and millimetre scale, identity and expression PCA, and the iBUG-68 correspondence (see landmark-correspondence.ts).
 */
import { applySimilarity, similarityProcrustes } from '../../fitting/similarity-procrustes.js';
import { choleskySolveInPlace } from '../../fitting/linear-algebra.js';
import type { LandmarkEmbedding } from '../../flame/flame-landmark-embedding.js';
import type { BuiltinModelData } from '../builtin-model-data.js';
import { INNER_MOUTH_LOOP, LEFT_EYE_LOOP, RIGHT_EYE_LOOP } from '../mediapipe-regions.js';
import { boundaryLoops } from '../mesh-geometry.js';
import { correspondLandmarks68, ANCHOR_PAIRS } from './landmark-correspondence.js';
import { gramPca, subspacePca } from './pca.js';

const V = 468;
const D = V * 3;
/** Outer eye corners (subject's right, left) and the distance between them that fixes the millimetre scale. */
const EYE_OUTER_RIGHT = 33;
const EYE_OUTER_LEFT = 263;
export const OUTER_EYE_CORNER_DISTANCE_MM = 90;
const LIP_UPPER_INNER = 13;
const LIP_LOWER_INNER = 14;

/** Tracked meshes of one clip or still, head-space-like (x right, y up, z towards the viewer; pixels). */
export interface TrackedSource {
  name: string;
  kind: 'clip' | 'still';
  /** count * 1404 values. */
  meshes: Float32Array;
  /** Who is in it: clips of one person give one identity sample (default: each source is its own person). */
  person?: string;
}

/** Inputs of {@link buildBuiltinModel}. */
export interface BuildInput {
  sources: TrackedSource[];
  triangles: Uint32Array;
  /** FLAME 2023 Open v_template in millimetres and its triangles and static 68-point embedding. */
  flameTemplateMm: Float32Array;
  flameTriangles: Uint32Array;
  flameEmbedding: LandmarkEmbedding;
  expressionDims?: number;
  identityDims?: number;
  /** Written into the file and every stream header (default `builtin-mediapipe-v1`). */
  id?: string;
  log?: (line: string) => void;
}

/** Builds the model arrays and metadata (deterministic for the same inputs). */
export function buildBuiltinModel(input: BuildInput): BuiltinModelData {
  const log = input.log ?? (() => {});
  const exprDims = input.expressionDims ?? 50;
  const shapes: Float64Array[] = [];
  const owner: number[] = [];
  input.sources.forEach((src, s) => {
    for (let i = 0; i < src.meshes.length / D; i++) {
      shapes.push(Float64Array.from(src.meshes.subarray(i * D, (i + 1) * D)));
      owner.push(s);
    }
  });
  if (shapes.length < 10) throw new Error(`too few meshes to build a model: ${shapes.length}`);
  log(`${shapes.length} meshes from ${input.sources.length} sources`);

  // 1. Procrustes on all vertices, then again on the half with the least within-source motion.
  const ones = new Float64Array(V).fill(1);
  let ref = generalizedProcrustes(shapes, ones, shapes[0], 4);
  const motion = withinSourceVariance(shapes, owner, input.sources.length);
  const order = Array.from({ length: V }, (_, i) => i).sort((a, b) => motion[a] - motion[b]);
  const stable = new Float64Array(V);
  for (let i = 0; i < V / 2; i++) stable[order[i]] = 1;
  ref = generalizedProcrustes(shapes, stable, ref, 4);

  // 2. Into FLAME's head frame (rotation, translation from anchor pairs), then millimetres from the eye corners.
  const flameLmk = flameLandmarkPositions(input);
  const mean0 = meanOf(shapes);
  const toFlame = similarityProcrustes(pick(mean0, ANCHOR_PAIRS.map((p) => p[1])), pick(flameLmk, ANCHOR_PAIRS.map((p) => p[0])));
  for (const s of shapes) applySimilarity(toFlame, s, s);
  const mean1 = meanOf(shapes);
  const eyeDist = dist(mean1, EYE_OUTER_RIGHT, EYE_OUTER_LEFT);
  const k = OUTER_EYE_CORNER_DISTANCE_MM / eyeDist;
  for (const s of shapes) for (let i = 0; i < D; i++) s[i] *= k;

  // 3. Per-clip identity: the mean of its frames with the mouth most closed (lowest quartile of the inner-lip gap);
  // a person's identity sample is the mean over their clips.
  const clipIdentity = new Map<number, Float64Array>();
  const byPerson = new Map<string, Float64Array[]>();
  input.sources.forEach((src, s) => {
    if (src.kind !== 'clip') return;
    const idx = shapes.map((_, i) => i).filter((i) => owner[i] === s);
    const gaps = idx.map((i) => dist(shapes[i], LIP_UPPER_INNER, LIP_LOWER_INNER));
    const cut = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 4)];
    const closed = idx.filter((_, j) => gaps[j] <= cut);
    const id = meanOf(closed.map((i) => shapes[i]));
    clipIdentity.set(s, id);
    const person = src.person ?? src.name;
    byPerson.set(person, [...(byPerson.get(person) ?? []), id]);
  });
  const identities: Float64Array[] = [...byPerson.values()].map((ids) => meanOf(ids));

  // 4. Expression PCA of (frame - its clip's identity), about zero so coefficient 0 is the clip's neutral-ish face.
  const exprRows: number[] = [];
  shapes.forEach((_, i) => {
    if (clipIdentity.has(owner[i])) exprRows.push(i);
  });
  const x = new Float64Array(exprRows.length * D);
  exprRows.forEach((i, r) => {
    const id = clipIdentity.get(owner[i])!;
    for (let d = 0; d < D; d++) x[r * D + d] = shapes[i][d] - id[d];
  });
  const expr = subspacePca(x, exprRows.length, D, exprDims, 10);
  const exprBasis = scaledBasis(expr.components, expr.variances, exprDims);
  const exprShare = cumulativeShare(expr.variances, expr.totalVariance, [1, 5, 10, 25, 50].filter((n) => n <= exprDims));
  log(`expression: ${exprRows.length} frames, variance explained ${JSON.stringify(exprShare)}`);

  // 5. Stills join the identity samples once their expression (projected on the expression basis, with a unit prior) is removed.
  const stillMean = meanOf(identities);
  input.sources.forEach((src, s) => {
    if (src.kind !== 'still') return;
    const sh = shapes[owner.indexOf(s)];
    identities.push(removeExpression(sh, stillMean, exprBasis, exprDims));
  });
  const meanMm = meanOf(identities);
  const idRows = new Float64Array(identities.length * D);
  identities.forEach((id, r) => {
    for (let d = 0; d < D; d++) idRows[r * D + d] = id[d] - meanMm[d];
  });
  const maxId = Math.min(input.identityDims ?? 20, identities.length - 1);
  const idPca = gramPca(idRows, identities.length, D, maxId);
  let idDims = 0;
  while (idDims < maxId && idPca.variances[idDims] > 1e-6 * idPca.totalVariance) idDims++;
  const idBasis = scaledBasis(idPca.components, idPca.variances, idDims);
  const idShare = cumulativeShare(idPca.variances, idPca.totalVariance, [1, 5, 10, idDims]);
  log(`identity: ${identities.length} samples, ${idDims} components, variance explained ${JSON.stringify(idShare)}`);

  // 6. Regions: every named loop must follow mesh edges; the mouth is a hole of the mesh, the eyes are covered by triangles.
  const loops = boundaryLoops(input.triangles);
  const edges = new Set<string>();
  for (let t = 0; t < input.triangles.length; t += 3) {
    for (let c = 0; c < 3; c++) {
      const a = input.triangles[t + c], b = input.triangles[t + ((c + 1) % 3)];
      edges.add(a < b ? `${a},${b}` : `${b},${a}`);
    }
  }
  for (const [name, loop] of [['innerMouthLoop', INNER_MOUTH_LOOP], ['rightEyeLoop', RIGHT_EYE_LOOP], ['leftEyeLoop', LEFT_EYE_LOOP]] as const) {
    loop.forEach((a, i) => {
      const b = loop[(i + 1) % loop.length];
      if (!edges.has(a < b ? `${a},${b}` : `${b},${a}`)) throw new Error(`${name}: ${a}-${b} is not a mesh edge`);
    });
  }
  const mouthSet = [...INNER_MOUTH_LOOP].sort((a, b) => a - b).join(',');
  if (!loops.some((l) => [...l].sort((a, b) => a - b).join(',') === mouthSet)) throw new Error('innerMouthLoop is not a hole of the mesh');
  const faceOval = loops.reduce((a, b) => (b.length > a.length ? b : a));
  log(`boundary loops: ${loops.map((l) => l.length).join(', ')}; face oval ${faceOval.length} vertices`);

  // 7. iBUG-68 on this topology via FLAME's template.
  const meanF32 = Float32Array.from(meanMm);
  const lmk = correspondLandmarks68(meanF32, input.triangles, faceOval, flameLmk, log);

  return {
    meanMm: meanF32,
    identityBasis: idBasis,
    identityDims: idDims,
    expressionBasis: exprBasis,
    expressionDims: exprDims,
    triangles: input.triangles,
    landmarkVertices: lmk.vertices,
    landmarkWeights: lmk.weights,
    landmarkTriangles: lmk.triangles,
    regions: { innerMouthLoop: INNER_MOUTH_LOOP, rightEyeLoop: RIGHT_EYE_LOOP, leftEyeLoop: LEFT_EYE_LOOP, faceOvalLoop: faceOval },
    metadata: {
      id: input.id ?? 'builtin-mediapipe-v1',
      formatVersion: 1,
      units: 'mm',
      build: {
        date: new Date().toISOString(),
        script: 'scripts/build-builtin-model.ts',
        sources: input.sources.map((s) => ({ name: s.name, kind: s.kind, meshes: s.meshes.length / D, ...(s.person ? { person: s.person } : {}) })),
        stableVertexCount: V / 2,
        outerEyeCornerDistanceMm: OUTER_EYE_CORNER_DISTANCE_MM,
      },
      varianceExplained: { identity: idShare, expression: exprShare },
      landmarks68: lmk.report,
    },
  };
}

/** Aligns every shape (in place) to a common reference, re-estimated as their mean; returns the reference. */
function generalizedProcrustes(shapes: Float64Array[], weights: Float64Array, start: Float64Array, iterations: number): Float64Array {
  const gauge = Float64Array.from(start);
  let ref: Float64Array = Float64Array.from(start);
  for (let it = 0; it < iterations; it++) {
    for (const s of shapes) applySimilarity(similarityProcrustes(s, ref, weights), s, s);
    const mean = meanOf(shapes);
    // keep the reference's size and place fixed (the gauge), or the mean would shrink from one pass to the next
    applySimilarity(similarityProcrustes(mean, gauge, weights), mean, mean);
    ref = mean;
  }
  for (const s of shapes) applySimilarity(similarityProcrustes(s, ref, weights), s, s);
  return ref;
}

function withinSourceVariance(shapes: Float64Array[], owner: number[], sourceCount: number): Float64Array {
  const means: Float64Array[] = [];
  for (let s = 0; s < sourceCount; s++) {
    const mine = shapes.filter((_, i) => owner[i] === s);
    means.push(mine.length ? meanOf(mine) : new Float64Array(D));
  }
  const out = new Float64Array(V);
  shapes.forEach((sh, i) => {
    const m = means[owner[i]];
    for (let v = 0; v < V; v++) {
      out[v] += (sh[3 * v] - m[3 * v]) ** 2 + (sh[3 * v + 1] - m[3 * v + 1]) ** 2 + (sh[3 * v + 2] - m[3 * v + 2]) ** 2;
    }
  });
  return out;
}

/** FLAME's 68 static landmarks on its template (mm). */
function flameLandmarkPositions(input: BuildInput): Float64Array {
  const out = new Float64Array(68 * 3);
  const { faceIdx, baryCoords } = input.flameEmbedding;
  for (let i = 0; i < 68; i++) {
    for (let c = 0; c < 3; c++) {
      const v = input.flameTriangles[3 * faceIdx[i] + c];
      for (let k = 0; k < 3; k++) out[3 * i + k] += baryCoords[3 * i + c] * input.flameTemplateMm[3 * v + k];
    }
  }
  return out;
}

function removeExpression(shape: Float64Array, centre: Float64Array, basis: Float32Array, dims: number): Float64Array {
  // ridge: (B B^T + I) e = B (shape - centre), unit prior on the coefficients
  const a = new Float64Array(dims * dims);
  const b = new Float64Array(dims);
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += basis[i * D + d] * basis[j * D + d];
      a[i * dims + j] = a[j * dims + i] = s;
    }
    a[i * dims + i] += 1;
    let s = 0;
    for (let d = 0; d < D; d++) s += basis[i * D + d] * (shape[d] - centre[d]);
    b[i] = s;
  }
  choleskySolveInPlace(a, b, dims);
  const out = Float64Array.from(shape);
  for (let i = 0; i < dims; i++) for (let d = 0; d < D; d++) out[d] -= b[i] * basis[i * D + d];
  return out;
}

function scaledBasis(components: Float64Array, variances: Float64Array, dims: number): Float32Array {
  const out = new Float32Array(dims * D);
  for (let c = 0; c < dims; c++) {
    const sd = Math.sqrt(variances[c]);
    for (let d = 0; d < D; d++) out[c * D + d] = components[c * D + d] * sd;
  }
  return out;
}

function cumulativeShare(variances: Float64Array, total: number, at: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of at) {
    let s = 0;
    for (let i = 0; i < Math.min(n, variances.length); i++) s += variances[i];
    out[String(n)] = Math.round((s / total) * 1e5) / 1e5;
  }
  return out;
}

function meanOf(shapes: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(shapes[0].length);
  for (const s of shapes) for (let i = 0; i < out.length; i++) out[i] += s[i];
  for (let i = 0; i < out.length; i++) out[i] /= shapes.length;
  return out;
}

function pick(points: ArrayLike<number>, ids: number[]): Float64Array {
  const out = new Float64Array(ids.length * 3);
  ids.forEach((v, i) => {
    out[3 * i] = points[3 * v];
    out[3 * i + 1] = points[3 * v + 1];
    out[3 * i + 2] = points[3 * v + 2];
  });
  return out;
}

function dist(p: ArrayLike<number>, a: number, b: number): number {
  return Math.hypot(p[3 * a] - p[3 * b], p[3 * a + 1] - p[3 * b + 1], p[3 * a + 2] - p[3 * b + 2]);
}
