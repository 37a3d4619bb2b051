/** FLAME 2023 Open as a `FaceModel`: shape/expression blending, jaw and eye LBS, and a fast 68-landmark path. */
import type { FaceModel, FaceShapeParams } from '../face-model.js';
import type { FlameData } from './flame-data.js';
import { FLAME_JOINT_COUNT } from './flame-data.js';
import type { LandmarkEmbedding } from './flame-landmark-embedding.js';
import { FlameParamsError } from './flame-params-error.js';
import { FlameSkinning } from './flame-skinning.js';
import { FlameVertexSet } from './flame-vertex-set.js';

/** Parameters of the full FLAME forward pass; every rotation is axis-angle in radians (zeros when omitted). */
export interface FlameForwardParams {
  shape: Float32Array;
  expression: Float32Array;
  /** Joint 0 (root), 3 values. */
  globalRad?: Float32Array;
  /** Joint 1 (neck), 3 values. */
  neckRad?: Float32Array;
  /** Joint 2 (jaw), 3 values. */
  jawRad?: Float32Array;
  /** Joints 3 and 4 (eyeballs; joint 3 sits at +x), 6 values. */
  eyesRad?: Float32Array;
}

/** Result of `FlameModel.forward`, millimetres. */
export interface FlameForwardResult {
  /** Posed vertices (vertexCount*3). */
  verticesMm: Float32Array;
  /** Posed joints (5*3): root, neck, jaw, eye (+x), eye (-x). */
  jointsMm: Float32Array;
}

/** Which FLAME data went into a `FlameModel`; `dataHash` is over exactly these. */
export interface FlameModelInfo {
  /** File(s) the arrays came from. */
  source: string;
  /** True when the expression basis is `makeSyntheticExpressionBasis` output rather than FLAME's. */
  syntheticExpression: boolean;
  /** How many of the last expression components are the project's blink blendshapes (0 or 2). */
  eyelidComponents?: number;
}

const ZERO3 = new Float32Array(3);
const ZERO6 = new Float32Array(6);

/** FLAME 2023 Open face model; head space is millimetres, x right, y up, z towards the viewer. */
export class FlameModel implements FaceModel {
  readonly id = 'flame2023-open';
  readonly vertexCount: number;
  readonly triangles: Uint32Array;
  readonly shapeDims: number;
  readonly expressionDims: number;
  readonly hasJaw = true;
  readonly hasEyes = true;
  /** The landmark embedding in use (68 triangles with barycentric weights). */
  readonly embedding: LandmarkEmbedding;

  private readonly skinning: FlameSkinning;
  private readonly full: FlameVertexSet;
  private readonly lmkSet: FlameVertexSet;
  /** For each landmark corner (68*3), its index in `lmkSet`. */
  private readonly lmkCorner: Uint32Array;
  private readonly lmkScratch: Float32Array;
  private readonly poseRad = new Float64Array(FLAME_JOINT_COUNT * 3);

  /**
   * Builds the model from validated `data` (metres) using the first `shapeDims` identity and `expressionDims`
   * expression components. Prefer `loadFlameModel`, which reads, validates and hashes the files.
   */
  constructor(
    data: FlameData,
    embedding: LandmarkEmbedding,
    readonly dataHash: string,
    readonly info: FlameModelInfo,
    shapeDims = data.shapeDims,
    expressionDims = data.exprDims,
  ) {
    this.vertexCount = data.vertexCount;
    this.triangles = data.faces;
    this.shapeDims = shapeDims;
    this.expressionDims = expressionDims;
    this.embedding = embedding;
    this.skinning = new FlameSkinning(data, shapeDims, expressionDims);
    this.full = new FlameVertexSet(data, null, shapeDims, expressionDims);
    const ids = new Map<number, number>();
    this.lmkCorner = new Uint32Array(68 * 3);
    for (let i = 0; i < 68; i++) {
      for (let k = 0; k < 3; k++) {
        const v = data.faces[3 * embedding.faceIdx[i] + k];
        if (!ids.has(v)) ids.set(v, ids.size);
        this.lmkCorner[3 * i + k] = ids.get(v)!;
      }
    }
    this.lmkSet = new FlameVertexSet(data, Uint32Array.from(ids.keys()), shapeDims, expressionDims);
    this.lmkScratch = new Float32Array(this.lmkSet.count * 3);
  }

  /** Number of distinct mesh vertices the 68 landmarks depend on. */
  get landmarkVertexCount(): number {
    return this.lmkSet.count;
  }

  /** Mesh vertices (mm) for `params`; head pose (global, neck) is zero: the caller applies it rigidly. */
  mesh(params: FaceShapeParams, out?: Float32Array): Float32Array {
    this.preparePose(params.shape, params.expression, ZERO3, ZERO3, params.jawRad, params.eyesRad);
    const dst = this.output(out, this.vertexCount * 3, 'mesh');
    this.skinning.skin(this.full, params.shape, params.expression, dst);
    return dst;
  }

  /** The 68 landmarks (mm) for `params`, evaluating only the ~200 vertices their triangles use. */
  landmarks68(params: FaceShapeParams, out?: Float32Array): Float32Array {
    this.preparePose(params.shape, params.expression, ZERO3, ZERO3, params.jawRad, params.eyesRad);
    const dst = this.output(out, 68 * 3, 'landmarks68');
    const v = this.lmkScratch;
    this.skinning.skin(this.lmkSet, params.shape, params.expression, v);
    const b = this.embedding.baryCoords;
    const corner = this.lmkCorner;
    for (let i = 0; i < 68; i++) {
      const a = 3 * corner[3 * i], c = 3 * corner[3 * i + 1], d = 3 * corner[3 * i + 2];
      const wa = b[3 * i], wc = b[3 * i + 1], wd = b[3 * i + 2];
      dst[3 * i] = wa * v[a] + wc * v[c] + wd * v[d];
      dst[3 * i + 1] = wa * v[a + 1] + wc * v[c + 1] + wd * v[d + 1];
      dst[3 * i + 2] = wa * v[a + 2] + wc * v[c + 2] + wd * v[d + 2];
    }
    return dst;
  }

  /** The full FLAME forward pass including global and neck rotation; returns posed vertices and joints (mm). */
  forward(params: FlameForwardParams, out?: Partial<FlameForwardResult>): FlameForwardResult {
    const { shape, expression } = params;
    this.preparePose(
      shape, expression, params.globalRad ?? ZERO3, params.neckRad ?? ZERO3, params.jawRad ?? ZERO3, params.eyesRad ?? ZERO6,
    );
    const verticesMm = this.output(out?.verticesMm, this.vertexCount * 3, 'forward');
    const jointsMm = this.output(out?.jointsMm, FLAME_JOINT_COUNT * 3, 'forward joints');
    this.skinning.skin(this.full, shape, expression, verticesMm);
    for (let i = 0; i < jointsMm.length; i++) jointsMm[i] = this.skinning.posedJointsMm[i];
    return { verticesMm, jointsMm };
  }

  private output(out: Float32Array | undefined, length: number, what: string): Float32Array {
    if (out === undefined) return new Float32Array(length);
    if (!(out instanceof Float32Array) || out.length !== length) {
      throw new FlameParamsError(`${what}: out must be a Float32Array of length ${length}`);
    }
    return out;
  }

  private preparePose(
    shape: Float32Array, expression: Float32Array, globalRad: Float32Array, neckRad: Float32Array, jawRad: Float32Array, eyesRad: Float32Array,
  ): void {
    checkVector(shape, this.shapeDims, 'shape');
    checkVector(expression, this.expressionDims, 'expression');
    checkVector(globalRad, 3, 'globalRad');
    checkVector(neckRad, 3, 'neckRad');
    checkVector(jawRad, 3, 'jawRad');
    checkVector(eyesRad, 6, 'eyesRad');
    const p = this.poseRad;
    for (let i = 0; i < 3; i++) {
      p[i] = globalRad[i];
      p[3 + i] = neckRad[i];
      p[6 + i] = jawRad[i];
    }
    for (let i = 0; i < 6; i++) p[9 + i] = eyesRad[i];
    this.skinning.setPose(shape, expression, p);
  }
}

function checkVector(v: Float32Array, length: number, what: string): void {
  if (!(v instanceof Float32Array) || v.length !== length) {
    throw new FlameParamsError(`${what} must be a Float32Array of length ${length}, got ${v instanceof Float32Array ? v.length : typeof v}`);
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(v[i])) throw new FlameParamsError(`${what}[${i}] is not finite`);
  }
}
