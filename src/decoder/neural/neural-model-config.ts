/** The sidecar `neural-config.json` written by training/facecodec_neural/export.py, validated before any session opens. */
import { z } from 'zod';
import { assetLocation, platformFiles } from '../../io/platform-files.js';
import { NeuralRendererError } from './neural-renderer-error.js';

/** Where `facecodec` looks for the exported networks by default (models/neural; Node's path is DEFAULT_NEURAL_MODEL_DIR). */
export function defaultNeuralModelDir(): string {
  return assetLocation('models', 'neural');
}

const ibug68Id = z.number().int().min(0).max(67);

/** What the renderer needs from the exported model's sidecar (extra training fields are kept but not read). */
export const neuralModelConfigSchema = z.object({
  format: z.literal('facecodec-neural-v1'),
  keyframeModel: z.string().min(1),
  frameModel: z.string().min(1),
  imageSizePx: z.number().int().min(16).max(2048),
  /** [1, C, D, H, W] of the appearance volume. */
  volumeShape: z.array(z.number().int().positive()).length(5),
  landmarkIds: z.array(ibug68Id).min(1).max(68),
  /** Expression coefficients the generator takes (0 = the 'flame' ablation without expression input). */
  expressionDims: z.number().int().min(0).max(400),
  jawDims: z.union([z.literal(0), z.literal(3)]),
  frameInputs: z.array(z.string()),
  faceModelId: z.string().nullable(),
  /** Where the keypoints come from: the face model's landmarks, or a learned detector ('unsupervised' ablation). */
  keypointMode: z.enum(['unsupervised', 'flame', 'flame_expr']).optional(),
  /** The learned keypoint detector's graph (unsupervised mode only): image -> (1, K, 3) normalized keypoints. */
  keypointModel: z.string().min(1).optional(),
  /** K of the learned detector. */
  keypointCount: z.number().int().min(1).max(256).optional(),
  fp16Weights: z.boolean().optional(),
});

export type NeuralModelConfig = z.infer<typeof neuralModelConfigSchema>;

/** A model folder's config plus the absolute paths of its graphs. */
export interface NeuralModelFiles {
  config: NeuralModelConfig;
  keyframeModelPath: string;
  frameModelPath: string;
  /** Only for models exported in the unsupervised mode. */
  keypointModelPath?: string;
}

/** Reads and validates `<folder>/neural-config.json`. */
export async function loadNeuralModelFiles(folder: string): Promise<NeuralModelFiles> {
  const files = platformFiles();
  const file = files.join(folder, 'neural-config.json');
  let text: string;
  try {
    text = new TextDecoder().decode(await files.read(file));
  } catch (cause) {
    throw new NeuralRendererError('NEURAL_MODEL_MISSING', `cannot read ${file}`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new NeuralRendererError('NEURAL_MODEL_INVALID', `${file} is not JSON`, { cause });
  }
  const parsed = neuralModelConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new NeuralRendererError('NEURAL_MODEL_INVALID', `${file}: ${z.prettifyError(parsed.error)}`);
  }
  const config = parsed.data;
  return {
    config,
    keyframeModelPath: files.resolve(files.join(folder, config.keyframeModel)),
    frameModelPath: files.resolve(files.join(folder, config.frameModel)),
    ...(config.keypointModel ? { keypointModelPath: files.resolve(files.join(folder, config.keypointModel)) } : {}),
  };
}
