// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFlameData, loadFlameModel, makeSyntheticExpressionBasis, type FlameModel } from '../../src/face/flame/index.js';
import { NdArray, SparseMatrix, unpickle } from '../../src/io/index.js';
import { fixtureScript, flameDir, maxAbsDiff } from './flame-fixtures.js';

/**
 * Debian's own interpreter, the one scripts/setup.sh installs python3-numpy and python3-scipy for. Not `python3` from
 * PATH: a pyenv or virtualenv there may or may not have scipy, and the sparse-pickle check must never depend on that.
 */
const PYTHON = '/usr/bin/python3';

function python(args: string[], input: string): string {
  const r = spawnSync(PYTHON, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${PYTHON} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
  return r.stdout;
}

// A missing install fails here, by name, instead of skipping the cross-checks below.
test(`${PYTHON} has numpy and scipy (scripts/setup.sh installs python3-numpy and python3-scipy)`, () => {
  expect(python(['-c', 'import numpy, scipy.sparse; print("ok")'], '').trim()).toBe('ok');
});

describe('FLAME forward vs an independent numpy implementation on the real data', () => {
  let tmp: string;
  let model: FlameModel;
  let basisPath: string;
  const E = 12;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'facecodec-flame-'));
    const data = await loadFlameData({ folder: flameDir });
    const basis = makeSyntheticExpressionBasis(data.vTemplate, E, 3);
    basisPath = path.join(tmp, 'expr.f32');
    writeFileSync(basisPath, basis);
    model = await loadFlameModel({ folder: flameDir }, { expressionBasis: basis, expressionBasisIsSynthetic: true });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test.each([1, 2])('random parameters, seed %i: vertices, joints and landmarks agree to 0.002 mm', (seed) => {
    let s = seed * 7919;
    const rnd = (): number => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const shape = Float32Array.from({ length: 60 }, () => 2 * rnd());
    const expression = Float32Array.from({ length: E }, () => 1.5 * rnd());
    const pose = Float32Array.from({ length: 15 }, () => 0.3 * rnd());
    const ref = JSON.parse(python([fixtureScript, '--forward'], JSON.stringify({
      folder: flameDir, shape: Array.from(shape), expression: Array.from(expression), exprBasisPath: basisPath, poseRad: Array.from(pose),
    }))) as { verticesMm: number[]; jointsMm: number[]; landmarksMm: number[] };
    const f = model.forward({
      shape, expression, globalRad: pose.subarray(0, 3), neckRad: pose.subarray(3, 6), jawRad: pose.subarray(6, 9), eyesRad: pose.subarray(9, 15),
    });
    expect(maxAbsDiff(f.verticesMm, ref.verticesMm)).toBeLessThan(2e-3);
    expect(maxAbsDiff(f.jointsMm, ref.jointsMm)).toBeLessThan(2e-3);
    // landmarks68 has no global/neck: compare against numpy with those zeroed.
    const pose0 = pose.slice();
    pose0.fill(0, 0, 6);
    const ref0 = JSON.parse(python([fixtureScript, '--forward'], JSON.stringify({
      folder: flameDir, shape: Array.from(shape), expression: Array.from(expression), exprBasisPath: basisPath, poseRad: Array.from(pose0),
    }))) as { landmarksMm: number[] };
    const l = model.landmarks68({ shape, expression, jawRad: pose.subarray(6, 9), eyesRad: pose.subarray(9, 15) });
    expect(maxAbsDiff(l, ref0.landmarksMm)).toBeLessThan(2e-3);
  });
});

describe('unpickler vs pickles written by python/numpy at every protocol', () => {
  const script = String.raw`
import base64, json, pickle, sys
import numpy as np
value = {
  'f4': np.arange(6, dtype='<f4').reshape(2, 3) / 7, 'f8F': np.asfortranarray(np.arange(12.0).reshape(3, 4)),
  'i8': np.array([-2**40, 5], dtype='<i8'), 'u4': np.array([4294967295, 1], dtype='<u4'), 'b1': np.array([True, False]),
  'be': np.array([1.5, -2.25], dtype='>f8'), 'scalar': np.float64(2.5), 'n': 7, 'big': 2**70, 'neg': -3, 'x': 0.1,
  's': 'text', 'u': 'ünï', 'bytes': b'\x00\xff', 'list': [1, (2, 3), None, True], 'empty': np.zeros((0, 3), 'f4'),
}
import scipy.sparse as sp
value['csr'] = sp.csr_matrix(np.array([[0, 2.0], [3.0, 0]]))
print(json.dumps({str(p): base64.b64encode(pickle.dumps(value, protocol=p)).decode() for p in range(0, 6)}))
`;
  let all: Record<string, string>;
  beforeAll(() => {
    all = JSON.parse(python(['-c', script], '')) as Record<string, string>;
  });
  test.each([0, 1, 2, 3, 4, 5])('protocol %i', (protocol) => {
    const d = unpickle(new Uint8Array(Buffer.from(all[String(protocol)], 'base64'))) as Map<string, unknown>;
    const arr = (k: string): NdArray => d.get(k) as NdArray;
    expect(arr('f4').shape).toEqual([2, 3]);
    expect(arr('f4').data[4]).toBeCloseTo(4 / 7, 6);
    expect(Array.from(arr('f8F').data as Float64Array)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(Array.from(arr('i8').data as BigInt64Array)).toEqual([-(2n ** 40n), 5n]);
    expect(Array.from(arr('u4').data as Uint32Array)).toEqual([4294967295, 1]);
    expect(Array.from(arr('b1').data as Uint8Array)).toEqual([1, 0]);
    expect(Array.from(arr('be').data as Float64Array)).toEqual([1.5, -2.25]);
    expect(arr('empty').shape).toEqual([0, 3]);
    expect(d.get('scalar')).toBe(2.5);
    expect(d.get('n')).toBe(7);
    expect(d.get('big')).toBe(2n ** 70n);
    expect(d.get('neg')).toBe(-3);
    expect(d.get('x')).toBe(0.1);
    expect(d.get('s')).toBe('text');
    expect(d.get('u')).toBe('ünï');
    expect(Array.from(d.get('bytes') as Uint8Array)).toEqual([0, 255]);
    expect(d.get('list')).toEqual([1, [2, 3], null, true]);
    const csr = d.get('csr') as SparseMatrix;
    expect(csr).toBeInstanceOf(SparseMatrix);
    expect(csr.format).toBe('csr');
    expect(csr.shape).toEqual([2, 2]);
    expect(Array.from(csr.toDense())).toEqual([0, 2, 3, 0]);
  });
});
