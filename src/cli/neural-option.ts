/** The CLI's neural-renderer flags (model folder, execution providers), checked before any model loads. */
import { z } from 'zod';
import type { NeuralExecutionProvider, NeuralRendererOptions } from '../decoder/neural/index.js';
import { FacecodecError } from '../errors.js';

const providerListSchema = z
  .array(z.enum(['webgpu', 'cuda', 'cpu']))
  .min(1)
  .refine((list) => new Set(list).size === list.length, 'a provider is named twice');

export interface NeuralFlags {
  neuralModelDir?: string;
  neuralProviders?: string;
}

/**
 * `--neural-model-dir` and `--neural-providers webgpu,cpu` as NeuralRendererOptions (undefined when neither is given).
 * @throws FacecodecError BAD_ARGUMENT naming the flag
 */
export function parseNeuralFlags(flags: NeuralFlags): NeuralRendererOptions | undefined {
  const providers = flags.neuralProviders === undefined ? undefined : parseProviderList(flags.neuralProviders);
  if (flags.neuralModelDir === undefined && providers === undefined) return undefined;
  return { modelDir: flags.neuralModelDir, providers };
}

function parseProviderList(text: string): NeuralExecutionProvider[] {
  const parsed = providerListSchema.safeParse(text.split(',').map((s) => s.trim()).filter(Boolean));
  if (parsed.success) return parsed.data;
  throw new FacecodecError(
    'BAD_ARGUMENT',
    `--neural-providers must list webgpu, cuda and/or cpu, comma-separated, in the order to try (got "${text}"): ${parsed.error.issues[0].message}`,
  );
}
