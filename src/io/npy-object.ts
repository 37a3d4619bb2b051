/** Reads numpy object `.npy` files (a pickle after the header) with the safe unpickler. */
import { ModelAssetError } from './model-asset-error.js';
import { parseNpyHeader } from './npy-reader.js';
import { unpickle, ObjectArray, type PyValue } from './pickle-reader.js';

/**
 * Decodes an object `.npy` (`descr` '|O'), e.g. `np.save('x.npy', some_dict)`. A 0-d array yields its single item;
 * otherwise the `ObjectArray`. Only the unpickler's allow-listed data types are accepted.
 */
export function readNpyObject(bytes: Uint8Array, name = 'npy'): PyValue {
  const h = parseNpyHeader(bytes, name);
  if (h.descr !== '|O' && h.descr !== 'O') {
    throw new ModelAssetError('MODEL_ASSET_UNSUPPORTED_DTYPE', `${name}: not an object array (${h.descr})`);
  }
  const v = unpickle(bytes.subarray(h.dataOffset), { name });
  if (v instanceof ObjectArray && v.shape.length === 0 && v.items.length === 1) return v.items[0];
  return v;
}
