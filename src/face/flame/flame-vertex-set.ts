/** A set of FLAME vertices (the whole mesh, or just those the landmarks need) laid out for fast blending. */
import type { FlameData } from './flame-data.js';
import { FLAME_JOINT_COUNT, FLAME_POSE_FEATURES } from './flame-data.js';

const MM_PER_M = 1000;

/**
 * Per-vertex FLAME arrays in millimetres, component-major (one contiguous count*3 block per basis vector) so that
 * each non-zero coefficient is one tight multiply-add loop and zero coefficients cost nothing.
 */
export class FlameVertexSet {
  readonly count: number;
  /** Mesh vertex id of each member. */
  readonly vertexIds: Uint32Array;
  readonly templateMm: Float32Array;
  readonly shapeDirsMm: Float32Array;
  readonly exprDirsMm: Float32Array;
  readonly poseDirsMm: Float32Array;
  readonly weights: Float32Array;
  /** Scratch: shaped (then posed) vertices of the current call. */
  readonly work: Float64Array;
  /** Cache of template + identity blend for `cachedShape`; identity is fixed per keyframe, so this is usually a hit. */
  private readonly identityMm: Float64Array;
  private readonly cachedShape: Float32Array;
  private cacheValid = false;

  constructor(data: FlameData, vertexIds: Uint32Array | null, shapeDims: number, exprDims: number) {
    const ids = vertexIds ?? Uint32Array.from({ length: data.vertexCount }, (_, i) => i);
    const n = ids.length;
    const n3 = n * 3;
    this.count = n;
    this.vertexIds = ids;
    this.templateMm = new Float32Array(n3);
    this.shapeDirsMm = new Float32Array(shapeDims * n3);
    this.exprDirsMm = new Float32Array(exprDims * n3);
    this.poseDirsMm = new Float32Array(FLAME_POSE_FEATURES * n3);
    this.weights = new Float32Array(n * FLAME_JOINT_COUNT);
    const S = data.shapeDims;
    const E = data.exprDims;
    for (let i = 0; i < n; i++) {
      const v = ids[i];
      for (let c = 0; c < 3; c++) {
        const row = v * 3 + c;
        const dst = i * 3 + c;
        this.templateMm[dst] = data.vTemplate[row] * MM_PER_M;
        for (let k = 0; k < shapeDims; k++) this.shapeDirsMm[k * n3 + dst] = data.shapeDirs[row * S + k] * MM_PER_M;
        for (let k = 0; k < exprDims; k++) this.exprDirsMm[k * n3 + dst] = data.exprDirs![row * E + k] * MM_PER_M;
        for (let p = 0; p < FLAME_POSE_FEATURES; p++) {
          this.poseDirsMm[p * n3 + dst] = data.poseDirs[row * FLAME_POSE_FEATURES + p] * MM_PER_M;
        }
      }
      for (let j = 0; j < FLAME_JOINT_COUNT; j++) this.weights[i * FLAME_JOINT_COUNT + j] = data.weights[v * FLAME_JOINT_COUNT + j];
    }
    this.work = new Float64Array(n3);
    this.identityMm = new Float64Array(n3);
    this.cachedShape = new Float32Array(shapeDims);
  }

  /** Writes template + shapedirs·shape + exprdirs·expression into `work`. */
  blendShape(shape: Float32Array, expression: Float32Array): void {
    const n3 = this.count * 3;
    if (!this.cacheValid || !sameValues(this.cachedShape, shape)) {
      const id = this.identityMm;
      for (let i = 0; i < n3; i++) id[i] = this.templateMm[i];
      addBlend(id, this.shapeDirsMm, shape, n3);
      this.cachedShape.set(shape);
      this.cacheValid = true;
    }
    this.work.set(this.identityMm);
    addBlend(this.work, this.exprDirsMm, expression, n3);
  }

  /** Adds posedirs·poseFeature to `work`. */
  addPoseCorrectives(poseFeature: Float64Array): void {
    addBlend(this.work, this.poseDirsMm, poseFeature, this.count * 3);
  }
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Indices of the non-zero coefficients of the current blend (grown on demand, shared: blends never nest). */
let nonZero = new Int32Array(512);

/**
 * acc += sum_k coeffs[k] * dirs[k*n3 .. (k+1)*n3), skipping zero coefficients. Four components per pass: the
 * accumulator is read and written once per four basis vectors, which roughly halves the memory traffic.
 */
function addBlend(acc: Float64Array, dirs: Float32Array, coeffs: ArrayLike<number>, n3: number): void {
  if (nonZero.length < coeffs.length) nonZero = new Int32Array(coeffs.length);
  let m = 0;
  for (let k = 0; k < coeffs.length; k++) if (coeffs[k] !== 0) nonZero[m++] = k;
  let q = 0;
  for (; q + 4 <= m; q += 4) {
    const k0 = nonZero[q], k1 = nonZero[q + 1], k2 = nonZero[q + 2], k3 = nonZero[q + 3];
    const c0 = coeffs[k0], c1 = coeffs[k1], c2 = coeffs[k2], c3 = coeffs[k3];
    const b0 = k0 * n3, b1 = k1 * n3, b2 = k2 * n3, b3 = k3 * n3;
    for (let i = 0; i < n3; i++) acc[i] += c0 * dirs[b0 + i] + c1 * dirs[b1 + i] + c2 * dirs[b2 + i] + c3 * dirs[b3 + i];
  }
  for (; q < m; q++) {
    const c = coeffs[nonZero[q]];
    const base = nonZero[q] * n3;
    for (let i = 0; i < n3; i++) acc[i] += c * dirs[base + i];
  }
}
