/**
 * MediaPipe meshes tracked through a video, cached on disk as one flat Float32Array (468 x 3 values a mesh) so the
 * face-model scripts track each clip once (build-builtin-model.ts, face-model-fit.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FaceTracker, type FaceLandmarker } from '../../src/face/landmarks/index.js';
import { readVideoFrames } from '../../src/media/index.js';

/** Values of one mesh: 468 points x 3. */
export const MESH_VALUES = 468 * 3;

/** The cached meshes at `file`, or undefined when there is no cache yet. */
export function readMeshCache(file: string): Float32Array | undefined {
  if (!existsSync(file)) return undefined;
  const b = readFileSync(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export function writeMeshCache(file: string, meshes: Float32Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(meshes.buffer, meshes.byteOffset, meshes.byteLength));
}

/**
 * Meshes of every `frameStep`-th frame of `video` (the first `maxFrames`) that the tracker found with confidence over
 * 0.8, each through `map` (default: the points as they are); read from `cacheFile` when it is there, else tracked and
 * written to it. `tracked` is the number of frames tracked now (0 when read from the cache).
 */
export async function trackedMeshes(
  video: string,
  options: { cacheFile: string; maxFrames?: number; frameStep: number; landmarker: () => Promise<FaceLandmarker>; map?: (points: Float32Array) => Float32Array },
): Promise<{ meshes: Float32Array; tracked: number }> {
  const cached = readMeshCache(options.cacheFile);
  if (cached) return { meshes: cached, tracked: 0 };
  const map = options.map ?? ((points: Float32Array) => points.slice());
  const tracker = new FaceTracker(await options.landmarker());
  const kept: Float32Array[] = [];
  let index = 0;
  try {
    for await (const frame of readVideoFrames(video, options.maxFrames ? { maxFrames: options.maxFrames } : {})) {
      const r = await tracker.track(frame);
      if (index++ % options.frameStep !== 0) continue;
      if (r.status === 'ok' && r.mesh && r.mesh.confidence > 0.8) kept.push(map(r.mesh.points));
    }
  } finally {
    tracker.close();
  }
  const meshes = new Float32Array(kept.length * MESH_VALUES);
  kept.forEach((m, i) => meshes.set(m, i * MESH_VALUES));
  writeMeshCache(options.cacheFile, meshes);
  return { meshes, tracked: index };
}
