/**
 * A safe Python unpickler (protocols 0-5) for model data: builtin containers, numpy arrays and scipy sparse
 * matrices. It never runs code: GLOBALs are resolved against a fixed allow-list of data constructors that are
 * re-implemented here; anything else (os.system, chumpy, ...) is refused with MODEL_ASSET_UNSUPPORTED_PICKLE.
 */
import { ModelAssetError } from './model-asset-error.js';
import { NdArray, parseDtype, typedArrayFromBytes, fortranToC, dtypeBytes, type NpDtype } from './nd-array.js';
import { SparseMatrix } from './sparse-matrix.js';
import { latin1Decode, latin1Encode, utf8Decode } from './text-bytes.js';

/** Hashable Python values as they appear as dict keys (tuples become their JSON text). */
export type PyKey = string | number | bigint | boolean | null;

/** A numpy object array (dtype 'O'), e.g. the payload of `np.save` on a dict. */
export class ObjectArray {
  constructor(
    readonly shape: number[],
    readonly items: PyValue[],
  ) {}
}

/** A numpy dtype object while a pickle is rebuilt. */
export class PyDtype {
  constructor(
    readonly descr: string,
    public byteOrder: string,
  ) {}
}

/** A whitelisted Python global (class or function) referenced by the pickle. */
export class PyGlobal {
  constructor(
    readonly qualifiedName: string,
    readonly kind: GlobalKind,
  ) {}
}

/** Any value the unpickler can produce. Python str (and py2 str, decoded as latin1) is a string, bytes a Uint8Array. */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PyValue[]
  | Map<PyKey, PyValue>
  | NdArray
  | SparseMatrix
  | ObjectArray
  | PyDtype
  | PyGlobal;

type GlobalKind =
  | 'reconstruct'
  | 'ndarray'
  | 'dtype'
  | 'scalar'
  | 'frombuffer'
  | 'codecs-encode'
  | 'csc'
  | 'csr'
  | 'object'
  | 'reconstructor'
  | 'ordered-dict'
  | 'bytes';

const ALLOWED_GLOBALS = new Map<string, GlobalKind>();
for (const core of ['numpy.core', 'numpy._core']) {
  ALLOWED_GLOBALS.set(`${core}.multiarray._reconstruct`, 'reconstruct');
  ALLOWED_GLOBALS.set(`${core}.multiarray.scalar`, 'scalar');
  ALLOWED_GLOBALS.set(`${core}.numeric._frombuffer`, 'frombuffer');
}
ALLOWED_GLOBALS.set('numpy.ndarray', 'ndarray');
ALLOWED_GLOBALS.set('numpy.dtype', 'dtype');
ALLOWED_GLOBALS.set('_codecs.encode', 'codecs-encode');
for (const mod of ['scipy.sparse._csc', 'scipy.sparse.csc']) {
  ALLOWED_GLOBALS.set(`${mod}.csc_matrix`, 'csc');
  ALLOWED_GLOBALS.set(`${mod}.csc_array`, 'csc');
}
for (const mod of ['scipy.sparse._csr', 'scipy.sparse.csr']) {
  ALLOWED_GLOBALS.set(`${mod}.csr_matrix`, 'csr');
  ALLOWED_GLOBALS.set(`${mod}.csr_array`, 'csr');
}
ALLOWED_GLOBALS.set('__builtin__.object', 'object');
ALLOWED_GLOBALS.set('builtins.object', 'object');
ALLOWED_GLOBALS.set('copy_reg._reconstructor', 'reconstructor');
ALLOWED_GLOBALS.set('copyreg._reconstructor', 'reconstructor');
ALLOWED_GLOBALS.set('collections.OrderedDict', 'ordered-dict');
// Python 3 writes b'' as bytes() and bytearray as bytearray(b'...') below protocol 3/5.
for (const mod of ['__builtin__', 'builtins']) {
  ALLOWED_GLOBALS.set(`${mod}.bytes`, 'bytes');
  ALLOWED_GLOBALS.set(`${mod}.bytearray`, 'bytes');
}

const MARK = Symbol('mark');
type StackItem = PyValue | typeof MARK;

/** Options for `unpickle`. */
export interface UnpickleOptions {
  /** Name used in error messages (usually the file path). */
  name?: string;
}

function corrupt(name: string, why: string): never {
  throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${name}: corrupt pickle (${why})`);
}

function unsupported(name: string, why: string): never {
  throw new ModelAssetError('MODEL_ASSET_UNSUPPORTED_PICKLE', `${name}: ${why}`);
}

function latin1(bytes: Uint8Array): string {
  return latin1Decode(bytes);
}

function keyOf(v: PyValue, name: string): PyKey {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  return corrupt(name, 'unhashable dict key');
}

/** Decodes the body of a protocol-0 `S'...'` string (Python escapes) into bytes. */
function decodeEscapedString(line: string, name: string): Uint8Array {
  const q = line[0];
  if ((q !== "'" && q !== '"') || line[line.length - 1] !== q || line.length < 2) corrupt(name, 'bad STRING quoting');
  const body = line.slice(1, -1);
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 0x5c) { out.push(c & 0xff); continue; }
    const e = body[++i];
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11, '\n': -1 };
    if (e === 'x') {
      const h = parseInt(body.slice(i + 1, i + 3), 16);
      if (Number.isNaN(h)) corrupt(name, 'bad \\x escape');
      out.push(h);
      i += 2;
    } else if (e >= '0' && e <= '7') {
      let j = i;
      while (j < i + 3 && body[j] >= '0' && body[j] <= '7') j++;
      out.push(parseInt(body.slice(i, j), 8) & 0xff);
      i = j - 1;
    } else if (e in simple) {
      if (simple[e] >= 0) out.push(simple[e]);
    } else {
      out.push(0x5c, body.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Decodes a protocol-0 UNICODE line (raw-unicode-escape: \uXXXX and \UXXXXXXXX only). */
function decodeRawUnicode(bytes: Uint8Array): string {
  return latin1(bytes).replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u4: string, u8: string) =>
    String.fromCodePoint(parseInt(u4 ?? u8, 16)),
  );
}

function asBytes(v: PyValue, name: string, what: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') {
    // py2 str decoded as latin1 (or a latin1 str passed to _codecs.encode): every char must fit a byte.
    if (/[^\u0000-\u00ff]/.test(v)) corrupt(name, `${what} is not latin1`);
    return latin1Encode(v);
  }
  return corrupt(name, `${what} is not bytes`);
}

function asShape(v: PyValue, name: string): number[] {
  if (typeof v === 'number' || typeof v === 'bigint') v = [v];
  if (!Array.isArray(v)) corrupt(name, 'array shape is not a tuple');
  return (v as PyValue[]).map((d) => {
    const n = Number(d);
    if (!Number.isSafeInteger(n) || n < 0) corrupt(name, 'bad array dimension');
    return n;
  });
}

function dtypeOf(v: PyValue, name: string): { dtype: NpDtype | 'O'; bigEndian: boolean } {
  if (!(v instanceof PyDtype)) corrupt(name, 'array dtype is not a numpy.dtype');
  const d = v as PyDtype;
  if (d.descr === 'O' || d.descr === 'O8' || d.descr === 'O4') return { dtype: 'O', bigEndian: false };
  try {
    return parseDtype(d.descr, d.byteOrder === '>' ? '>' : '<');
  } catch (e) {
    throw new ModelAssetError('MODEL_ASSET_UNSUPPORTED_DTYPE', `${name}: ${(e as Error).message}`, { cause: e });
  }
}

/** Rebuilds an array from raw bytes; `fortran` data is reordered to C order. */
function arrayFromRaw(raw: Uint8Array, dtype: NpDtype, bigEndian: boolean, shape: number[], fortran: boolean, name: string): NdArray {
  const count = shape.reduce((a, b) => a * b, 1);
  if (raw.length !== count * dtypeBytes(dtype)) {
    corrupt(name, `array data is ${raw.length} bytes, shape (${shape.join(',')}) of ${dtype} needs ${count * dtypeBytes(dtype)}`);
  }
  let data = typedArrayFromBytes(raw, dtype, count, bigEndian);
  if (fortran) data = fortranToC(data, shape);
  return new NdArray(dtype, shape, data);
}

/**
 * Unpickles `bytes` without executing anything. Returns the top-level value; throws `ModelAssetError`
 * (MODEL_ASSET_TRUNCATED, MODEL_ASSET_CORRUPT, MODEL_ASSET_UNSUPPORTED_PICKLE, MODEL_ASSET_UNSUPPORTED_DTYPE) otherwise.
 */
export function unpickle(bytes: Uint8Array, opts: UnpickleOptions = {}): PyValue {
  const name = opts.name ?? 'pickle';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: StackItem[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PyValue>();
  let pos = 0;

  const need = (n: number): void => {
    if (n < 0 || pos + n > bytes.length) {
      throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `${name}: pickle ends inside an opcode at byte ${pos}`);
    }
  };
  const u8 = (): number => { need(1); return bytes[pos++]; };
  const u16 = (): number => { need(2); const v = view.getUint16(pos, true); pos += 2; return v; };
  const u32 = (): number => { need(4); const v = view.getUint32(pos, true); pos += 4; return v; };
  const i32 = (): number => { need(4); const v = view.getInt32(pos, true); pos += 4; return v; };
  const u64 = (): number => {
    need(8);
    const v = view.getBigUint64(pos, true);
    pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) corrupt(name, 'length too large');
    return Number(v);
  };
  const take = (n: number): Uint8Array => { need(n); const b = bytes.subarray(pos, pos + n); pos += n; return b; };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `${name}: pickle ends inside a text opcode`);
    const s = latin1(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = (): PyValue => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1])) corrupt(name, 'stack underflow');
    return stack.pop() as PyValue;
  };
  const top = (): PyValue => {
    if (stack.length === 0) corrupt(name, 'stack underflow');
    const v = stack[stack.length - 1];
    if (v === MARK) corrupt(name, 'mark where a value was expected');
    return v as PyValue;
  };
  const popMark = (): PyValue[] => {
    const m = marks.pop();
    if (m === undefined) corrupt(name, 'no mark on the stack');
    const items = stack.splice(m!) as StackItem[];
    items.shift(); // the MARK itself
    return items as PyValue[];
  };
  const decodeLong = (b: Uint8Array): number | bigint => {
    if (b.length === 0) return 0;
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
    if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const utf8 = utf8Decode;

  const findGlobal = (module: string, qualname: string): PyGlobal => {
    const full = `${module}.${qualname}`;
    const kind = ALLOWED_GLOBALS.get(full);
    if (!kind) {
      if (module.startsWith('chumpy')) {
        unsupported(name, `refusing GLOBAL ${full}: chumpy objects are not supported; re-save the model with plain numpy arrays`);
      }
      unsupported(name, `refusing GLOBAL ${full}: not on the allow-list of data types`);
    }
    return new PyGlobal(full, kind!);
  };

  /** Applies an allow-listed callable; the only behaviour is building plain data. */
  const call = (fn: PyValue, args: PyValue, viaNewObj: boolean): PyValue => {
    if (!(fn instanceof PyGlobal)) corrupt(name, 'REDUCE target is not a global');
    if (!Array.isArray(args)) corrupt(name, 'REDUCE arguments are not a tuple');
    const g = fn as PyGlobal;
    const a = args as PyValue[];
    switch (g.kind) {
      case 'reconstruct':
        // _reconstruct(ndarray, shape, b'b') makes an empty array that BUILD fills in.
        return new NdArray('u1', [0], new Uint8Array(0));
      case 'dtype': {
        if (typeof a[0] !== 'string') corrupt(name, 'numpy.dtype argument is not a string');
        return new PyDtype(a[0] as string, '<');
      }
      case 'scalar': {
        const { dtype, bigEndian } = dtypeOf(a[0], name);
        if (dtype === 'O') unsupported(name, 'object scalars are not supported');
        const arr = arrayFromRaw(asBytes(a[1], name, 'scalar data'), dtype as NpDtype, bigEndian, [], false, name);
        const v = arr.data[0];
        return dtype === 'b1' ? v !== 0 : typeof v === 'bigint' && v >= Number.MIN_SAFE_INTEGER && v <= Number.MAX_SAFE_INTEGER ? Number(v) : v;
      }
      case 'frombuffer': {
        const { dtype, bigEndian } = dtypeOf(a[1], name);
        if (dtype === 'O') corrupt(name, 'object dtype in _frombuffer');
        return arrayFromRaw(asBytes(a[0], name, 'buffer'), dtype as NpDtype, bigEndian, asShape(a[2], name), a[3] === 'F', name);
      }
      case 'codecs-encode': {
        const enc = String(a[1] ?? 'utf-8').toLowerCase().replace(/[-_]/g, '');
        if (typeof a[0] !== 'string' || (enc !== 'latin1' && enc !== 'iso88591')) {
          unsupported(name, `_codecs.encode is only accepted for latin1 text`);
        }
        return asBytes(a[0], name, 'encoded text');
      }
      case 'reconstructor': {
        // copyreg._reconstructor(cls, object, None): the protocol 0/1 spelling of cls.__new__(cls).
        return call(a[0], [], true);
      }
      case 'csc':
      case 'csr':
        if (!viaNewObj && a.length > 0) unsupported(name, `${g.qualifiedName} called with arguments`);
        return new SparseMatrix(g.kind);
      case 'ordered-dict':
        return new Map<PyKey, PyValue>();
      case 'bytes': {
        if (a.length === 0) return new Uint8Array(0);
        if (a[0] instanceof Uint8Array) return a[0].slice();
        if (typeof a[0] === 'string' && a.length === 2) return call(new PyGlobal('_codecs.encode', 'codecs-encode'), a, false);
        return unsupported(name, `${g.qualifiedName} is only accepted with bytes or latin1 text`);
      }
      case 'ndarray':
      case 'object':
        return unsupported(name, `cannot instantiate ${g.qualifiedName}`);
    }
  };

  const replaceEverywhere = (from: PyValue, to: PyValue): void => {
    for (const [k, v] of memo) if (v === from) memo.set(k, to);
    for (let i = 0; i < stack.length; i++) if (stack[i] === from) stack[i] = to;
  };

  const build = (obj: PyValue, state: PyValue): void => {
    if (obj instanceof NdArray) {
      if (!Array.isArray(state)) corrupt(name, 'ndarray state is not a tuple');
      const s = state as PyValue[];
      const [shapeV, dtypeV, fortranV, rawV] = s.length === 5 ? s.slice(1) : s;
      const shape = asShape(shapeV, name);
      const { dtype, bigEndian } = dtypeOf(dtypeV, name);
      if (dtype === 'O') {
        if (!Array.isArray(rawV)) corrupt(name, 'object array state is not a list');
        replaceEverywhere(obj, new ObjectArray(shape, rawV as PyValue[]));
        return;
      }
      const arr = arrayFromRaw(asBytes(rawV, name, 'array data'), dtype, bigEndian, shape, fortranV === true || fortranV === 1, name);
      obj.dtype = arr.dtype;
      obj.shape = arr.shape;
      obj.data = arr.data;
      return;
    }
    if (obj instanceof PyDtype) {
      if (Array.isArray(state) && typeof state[1] === 'string') obj.byteOrder = state[1];
      return;
    }
    if (obj instanceof SparseMatrix) {
      if (!(state instanceof Map)) corrupt(name, 'sparse matrix state is not a dict');
      const st = state as Map<PyKey, PyValue>;
      const arr = (k: string): NdArray => {
        const v = st.get(k);
        if (!(v instanceof NdArray)) corrupt(name, `sparse matrix has no '${k}' array`);
        return v as NdArray;
      };
      const shapeV = st.get('_shape') ?? st.get('shape');
      const shape = asShape(shapeV ?? null, name);
      if (shape.length !== 2) corrupt(name, 'sparse matrix shape is not 2-D');
      obj.shape = [shape[0], shape[1]];
      obj.data = Float64Array.from(arr('data').data as ArrayLike<number>, Number);
      obj.indices = Int32Array.from(arr('indices').data as ArrayLike<number>, Number);
      obj.indptr = Int32Array.from(arr('indptr').data as ArrayLike<number>, Number);
      obj.validate(name);
      return;
    }
    if (obj instanceof Map && state instanceof Map) {
      for (const [k, v] of state) obj.set(k, v);
      return;
    }
    unsupported(name, 'BUILD on an object that is not an array, dtype or sparse matrix');
  };

  const setItems = (dict: PyValue, items: PyValue[]): void => {
    if (!(dict instanceof Map)) corrupt(name, 'SETITEM target is not a dict');
    if (items.length % 2 !== 0) corrupt(name, 'odd number of dict items');
    for (let i = 0; i < items.length; i += 2) (dict as Map<PyKey, PyValue>).set(keyOf(items[i], name), items[i + 1]);
  };
  const appendItems = (list: PyValue, items: PyValue[]): void => {
    if (!Array.isArray(list)) corrupt(name, 'APPEND target is not a list');
    for (const it of items) (list as PyValue[]).push(it);
  };
  const memoGet = (i: number): PyValue => {
    if (!memo.has(i)) corrupt(name, `memo key ${i} missing`);
    return memo.get(i)!;
  };

  for (;;) {
    if (pos >= bytes.length) throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `${name}: pickle ends without STOP`);
    const op = bytes[pos++];
    switch (op) {
      case 0x80: { // PROTO
        const p = u8();
        if (p > 5) unsupported(name, `pickle protocol ${p} is not supported`);
        break;
      }
      case 0x95: take(8); break; // FRAME: framing is transparent here
      case 0x2e: { // STOP
        const v = pop();
        return v;
      }
      case 0x28: marks.push(stack.length); stack.push(MARK); break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x49: { // INT (text)
        const s = line();
        if (s === '00') stack.push(false);
        else if (s === '01') stack.push(true);
        else {
          if (!/^[-+]?\d+$/.test(s)) corrupt(name, 'bad INT');
          const b = BigInt(s);
          stack.push(b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b);
        }
        break;
      }
      case 0x4c: { // LONG (text)
        const s = line().replace(/L$/, '');
        if (!/^[-+]?\d+$/.test(s)) corrupt(name, 'bad LONG');
        const b = BigInt(s);
        stack.push(b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b);
        break;
      }
      case 0x46: { // FLOAT (text)
        const v = Number(line());
        stack.push(v);
        break;
      }
      case 0x47: { need(8); stack.push(view.getFloat64(pos, false)); pos += 8; break; } // BINFLOAT (big-endian)
      case 0x4a: stack.push(i32()); break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: stack.push(decodeLong(take(u8()))); break; // LONG1
      case 0x8b: { const n = i32(); if (n < 0) corrupt(name, 'negative LONG4 size'); stack.push(decodeLong(take(n))); break; }
      case 0x53: stack.push(latin1(decodeEscapedString(line(), name))); break; // STRING (py2 str, latin1)
      case 0x54: { const n = i32(); if (n < 0) corrupt(name, 'negative BINSTRING size'); stack.push(latin1(take(n))); break; }
      case 0x55: stack.push(latin1(take(u8()))); break; // SHORT_BINSTRING
      case 0x56: stack.push(decodeRawUnicode(latin1Encode(line()))); break; // UNICODE
      case 0x58: stack.push(utf8(take(u32()))); break; // BINUNICODE
      case 0x8c: stack.push(utf8(take(u8()))); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(utf8(take(u64()))); break; // BINUNICODE8
      case 0x42: stack.push(take(u32()).slice()); break; // BINBYTES
      case 0x43: stack.push(take(u8()).slice()); break; // SHORT_BINBYTES
      case 0x8e: stack.push(take(u64()).slice()); break; // BINBYTES8
      case 0x96: stack.push(take(u64()).slice()); break; // BYTEARRAY8 (as bytes)
      case 0x98: break; // READONLY_BUFFER: no-op for in-band data
      case 0x97: unsupported(name, 'out-of-band buffers (NEXT_BUFFER) are not supported'); break;
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x85: stack.push([pop()]); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push([a, b]); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push([a, b, c]); break; } // TUPLE3
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x61: { const v = pop(); appendItems(top(), [v]); break; } // APPEND
      case 0x65: { const items = popMark(); appendItems(top(), items); break; } // APPENDS
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x64: { const m = new Map<PyKey, PyValue>(); setItems(m, popMark()); stack.push(m); break; } // DICT
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x8f: stack.push([]); break; // EMPTY_SET (as list)
      case 0x90: { const items = popMark(); appendItems(top(), items); break; } // ADDITEMS
      case 0x91: stack.push(popMark()); break; // FROZENSET (as list)
      case 0x70: { const s = line(); const i = Number(s); if (!Number.isSafeInteger(i)) corrupt(name, 'bad PUT'); memo.set(i, top()); break; }
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x67: { const s = line(); const i = Number(s); if (!Number.isSafeInteger(i)) corrupt(name, 'bad GET'); stack.push(memoGet(i)); break; }
      case 0x68: stack.push(memoGet(u8())); break; // BINGET
      case 0x6a: stack.push(memoGet(u32())); break; // LONG_BINGET
      case 0x63: { const module = line(); const qn = line(); stack.push(findGlobal(module, qn)); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const qn = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof qn !== 'string') corrupt(name, 'STACK_GLOBAL needs two strings');
        stack.push(findGlobal(module as string, qn as string));
        break;
      }
      case 0x52: { const args = pop(); const fn = pop(); stack.push(call(fn, args, false)); break; } // REDUCE
      case 0x81: { const args = pop(); const cls = pop(); stack.push(call(cls, args, true)); break; } // NEWOBJ
      case 0x92: { pop(); const args = pop(); const cls = pop(); stack.push(call(cls, args, true)); break; } // NEWOBJ_EX
      case 0x62: { const state = pop(); build(top(), state); break; } // BUILD
      case 0x69: { // INST
        const module = line();
        const qn = line();
        const g = findGlobal(module, qn);
        stack.push(call(g, popMark(), true));
        break;
      }
      case 0x6f: { // OBJ
        const items = popMark();
        if (items.length === 0) corrupt(name, 'OBJ without a class');
        stack.push(call(items[0], items.slice(1), true));
        break;
      }
      case 0x50:
      case 0x51:
        unsupported(name, 'persistent ids are not supported');
        break;
      case 0x82:
      case 0x83:
      case 0x84:
        unsupported(name, 'copyreg extension codes are not supported');
        break;
      default:
        corrupt(name, `unknown opcode 0x${op.toString(16)} at byte ${pos - 1}`);
    }
  }
}

/** Returns `v` as a dict or throws MODEL_ASSET_CORRUPT naming `what`. */
export function asPyDict(v: PyValue, what: string): Map<PyKey, PyValue> {
  if (!(v instanceof Map)) throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${what}: expected a dict at the top level`);
  return v;
}

/** Returns the numpy array under `key` of `dict`, or throws MODEL_ASSET_MISSING_KEY / MODEL_ASSET_BAD_VALUE. */
export function pyDictArray(dict: Map<PyKey, PyValue>, key: string, what: string): NdArray {
  const v = dict.get(key);
  if (v === undefined) throw new ModelAssetError('MODEL_ASSET_MISSING_KEY', `${what}: no '${key}'`);
  if (!(v instanceof NdArray)) throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${what}: '${key}' is not a numeric numpy array`);
  return v;
}
