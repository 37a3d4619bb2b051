/** The shipped built-in face model (models/builtin-face-v1.bin): loading, hash, geometry of its mean face and landmarks. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { neutralParams } from '../../src/face/face-model.js';
import {
  BuiltinModelParamsError, builtinFaceModelPath, decodeBuiltinModelFile, encodeBuiltinModelFile, landmarks68FromMediapipe, loadBuiltinFaceModel,
} from '../../src/face/builtin/index.js';
import { ModelAssetError } from '../../src/io/index.js';
import { loadMediapipeTopology } from '../../src/face/landmarks/index.js';

const model = loadBuiltinFaceModel();
const lmk = model.landmarks68(neutralParams(model));
const at = (i: number, c: 0 | 1 | 2) => lmk[3 * i + c];

test('loads the shipped file: 468 vertices, MediaPipe triangles, bases, no jaw/eyes', () => {
  expect(model.id).toBe('builtin-mediapipe-v1');
  expect(model.vertexCount).toBe(468);
  expect(Array.from(model.triangles)).toEqual(Array.from(loadMediapipeTopology().triangles));
  expect(model.expressionDims).toBe(50);
  expect(model.shapeDims).toBeGreaterThanOrEqual(10);
  expect(model.hasJaw).toBe(false);
  expect(model.hasEyes).toBe(false);
  expect(model.mesh(neutralParams(model))).toHaveLength(468 * 3);
  expect(readFileSync(builtinFaceModelPath()).length).toBeLessThan(2 * 1024 * 1024);
});

test('dataHash is the sha256 of the file bytes, stable across loads and re-encoding', () => {
  const bytes = readFileSync(builtinFaceModelPath());
  expect(model.dataHash).toBe(createHash('sha256').update(bytes).digest('hex'));
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'fc-builtin-')), 'copy.bin');
  writeFileSync(copy, bytes);
  expect(loadBuiltinFaceModel(copy).dataHash).toBe(model.dataHash);
  const reencoded = encodeBuiltinModelFile(decodeBuiltinModelFile(bytes));
  expect(createHash('sha256').update(reencoded).digest('hex')).toBe(model.dataHash);
});

test('mean face landmarks sit where iBUG-68 puts them (mm, x right, y up, z to the viewer)', () => {
  expect(at(36, 0)).toBeCloseTo(-45, -0.5); // within ~1.6 mm
  expect(at(45, 0)).toBeCloseTo(45, -0.5);
  expect(Math.hypot(at(36, 0) - at(45, 0), at(36, 1) - at(45, 1), at(36, 2) - at(45, 2))).toBeGreaterThan(85);
  expect(at(48, 0)).toBeLessThan(-15); // mouth corners left/right of the midline
  expect(at(54, 0)).toBeGreaterThan(15);
  for (let i = 0; i < 68; i++) if (i !== 30) expect(at(30, 2)).toBeGreaterThan(at(i, 2)); // nose tip most forward
  for (let i = 0; i < 68; i++) if (i !== 8) expect(at(8, 1)).toBeLessThan(at(i, 1)); // chin lowest
  expect(at(19, 1)).toBeGreaterThan(at(37, 1)); // brow above the eye
  expect(at(62, 1)).toBeGreaterThan(at(66, 1)); // upper inner lip above the lower one
  expect(Math.abs(at(27, 0))).toBeLessThan(2); // nose bridge on the midline
});

test('metadata records variance explained (monotonic) and the landmark correspondence', () => {
  const ex = model.metadata.varianceExplained.expression;
  console.log(`built-in expression variance explained: 10 -> ${ex['10']}, 25 -> ${ex['25']}, 50 -> ${ex['50']}; identity ${JSON.stringify(model.metadata.varianceExplained.identity)}`);
  expect(ex['10']).toBeGreaterThan(0.8);
  expect(ex['10']).toBeLessThan(ex['25']);
  expect(ex['25']).toBeLessThan(ex['50']);
  expect(ex['50']).toBeLessThanOrEqual(1);
  expect(model.metadata.build.sources.filter((s) => s.kind === 'clip')).toHaveLength(9);
  expect(model.metadata.landmarks68.distanceMm).toHaveLength(68);
  // every non-contour landmark is within 3 mm of FLAME's point
  expect(Math.max(...model.metadata.landmarks68.distanceMm.slice(17))).toBeLessThan(3);
});

test('regions: inner mouth loop and eye loops', () => {
  expect(Array.from(model.innerMouthLoop)).toEqual([78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191]);
  expect(model.eyeLoops).toHaveLength(2);
  expect(model.eyeLoops[0][0]).toBe(33);
  expect(model.eyeLoops[1][0]).toBe(263);
  expect(model.faceOvalLoop).toContain(152);
});

test('landmarks68FromMediapipe applies the same table to any mesh; bad input gives typed errors', () => {
  const mesh = model.mesh(neutralParams(model));
  const a = landmarks68FromMediapipe(mesh);
  for (let i = 0; i < 204; i++) expect(a[i]).toBeCloseTo(lmk[i], 3);
  expect(() => landmarks68FromMediapipe(new Float32Array(10))).toThrow(BuiltinModelParamsError);
  const bad = neutralParams(model);
  bad.expression[3] = NaN;
  expect(() => model.mesh(bad)).toThrow(BuiltinModelParamsError);
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-builtin-'));
  writeFileSync(path.join(dir, 'junk.bin'), Buffer.from('not a model at all'));
  expect(() => loadBuiltinFaceModel(path.join(dir, 'junk.bin'))).toThrow(ModelAssetError);
  expect(() => loadBuiltinFaceModel(path.join(dir, 'missing.bin'))).toThrow(ModelAssetError);
  const truncated = readFileSync(builtinFaceModelPath()).subarray(0, 5000);
  expect(() => decodeBuiltinModelFile(truncated)).toThrow(ModelAssetError);
});
