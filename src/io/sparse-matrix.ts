/** A compressed sparse matrix (scipy csc/csr layout) as rebuilt from a pickle. */
import { ModelAssetError } from './model-asset-error.js';

/** CSC or CSR matrix; `indptr` has one entry per column (csc) or row (csr), plus one. */
export class SparseMatrix {
  constructor(
    public format: 'csc' | 'csr',
    public shape: [number, number] = [0, 0],
    public data: Float64Array = new Float64Array(0),
    public indices: Int32Array = new Int32Array(0),
    public indptr: Int32Array = new Int32Array(1),
  ) {}

  /** Checks that indices and indptr are consistent with the shape; throws MODEL_ASSET_CORRUPT otherwise. */
  validate(what = 'sparse matrix'): void {
    const [rows, cols] = this.shape;
    const major = this.format === 'csc' ? cols : rows;
    const minor = this.format === 'csc' ? rows : cols;
    const bad = (why: string): never => {
      throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${what} (${this.format} ${rows}x${cols}): ${why}`);
    };
    if (this.indptr.length !== major + 1) bad(`indptr has ${this.indptr.length} entries, ${major + 1} expected`);
    if (this.indptr[0] !== 0 || this.indptr[major] !== this.data.length) bad('indptr does not span the data');
    if (this.indices.length !== this.data.length) bad('indices and data differ in length');
    for (let i = 0; i < major; i++) if (this.indptr[i + 1] < this.indptr[i]) bad('indptr decreases');
    for (let i = 0; i < this.indices.length; i++) {
      if (this.indices[i] < 0 || this.indices[i] >= minor) bad(`index ${this.indices[i]} out of range`);
    }
  }

  /** Dense row-major copy (rows * cols). */
  toDense(): Float64Array {
    const [rows, cols] = this.shape;
    const out = new Float64Array(rows * cols);
    const major = this.format === 'csc' ? cols : rows;
    for (let m = 0; m < major; m++) {
      for (let p = this.indptr[m]; p < this.indptr[m + 1]; p++) {
        const i = this.indices[p];
        if (this.format === 'csc') out[i * cols + m] += this.data[p];
        else out[m * cols + i] += this.data[p];
      }
    }
    return out;
  }
}
