/** A numpy-style n-dimensional array held in a typed array (C order), plus dtype parsing and conversions. */
import { ModelAssetError } from './model-asset-error.js';

/** The numpy element types the readers understand (little-endian on output, whatever the file said). */
export type NpDtype = 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';

/** Typed array backing an `NdArray`; 64-bit integers stay exact as bigint arrays. */
export type NdData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/** A dense array in C (row-major) order. Instances are mutable only while a pickle is being rebuilt. */
export class NdArray {
  constructor(
    public dtype: NpDtype,
    public shape: number[],
    public data: NdData,
  ) {}

  /** Number of elements (product of the shape). */
  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }
}

const BYTES: Record<NpDtype, number> = { f4: 4, f8: 8, i1: 1, i2: 2, i4: 4, i8: 8, u1: 1, u2: 2, u4: 4, u8: 8, b1: 1 };

/** Element size in bytes of `dtype`. */
export function dtypeBytes(dtype: NpDtype): number {
  return BYTES[dtype];
}

/**
 * Parses a numpy type string such as `<f4`, `|b1`, `u4`, `float64`; returns the dtype and whether the data is big-endian.
 * Anything else (objects, strings, structured, complex) is rejected with MODEL_ASSET_UNSUPPORTED_DTYPE.
 */
export function parseDtype(descr: string, byteOrderHint = '<'): { dtype: NpDtype; bigEndian: boolean } {
  const named: Record<string, string> = {
    float32: 'f4', float64: 'f8', int8: 'i1', int16: 'i2', int32: 'i4', int64: 'i8',
    uint8: 'u1', uint16: 'u2', uint32: 'u4', uint64: 'u8', bool: 'b1', '?': 'b1',
  };
  let s = descr;
  let order = byteOrderHint;
  if (s.length > 0 && '<>|='.includes(s[0])) {
    order = s[0];
    s = s.slice(1);
  }
  s = named[s] ?? s;
  if (!(s in BYTES)) {
    throw new ModelAssetError('MODEL_ASSET_UNSUPPORTED_DTYPE', `unsupported numpy dtype '${descr}' (numeric and bool only)`);
  }
  const dtype = s as NpDtype;
  return { dtype, bigEndian: order === '>' && BYTES[dtype] > 1 };
}

/** Copies `count` elements of `dtype` out of `bytes` (any alignment, either byte order) into a fresh typed array. */
export function typedArrayFromBytes(bytes: Uint8Array, dtype: NpDtype, count: number, bigEndian = false): NdData {
  const size = BYTES[dtype];
  const need = count * size;
  if (bytes.length < need) {
    throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `array data holds ${bytes.length} bytes, ${need} expected`);
  }
  const copy = new Uint8Array(need);
  copy.set(bytes.subarray(0, need));
  if (bigEndian) {
    for (let i = 0; i < need; i += size) copy.subarray(i, i + size).reverse();
  }
  const buf = copy.buffer;
  switch (dtype) {
    case 'f4': return new Float32Array(buf);
    case 'f8': return new Float64Array(buf);
    case 'i1': return new Int8Array(buf);
    case 'i2': return new Int16Array(buf);
    case 'i4': return new Int32Array(buf);
    case 'i8': return new BigInt64Array(buf);
    case 'u1': case 'b1': return new Uint8Array(buf);
    case 'u2': return new Uint16Array(buf);
    case 'u4': return new Uint32Array(buf);
    case 'u8': return new BigUint64Array(buf);
  }
}

/** Reorders Fortran-order (column-major) data of `shape` into C order. */
export function fortranToC<T extends NdData>(data: T, shape: readonly number[]): T {
  const n = shape.length;
  if (n < 2) return data;
  const out = new (data.constructor as { new (len: number): T })(data.length);
  const cStrides = new Array<number>(n);
  let s = 1;
  for (let d = n - 1; d >= 0; d--) { cStrides[d] = s; s *= shape[d]; }
  const idx = new Array<number>(n).fill(0);
  // Walk the Fortran layout in storage order (first axis fastest) and scatter to C positions.
  for (let f = 0; f < data.length; f++) {
    let c = 0;
    for (let d = 0; d < n; d++) c += idx[d] * cStrides[d];
    (out as unknown as number[])[c] = (data as unknown as number[])[f];
    for (let d = 0; d < n; d++) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

function describe(a: NdArray, what: string): string {
  return `${what}: ${a.dtype} (${a.shape.join(',')})`;
}

/** Throws MODEL_ASSET_BAD_SHAPE unless `a.shape` equals `shape` (-1 matches any size). */
export function expectShape(a: NdArray, shape: readonly number[], what: string): void {
  const ok = a.shape.length === shape.length && shape.every((s, i) => s < 0 || s === a.shape[i]);
  if (!ok) {
    throw new ModelAssetError('MODEL_ASSET_BAD_SHAPE', `${describe(a, what)}, expected (${shape.map((s) => (s < 0 ? '*' : s)).join(',')})`);
  }
}

/** The values as float32 (a copy unless already float32); integers convert exactly up to 2^24. */
export function toFloat32(a: NdArray): Float32Array {
  if (a.data instanceof Float32Array) return a.data;
  const out = new Float32Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Number(a.data[i]);
  return out;
}

/** The values as float64. */
export function toFloat64(a: NdArray): Float64Array {
  if (a.data instanceof Float64Array) return a.data;
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Number(a.data[i]);
  return out;
}

/** Integer values as int32, checked: non-integers or values outside int32 give MODEL_ASSET_BAD_VALUE. */
export function toInt32(a: NdArray, what: string): Int32Array {
  const out = new Int32Array(a.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = Number(a.data[i]);
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${what}[${i}] = ${v} is not an int32`);
    }
    out[i] = v;
  }
  return out;
}
