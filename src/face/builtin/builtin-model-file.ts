/**
 * The built-in model's file format: "FCBM" magic, u32 format version, u32 JSON header length, the UTF-8 JSON header
 * (metadata, regions, dims, array table) padded to 4 bytes, then little-endian float32 / uint32 arrays at the
 * offsets the header lists (relative to the end of the header).
 */
import { z } from 'zod';
import { ModelAssetError } from '../../io/model-asset-error.js';
import type { BuiltinModelData, BuiltinModelMetadata } from './builtin-model-data.js';

const MAGIC = 'FCBM';
const FORMAT_VERSION = 1;
const VERTEX_COUNT = 468;
const D = VERTEX_COUNT * 3;

const arrayEntry = z.object({ dtype: z.enum(['float32', 'uint32']), offset: z.number().int().min(0), length: z.number().int().min(0) });
const headerSchema = z.object({
  vertexCount: z.literal(VERTEX_COUNT),
  identityDims: z.number().int().min(0).max(1000),
  expressionDims: z.number().int().min(0).max(1000),
  regions: z.object({
    innerMouthLoop: z.array(z.number().int().min(0).max(VERTEX_COUNT - 1)),
    rightEyeLoop: z.array(z.number().int().min(0).max(VERTEX_COUNT - 1)),
    leftEyeLoop: z.array(z.number().int().min(0).max(VERTEX_COUNT - 1)),
    faceOvalLoop: z.array(z.number().int().min(0).max(VERTEX_COUNT - 1)),
  }),
  metadata: z.looseObject({ id: z.string(), formatVersion: z.number() }),
  arrays: z.object({
    meanMm: arrayEntry,
    identityBasis: arrayEntry,
    expressionBasis: arrayEntry,
    triangles: arrayEntry,
    landmarkVertices: arrayEntry,
    landmarkWeights: arrayEntry,
    landmarkTriangles: arrayEntry,
  }),
});

type ArrayName = keyof z.infer<typeof headerSchema>['arrays'];

/** Serializes the model (deterministic for the same data). */
export function encodeBuiltinModelFile(data: BuiltinModelData): Uint8Array {
  const arrays: [ArrayName, Float32Array | Uint32Array][] = [
    ['meanMm', data.meanMm],
    ['identityBasis', data.identityBasis],
    ['expressionBasis', data.expressionBasis],
    ['triangles', data.triangles],
    ['landmarkVertices', data.landmarkVertices],
    ['landmarkWeights', data.landmarkWeights],
    ['landmarkTriangles', data.landmarkTriangles],
  ];
  let offset = 0;
  const table: Record<string, z.infer<typeof arrayEntry>> = {};
  for (const [name, arr] of arrays) {
    table[name] = { dtype: arr instanceof Float32Array ? 'float32' : 'uint32', offset, length: arr.length };
    offset += arr.length * 4;
  }
  const header = {
    vertexCount: VERTEX_COUNT,
    identityDims: data.identityDims,
    expressionDims: data.expressionDims,
    regions: data.regions,
    metadata: data.metadata,
    arrays: table,
  };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 4) * 4;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(12 + json.length + offset);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  const base = 12 + json.length;
  for (const [name, arr] of arrays) {
    const at = base + table[name].offset;
    for (let i = 0; i < arr.length; i++) {
      if (arr instanceof Float32Array) view.setFloat32(at + 4 * i, arr[i], true);
      else view.setUint32(at + 4 * i, arr[i], true);
    }
  }
  return out;
}

/** Parses and validates a model file. @throws ModelAssetError (MODEL_ASSET_CORRUPT, _TRUNCATED, _BAD_SHAPE, _BAD_VALUE). */
export function decodeBuiltinModelFile(bytes: Uint8Array, name = 'built-in model'): BuiltinModelData {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${name}: not a facecodec built-in model file (bad magic)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${name}: format version ${version}, expected ${FORMAT_VERSION}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `${name}: header runs past the end of the file`);
  let parsed: z.infer<typeof headerSchema>;
  try {
    parsed = headerSchema.parse(JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))));
  } catch (e) {
    throw new ModelAssetError('MODEL_ASSET_CORRUPT', `${name}: bad header: ${(e as Error).message}`, { cause: e });
  }
  const base = 12 + headerLength;
  const read = (key: ArrayName, expectedLength: number): Float32Array | Uint32Array => {
    const entry = parsed.arrays[key];
    if (entry.length !== expectedLength) {
      throw new ModelAssetError('MODEL_ASSET_BAD_SHAPE', `${name}: ${key} has ${entry.length} values, expected ${expectedLength}`);
    }
    const at = base + entry.offset;
    if (at + entry.length * 4 > bytes.length) throw new ModelAssetError('MODEL_ASSET_TRUNCATED', `${name}: ${key} runs past the end of the file`);
    const out = entry.dtype === 'float32' ? new Float32Array(entry.length) : new Uint32Array(entry.length);
    for (let i = 0; i < entry.length; i++) {
      out[i] = entry.dtype === 'float32' ? view.getFloat32(at + 4 * i, true) : view.getUint32(at + 4 * i, true);
    }
    if (out instanceof Float32Array && !out.every(Number.isFinite)) throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${name}: ${key} holds a non-finite value`);
    return out;
  };
  const { identityDims, expressionDims } = parsed;
  const triangleCount = parsed.arrays.triangles.length;
  if (triangleCount % 3 !== 0 || triangleCount === 0) throw new ModelAssetError('MODEL_ASSET_BAD_SHAPE', `${name}: triangles is not (F,3)`);
  const triangles = read('triangles', triangleCount) as Uint32Array;
  const landmarkVertices = read('landmarkVertices', 68 * 3) as Uint32Array;
  for (const idx of [triangles, landmarkVertices]) {
    if (idx.some((v) => v >= VERTEX_COUNT)) throw new ModelAssetError('MODEL_ASSET_BAD_VALUE', `${name}: vertex index out of range`);
  }
  return {
    meanMm: read('meanMm', D) as Float32Array,
    identityBasis: read('identityBasis', identityDims * D) as Float32Array,
    identityDims,
    expressionBasis: read('expressionBasis', expressionDims * D) as Float32Array,
    expressionDims,
    triangles,
    landmarkVertices,
    landmarkWeights: read('landmarkWeights', 68 * 3) as Float32Array,
    landmarkTriangles: read('landmarkTriangles', 68) as Uint32Array,
    regions: parsed.regions,
    metadata: parsed.metadata as unknown as BuiltinModelMetadata,
  };
}
