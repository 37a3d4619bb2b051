/** Reads FLAME data from the official pickle or from the partial FLAME 2023 Open npz set, never running code. */
import { ModelAssetError } from '../../io/model-asset-error.js';
import { NdArray, expectShape, toFloat32, toInt32 } from '../../io/nd-array.js';
import { parseNpz } from '../../io/npz-reader.js';
import { platformFiles } from '../../io/platform-files.js';
import { unpickle, asPyDict, pyDictArray, type PyKey, type PyValue } from '../../io/pickle-reader.js';
import { SparseMatrix } from '../../io/sparse-matrix.js';
import { type FlameData, FLAME_JOINT_COUNT, FLAME_PARENTS, FLAME_POSE_FEATURES, validateFlameData } from './flame-data.js';

/** Official FLAME 2023 Open pickle name. */
export const FLAME_OPEN_PKL = 'flame2023_Open.pkl';
/** Partial FLAME 2023 Open files: 60 identity components + template + faces, and the skinning arrays. */
export const FLAME_BASIS_NPZ = 'flame2023_open_basis_id60.npz';
export const FLAME_LBS_NPZ = 'flame2023_open_lbs.npz';
/** Identity components in FLAME's shapedirs; the rest (300..399) is the expression basis. */
export const FLAME_IDENTITY_COMPONENTS = 300;

const MAX_PKL_BYTES = 1 << 30;

/** Reads a file (path or URL) through the platform's file access; failures are MODEL_ASSET_NOT_FOUND. */
export async function readAsset(file: string): Promise<Uint8Array> {
  return platformFiles().read(file);
}

function checkParents(parents: Int32Array, what: string): void {
  if (parents.length !== FLAME_JOINT_COUNT || FLAME_PARENTS.some((p, i) => p !== parents[i])) {
    throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${what}: kinematic tree [${Array.from(parents)}] is not FLAME's [${FLAME_PARENTS}]`);
  }
}

/** Parents from a kintree_table (2,5), where the root's parent is -1 or 2^32-1. */
function parentsFromKintree(k: NdArray, what: string): Int32Array {
  expectShape(k, [2, FLAME_JOINT_COUNT], `${what} kintree_table`);
  const out = new Int32Array(FLAME_JOINT_COUNT);
  for (let j = 0; j < FLAME_JOINT_COUNT; j++) {
    const p = Number(k.data[j]);
    out[j] = p === 4294967295 || p < 0 ? -1 : p;
  }
  return out;
}

/** Dense float32 (5,N) regressor from a scipy sparse matrix or a dense array. */
function denseRegressor(v: PyValue | undefined, n: number, what: string): Float32Array {
  if (v instanceof SparseMatrix) {
    if (v.shape[0] !== FLAME_JOINT_COUNT || v.shape[1] !== n) {
      throw new ModelAssetError('MODEL_ASSET_BAD_SHAPE', `${what}: J_regressor is ${v.shape.join('x')}, expected ${FLAME_JOINT_COUNT}x${n}`);
    }
    return Float32Array.from(v.toDense());
  }
  if (v instanceof NdArray) {
    expectShape(v, [FLAME_JOINT_COUNT, n], `${what} J_regressor`);
    return Float32Array.from(toFloat32(v));
  }
  throw new ModelAssetError(v === undefined ? 'MODEL_ASSET_MISSING_KEY' : 'MODEL_ASSET_BAD_VALUE', `${what}: no usable J_regressor`);
}

/**
 * Builds `FlameData` from an unpickled FLAME dict (official layout). shapedirs beyond `identityComponents`
 * are the expression basis.
 */
export function flameDataFromPickle(dict: Map<PyKey, PyValue>, source: string, identityComponents = FLAME_IDENTITY_COMPONENTS): FlameData {
  const vt = pyDictArray(dict, 'v_template', source);
  expectShape(vt, [-1, 3], `${source} v_template`);
  const n = vt.shape[0];
  const sd = pyDictArray(dict, 'shapedirs', source);
  expectShape(sd, [n, 3, -1], `${source} shapedirs`);
  const k = sd.shape[2];
  const pd = pyDictArray(dict, 'posedirs', source);
  expectShape(pd, [n, 3, FLAME_POSE_FEATURES], `${source} posedirs`);
  const w = pyDictArray(dict, 'weights', source);
  expectShape(w, [n, FLAME_JOINT_COUNT], `${source} weights`);
  const f = pyDictArray(dict, 'f', source);
  expectShape(f, [-1, 3], `${source} f`);
  if (dict.has('kintree_table')) checkParents(parentsFromKintree(pyDictArray(dict, 'kintree_table', source), source), source);
  const all = toFloat32(sd);
  const shapeDims = Math.min(k, identityComponents);
  const exprDims = k - shapeDims;
  const split = (from: number, count: number): Float32Array => {
    const out = new Float32Array(n * 3 * count);
    for (let r = 0; r < n * 3; r++) out.set(all.subarray(r * k + from, r * k + from + count), r * count);
    return out;
  };
  const data: FlameData = {
    vertexCount: n,
    vTemplate: Float32Array.from(toFloat32(vt)),
    shapeDirs: split(0, shapeDims),
    shapeDims,
    exprDirs: exprDims > 0 ? split(shapeDims, exprDims) : null,
    exprDims,
    poseDirs: Float32Array.from(toFloat32(pd)),
    jRegressor: denseRegressor(dict.get('J_regressor'), n, source),
    weights: Float32Array.from(toFloat32(w)),
    faces: Uint32Array.from(toInt32(f, `${source} f`)),
    source,
  };
  validateFlameData(data);
  return data;
}

/** Reads a FLAME pickle (e.g. `flame2023_Open.pkl`); chumpy pickles are refused with MODEL_ASSET_UNSUPPORTED_PICKLE. */
export async function readFlamePickle(pklPath: string, identityComponents = FLAME_IDENTITY_COMPONENTS): Promise<FlameData> {
  const bytes = await readAsset(pklPath);
  const dict = asPyDict(unpickle(bytes, { name: pklPath }), pklPath);
  return flameDataFromPickle(dict, pklPath, identityComponents);
}

/** Reads the partial FLAME 2023 Open set (basis_id60 + lbs npz) from `folder`; its MediaPipe keys are never decoded. */
export async function readFlameNpzSet(folder: string): Promise<FlameData> {
  const files = platformFiles();
  const basisPath = files.join(folder, FLAME_BASIS_NPZ);
  const lbsPath = files.join(folder, FLAME_LBS_NPZ);
  const basis = parseNpz(await readAsset(basisPath), ['v_template', 'shapedirs', 'faces'], basisPath);
  const lbs = parseNpz(await readAsset(lbsPath), ['posedirs', 'J_regressor', 'weights', 'kintree_table'], lbsPath);
  const vt = basis.get('v_template')!;
  expectShape(vt, [-1, 3], `${basisPath} v_template`);
  const n = vt.shape[0];
  const sd = basis.get('shapedirs')!;
  expectShape(sd, [n, 3, -1], `${basisPath} shapedirs`);
  const faces = basis.get('faces')!;
  expectShape(faces, [-1, 3], `${basisPath} faces`);
  const pd = lbs.get('posedirs')!;
  expectShape(pd, [n, 3, FLAME_POSE_FEATURES], `${lbsPath} posedirs`);
  const w = lbs.get('weights')!;
  expectShape(w, [n, FLAME_JOINT_COUNT], `${lbsPath} weights`);
  checkParents(parentsFromKintree(lbs.get('kintree_table')!, lbsPath), lbsPath);
  const data: FlameData = {
    vertexCount: n,
    vTemplate: Float32Array.from(toFloat32(vt)),
    shapeDirs: Float32Array.from(toFloat32(sd)),
    shapeDims: sd.shape[2],
    exprDirs: null,
    exprDims: 0,
    poseDirs: Float32Array.from(toFloat32(pd)),
    jRegressor: denseRegressor(lbs.get('J_regressor'), n, lbsPath),
    weights: Float32Array.from(toFloat32(w)),
    faces: Uint32Array.from(toInt32(faces, `${basisPath} faces`)),
    source: `${basisPath} + ${lbsPath}`,
  };
  validateFlameData(data);
  return data;
}

/**
 * Finds FLAME data in `folder`: the official `flame2023_Open.pkl`, else any other `*.pkl` whose top level holds
 * `v_template` (landmark-embedding pickles are skipped), else the partial npz set.
 */
export async function readFlameFolder(folder: string, identityComponents = FLAME_IDENTITY_COMPONENTS): Promise<FlameData> {
  const files = platformFiles();
  if (!files.list) {
    throw new ModelAssetError('MODEL_ASSET_BAD_ARGUMENT', `FLAME folder ${folder}: ${files.name} cannot list folders; give the pickle's location (pklPath)`);
  }
  let names: string[];
  try {
    names = await files.list(folder);
  } catch (e) {
    throw new ModelAssetError('MODEL_ASSET_NOT_FOUND', `cannot list FLAME folder ${folder}: ${(e as Error).message}`, { cause: e });
  }
  const pkls = names
    .filter((f) => f.toLowerCase().endsWith('.pkl') && !/embedding|landmark|mask/i.test(f))
    .sort((a, b) => Number(b.toLowerCase() === FLAME_OPEN_PKL.toLowerCase()) - Number(a.toLowerCase() === FLAME_OPEN_PKL.toLowerCase()));
  let firstError: unknown;
  for (const name of pkls) {
    const file = files.join(folder, name);
    if (files.size && (await files.size(file)) > MAX_PKL_BYTES) continue;
    try {
      const dict = unpickle(await readAsset(file), { name: file });
      if (dict instanceof Map && dict.has('v_template')) return flameDataFromPickle(dict, file, identityComponents);
    } catch (e) {
      // The official file failing is always an error; a stray pickle only matters if nothing else is usable.
      if (name.toLowerCase() === FLAME_OPEN_PKL.toLowerCase()) throw e;
      firstError ??= e;
    }
  }
  if (names.includes(FLAME_BASIS_NPZ) && names.includes(FLAME_LBS_NPZ)) return readFlameNpzSet(folder);
  if (firstError) throw firstError;
  throw new ModelAssetError(
    'MODEL_ASSET_NOT_FOUND',
    `${folder}: no FLAME data (neither ${FLAME_OPEN_PKL} nor ${FLAME_BASIS_NPZ} + ${FLAME_LBS_NPZ})`,
  );
}
