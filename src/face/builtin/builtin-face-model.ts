/** The built-in face model (`builtin-mediapipe-v1`, `-v2`: the id is the file's): a linear identity + expression model on the MediaPipe 468-vertex mesh. */
import type { FaceModel, FaceShapeParams } from '../face-model.js';
import { FacecodecError } from '../../errors.js';
import type { BuiltinModelData, BuiltinModelMetadata } from './builtin-model-data.js';

const V = 468;
const D = V * 3;
const L = 68 * 3;

/** Thrown for parameters of the wrong size or with NaN/Infinity. */
export class BuiltinModelParamsError extends FacecodecError {
  constructor(message: string) {
    super('BUILTIN_MODEL_BAD_PARAMS', message);
  }
}

/**
 * The SDK's default face model; needs no download. Head space is millimetres, x right, y up, z towards the viewer,
 * outer eye corners 90 mm apart. No jaw or eye joints: mouth and lids move through the expression basis.
 */
export class BuiltinFaceModel implements FaceModel {
  readonly id: string;
  readonly vertexCount = V;
  readonly triangles: Uint32Array;
  readonly shapeDims: number;
  readonly expressionDims: number;
  readonly hasJaw = false;
  readonly hasEyes = false;
  /** Inner lip contour (the mouth opening, a hole of the mesh), in order from the subject's right corner (78) along the lower lip. */
  readonly innerMouthLoop: Uint32Array;
  /** The subject's right then left eye opening rims, in order (the openings themselves are covered by triangles). */
  readonly eyeLoops: readonly Uint32Array[];
  /** The mesh's outer boundary, in order. */
  readonly faceOvalLoop: Uint32Array;
  readonly metadata: BuiltinModelMetadata;
  /** Mean face (mm) and bases (component-major, mm per unit coefficient), shared, do not modify. */
  readonly meanMm: Float32Array;
  readonly identityBasis: Float32Array;
  readonly expressionBasis: Float32Array;
  /** The iBUG-68 embedding: landmark i = sum_k landmarkWeights[3i+k] * vertex(landmarkVertices[3i+k]). */
  readonly landmarkVertices: Uint32Array;
  readonly landmarkWeights: Float32Array;

  private readonly lmkMean = new Float32Array(L);
  private readonly lmkIdentity: Float32Array;
  private readonly lmkExpression: Float32Array;

  /** @param dataHash sha256 (hex) of the model file bytes. */
  constructor(data: BuiltinModelData, readonly dataHash: string) {
    this.triangles = data.triangles;
    this.shapeDims = data.identityDims;
    this.expressionDims = data.expressionDims;
    this.innerMouthLoop = Uint32Array.from(data.regions.innerMouthLoop);
    this.eyeLoops = [Uint32Array.from(data.regions.rightEyeLoop), Uint32Array.from(data.regions.leftEyeLoop)];
    this.faceOvalLoop = Uint32Array.from(data.regions.faceOvalLoop);
    this.metadata = data.metadata;
    this.id = data.metadata.id;
    this.meanMm = data.meanMm;
    this.identityBasis = data.identityBasis;
    this.expressionBasis = data.expressionBasis;
    this.landmarkVertices = data.landmarkVertices;
    this.landmarkWeights = data.landmarkWeights;
    // the landmarks are linear in the coefficients too: precompute their own small bases
    this.embed(data.meanMm, 0, this.lmkMean, 0);
    this.lmkIdentity = new Float32Array(this.shapeDims * L);
    for (let k = 0; k < this.shapeDims; k++) this.embed(data.identityBasis, k * D, this.lmkIdentity, k * L);
    this.lmkExpression = new Float32Array(this.expressionDims * L);
    for (let k = 0; k < this.expressionDims; k++) this.embed(data.expressionBasis, k * D, this.lmkExpression, k * L);
  }

  /** Mesh vertices (mm): mean + identity basis * shape + expression basis * expression. */
  mesh(params: FaceShapeParams, out?: Float32Array): Float32Array {
    this.check(params);
    const dst = output(out, D, 'mesh');
    blend(this.meanMm, this.identityBasis, params.shape, this.expressionBasis, params.expression, D, dst);
    return dst;
  }

  /** The 68 iBUG-68 landmarks (mm), from their own precomputed 204-value bases. */
  landmarks68(params: FaceShapeParams, out?: Float32Array): Float32Array {
    this.check(params);
    const dst = output(out, L, 'landmarks68');
    blend(this.lmkMean, this.lmkIdentity, params.shape, this.lmkExpression, params.expression, L, dst);
    return dst;
  }

  /** The identity face (mm) for `shape` with no expression. */
  identityMesh(shape: Float32Array, out?: Float32Array): Float32Array {
    checkVector(shape, this.shapeDims, 'shape');
    const dst = output(out, D, 'identityMesh');
    blend(this.meanMm, this.identityBasis, shape, this.expressionBasis, new Float32Array(0), D, dst);
    return dst;
  }

  /**
   * The 68 landmarks of any 468-point mesh in MediaPipe order (a detection or a model mesh), by the same
   * barycentric table; same units as the input (e.g. image pixels with z).
   */
  landmarks68FromMesh(points468: ArrayLike<number>, out?: Float32Array): Float32Array {
    if (points468 == null || points468.length !== D) throw new BuiltinModelParamsError(`expected 468*3 mesh values, got ${points468?.length}`);
    const dst = output(out, L, 'landmarks68FromMesh');
    this.embed(points468, 0, dst, 0);
    return dst;
  }

  private embed(src: ArrayLike<number>, srcOffset: number, dst: Float32Array, dstOffset: number): void {
    const vi = this.landmarkVertices, w = this.landmarkWeights;
    for (let i = 0; i < 68; i++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += w[3 * i + k] * src[srcOffset + 3 * vi[3 * i + k] + c];
        dst[dstOffset + 3 * i + c] = s;
      }
    }
  }

  private check(params: FaceShapeParams): void {
    if (params == null) throw new BuiltinModelParamsError('params are required');
    checkVector(params.shape, this.shapeDims, 'shape');
    checkVector(params.expression, this.expressionDims, 'expression');
  }
}

function blend(
  mean: Float32Array, idBasis: Float32Array, shape: Float32Array, exBasis: Float32Array, expression: Float32Array, n: number, dst: Float32Array,
): void {
  dst.set(mean.subarray(0, n));
  for (let k = 0; k < shape.length; k++) {
    const c = shape[k];
    if (c === 0) continue;
    const off = k * n;
    for (let i = 0; i < n; i++) dst[i] += c * idBasis[off + i];
  }
  for (let k = 0; k < expression.length; k++) {
    const c = expression[k];
    if (c === 0) continue;
    const off = k * n;
    for (let i = 0; i < n; i++) dst[i] += c * exBasis[off + i];
  }
}

function output(out: Float32Array | undefined, length: number, what: string): Float32Array {
  if (out === undefined) return new Float32Array(length);
  if (!(out instanceof Float32Array) || out.length !== length) throw new BuiltinModelParamsError(`${what}: out must be a Float32Array of length ${length}`);
  return out;
}

function checkVector(v: Float32Array, length: number, what: string): void {
  if (!(v instanceof Float32Array) || v.length !== length) {
    throw new BuiltinModelParamsError(`${what} must be a Float32Array of length ${length}, got ${v instanceof Float32Array ? v.length : typeof v}`);
  }
  for (let i = 0; i < length; i++) if (!Number.isFinite(v[i])) throw new BuiltinModelParamsError(`${what}[${i}] is not finite`);
}
