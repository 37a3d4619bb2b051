/** The arrays and metadata of the built-in face model, as written to and read from its file. */
import type { MediapipeRegions } from './mediapipe-regions.js';

/** What the build recorded about the model (kept in the file's JSON header). */
export interface BuiltinModelMetadata {
  id: string;
  formatVersion: number;
  units: 'mm';
  build: {
    date: string;
    script: string;
    frameStep?: number;
    sources: { name: string; kind: 'clip' | 'still'; meshes: number; person?: string }[];
    stableVertexCount: number;
    outerEyeCornerDistanceMm: number;
  };
  /** Cumulative share of the variance explained by the first n components (keys are n). */
  varianceExplained: {
    identity: Record<string, number>;
    expression: Record<string, number>;
  };
  /** How the iBUG-68 points were placed: per-landmark distance from FLAME's point to the chosen surface point. */
  landmarks68: {
    method: string;
    anchors: [number, number][];
    anchorRmsMm: number;
    distanceMm: number[];
    contour: string;
  };
}

/** Everything the built-in model holds. Bases are component-major: component k is values [k*1404, (k+1)*1404). */
export interface BuiltinModelData {
  meanMm: Float32Array;
  /** Identity basis, mm per unit coefficient (coefficients have unit variance over the training identities). */
  identityBasis: Float32Array;
  identityDims: number;
  /** Expression basis, mm per unit coefficient, ordered by variance. */
  expressionBasis: Float32Array;
  expressionDims: number;
  triangles: Uint32Array;
  /** 68 * 3 vertex indices: landmark i is sum_k landmarkWeights[3i+k] * vertex(landmarkVertices[3i+k]). */
  landmarkVertices: Uint32Array;
  landmarkWeights: Float32Array;
  /** The triangle each landmark lies on. */
  landmarkTriangles: Uint32Array;
  regions: MediapipeRegions;
  metadata: BuiltinModelMetadata;
}
