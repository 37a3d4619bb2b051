/**
 * The articulation subspace: the expression directions that carry speech (mouth opening and jaw drop), so emotion
 * edits can replace everything else and leave the mouth motion of speech alone.
 */
import type { FaceModel, FaceShapeParams } from '../face/face-model.js';
import { landmarkJacobian } from '../face/landmark-jacobian.js';

/** iBUG-68 (0-based) pairs whose vertical distance (upper minus lower, head space y up) is the inner-lip gap. */
const INNER_LIP_PAIRS: readonly (readonly [number, number])[] = [[61, 67], [62, 66], [63, 65]];
/** Nose base and chin: their vertical distance grows as the jaw drops. */
const NOSE_BASE = 33;
const CHIN = 8;

/** Names of the articulation features, in the order of the rows of {@link articulationFeatureMatrix}. */
export const ARTICULATION_FEATURES = ['inner-lip-gap-mm', 'chin-drop-mm'] as const;

/** Mean vertical gap between the inner lips (mm, head space), from 68 landmarks (204 values). */
export function innerLipGapMm(landmarks68Mm: ArrayLike<number>): number {
  let sum = 0;
  for (const [upper, lower] of INNER_LIP_PAIRS) sum += landmarks68Mm[upper * 3 + 1] - landmarks68Mm[lower * 3 + 1];
  return sum / INNER_LIP_PAIRS.length;
}

/** Nose base to chin height (mm), which grows as the jaw opens. */
export function chinDropMm(landmarks68Mm: ArrayLike<number>): number {
  return landmarks68Mm[NOSE_BASE * 3 + 1] - landmarks68Mm[CHIN * 3 + 1];
}

/**
 * d(features)/d(expression) at an identity: one row per {@link ARTICULATION_FEATURES} entry, `expressionDims` columns
 * (row-major). Exact for the built-in (linear) model; FLAME is linearised at the given jaw.
 */
export function articulationFeatureMatrix(model: FaceModel, at: Pick<FaceShapeParams, 'shape' | 'jawRad' | 'eyesRad'>): Float64Array {
  const { dims, mmPerUnit } = landmarkJacobian(model, at);
  const f = new Float64Array(ARTICULATION_FEATURES.length * dims);
  for (let j = 0; j < dims; j++) {
    let gap = 0;
    for (const [upper, lower] of INNER_LIP_PAIRS) gap += mmPerUnit[(upper * 3 + 1) * dims + j] - mmPerUnit[(lower * 3 + 1) * dims + j];
    f[j] = gap / INNER_LIP_PAIRS.length;
    f[dims + j] = mmPerUnit[(NOSE_BASE * 3 + 1) * dims + j] - mmPerUnit[(CHIN * 3 + 1) * dims + j];
  }
  return f;
}

/**
 * An orthonormal basis (in expression-coefficient space) of the row space of the articulation features. Because the
 * built-in model's coefficients have unit variance, projecting onto it gives the most likely expression (under the
 * model's Gaussian prior) that has the same mouth opening and jaw drop as the input: the speech part of the
 * expression. What remains is what emotion edits may replace.
 */
export class ArticulationSubspace {
  /** Orthonormal basis vectors, `rank` rows of `dims` values (row-major). */
  readonly basis: Float64Array;
  readonly rank: number;
  readonly dims: number;

  private constructor(basis: Float64Array, rank: number, dims: number) {
    this.basis = basis;
    this.rank = rank;
    this.dims = dims;
  }

  /** The subspace of `model`'s expression space that moves the articulation features, at identity `at`. */
  static of(model: FaceModel, at: Pick<FaceShapeParams, 'shape' | 'jawRad' | 'eyesRad'>): ArticulationSubspace {
    const dims = model.expressionDims;
    const rows = articulationFeatureMatrix(model, at);
    // Gram-Schmidt over the feature gradients; a gradient already (nearly) spanned is dropped.
    const basis = new Float64Array(rows.length);
    let rank = 0;
    for (let r = 0; r < ARTICULATION_FEATURES.length; r++) {
      const v = rows.slice(r * dims, (r + 1) * dims);
      const norm0 = Math.sqrt(dot(v, 0, v, 0, dims));
      for (let q = 0; q < rank; q++) {
        const c = dot(v, 0, basis, q * dims, dims);
        for (let j = 0; j < dims; j++) v[j] -= c * basis[q * dims + j];
      }
      const norm = Math.sqrt(dot(v, 0, v, 0, dims));
      if (!(norm > 1e-6 * Math.max(norm0, 1e-12))) continue;
      for (let j = 0; j < dims; j++) basis[rank * dims + j] = v[j] / norm;
      rank++;
    }
    return new ArticulationSubspace(basis.slice(0, rank * dims), rank, dims);
  }

  /** Writes the articulation part of `expression` (its projection onto the subspace) into `out`. */
  project(expression: ArrayLike<number>, out: Float32Array | Float64Array): Float32Array | Float64Array {
    const n = this.dims;
    for (let j = 0; j < n; j++) out[j] = 0;
    for (let q = 0; q < this.rank; q++) {
      let c = 0;
      for (let j = 0; j < n; j++) c += this.basis[q * n + j] * expression[j];
      for (let j = 0; j < n; j++) out[j] += c * this.basis[q * n + j];
    }
    return out;
  }

  /** Removes the articulation part from `v` in place. */
  removeFrom(v: Float32Array | Float64Array): void {
    const n = this.dims;
    for (let q = 0; q < this.rank; q++) {
      let c = 0;
      for (let j = 0; j < n; j++) c += this.basis[q * n + j] * v[j];
      for (let j = 0; j < n; j++) v[j] -= c * this.basis[q * n + j];
    }
  }
}

function dot(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += a[ao + j] * b[bo + j];
  return s;
}
