/** The contract every face model (FLAME 2023 Open, the built-in MediaPipe-topology model) fulfils. */

/** Non-rigid parameters of one face. Rigid head pose is not here: see `HeadPose`. */
export interface FaceShapeParams {
  /** Identity coefficients, length `model.shapeDims`; fixed per keyframe. */
  shape: Float32Array;
  /** Expression coefficients, length `model.expressionDims`, ordered by variance so any prefix is meaningful. */
  expression: Float32Array;
  /** Jaw rotation, axis-angle in radians (3 values); zeros for models without a jaw joint. */
  jawRad: Float32Array;
  /** Left and right eyeball rotation, axis-angle in radians (6 values); zeros where unsupported. */
  eyesRad: Float32Array;
}

/** Rigid pose of the head and the weak-perspective camera that maps head space (mm) to image pixels. */
export interface HeadPose {
  /** Head rotation, axis-angle in radians (3 values), about the model's origin. */
  rotationRad: Float32Array;
  /** Image position of the model origin, in pixels of the crop (2 values). */
  translationPx: Float32Array;
  /** Pixels per millimetre of the weak-perspective projection. */
  pixelsPerMm: number;
}

/** A face model: a mesh with a linear identity and expression space and 68 iBUG-68 landmarks on its surface. */
export interface FaceModel {
  /** Stable name written into the stream header, e.g. `flame2023-open` or `builtin-mediapipe-v1`. */
  readonly id: string;
  /** sha256 (hex) of the model data; a receiver refuses a stream whose model hash it does not hold. */
  readonly dataHash: string;
  readonly vertexCount: number;
  /** Triangles as vertex index triples (counter-clockwise seen from the front). */
  readonly triangles: Uint32Array;
  readonly shapeDims: number;
  readonly expressionDims: number;
  /** Whether jawRad / eyesRad have an effect. */
  readonly hasJaw: boolean;
  readonly hasEyes: boolean;
  /** Inner lip contour (vertex indices in order), for renderers that paint the mouth interior. */
  readonly innerMouthLoop?: Uint32Array;
  /** Each eye's lid contour (vertex indices in order). */
  readonly eyeLoops?: readonly Uint32Array[];
  /** Mesh vertices in head space, millimetres, x right, y up, z towards the viewer (vertexCount * 3). */
  mesh(params: FaceShapeParams, out?: Float32Array): Float32Array;
  /** The 68 iBUG-68 landmarks in head space, millimetres (68 * 3); cheaper than `mesh`. */
  landmarks68(params: FaceShapeParams, out?: Float32Array): Float32Array;
}

/** Zero parameters (the model's mean face) sized for `model`. */
export function neutralParams(model: Pick<FaceModel, 'shapeDims' | 'expressionDims'>): FaceShapeParams {
  return {
    shape: new Float32Array(model.shapeDims),
    expression: new Float32Array(model.expressionDims),
    jawRad: new Float32Array(3),
    eyesRad: new Float32Array(6),
  };
}
