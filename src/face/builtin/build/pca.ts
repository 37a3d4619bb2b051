/** Principal components of row-sample matrices for the model build: exact (Gram) for few samples, subspace iteration for many. */
import { symmetricEigen } from '../../fitting/linear-algebra.js';

/** Principal directions (rows of `components`, unit length) and the variance along each, largest first. */
export interface Pca {
  components: Float64Array;
  variances: Float64Array;
  count: number;
  dim: number;
  /** Sum of the variance over all directions (the trace), so `variances / totalVariance` is the share explained. */
  totalVariance: number;
}

/**
 * PCA about zero (the caller subtracts whatever centre it wants) of `rows` (count x dim), at most `k` components,
 * by the Gram matrix: exact and cheap when count is small (identity samples).
 */
export function gramPca(rows: Float64Array, count: number, dim: number, k: number): Pca {
  const g = new Float64Array(count * count);
  for (let i = 0; i < count; i++) {
    for (let j = i; j < count; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += rows[i * dim + d] * rows[j * dim + d];
      g[i * count + j] = g[j * count + i] = s / count;
    }
  }
  const { values, vectors } = symmetricEigen(g, count);
  let total = 0;
  for (let i = 0; i < count; i++) total += g[i * count + i];
  const kk = Math.min(k, count);
  const components = new Float64Array(kk * dim);
  const variances = new Float64Array(kk);
  for (let c = 0; c < kk; c++) {
    variances[c] = Math.max(0, values[c]);
    const comp = components.subarray(c * dim, (c + 1) * dim);
    for (let i = 0; i < count; i++) {
      const a = vectors[c * count + i];
      for (let d = 0; d < dim; d++) comp[d] += a * rows[i * dim + d];
    }
    normalize(comp);
  }
  return { components, variances, count, dim, totalVariance: total };
}

/**
 * Top-`k` PCA about zero of `rows` (count x dim) by block subspace iteration with a deterministic start and
 * `oversample` extra directions; accurate to many digits for the leading components after ~8 iterations.
 */
export function subspacePca(rows: Float64Array, count: number, dim: number, k: number, iterations = 8, oversample = 12): Pca {
  const p = Math.min(k + oversample, dim, count);
  let q = new Float64Array(p * dim);
  let seed = 12345;
  for (let i = 0; i < q.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    q[i] = seed / 4294967296 - 0.5;
  }
  orthonormalizeRows(q, p, dim);
  const xq = new Float64Array(count * p);
  const apply = (src: Float64Array, dst: Float64Array): void => {
    // dst (p x dim) = (X^T X src^T)^T
    xq.fill(0);
    for (let i = 0; i < count; i++) {
      const row = rows.subarray(i * dim, (i + 1) * dim);
      for (let c = 0; c < p; c++) {
        const v = src.subarray(c * dim, (c + 1) * dim);
        let s = 0;
        for (let d = 0; d < dim; d++) s += row[d] * v[d];
        xq[i * p + c] = s;
      }
    }
    dst.fill(0);
    for (let i = 0; i < count; i++) {
      const row = rows.subarray(i * dim, (i + 1) * dim);
      for (let c = 0; c < p; c++) {
        const a = xq[i * p + c];
        const out = dst.subarray(c * dim, (c + 1) * dim);
        for (let d = 0; d < dim; d++) out[d] += a * row[d];
      }
    }
  };
  const z = new Float64Array(p * dim);
  for (let it = 0; it < iterations; it++) {
    apply(q, z);
    [q] = [Float64Array.from(z)];
    orthonormalizeRows(q, p, dim);
  }
  // Rayleigh-Ritz: B = Q X^T X Q^T (p x p)
  apply(q, z);
  const b = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += q[i * dim + d] * z[j * dim + d];
      b[i * p + j] = s / count;
    }
  }
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) b[i * p + j] = b[j * p + i] = (b[i * p + j] + b[j * p + i]) / 2;
  const { values, vectors } = symmetricEigen(b, p);
  const kk = Math.min(k, p);
  const components = new Float64Array(kk * dim);
  const variances = new Float64Array(kk);
  for (let c = 0; c < kk; c++) {
    variances[c] = Math.max(0, values[c]);
    const comp = components.subarray(c * dim, (c + 1) * dim);
    for (let j = 0; j < p; j++) {
      const a = vectors[c * p + j];
      for (let d = 0; d < dim; d++) comp[d] += a * q[j * dim + d];
    }
    normalize(comp);
  }
  let total = 0;
  for (let i = 0; i < rows.length; i++) total += rows[i] * rows[i];
  return { components, variances, count, dim, totalVariance: total / count };
}

function normalize(v: Float64Array): void {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] *= inv;
}

function orthonormalizeRows(q: Float64Array, p: number, dim: number): void {
  for (let c = 0; c < p; c++) {
    const v = q.subarray(c * dim, (c + 1) * dim);
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < c; j++) {
        const u = q.subarray(j * dim, (j + 1) * dim);
        let s = 0;
        for (let d = 0; d < dim; d++) s += u[d] * v[d];
        for (let d = 0; d < dim; d++) v[d] -= s * u[d];
      }
    }
    normalize(v);
  }
}
