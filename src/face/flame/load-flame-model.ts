/** Entry point: finds, reads, validates and hashes FLAME data and returns a ready `FlameModel`. */
import { z } from 'zod';
import { ModelAssetError } from '../../io/model-asset-error.js';
import { platformFiles } from '../../io/platform-files.js';
import type { FlameData } from './flame-data.js';
import { flameDataHash } from './flame-data-hash.js';
import { readAsset, readFlameFolder, readFlamePickle, FLAME_IDENTITY_COMPONENTS } from './flame-files.js';
import { FLAME_EMBEDDING_68_FILE, parseLandmarkEmbedding68 } from './flame-landmark-embedding.js';
import { FlameModel } from './flame-model.js';
import { appendEyelids, EYELID_COMPONENTS, makeEyelidBlendshapes } from './eyelid-blendshapes.js';

/** Where the FLAME data is: a folder (official pickle or the partial npz set) or the official pickle itself. */
export type FlameSource = { folder: string } | { pklPath: string };

/** Options of `loadFlameModel`. */
export interface LoadFlameOptions {
  /**
   * Expression basis (N,3,E) float32 in metres, FLAME layout. Used when given (it replaces the pickle's own);
   * required for expressions with the partial npz set, which has none. Without either, expressionDims is 0.
   */
  expressionBasis?: Float32Array;
  /** Set when `expressionBasis` came from `makeSyntheticExpressionBasis` (recorded in `model.info`). */
  expressionBasisIsSynthetic?: boolean;
  /** Keep only the first `shapeDims` identity components (default: all the data has). */
  shapeDims?: number;
  /** Keep only the first `expressionDims` expression components (default: all). */
  expressionDims?: number;
  /** The 68-point embedding pickle; default `flame_static_embedding_68.pkl` next to the model data. */
  landmarkEmbeddingPath?: string;
  /** How many of a pickle's shapedirs components are identity; the rest is expression (FLAME: 300 of 400). */
  pickleIdentityComponents?: number;
  /**
   * Append the project's two blink components (right eye, left eye) after the expression basis (default false, so
   * the loader alone is plain FLAME; the codec turns it on): FLAME 2023 Open has no eyelid blendshapes, so without
   * them a blink cannot be rendered.
   */
  eyelids?: boolean;
}

const sourceSchema = z.union([z.object({ folder: z.string().min(1) }), z.object({ pklPath: z.string().min(1) })]);
const optionsSchema = z.object({
  expressionBasis: z.instanceof(Float32Array).optional(),
  expressionBasisIsSynthetic: z.boolean().optional(),
  shapeDims: z.number().int().min(0).optional(),
  expressionDims: z.number().int().min(0).optional(),
  landmarkEmbeddingPath: z.string().min(1).optional(),
  pickleIdentityComponents: z.number().int().min(1).optional(),
  eyelids: z.boolean().optional(),
});

/** Reads the raw FLAME arrays (metres) for `source`; see `loadFlameModel`. */
export async function loadFlameData(source: FlameSource, pickleIdentityComponents = FLAME_IDENTITY_COMPONENTS): Promise<FlameData> {
  const src = parseArg(sourceSchema, source, 'source');
  return 'folder' in src ? readFlameFolder(src.folder, pickleIdentityComponents) : readFlamePickle(src.pklPath, pickleIdentityComponents);
}

/**
 * Loads FLAME 2023 Open. From a folder, the official `flame2023_Open.pkl` (or another FLAME pickle) wins over the
 * partial npz set (60 identity components, no expression basis). The 68-point embedding is read from
 * `flame_static_embedding_68.pkl` beside the data unless `landmarkEmbeddingPath` is given.
 * Throws `ModelAssetError` for missing, corrupt or unsupported files.
 */
export async function loadFlameModel(source: FlameSource, opts: LoadFlameOptions = {}): Promise<FlameModel> {
  const src = parseArg(sourceSchema, source, 'source');
  const o = parseArg(optionsSchema, opts, 'options');
  const data = await loadFlameData(src, o.pickleIdentityComponents);
  let synthetic = false;
  if (o.expressionBasis) {
    const n3 = data.vertexCount * 3;
    const e = o.expressionBasis.length / n3;
    if (!Number.isInteger(e) || e < 1) {
      throw new ModelAssetError('MODEL_ASSET_BAD_SHAPE', `expressionBasis has ${o.expressionBasis.length} values, not a multiple of ${n3} (N,3,E)`);
    }
    for (let i = 0; i < o.expressionBasis.length; i++) {
      if (!Number.isFinite(o.expressionBasis[i])) throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', 'expressionBasis holds a non-finite value');
    }
    data.exprDirs = o.expressionBasis;
    data.exprDims = e;
    synthetic = o.expressionBasisIsSynthetic ?? false;
  }
  const shapeDims = Math.min(o.shapeDims ?? data.shapeDims, data.shapeDims);
  let exprDims = Math.min(o.expressionDims ?? data.exprDims, data.exprDims);
  const files = platformFiles();
  const base = 'folder' in src ? src.folder : files.dirname(src.pklPath);
  const lmkPath = o.landmarkEmbeddingPath ?? files.join(base, FLAME_EMBEDDING_68_FILE);
  const embedding = parseLandmarkEmbedding68(await readAsset(lmkPath), lmkPath, data.faces.length / 3);
  const eyelids = o.eyelids ?? false;
  if (eyelids) {
    // Truncate the basis to the dims in use first, so the blink components sit right after them.
    const n = data.vertexCount;
    const lids = makeEyelidBlendshapes(data.vTemplate, data.faces, embedding);
    const kept = exprDims > 0 ? truncateBasis(data.exprDirs!, data.exprDims, exprDims, n) : null;
    data.exprDirs = appendEyelids(kept, exprDims, lids, n);
    exprDims += EYELID_COMPONENTS;
    data.exprDims = exprDims;
  }
  const hash = flameDataHash(data, embedding, shapeDims, exprDims);
  return new FlameModel(
    data,
    embedding,
    hash,
    { source: data.source, syntheticExpression: synthetic && exprDims > 0, eyelidComponents: eyelids ? EYELID_COMPONENTS : 0 },
    shapeDims,
    exprDims,
  );
}

/** The first `keep` of `dims` components of an (N,3,dims) basis. */
function truncateBasis(basis: Float32Array, dims: number, keep: number, n: number): Float32Array {
  if (keep === dims) return basis;
  const out = new Float32Array(n * 3 * keep);
  for (let r = 0; r < n * 3; r++) for (let j = 0; j < keep; j++) out[r * keep + j] = basis[r * dims + j];
  return out;
}

function parseArg<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ModelAssetError('MODEL_ASSET_BAD_ARGUMENT', `loadFlameModel ${what}: ${z.prettifyError(r.error)}`);
  return r.data;
}
