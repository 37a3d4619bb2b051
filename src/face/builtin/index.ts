/** Public surface of the built-in face model (`builtin-mediapipe-v1` and `-v2`, MediaPipe topology, ship with the SDK). */
export { BuiltinFaceModel, BuiltinModelParamsError } from './builtin-face-model.js';
export {
  loadBuiltinFaceModel,
  builtinFaceModelFromBytes,
  builtinFaceModelPath,
  landmarks68FromMediapipe,
  BUILTIN_FACE_MODEL_FILE,
  BUILTIN_FACE_MODEL_VERSIONS,
  DEFAULT_BUILTIN_FACE_MODEL_VERSION,
  builtinFaceModelFile,
  type BuiltinFaceModelVersion,
} from './load-builtin-face-model.js';
export type { BuiltinModelData, BuiltinModelMetadata } from './builtin-model-data.js';
export { encodeBuiltinModelFile, decodeBuiltinModelFile } from './builtin-model-file.js';
export { INNER_MOUTH_LOOP, RIGHT_EYE_LOOP, LEFT_EYE_LOOP, type MediapipeRegions } from './mediapipe-regions.js';
