/** Reads numpy `.npy` files (format versions 1-3, numeric dtypes, C or Fortran order) without running any code. */
import { ModelAssetError } from './model-asset-error.js';
import { NdArray, parseDtype, typedArrayFromBytes, fortranToC, dtypeBytes } from './nd-array.js';
import { latin1Decode, utf8Decode } from './text-bytes.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** The parsed `.npy` header. */
export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data. */
  dataOffset: number;
}

/** Parses the header of a `.npy` file; `name` only appears in error messages. */
export function parseNpyHeader(bytes: Uint8Array, name = 'npy'): NpyHeader {
  if (bytes.length < 10) throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `${name}: ${bytes.length} bytes, too short for a .npy header`);
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${name}: not a .npy file (bad magic)`);
  }
  const major = bytes[6];
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = bytes[8] | (bytes[9] << 8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `${name}: truncated .npy header`);
    headerLen = (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16)) + bytes[11] * 2 ** 24;
    start = 12;
  } else {
    throw new ModelAssetError('MODEL_ASSET_UNSUPPORTED_LAYOUT', `${name}: .npy format version ${major} is not supported`);
  }
  if (start + headerLen > bytes.length) throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `${name}: truncated .npy header`);
  const header = bytes.subarray(start, start + headerLen);
  const text = major === 3 ? utf8Decode(header) : latin1Decode(header);
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) {
    if (/'descr'\s*:\s*\[/.test(text)) {
      throw new ModelAssetError('MODEL_ASSET_UNSUPPORTED_DTYPE', `${name}: structured dtypes are not supported`);
    }
    throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${name}: unreadable .npy header ${JSON.stringify(text.trim())}`);
  }
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+L?$/.test(s) ? parseInt(s, 10) : NaN));
  if (dims.some((d) => !Number.isSafeInteger(d))) {
    throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${name}: bad shape (${shape[1]})`);
  }
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims, dataOffset: start + headerLen };
}

/** Decodes a whole `.npy` file into an `NdArray` (C order). Object arrays (`|O`) are refused: they are pickles. */
export function parseNpy(bytes: Uint8Array, name = 'npy'): NdArray {
  const h = parseNpyHeader(bytes, name);
  if (h.descr === '|O' || h.descr === 'O') {
    throw new ModelAssetError('MODEL_ASSET_UNSUPPORTED_DTYPE', `${name}: object array (pickled data); read it with readNpyObject`);
  }
  let parsed;
  try {
    parsed = parseDtype(h.descr);
  } catch (e) {
    throw new ModelAssetError('MODEL_ASSET_UNSUPPORTED_DTYPE', `${name}: ${(e as Error).message}`, { cause: e });
  }
  const count = h.shape.reduce((a, b) => a * b, 1);
  const available = bytes.length - h.dataOffset;
  if (available < count * dtypeBytes(parsed.dtype)) {
    throw new ModelAssetError(
      'MODEL_ASSET_TRUNCATED',
      `${name}: data holds ${available} bytes, shape (${h.shape.join(',')}) of ${parsed.dtype} needs ${count * dtypeBytes(parsed.dtype)}`,
    );
  }
  let data = typedArrayFromBytes(bytes.subarray(h.dataOffset), parsed.dtype, count, parsed.bigEndian);
  if (h.fortranOrder) data = fortranToC(data, h.shape);
  return new NdArray(parsed.dtype, h.shape, data);
}
