/** sha256 of the FLAME arrays a model actually uses, so sender and receiver can tell they hold the same model. */
import { Sha256 } from '../../io/sha256.js';
import type { FlameData } from './flame-data.js';
import { FLAME_PARENTS, FLAME_POSE_FEATURES } from './flame-data.js';
import type { LandmarkEmbedding } from './flame-landmark-embedding.js';

/**
 * Hashes, in this order, each as `name dtype shape\n` followed by its little-endian bytes (float32 in metres,
 * official layouts): v_template (N,3), shapedirs (N,3,S) truncated to the used S, the expression basis (N,3,E)
 * truncated to the used E (omitted when E = 0), posedirs (N,3,36), J_regressor dense (5,N), weights (N,5),
 * parents int32 (5), faces uint32 (F,3), lmk_face_idx uint32 (68), lmk_b_coords float32 (68,3).
 * Loading FLAME 2023 Open from the official pickle with S = 60, E = 0 therefore hashes like the partial npz set.
 */
export function flameDataHash(data: FlameData, embedding: LandmarkEmbedding, shapeDims: number, exprDims: number): string {
  const h = new Sha256();
  h.update('facecodec flame data v1\n');
  const n = data.vertexCount;
  const put = (name: string, dtype: string, shape: number[], arr: Float32Array | Uint32Array | Int32Array): void => {
    h.update(`${name} ${dtype} ${shape.join(',')}\n`);
    h.update(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
  };
  const truncate = (src: Float32Array, stride: number, keep: number): Float32Array => {
    if (keep === stride) return src;
    const out = new Float32Array(n * 3 * keep);
    for (let r = 0; r < n * 3; r++) out.set(src.subarray(r * stride, r * stride + keep), r * keep);
    return out;
  };
  put('v_template', 'f4', [n, 3], data.vTemplate);
  put('shapedirs', 'f4', [n, 3, shapeDims], truncate(data.shapeDirs, data.shapeDims, shapeDims));
  if (exprDims > 0 && data.exprDirs) put('exprdirs', 'f4', [n, 3, exprDims], truncate(data.exprDirs, data.exprDims, exprDims));
  put('posedirs', 'f4', [n, 3, FLAME_POSE_FEATURES], data.poseDirs);
  put('J_regressor', 'f4', [5, n], data.jRegressor);
  put('weights', 'f4', [n, 5], data.weights);
  put('parents', 'i4', [5], Int32Array.from(FLAME_PARENTS));
  put('faces', 'u4', [data.faces.length / 3, 3], data.faces);
  put('lmk_face_idx', 'u4', [68], embedding.faceIdx);
  put('lmk_b_coords', 'f4', [68, 3], embedding.baryCoords);
  return h.digestHex();
}
