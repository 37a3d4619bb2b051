/** Small dense linear algebra on Float64Arrays (row-major): Cholesky solves and symmetric eigen-decomposition. */

/** Cholesky factorisation in place of an n x n SPD matrix (lower triangle); false if it is not positive definite. */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s * inv;
    }
  }
  return true;
}

/** Solves L L^T x = b in place in `b`, with L from {@link choleskyInPlace}. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    const ri = i * n;
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/**
 * Solves `a x = b` in place for a symmetric positive-definite `n x n` matrix `a` (overwritten by its Cholesky
 * factor) and right-hand side `b` (overwritten by x). Returns false when `a` is not positive definite.
 */
export function choleskySolveInPlace(a: Float64Array, b: Float64Array, n: number): boolean {
  if (!choleskyInPlace(a, n)) return false;
  choleskySolve(a, n, b);
  return true;
}

/**
 * Ridge-regression solver matrix P = (J^T J + lambda I)^-1 J^T for a Jacobian J (m rows, n columns, row-major), so that
 * each later solve is one matrix-vector product. Returns P as n x m, row-major.
 */
export function ridgeSolver(j: Float64Array, m: number, n: number, lambda: number): Float64Array {
  const jtj = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += j[r * n + a] * j[r * n + b];
      jtj[a * n + b] = jtj[b * n + a] = s;
    }
    jtj[a * n + a] += lambda;
  }
  if (!choleskyInPlace(jtj, n)) throw new RangeError('normal matrix is not positive-definite');
  const p = new Float64Array(n * m);
  const col = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    for (let a = 0; a < n; a++) col[a] = j[r * n + a];
    choleskySolve(jtj, n, col);
    for (let a = 0; a < n; a++) p[a * m + r] = col[a];
  }
  return p;
}

/**
 * Eigen-decomposition of a symmetric `n x n` matrix by cyclic Jacobi rotations (fine up to a few hundred).
 * Returns eigenvalues in descending order and the matching unit eigenvectors as the rows of `vectors`.
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix as ArrayLike<number>);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i] * a[i * n + i];
      for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    }
    if (off <= 1e-26 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vpk = v[p * n + k], vqk = v[q * n + k];
          v[p * n + k] = c * vpk - s * vqk;
          v[q * n + k] = s * vpk + c * vqk;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src];
    vectors.set(v.subarray(src * n, src * n + n), dst * n);
  });
  return { values, vectors };
}
