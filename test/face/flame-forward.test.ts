// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { neutralParams } from '../../src/face/face-model.js';
import {
  FlameModel, FlameParamsError, loadFlameData, loadFlameModel, makeSyntheticExpressionBasis,
} from '../../src/face/flame/index.js';
import { ModelAssetError } from '../../src/io/index.js';
import { caught, flameDir, maxAbsDiff, tinyDir } from './flame-fixtures.js';

interface FixtureCase { shape: number[]; expression: number[]; poseRad: number[]; verticesMm: number[]; jointsMm: number[]; landmarksMm: number[] }
const expected = JSON.parse(readFileSync(path.join(tinyDir, 'expected.json'), 'utf8')) as {
  identityComponents: number; expressionComponents: number; cases: FixtureCase[];
};

let real: FlameModel;
beforeAll(async () => {
  real = await loadFlameModel({ folder: flameDir });
});

const vec = (a: Float32Array, i: number): [number, number, number] => [a[3 * i], a[3 * i + 1], a[3 * i + 2]];

describe('tiny FLAME-format fixture against the numpy reference', () => {
  let tiny: FlameModel;
  beforeAll(async () => {
    tiny = await loadFlameModel({ pklPath: path.join(tinyDir, 'tiny_flame.pkl') }, { pickleIdentityComponents: expected.identityComponents });
  });

  test('sizes from the pickle', () => {
    expect(tiny.vertexCount).toBe(12);
    expect(tiny.shapeDims).toBe(4);
    expect(tiny.expressionDims).toBe(3);
    expect(tiny.triangles.length).toBe(36);
    expect(tiny.info.syntheticExpression).toBe(false);
  });

  test('a folder holding a FLAME pickle is preferred, and found by content rather than name', async () => {
    const viaFolder = await loadFlameModel({ folder: tinyDir }, { pickleIdentityComponents: expected.identityComponents });
    expect(viaFolder.vertexCount).toBe(12);
    expect(viaFolder.dataHash).toBe(tiny.dataHash);
  });

  test.each(expected.cases.map((c, i) => [i, c] as const))('forward case %i: vertices, joints, landmarks', (_i, c) => {
    const f = tiny.forward({
      shape: Float32Array.from(c.shape), expression: Float32Array.from(c.expression),
      globalRad: Float32Array.from(c.poseRad.slice(0, 3)), neckRad: Float32Array.from(c.poseRad.slice(3, 6)),
      jawRad: Float32Array.from(c.poseRad.slice(6, 9)), eyesRad: Float32Array.from(c.poseRad.slice(9, 15)),
    });
    expect(maxAbsDiff(f.verticesMm, c.verticesMm)).toBeLessThan(1e-3);
    expect(maxAbsDiff(f.jointsMm, c.jointsMm)).toBeLessThan(1e-3);
    // FaceModel.mesh / landmarks68 drop global and neck: the reference case 1 has them zero.
    if (c.poseRad.slice(0, 6).every((x) => x === 0)) {
      const p = { shape: Float32Array.from(c.shape), expression: Float32Array.from(c.expression),
        jawRad: Float32Array.from(c.poseRad.slice(6, 9)), eyesRad: Float32Array.from(c.poseRad.slice(9, 15)) };
      expect(maxAbsDiff(tiny.mesh(p), c.verticesMm)).toBeLessThan(1e-3);
      expect(maxAbsDiff(tiny.landmarks68(p), c.landmarksMm)).toBeLessThan(1e-3);
    }
  });
});

describe('real FLAME 2023 Open (partial npz set)', () => {
  test('loads 60 identity components, no expression basis, stable hash', async () => {
    expect(real.id).toBe('flame2023-open');
    expect(real.vertexCount).toBe(5023);
    expect(real.triangles.length).toBe(9976 * 3);
    expect(real.shapeDims).toBe(60);
    expect(real.expressionDims).toBe(0);
    expect(real.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(real.landmarkVertexCount).toBeLessThanOrEqual(204);
    const again = await loadFlameModel({ folder: flameDir }, { shapeDims: 60 });
    expect(again.dataHash).toBe(real.dataHash);
    const fewer = await loadFlameModel({ folder: flameDir }, { shapeDims: 20 });
    expect(fewer.dataHash).not.toBe(real.dataHash);
  });

  test('rest joints = J_regressor · v_template as in NOTICE.md', () => {
    const p = neutralParams(real);
    const j = real.forward({ shape: p.shape, expression: p.expression }).jointsMm;
    const want = [[-1.6, -146.0, -82.4], [0.5, -8.8, -53.8], [-0.5, -15.5, -57.7], [31.7, 22.9, 24.4], [-31.4, 22.9, 22.6]];
    for (let k = 0; k < 5; k++) for (let c = 0; c < 3; c++) expect(Math.abs(j[3 * k + c] - want[k][c])).toBeLessThan(0.1);
  });

  test('jaw 0.25 rad about x opens the mouth: chin/lower lip move up to 31.8 mm, eyeballs stay', () => {
    const p = neutralParams(real);
    const rest = real.mesh(p);
    p.jawRad[0] = 0.25;
    const open = real.mesh(p);
    const moved = Array.from({ length: real.vertexCount }, (_, i) => {
      const a = vec(rest, i), b = vec(open, i);
      return { i, d: Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) };
    }).sort((a, b) => b.d - a.d);
    expect(moved[0].d).toBeCloseTo(31.8, 0);
    expect(moved.slice(0, 6).map((m) => m.i)).toEqual(expect.arrayContaining([3404, 3400, 3399]));
    // Eyeballs (3931-5022) are skinned to the eye joints and must not follow the jaw.
    expect(Math.max(...moved.filter((m) => m.i >= 3931).map((m) => m.d))).toBeLessThan(1e-3);
  });

  test('pose correctives alone (same model with posedirs zeroed) reach ~4.3 mm at jaw 0.25 rad', async () => {
    const data = await loadFlameData({ folder: flameDir });
    const plain = new FlameModel({ ...data, poseDirs: new Float32Array(data.poseDirs.length) }, real.embedding, 'no-correctives', real.info);
    const p = neutralParams(real);
    p.jawRad[0] = 0.25;
    const a = real.mesh(p), b = plain.mesh(p);
    let maxD = 0, argMax = -1;
    for (let i = 0; i < real.vertexCount; i++) {
      const d = Math.hypot(a[3 * i] - b[3 * i], a[3 * i + 1] - b[3 * i + 1], a[3 * i + 2] - b[3 * i + 2]);
      if (d > maxD) { maxD = d; argMax = i; }
    }
    expect(maxD).toBeGreaterThan(3.8);
    expect(maxD).toBeLessThan(4.8);
    // Centred on the lower lip: below the mouth corners, in front of the jaw joint.
    expect(vec(a, argMax)[1]).toBeLessThan(-40);
    expect(vec(a, argMax)[2]).toBeGreaterThan(30);
  });

  test('68 landmarks on the template: eye corners ±45 mm, mouth corners ±24 mm, nose tip z ≈ 75 mm', () => {
    const l = real.landmarks68(neutralParams(real));
    expect(Math.abs(vec(l, 36)[0])).toBeCloseTo(45, 0);
    expect(Math.abs(vec(l, 45)[0])).toBeCloseTo(45, 0);
    expect(vec(l, 36)[0] * vec(l, 45)[0]).toBeLessThan(0);
    expect(Math.abs(Math.abs(vec(l, 48)[0]) - 24)).toBeLessThan(1);
    expect(Math.abs(Math.abs(vec(l, 54)[0]) - 24)).toBeLessThan(1);
    expect(vec(l, 30)[2]).toBeCloseTo(75, 0);
  });

  test('landmarks68 equals the barycentric points of mesh() for random shape, jaw and eyes', () => {
    const p = neutralParams(real);
    for (let t = 0; t < 3; t++) {
      for (let k = 0; k < p.shape.length; k++) p.shape[k] = Math.sin(7 * k + t) * 1.5;
      p.jawRad.set([0.2 * t, 0.05, -0.03]);
      p.eyesRad.set([0.1, -0.2, 0, 0.1, -0.2, 0]);
      const mesh = real.mesh(p);
      const fast = real.landmarks68(p, new Float32Array(204));
      const slow = new Float32Array(204);
      const { faceIdx, baryCoords } = real.embedding;
      for (let i = 0; i < 68; i++) {
        for (let k = 0; k < 3; k++) {
          const v = real.triangles[3 * faceIdx[i] + k];
          for (let c = 0; c < 3; c++) slow[3 * i + c] += baryCoords[3 * i + k] * mesh[3 * v + c];
        }
      }
      expect(maxAbsDiff(fast, slow)).toBeLessThan(1e-3);
    }
  });

  test('mesh reuses `out`, identity cache follows shape changes, global/neck ignored by mesh', () => {
    const p = neutralParams(real);
    const out = new Float32Array(real.vertexCount * 3);
    expect(real.mesh(p, out)).toBe(out);
    const rest = out.slice();
    p.shape[0] = 2;
    const shaped = real.mesh(p).slice();
    expect(maxAbsDiff(shaped, rest)).toBeGreaterThan(1);
    p.shape[0] = 0;
    expect(maxAbsDiff(real.mesh(p), rest)).toBe(0);
    const f = real.forward({ shape: p.shape, expression: p.expression, globalRad: Float32Array.of(0, 0.3, 0) });
    expect(maxAbsDiff(f.verticesMm, rest)).toBeGreaterThan(10);
  });

  test('bad parameters give FlameParamsError', async () => {
    const p = neutralParams(real);
    expect((await caught(() => real.mesh({ ...p, shape: new Float32Array(3) }))).code).toBe('FLAME_BAD_PARAMS');
    expect((await caught(() => real.landmarks68({ ...p, jawRad: Float32Array.of(NaN, 0, 0) })))).toBeInstanceOf(FlameParamsError);
    expect((await caught(() => real.mesh(p, new Float32Array(5))))).toBeInstanceOf(FlameParamsError);
  });
});

describe('expression basis supplied by the caller', () => {
  test('synthetic basis: deterministic, smooth and local, recorded in the hash and info', async () => {
    const data = await loadFlameData({ folder: flameDir });
    const a = makeSyntheticExpressionBasis(data.vTemplate, 10, 7);
    expect(maxAbsDiff(a, makeSyntheticExpressionBasis(data.vTemplate, 10, 7))).toBe(0);
    expect(maxAbsDiff(a, makeSyntheticExpressionBasis(data.vTemplate, 10, 8))).toBeGreaterThan(0);
    const m = await loadFlameModel({ folder: flameDir }, { expressionBasis: a, expressionBasisIsSynthetic: true });
    expect(m.expressionDims).toBe(10);
    expect(m.info.syntheticExpression).toBe(true);
    expect(m.dataHash).not.toBe(real.dataHash);
    const p = neutralParams(m);
    const rest = m.mesh(p).slice();
    p.expression[0] = 1;
    const moved = m.mesh(p);
    let maxD = 0, far = 0;
    for (let i = 0; i < m.vertexCount; i++) {
      const d = Math.hypot(moved[3 * i] - rest[3 * i], moved[3 * i + 1] - rest[3 * i + 1], moved[3 * i + 2] - rest[3 * i + 2]);
      maxD = Math.max(maxD, d);
      if (d < 0.01) far++;
    }
    expect(maxD).toBeGreaterThan(2);
    expect(maxD).toBeLessThan(4.5);
    expect(far).toBeGreaterThan(m.vertexCount / 2);
  });

  test('a basis of the wrong size or bad arguments are rejected', async () => {
    expect((await caught(() => loadFlameModel({ folder: flameDir }, { expressionBasis: new Float32Array(100) }))).code).toBe('MODEL_ASSET_BAD_SHAPE');
    expect((await caught(() => loadFlameModel({ folder: '' }))).code).toBe('MODEL_ASSET_BAD_ARGUMENT');
    const e = await caught(() => loadFlameModel({ folder: '/nonexistent/flame' }));
    expect(e).toBeInstanceOf(ModelAssetError);
    expect(e.code).toBe('MODEL_ASSET_NOT_FOUND');
    expect((await caught(() => loadFlameModel({ pklPath: path.join(flameDir, 'flame_static_embedding.pkl') }))).code).toBe('MODEL_ASSET_MISSING_KEY');
  });
});
