/** The 68-point iBUG landmark embedding on the FLAME surface (triangle ids + barycentric weights). */
import { ModelAssetError } from '../../io/model-asset-error.js';
import { expectShape, toFloat32 } from '../../io/nd-array.js';
import { unpickle, asPyDict, pyDictArray } from '../../io/pickle-reader.js';

/** Landmark i lies at sum_k baryCoords[3i+k] * vertex(faces[faceIdx[i]][k]). */
export interface LandmarkEmbedding {
  faceIdx: Uint32Array;
  baryCoords: Float32Array;
}

/** File name of the TF_FLAME static 68-point embedding (the one this SDK uses for iBUG-68). */
export const FLAME_EMBEDDING_68_FILE = 'flame_static_embedding_68.pkl';

/** Parses a FLAME landmark-embedding pickle (`lmk_face_idx`, `lmk_b_coords`); expects 68 points. */
export function parseLandmarkEmbedding68(bytes: Uint8Array, name: string, triangleCount: number): LandmarkEmbedding {
  const dict = asPyDict(unpickle(bytes, { name }), name);
  const idx = pyDictArray(dict, 'lmk_face_idx', name);
  const bc = pyDictArray(dict, 'lmk_b_coords', name);
  expectShape(idx, [68], `${name} lmk_face_idx`);
  expectShape(bc, [68, 3], `${name} lmk_b_coords`);
  const faceIdx = new Uint32Array(68);
  for (let i = 0; i < 68; i++) {
    const f = Number(idx.data[i]);
    if (!Number.isInteger(f) || f < 0 || f >= triangleCount) {
      throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${name}: landmark ${i} names triangle ${f}, the mesh has ${triangleCount}`);
    }
    faceIdx[i] = f;
  }
  const baryCoords = Float32Array.from(toFloat32(bc));
  for (let i = 0; i < 68; i++) {
    const s = baryCoords[3 * i] + baryCoords[3 * i + 1] + baryCoords[3 * i + 2];
    if (!(Math.abs(s - 1) < 1e-3)) throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${name}: landmark ${i} weights sum to ${s}`);
  }
  return { faceIdx, baryCoords };
}
