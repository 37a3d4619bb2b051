/** The sidecar `refiner.json` written by training/facecodec_refiner/export.py, validated before a session opens. */
import { z } from 'zod';
import { assetLocation, platformFiles } from '../../io/platform-files.js';
import { NeuralRendererError } from '../neural/neural-renderer-error.js';
import { REFINER_INPUT_CHANNELS } from './refiner-input.js';

/** The shipped refiner (models/refiner). */
export function defaultRefinerModelDir(): string {
  return assetLocation('models', 'refiner');
}

export const refinerModelConfigSchema = z.object({
  format: z.literal('facecodec-refiner-v1'),
  model: z.string().min(1),
  inputChannels: z.literal(REFINER_INPUT_CHANNELS),
  /** Sides must be multiples of this (the network's three stride-2 levels). */
  sizeMultiple: z.number().int().positive(),
  fp16Weights: z.boolean().optional(),
});

export type RefinerModelConfig = z.infer<typeof refinerModelConfigSchema>;

/** Reads `<folder>/refiner.json`; the model's absolute path beside it. */
export async function loadRefinerModelFiles(folder: string): Promise<{ config: RefinerModelConfig; modelPath: string }> {
  const files = platformFiles();
  const file = files.join(folder, 'refiner.json');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(await files.read(file)));
  } catch (cause) {
    throw new NeuralRendererError('NEURAL_MODEL_MISSING', `cannot read the refiner's ${file}`, { cause });
  }
  const parsed = refinerModelConfigSchema.safeParse(raw);
  if (!parsed.success) throw new NeuralRendererError('NEURAL_MODEL_INVALID', `${file}: ${z.prettifyError(parsed.error)}`);
  return { config: parsed.data, modelPath: files.resolve(files.join(folder, parsed.data.model)) };
}
