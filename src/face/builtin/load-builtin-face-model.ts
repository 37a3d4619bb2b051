/** Loads models/builtin-face-v1.bin (shipped with the package) into a `BuiltinFaceModel`, once per path. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ModelAssetError } from '../../io/model-asset-error.js';
import { BuiltinFaceModel } from './builtin-face-model.js';
import { decodeBuiltinModelFile } from './builtin-model-file.js';
import { PACKAGE_ROOT } from '../../paths.js';

const cache = new Map<string, BuiltinFaceModel>();

/** Path of the shipped model file (package root / models). */
export function builtinFaceModelPath(): string {
  return path.resolve(PACKAGE_ROOT, 'models', 'builtin-face-v1.bin');
}

/**
 * The built-in face model from `file` (default: the shipped one); cached per resolved path. `dataHash` is the
 * sha256 of the file bytes. @throws ModelAssetError when the file is missing or malformed.
 */
export function loadBuiltinFaceModel(file: string = builtinFaceModelPath()): BuiltinFaceModel {
  const key = path.resolve(file);
  const hit = cache.get(key);
  if (hit) return hit;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(key);
  } catch (e) {
    throw new ModelAssetError('MODEL_ASSET_NOT_FOUND', `cannot read built-in face model ${key} (rebuild with scripts/build-builtin-model.ts): ${(e as Error).message}`, { cause: e });
  }
  const model = new BuiltinFaceModel(decodeBuiltinModelFile(bytes, key), createHash('sha256').update(bytes).digest('hex'));
  cache.set(key, model);
  return model;
}

/**
 * The iBUG-68 landmarks of a detected 468-point MediaPipe mesh (`FaceMesh.points` or any mesh in that order), by
 * the built-in model's barycentric table; same units as the input. Used to fit FLAME (or any model) to detections.
 */
export function landmarks68FromMediapipe(mesh468Points: ArrayLike<number>, out?: Float32Array): Float32Array {
  return loadBuiltinFaceModel().landmarks68FromMesh(mesh468Points, out);
}
