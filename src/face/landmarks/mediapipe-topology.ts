/** The MediaPipe 468-vertex face mesh topology (triangles + UV map), loaded from models/mediapipe-topology.json. */
import { z } from 'zod';
import { assetLocation, readTextSync } from '../../io/platform-files.js';
import { LandmarksError } from './landmarks-error.js';

/**
 * Triangles and texture coordinates of the mesh whose vertices are `FaceMesh.points`.
 * Source: Google's MediaPipe canonical face model (Apache-2.0), as shipped in @vladmandic/human's
 * src/face/facemeshcoords.ts (TRI468, UV468); extracted by scripts/extract-mediapipe-topology.ts.
 */
export interface MediapipeTopology {
  readonly vertexCount: 468;
  /** Vertex index triples, counter-clockwise seen from the front (measured on a real frontal mesh: ~95% of triangles; the rest fold at the silhouette). */
  readonly triangles: Uint32Array;
  /** 468 * 2 texture coordinates in 0..1, u right, v down. */
  readonly uv: Float32Array;
}

const fileSchema = z.object({
  vertexCount: z.literal(468),
  triangles: z.array(z.number().int().min(0).max(467)).refine((t) => t.length % 3 === 0, 'length must be a multiple of 3'),
  uv: z.array(z.number().min(0).max(1)).length(936),
});

let cached: MediapipeTopology | null = null;

/** Name of the JSON file under models/. */
export const MEDIAPIPE_TOPOLOGY_FILE = 'mediapipe-topology.json';

/** Location of the JSON file (package root / models, or the browser's assets URL). */
export function mediapipeTopologyPath(): string {
  return assetLocation('models', MEDIAPIPE_TOPOLOGY_FILE);
}

/** The topology, read and validated once. @throws LandmarksError LANDMARKS_MODEL_MISSING if the file is absent or malformed. */
export function loadMediapipeTopology(): MediapipeTopology {
  if (cached) return cached;
  const file = mediapipeTopologyPath();
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(readTextSync(file)));
  } catch (err) {
    throw new LandmarksError('LANDMARKS_MODEL_MISSING', `cannot read MediaPipe topology ${file} (run scripts/extract-mediapipe-topology.ts): ${String(err)}`, {
      cause: err,
    });
  }
  cached = { vertexCount: 468, triangles: Uint32Array.from(parsed.triangles), uv: Float32Array.from(parsed.uv) };
  return cached;
}
