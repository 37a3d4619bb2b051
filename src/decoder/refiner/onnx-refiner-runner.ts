/**
 * The refinement network on the platform's ONNX runtime: onnxruntime-node's CPU provider in Node (one thread, so a
 * receiver can decode many streams), onnxruntime-web in a page (WebGPU when the page has an adapter, else wasm).
 */
import { onnxSessions, openOnFirstWorkingProvider, type OnnxExecutionProvider, type OnnxSession, type OnnxSessions } from '../inference/onnx-sessions.js';
import { NeuralRendererError } from '../neural/neural-renderer-error.js';
import { platformFiles } from '../../io/platform-files.js';
import { defaultRefinerModelDir, loadRefinerModelFiles, type RefinerModelConfig } from './refiner-model-config.js';
import { REFINER_INPUT_CHANNELS } from './refiner-input.js';
import type { RefinerRunner } from './refiner-runner.js';

export interface OnnxRefinerOptions {
  /** Folder (a path in Node, a URL in a page) with refiner.json and the graph (default the models' refiner/). */
  modelDir?: string;
  /** Providers to try in order (default the runtime's: cpu in Node; webgpu if there is an adapter, then wasm, in a page). */
  providers?: readonly OnnxExecutionProvider[];
  /** CPU threads per session in Node (default 1). */
  threads?: number;
  /** The runtime (default the platform's: what `import 'facecodec'` or `configureAssets` installed). */
  sessions?: OnnxSessions;
}

export class OnnxRefinerRunner implements RefinerRunner {
  private constructor(
    private readonly sessions: OnnxSessions,
    private readonly session: OnnxSession,
    readonly provider: OnnxExecutionProvider,
    readonly config: RefinerModelConfig,
  ) {}

  /** @throws NeuralRendererError NEURAL_MODEL_MISSING / NEURAL_MODEL_INVALID / NEURAL_NO_PROVIDER */
  static async create(options: OnnxRefinerOptions = {}): Promise<OnnxRefinerRunner> {
    const sessions = options.sessions ?? onnxSessions();
    const { config, modelPath } = await loadRefinerModelFiles(options.modelDir ?? defaultRefinerModelDir());
    let bytes: Uint8Array;
    try {
      bytes = await platformFiles().read(modelPath);
    } catch (cause) {
      throw new NeuralRendererError('NEURAL_MODEL_MISSING', `cannot read the refiner's ${modelPath}`, { cause });
    }
    const providers = options.providers ?? (await sessions.defaultProviders());
    const opened = await openOnFirstWorkingProvider(sessions, bytes, providers, { threads: options.threads ?? 1 });
    return new OnnxRefinerRunner(sessions, opened.session, opened.provider, config);
  }

  async run(input: Float32Array, width: number, height: number): Promise<Float32Array> {
    const m = this.config.sizeMultiple;
    if (width % m !== 0 || height % m !== 0) {
      throw new NeuralRendererError('NEURAL_BAD_INPUT', `the refiner needs sides that are multiples of ${m}, got ${width}x${height}`);
    }
    if (input.length !== REFINER_INPUT_CHANNELS * width * height) throw new NeuralRendererError('NEURAL_BAD_INPUT', 'refiner input of the wrong length');
    const result = await this.session.run({ input: this.sessions.float32(input, [1, REFINER_INPUT_CHANNELS, height, width]) });
    return result.refined.data as Float32Array;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
