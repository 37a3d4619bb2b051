/**
 * Loads a TensorFlow.js graph model (model.json + weight shards) through the platform's file access: tfjs's own
 * fetch cannot read the local disk in Node, and the same handler serves URLs in a browser.
 */
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { io } from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { platformFiles, readText } from '../../io/platform-files.js';
import { LandmarksError } from './landmarks-error.js';

const modelJsonSchema = z.object({
  modelTopology: z.unknown(),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  signature: z.record(z.string(), z.unknown()).optional(),
  userDefinedMetadata: z.record(z.string(), z.unknown()).optional(),
  weightsManifest: z.array(z.object({ paths: z.array(z.string()).min(1), weights: z.array(z.unknown()) })),
});

/** An IOHandler that reads `jsonPath` and the weight files it names (relative to it). */
export function graphModelHandler(jsonPath: string): io.IOHandler {
  return {
    load: async (): Promise<io.ModelArtifacts> => {
      const files = platformFiles();
      let json: z.infer<typeof modelJsonSchema>;
      try {
        json = modelJsonSchema.parse(JSON.parse(await readText(jsonPath)));
      } catch (err) {
        throw new LandmarksError('LANDMARKS_MODEL_MISSING', `cannot read graph model ${jsonPath}: ${String(err)}`, { cause: err });
      }
      const dir = files.dirname(jsonPath);
      const shards: Uint8Array[] = [];
      const weightSpecs: io.WeightsManifestEntry[] = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...(group.weights as io.WeightsManifestEntry[]));
        for (const p of group.paths) {
          try {
            shards.push(await files.read(files.join(dir, p)));
          } catch (err) {
            throw new LandmarksError('LANDMARKS_MODEL_MISSING', `cannot read weights ${p} of ${jsonPath}`, { cause: err });
          }
        }
      }
      const all = new Uint8Array(shards.reduce((n, b) => n + b.length, 0));
      shards.reduce((at, b) => (all.set(b, at), at + b.length), 0);
      return {
        modelTopology: json.modelTopology as io.ModelArtifacts['modelTopology'],
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy ?? undefined,
        signature: json.signature as object | undefined,
        userDefinedMetadata: json.userDefinedMetadata as Record<string, object> | undefined,
        weightSpecs,
        weightData: all.buffer,
      };
    },
  };
}

/** Loads a graph model; throws LANDMARKS_MODEL_MISSING when the files are absent or malformed. */
export async function loadGraphModelFile(jsonPath: string): Promise<GraphModel> {
  try {
    return await loadGraphModel(graphModelHandler(jsonPath));
  } catch (err) {
    if (err instanceof LandmarksError) throw err;
    throw new LandmarksError('LANDMARKS_MODEL_MISSING', `cannot build graph model ${jsonPath}: ${String(err)}`, { cause: err });
  }
}
