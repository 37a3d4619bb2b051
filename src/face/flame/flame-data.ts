/** The raw FLAME arrays as read from disk (metres, official layouts), and their consistency checks. */
import { ModelAssetError } from '../../io/model-asset-error.js';

/** FLAME's kinematic tree: 0 global/root, 1 neck, 2 jaw, 3 and 4 eyeballs (3 is the +x one). */
export const FLAME_JOINT_COUNT = 5;
/** Pose-corrective features: (R_j - I) flattened for joints 1..4. */
export const FLAME_POSE_FEATURES = 36;
/** FLAME's parents array (-1 for the root). */
export const FLAME_PARENTS: readonly number[] = [-1, 0, 1, 1, 1];

/** FLAME model data in metres, float32, official layouts (row-major). */
export interface FlameData {
  vertexCount: number;
  /** (N,3) mean mesh. */
  vTemplate: Float32Array;
  /** (N,3,S) identity basis. */
  shapeDirs: Float32Array;
  shapeDims: number;
  /** (N,3,E) expression basis, or null when the source has none. */
  exprDirs: Float32Array | null;
  exprDims: number;
  /** (N,3,36) pose correctives. */
  poseDirs: Float32Array;
  /** (5,N) joint regressor, dense. */
  jRegressor: Float32Array;
  /** (N,5) skinning weights. */
  weights: Float32Array;
  /** (F,3) triangles. */
  faces: Uint32Array;
  /** Where the arrays came from, for messages and docs: a file path or folder. */
  source: string;
}

/** Throws MODEL_ASSET_BAD_SHAPE / MODEL_ASSET_BAD_VALUE if the arrays do not fit together or hold NaN. */
export function validateFlameData(d: FlameData): void {
  const n = d.vertexCount;
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new ModelAssetError('MODEL_ASSET_BAD_SHAPE', `${d.source}: ${what}`);
  };
  check(n > 0 && d.vTemplate.length === n * 3, 'v_template is not (N,3)');
  check(d.shapeDirs.length === n * 3 * d.shapeDims, 'shapedirs size does not match (N,3,S)');
  check(d.exprDirs === null ? d.exprDims === 0 : d.exprDirs.length === n * 3 * d.exprDims, 'expression basis size does not match (N,3,E)');
  check(d.poseDirs.length === n * 3 * FLAME_POSE_FEATURES, 'posedirs is not (N,3,36)');
  check(d.jRegressor.length === FLAME_JOINT_COUNT * n, 'J_regressor is not (5,N)');
  check(d.weights.length === n * FLAME_JOINT_COUNT, 'weights is not (N,5)');
  check(d.faces.length > 0 && d.faces.length % 3 === 0, 'faces is not (F,3)');
  for (let i = 0; i < d.faces.length; i++) {
    if (d.faces[i] >= n) throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${d.source}: face index ${d.faces[i]} >= ${n} vertices`);
  }
  const arrays: [string, Float32Array | null][] = [
    ['v_template', d.vTemplate], ['shapedirs', d.shapeDirs], ['expression basis', d.exprDirs],
    ['posedirs', d.poseDirs], ['J_regressor', d.jRegressor], ['weights', d.weights],
  ];
  for (const [what, a] of arrays) {
    if (!a) continue;
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i])) throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${d.source}: ${what} holds a non-finite value`);
    }
  }
}
