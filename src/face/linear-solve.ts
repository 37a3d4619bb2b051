/** Small dense linear algebra for fitting and expression completion: symmetric positive-definite solves. */

/** Cholesky factorisation in place of an n x n SPD matrix (row-major); returns false if it is not positive-definite. */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  return true;
}

/** Solves L L^T x = b for x (in place in b), with L from `choleskyInPlace`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
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
