/** The settings of the neural ablation: mesh-warp at the default rung, then each model at the rung it consumes. */
import path from 'node:path';
import { FACECODEC_QUICK_RUNG, rungArgument, type FacecodecRung } from '../rate-quality/facecodec-method.js';
import { keypointModeOf, modelRung, type ModelKeypoints } from '../rate-quality/neural-rung.js';

/** One renderer (and model) at one rung: one rate-quality run. */
export interface AblationSetting {
  /** Unique; also the run's output sub-folder. */
  readonly name: string;
  readonly renderer: 'mesh-warp' | 'neural';
  /** Absolute model folder (neural only). */
  readonly modelDir: string | null;
  /** The model's keypoint mode; null for mesh-warp, which has no model. */
  readonly keypointMode: ModelKeypoints['keypointMode'] | null;
  readonly rung: FacecodecRung;
}

/** A model folder and its neural-config.json. */
export interface AblationModel {
  readonly dir: string;
  readonly config: ModelKeypoints;
}

/**
 * mesh-warp at the SDK's default rung first (the reference), then every model in the given order, each named after
 * its folder (a repeated name gets "-2", "-3", ...).
 */
export function ablationSettings(models: readonly AblationModel[]): AblationSetting[] {
  const used = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  };
  return [
    { name: unique('mesh-warp'), renderer: 'mesh-warp', modelDir: null, keypointMode: null, rung: FACECODEC_QUICK_RUNG },
    ...models.map(
      (m): AblationSetting => ({
        name: unique(path.basename(path.resolve(m.dir)) || 'model'),
        renderer: 'neural',
        modelDir: path.resolve(m.dir),
        keypointMode: keypointModeOf(m.config),
        rung: modelRung(m.config),
      }),
    ),
  ];
}

/** What every run shares: the clips and how much of them. */
export interface AblationRunOptions {
  readonly clips?: string;
  readonly maxClips?: string;
  readonly seconds?: string;
}

/** bench/rate-quality.ts's arguments for one setting: facecodec at the setting's rung only, no classical codecs. */
export function rateQualityArgs(setting: AblationSetting, outDir: string, options: AblationRunOptions): string[] {
  return [
    '--renderer',
    setting.renderer,
    ...(setting.modelDir ? ['--neural-model-dir', setting.modelDir] : []),
    '--rungs',
    rungArgument(setting.rung),
    '--codecs',
    'none',
    '--out',
    outDir,
    ...(options.clips !== undefined ? ['--clips', options.clips] : []),
    ...(options.maxClips !== undefined ? ['--max-clips', options.maxClips] : []),
    ...(options.seconds !== undefined ? ['--seconds', options.seconds] : []),
  ];
}
