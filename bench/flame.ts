/** Speed of the FLAME model's hot paths (mesh, landmarks68) on the real partial FLAME 2023 Open data; prints JSON last. */
import '../src/node/index.js';
import path from 'node:path';
import { neutralParams } from '../src/face/face-model.js';
import { loadFlameData, loadFlameModel, makeSyntheticExpressionBasis } from '../src/face/flame/index.js';
import { sharedDir as sharedDataDir } from '../src/paths.js';

const flameDir = path.join(sharedDataDir(), 'assets/flame');
const EXPRESSION_DIMS = 100; // FLAME's full expression space; synthetic here since the real basis is missing

function msPerCall(fn: (i: number) => void, calls: number): number {
  for (let i = 0; i < Math.min(50, calls); i++) fn(i); // warm-up
  const t = performance.now();
  for (let i = 0; i < calls; i++) fn(i);
  return (performance.now() - t) / calls;
}

async function main(): Promise<void> {
  let t = performance.now();
  const data = await loadFlameData({ folder: flameDir });
  const basis = makeSyntheticExpressionBasis(data.vTemplate, EXPRESSION_DIMS, 1);
  const model = await loadFlameModel({ folder: flameDir }, { expressionBasis: basis, expressionBasisIsSynthetic: true });
  const loadMs = performance.now() - t;
  const p = neutralParams(model);
  for (let k = 0; k < model.shapeDims; k++) p.shape[k] = Math.sin(k);
  const mesh = new Float32Array(model.vertexCount * 3);
  const lmk = new Float32Array(68 * 3);
  // Per-frame case: identity fixed (cached), all expression coefficients and the jaw/eyes changing.
  const meshMs = msPerCall((i) => {
    for (let k = 0; k < EXPRESSION_DIMS; k++) p.expression[k] = Math.sin(i + k);
    p.jawRad[0] = 0.1 + 0.01 * (i % 10);
    p.eyesRad[1] = 0.01 * (i % 7);
    model.mesh(p, mesh);
  }, 400);
  // Fitting case: identity changes on every call as well (no cache hit).
  const meshNewShapeMs = msPerCall((i) => {
    p.shape[i % model.shapeDims] += 1e-3;
    model.mesh(p, mesh);
  }, 100);
  const lmkMs = msPerCall((i) => {
    p.shape[i % model.shapeDims] += 1e-3;
    p.expression[i % EXPRESSION_DIMS] += 1e-3;
    p.jawRad[0] = 0.01 * (i % 20);
    model.landmarks68(p, lmk);
  }, 5000);
  t = performance.now();
  const result = {
    bench: 'flame',
    vertices: model.vertexCount,
    shapeDims: model.shapeDims,
    expressionDims: model.expressionDims,
    landmarkVertices: model.landmarkVertexCount,
    loadMs: +loadMs.toFixed(1),
    meshMs: +meshMs.toFixed(3),
    meshNewShapeMs: +meshNewShapeMs.toFixed(3),
    landmarks68Ms: +lmkMs.toFixed(4),
  };
  console.log(JSON.stringify(result));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
