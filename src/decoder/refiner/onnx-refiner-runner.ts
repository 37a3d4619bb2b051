/** The refinement network on onnxruntime-node (CPU by default: one thread, so a receiver can decode many streams). */
import * as ort from 'onnxruntime-node';
import { openOnFirstProvider, type NeuralExecutionProvider } from '../neural/execution-provider.js';
import { NeuralRendererError } from '../neural/neural-renderer-error.js';
import { defaultRefinerModelDir, loadRefinerModelFiles, type RefinerModelConfig } from './refiner-model-config.js';
import { REFINER_INPUT_CHANNELS } from './refiner-input.js';
import type { RefinerRunner } from './refiner-runner.js';

export interface OnnxRefinerOptions {
  /** Folder with refiner.json and the graph (default models/refiner). */
  modelDir?: string;
  /** Providers to try in order (default cpu only: the network is sized for one CPU core). */
  providers?: readonly NeuralExecutionProvider[];
  /** CPU threads per session (default 1). */
  threads?: number;
}

export class OnnxRefinerRunner implements RefinerRunner {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly provider: string,
    readonly config: RefinerModelConfig,
  ) {}

  /** @throws NeuralRendererError NEURAL_MODEL_MISSING / NEURAL_MODEL_INVALID / NEURAL_NO_PROVIDER */
  static async create(options: OnnxRefinerOptions = {}): Promise<OnnxRefinerRunner> {
    const { config, modelPath } = await loadRefinerModelFiles(options.modelDir ?? defaultRefinerModelDir());
    const threads = options.threads ?? 1;
    const opened = await openOnFirstProvider([modelPath], options.providers ?? ['cpu'], () => ({
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    }));
    return new OnnxRefinerRunner(opened.sessions[0], opened.provider, config);
  }

  async run(input: Float32Array, width: number, height: number): Promise<Float32Array> {
    const m = this.config.sizeMultiple;
    if (width % m !== 0 || height % m !== 0) {
      throw new NeuralRendererError('NEURAL_BAD_INPUT', `the refiner needs sides that are multiples of ${m}, got ${width}x${height}`);
    }
    if (input.length !== REFINER_INPUT_CHANNELS * width * height) throw new NeuralRendererError('NEURAL_BAD_INPUT', 'refiner input of the wrong length');
    const result = await this.session.run({ input: new ort.Tensor('float32', input, [1, REFINER_INPUT_CHANNELS, height, width]) });
    return result.refined.data as Float32Array;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
