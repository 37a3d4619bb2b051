/** Reads numpy `.npz` archives (zip of `.npy`, stored or deflated) via fflate. */
import { unzipSync } from 'fflate';
import { ModelAssetError } from './model-asset-error.js';
import { NdArray } from './nd-array.js';
import { parseNpy } from './npy-reader.js';

/**
 * Decodes the arrays of an `.npz` archive, keyed by name without the `.npy` suffix.
 * `keys` limits decoding to those names (others are not even inflated); a listed key that is absent gives MODEL_ASSET_MISSING_KEY.
 */
export function parseNpz(bytes: Uint8Array, keys?: readonly string[], name = 'npz'): Map<string, NdArray> {
  const wanted = keys ? new Set(keys) : undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => f.name.endsWith('.npy') && (!wanted || wanted.has(f.name.slice(0, -4))),
    });
  } catch (e) {
    const truncated = bytes.length < 22 || /unexpected EOF|invalid zip/i.test(String((e as Error).message));
    throw new ModelAssetError(
      truncated ? 'MODEL_ASSET_TRUNCATED' : 'MODEL_ASSET_CORRUPT',
      `${name}: cannot unzip (${(e as Error).message}); the file is truncated or not an .npz`,
      { cause: e },
    );
  }
  const out = new Map<string, NdArray>();
  for (const [file, data] of Object.entries(files)) {
    const key = file.slice(0, -4);
    out.set(key, parseNpy(data, `${name}:${key}`));
  }
  if (wanted) {
    for (const k of wanted) {
      if (!out.has(k)) throw new ModelAssetError('MODEL_ASSET_MISSING_KEY', `${name}: no array '${k}'`);
    }
  }
  return out;
}
