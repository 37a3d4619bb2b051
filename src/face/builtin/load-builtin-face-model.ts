/** Loads the shipped built-in face model files (models/builtin-face-v1.bin, -v2.bin) into `BuiltinFaceModel`s, once per location. */
import { ModelAssetError } from '../../io/model-asset-error.js';
import { assetLocation, platformFiles } from '../../io/platform-files.js';
import { sha256Hex } from '../../io/sha256.js';
import { BuiltinFaceModel } from './builtin-face-model.js';
import { decodeBuiltinModelFile } from './builtin-model-file.js';

/**
 * The shipped built-in model versions: v1 was learned from the 9 people of ../shared/clips and 12 stills (evaluation
 * identities among them); v2 from the 75 training identities of training/identity-split.json (models/MODEL-CARD-face.md).
 */
export const BUILTIN_FACE_MODEL_VERSIONS = [1, 2] as const;
export type BuiltinFaceModelVersion = (typeof BUILTIN_FACE_MODEL_VERSIONS)[number];
/** What encoders use unless told otherwise. */
export const DEFAULT_BUILTIN_FACE_MODEL_VERSION: BuiltinFaceModelVersion = 1;

/** Name of a shipped model file under models/. */
export function builtinFaceModelFile(version: BuiltinFaceModelVersion = DEFAULT_BUILTIN_FACE_MODEL_VERSION): string {
  return `builtin-face-v${version}.bin`;
}

/** Name of the default shipped model file under models/. */
export const BUILTIN_FACE_MODEL_FILE = builtinFaceModelFile();

const cache = new Map<string, BuiltinFaceModel>();

/** Location of a shipped model file (package root / models in Node, the assets base URL in a browser). */
export function builtinFaceModelPath(version: BuiltinFaceModelVersion = DEFAULT_BUILTIN_FACE_MODEL_VERSION): string {
  return assetLocation('models', builtinFaceModelFile(version));
}

/**
 * The built-in face model from its file's bytes; `dataHash` is their sha256. Cached per `location` (a path or URL
 * naming where the bytes came from). @throws ModelAssetError when the bytes are malformed.
 */
export function builtinFaceModelFromBytes(bytes: Uint8Array, location: string): BuiltinFaceModel {
  const hit = cache.get(location);
  if (hit) return hit;
  const model = new BuiltinFaceModel(decodeBuiltinModelFile(bytes, location), sha256Hex(bytes));
  cache.set(location, model);
  return model;
}

/**
 * The built-in face model from `file` (default: the shipped one), read through the platform's file access;
 * cached per resolved location. In a browser the file must have been preloaded (facecodec/browser's
 * `loadBuiltinFaceModelFromUrl` does both). @throws ModelAssetError when the file is missing or malformed.
 */
export function loadBuiltinFaceModel(file: string = builtinFaceModelPath()): BuiltinFaceModel {
  const files = platformFiles();
  const key = files.resolve(file);
  const hit = cache.get(key);
  if (hit) return hit;
  let bytes: Uint8Array;
  try {
    bytes = files.readSync(key);
  } catch (e) {
    throw new ModelAssetError('MODEL_ASSET_NOT_FOUND', `cannot read built-in face model ${key} (rebuild with scripts/build-builtin-model.ts): ${(e as Error).message}`, { cause: e });
  }
  return builtinFaceModelFromBytes(bytes, key);
}

/**
 * The iBUG-68 landmarks of a detected 468-point MediaPipe mesh (`FaceMesh.points` or any mesh in that order), by
 * the built-in model's barycentric table; same units as the input. Used to fit FLAME (or any model) to detections.
 */
export function landmarks68FromMediapipe(mesh468Points: ArrayLike<number>, out?: Float32Array): Float32Array {
  return loadBuiltinFaceModel().landmarks68FromMesh(mesh468Points, out);
}
