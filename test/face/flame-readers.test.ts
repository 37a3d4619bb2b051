// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import {
  ModelAssetError, NdArray, SparseMatrix, parseNpy, parseNpz, readNpyObject, unpickle,
} from '../../src/io/index.js';
import { caught, flameDir, tinyDir } from './flame-fixtures.js';

const read = (f: string): Uint8Array => new Uint8Array(readFileSync(path.join(flameDir, f)));

/** A .npy file built by hand (v1 header) so layout variants can be tested without numpy. */
function npy(descr: string, shape: number[], fortran: boolean, payload: Uint8Array, major = 1): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const pre = major === 1 ? 10 : 12;
  const padded = dict + ' '.repeat((64 - ((pre + dict.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(pre + padded.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  if (major === 1) out.set([padded.length & 0xff, padded.length >> 8], 8);
  else out.set([padded.length & 0xff, padded.length >> 8, 0, 0], 8);
  out.set(Buffer.from(padded, 'latin1'), pre);
  out.set(payload, pre + padded.length);
  return out;
}

describe('npz / npy readers on the real FLAME 2023 Open files', () => {
  test('basis_id60: shapes and dtypes as in NOTICE.md, MediaPipe keys never decoded', () => {
    const m = parseNpz(read('flame2023_open_basis_id60.npz'), ['v_template', 'shapedirs', 'faces']);
    expect([...m.keys()].sort()).toEqual(['faces', 'shapedirs', 'v_template']);
    expect(m.get('v_template')!.dtype).toBe('f4');
    expect(m.get('v_template')!.shape).toEqual([5023, 3]);
    expect(m.get('shapedirs')!.shape).toEqual([5023, 3, 60]);
    expect(m.get('faces')!.dtype).toBe('i4');
    expect(m.get('faces')!.shape).toEqual([9976, 3]);
    // Template bounding box from NOTICE.md (independent cross-check with another project).
    const v = m.get('v_template')!.data as Float32Array;
    let minY = Infinity, maxZ = -Infinity;
    for (let i = 0; i < 5023; i++) { minY = Math.min(minY, v[3 * i + 1]); maxZ = Math.max(maxZ, v[3 * i + 2]); }
    expect(minY).toBeCloseTo(-0.18724, 5);
    expect(maxZ).toBeCloseTo(0.07509, 5);
  });

  test('lbs: posedirs, J_regressor, weights, kintree_table with its uint32 -1', () => {
    const m = parseNpz(read('flame2023_open_lbs.npz'));
    expect(m.get('posedirs')!.shape).toEqual([5023, 3, 36]);
    expect(m.get('J_regressor')!.shape).toEqual([5, 5023]);
    expect(m.get('weights')!.shape).toEqual([5023, 5]);
    const k = m.get('kintree_table')!;
    expect(k.dtype).toBe('i8');
    expect(Array.from(k.data as BigInt64Array, Number)).toEqual([4294967295, 0, 1, 1, 1, 0, 1, 2, 3, 4]);
    expect(Array.from(m.get('parents')!.data as Int32Array)).toEqual([-1, 0, 1, 1, 1]);
    const w = m.get('weights')!.data as Float32Array;
    for (let i = 0; i < 5023; i += 97) expect(w[5 * i] + w[5 * i + 1] + w[5 * i + 2] + w[5 * i + 3] + w[5 * i + 4]).toBeCloseTo(1, 5);
  });

  test('object .npy (RingNet dynamic contour) through the safe unpickler', () => {
    const d = readNpyObject(read('flame_dynamic_embedding.npy')) as Map<string, unknown>;
    const idx = d.get('lmk_face_idx') as NdArray[];
    const bc = d.get('lmk_b_coords') as NdArray[];
    expect(idx).toHaveLength(79);
    expect(idx[0].shape).toEqual([17]);
    expect(bc[40].shape).toEqual([17, 3]);
    expect(() => parseNpy(read('flame_dynamic_embedding.npy'))).toThrow(ModelAssetError);
  });

  test('Fortran order is reordered to C order; big-endian is byte-swapped; v2 headers read', () => {
    // 2x3 matrix [[1,2,3],[4,5,6]] stored column-major as 1,4,2,5,3,6.
    const f = parseNpy(npy('<f8', [2, 3], true, new Uint8Array(Float64Array.from([1, 4, 2, 5, 3, 6]).buffer)));
    expect(Array.from(f.data as Float64Array)).toEqual([1, 2, 3, 4, 5, 6]);
    const be = new Uint8Array([0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe]);
    expect(Array.from(parseNpy(npy('>i4', [2], false, be)).data as Int32Array)).toEqual([258, -2]);
    const b = parseNpy(npy('|b1', [3], false, new Uint8Array([1, 0, 1]), 2));
    expect(b.dtype).toBe('b1');
    expect(Array.from(b.data as Uint8Array)).toEqual([1, 0, 1]);
    const u8 = parseNpy(npy('<u8', [1], false, new Uint8Array(BigUint64Array.from([2n ** 63n]).buffer)));
    expect((u8.data as BigUint64Array)[0]).toBe(2n ** 63n);
  });

  test('truncated, corrupt and unsupported files give typed errors', async () => {
    const basis = read('flame2023_open_basis_id60.npz');
    expect((await caught(() => parseNpz(basis.subarray(0, 100000)))).code).toBe('MODEL_ASSET_TRUNCATED');
    expect((await caught(() => parseNpz(new Uint8Array(10)))).code).toBe('MODEL_ASSET_TRUNCATED');
    expect((await caught(() => parseNpz(basis, ['no_such_key']))).code).toBe('MODEL_ASSET_MISSING_KEY');
    const good = npy('<f4', [4], false, new Uint8Array(16));
    expect((await caught(() => parseNpy(good.subarray(0, good.length - 3)))).code).toBe('MODEL_ASSET_TRUNCATED');
    expect((await caught(() => parseNpy(good.subarray(0, 30)))).code).toBe('MODEL_ASSET_TRUNCATED');
    expect((await caught(() => parseNpy(new Uint8Array(64)))).code).toBe('MODEL_ASSET_CORRUPT');
    expect((await caught(() => parseNpy(npy('<c16', [1], false, new Uint8Array(16))))).code).toBe('MODEL_ASSET_UNSUPPORTED_DTYPE');
    // A stored npz entry whose inner .npy is cut short.
    const cut = zipSync({ 'a.npy': good.subarray(0, good.length - 4) }, { level: 0 });
    expect((await caught(() => parseNpz(cut))).code).toBe('MODEL_ASSET_TRUNCATED');
  });
});

describe('safe unpickler', () => {
  test('reads the real TF_FLAME 68-point embedding (protocol 0, py2 latin1 strings)', () => {
    const d = unpickle(read('flame_static_embedding_68.pkl')) as Map<string, NdArray>;
    const idx = d.get('lmk_face_idx')!;
    const bc = d.get('lmk_b_coords')!;
    expect(idx.dtype).toBe('u4');
    expect(idx.shape).toEqual([68]);
    expect(Array.from((idx.data as Uint32Array).subarray(0, 4))).toEqual([2214, 2496, 8474, 8391]);
    expect(bc.dtype).toBe('f8');
    expect(bc.shape).toEqual([68, 3]);
    expect((bc.data as Float64Array)[0]).toBeCloseTo(0.15957159156897677, 15);
    for (let i = 0; i < 68; i++) {
      const b = bc.data as Float64Array;
      expect(b[3 * i] + b[3 * i + 1] + b[3 * i + 2]).toBeCloseTo(1, 6);
    }
  });

  test('reads a protocol-2 py3 FLAME pickle with a scipy csc_matrix and _codecs.encode bytes', () => {
    const d = unpickle(new Uint8Array(readFileSync(path.join(tinyDir, 'tiny_flame.pkl')))) as Map<string, unknown>;
    expect((d.get('v_template') as NdArray).shape).toEqual([12, 3]);
    expect((d.get('posedirs') as NdArray).dtype).toBe('f4');
    expect(d.get('bs_style')).toBe('lbs');
    const j = d.get('J_regressor') as SparseMatrix;
    expect(j).toBeInstanceOf(SparseMatrix);
    expect(j.format).toBe('csc');
    expect(j.shape).toEqual([5, 12]);
    const dense = j.toDense();
    for (let r = 0; r < 5; r++) {
      let s = 0;
      for (let c = 0; c < 12; c++) s += dense[r * 12 + c];
      expect(s).toBeCloseTo(1, 12);
    }
  });

  test('refuses forbidden globals and chumpy without running anything', async () => {
    // pickle.dumps(os.system('ls')) spelled by hand: GLOBAL posix system, BINUNICODE 'ls', TUPLE1, REDUCE, STOP.
    const evil = new Uint8Array([0x80, 0x02, ...Buffer.from('cposix\nsystem\n'), 0x58, 2, 0, 0, 0, ...Buffer.from('ls'), 0x85, 0x52, 0x2e]);
    const e = await caught(() => unpickle(evil));
    expect(e).toBeInstanceOf(ModelAssetError);
    expect(e.code).toBe('MODEL_ASSET_UNSUPPORTED_PICKLE');
    expect(e.message).toContain('posix.system');
    const builtinEval = new Uint8Array([0x80, 0x04, 0x8c, 8, ...Buffer.from('builtins'), 0x8c, 4, ...Buffer.from('eval'), 0x93, 0x2e]);
    expect((await caught(() => unpickle(builtinEval))).code).toBe('MODEL_ASSET_UNSUPPORTED_PICKLE');
    const chumpy = new Uint8Array([...Buffer.from('(dp0\nS\'shapedirs\'\np1\nccopy_reg\n_reconstructor\np2\n(cchumpy.ch\nCh\n')]);
    const c = await caught(() => unpickle(chumpy));
    expect(c.code).toBe('MODEL_ASSET_UNSUPPORTED_PICKLE');
    expect(c.message).toMatch(/chumpy/);
    const encodeUtf8 = new Uint8Array([0x80, 0x02, ...Buffer.from('c_codecs\nencode\n'), 0x58, 1, 0, 0, 0, 0x61, 0x58, 5, 0, 0, 0, ...Buffer.from('utf-8'), 0x86, 0x52, 0x2e]);
    expect((await caught(() => unpickle(encodeUtf8))).code).toBe('MODEL_ASSET_UNSUPPORTED_PICKLE');
  });

  test('truncated and corrupt pickles give typed errors at every cut', async () => {
    const bytes = read('flame_static_embedding_68.pkl');
    for (const cut of [0, 1, 50, 200, 1000, 3000, bytes.length - 1]) {
      const e = await caught(() => unpickle(bytes.subarray(0, cut)));
      expect(e).toBeInstanceOf(ModelAssetError);
      expect(['MODEL_ASSET_TRUNCATED', 'MODEL_ASSET_CORRUPT']).toContain(e.code);
    }
    const tiny = new Uint8Array(readFileSync(path.join(tinyDir, 'tiny_flame.pkl')));
    expect((await caught(() => unpickle(tiny.subarray(0, tiny.length - 1)))).code).toBe('MODEL_ASSET_TRUNCATED');
    expect((await caught(() => unpickle(tiny.subarray(0, 5000)))).code).toBe('MODEL_ASSET_TRUNCATED');
    expect((await caught(() => unpickle(new Uint8Array([0x80, 0x02, 0xff, 0x2e])))).code).toBe('MODEL_ASSET_CORRUPT');
    expect((await caught(() => unpickle(new Uint8Array([0x80, 0x02, 0x68, 7, 0x2e])))).code).toBe('MODEL_ASSET_CORRUPT');
    expect((await caught(() => unpickle(new Uint8Array([0x2e])))).code).toBe('MODEL_ASSET_CORRUPT');
  });

  test('plain lists, ints, tuples, booleans, None and BINFLOAT', () => {
    // [1, -1, (), True, None, 3.5] spelled by hand with protocol-2 opcodes.
    const v = unpickle(new Uint8Array([0x80, 0x02, 0x5d, 0x28, 0x4b, 1, 0x4a, 0xff, 0xff, 0xff, 0xff, 0x29, 0x88, 0x4e, 0x47, 0x40, 0x0c, 0, 0, 0, 0, 0, 0, 0x65, 0x2e]));
    expect(v).toEqual([1, -1, [], true, null, 3.5]);
  });
});
