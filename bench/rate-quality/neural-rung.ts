/** Which facecodec rungs a neural model can be driven by, and the one that feeds it what it was trained on. */
import '../../src/node/index.js';
import type { NeuralModelConfig } from '../../src/decoder/neural/neural-model-config.js';
import { BenchError } from './bench-error.js';
import { DEFAULT_RUNG_KEYPOINT_BITS, FACECODEC_QUICK_RUNG, rungLabel, type FacecodecRung } from './facecodec-method.js';

/** The fields of a model's neural-config.json that decide its keypoints. */
export type ModelKeypoints = Pick<NeuralModelConfig, 'keypointMode' | 'keypointCount' | 'landmarkIds' | 'expressionDims'>;

/** The model's keypoint mode; exports from before the ablation carry none and are 'flame_expr' models. */
export function keypointModeOf(config: ModelKeypoints): NonNullable<ModelKeypoints['keypointMode']> {
  return config.keypointMode ?? 'flame_expr';
}

/** K of an unsupervised model's learned detector, 0 for models driven by face-model landmarks. */
export function learnedKeypointCount(config: ModelKeypoints): number {
  if (keypointModeOf(config) !== 'unsupervised') return 0;
  if (!config.keypointCount) throw new BenchError('BENCH_BAD_ARGUMENT', 'an unsupervised model config has no keypointCount');
  return config.keypointCount;
}

/**
 * The rung that sends a model what it consumes, so an ablation compares renderers at the bytes per frame each needs:
 * flame_expr the SDK's default k16 e10 b9; flame (or flame_expr without expression input) its own landmarks and no
 * expression; unsupervised its K learned keypoints. 9-bit keypoints throughout.
 * @throws BenchError BENCH_BAD_ARGUMENT for an unsupervised config without keypointCount.
 */
export function modelRung(config: ModelKeypoints): FacecodecRung {
  const k = learnedKeypointCount(config);
  if (k > 0) return { keypoints: k, expressionDims: 0, keypointBits: DEFAULT_RUNG_KEYPOINT_BITS, learned: true };
  if (keypointModeOf(config) === 'flame_expr' && config.expressionDims > 0) return FACECODEC_QUICK_RUNG;
  return { keypoints: config.landmarkIds.length, expressionDims: 0, keypointBits: DEFAULT_RUNG_KEYPOINT_BITS };
}

/**
 * Refuses rungs the decoder would refuse on every frame, before any clip is cut: learned rungs need an unsupervised
 * neural model with the same K (`config` null: no neural model), and such a model takes nothing else.
 * @throws BenchError BENCH_BAD_ARGUMENT naming the first mismatching rung.
 */
export function checkRungsForModel(rungs: readonly FacecodecRung[], config: ModelKeypoints | null): void {
  const k = config ? learnedKeypointCount(config) : 0;
  for (const r of rungs) {
    if (k > 0 && !(r.learned && r.keypoints === k)) {
      throw new BenchError('BENCH_BAD_ARGUMENT', `rung ${rungLabel(r)}: this neural model is driven by its ${k} learned keypoints (use l${k})`);
    }
    if (k === 0 && r.learned) {
      throw new BenchError('BENCH_BAD_ARGUMENT', `rung ${rungLabel(r)}: learned keypoints need --renderer neural with an unsupervised model`);
    }
  }
}
