/** The unsupervised ablation's sender side: keypoints.onnx turns a face crop into K learned 3D keypoints to transmit. */
import { onnxSessions, type OnnxSession, type OnnxSessions } from '../inference/onnx-sessions.js';
import { createRgbImage, type RgbImage } from '../../media/rgb-image.js';
import { openOnFirstProvider, type NeuralExecutionProvider, type OpenedSessions } from './execution-provider.js';
import { imageToPlanes } from './image-tensor.js';
import { defaultNeuralModelDir, loadNeuralModelFiles, type NeuralModelConfig } from './neural-model-config.js';
import { NeuralRendererError } from './neural-renderer-error.js';

export interface LearnedKeypointsOptions {
  /** Folder with neural-config.json listing keypointModel (an export of the unsupervised mode; default models/neural). */
  modelDir?: string;
  /** Providers to try in order (default webgpu, cuda, cpu in Node; webgpu if the page has an adapter, then wasm, in a page). */
  providers?: readonly NeuralExecutionProvider[];
  /** The runtime (default the platform's: what `import 'facecodec'` or `configureAssets` installed). */
  sessions?: OnnxSessions;
}

/**
 * Runs the learned keypoint detector of a model exported in the `unsupervised` mode. Its output is in the network's
 * normalized frame (x, y in [-1, 1] over the crop, y down; z on x's scale), exactly what the frame graph takes as
 * kp_source / kp_driving, so a receiver feeds the transmitted values straight to `NeuralRenderer.runFrame`.
 */
export class LearnedKeypoints {
  /** The execution provider the session actually runs on. */
  readonly provider: NeuralExecutionProvider;
  /** Providers tried before `provider`, with the reason each failed. */
  readonly skippedProviders: readonly { provider: NeuralExecutionProvider; reason: string }[];
  readonly config: NeuralModelConfig;
  /** K: keypoints per image. */
  readonly count: number;

  private readonly sessions: OnnxSessions;
  private readonly session: OnnxSession;
  private readonly imageSize: number;
  // Per-call buffers, allocated once.
  private readonly planes: Float32Array;
  private readonly resized: RgbImage;
  private closed = false;

  private constructor(sessions: OnnxSessions, config: NeuralModelConfig, count: number, opened: OpenedSessions) {
    this.sessions = sessions;
    this.config = config;
    this.count = count;
    this.provider = opened.provider;
    this.skippedProviders = opened.skipped;
    this.session = opened.sessions[0];
    this.imageSize = config.imageSizePx;
    this.planes = new Float32Array(3 * this.imageSize * this.imageSize);
    this.resized = createRgbImage(this.imageSize, this.imageSize);
  }

  /**
   * Loads the model folder and opens keypoints.onnx on the first provider that works.
   * @throws NeuralRendererError NEURAL_MODEL_MISSING / NEURAL_MODEL_INVALID (no keypoint graph, wrong signature) /
   *   NEURAL_NO_PROVIDER
   */
  static async create(options: LearnedKeypointsOptions = {}): Promise<LearnedKeypoints> {
    const files = await loadNeuralModelFiles(options.modelDir ?? defaultNeuralModelDir());
    const { config, keypointModelPath } = files;
    if (!keypointModelPath || !config.keypointCount) {
      throw new NeuralRendererError(
        'NEURAL_MODEL_INVALID',
        `this model (keypoint mode ${config.keypointMode ?? 'unknown'}) has no learned keypoint graph; export the unsupervised mode`,
      );
    }
    const sessions = options.sessions ?? onnxSessions();
    const opened = await openOnFirstProvider([keypointModelPath], options.providers, undefined, sessions);
    const detector = new LearnedKeypoints(sessions, config, config.keypointCount, opened);
    const s = detector.session;
    if (s.inputNames[0] !== 'image' || s.outputNames[0] !== 'keypoints') {
      await detector.close();
      throw new NeuralRendererError('NEURAL_MODEL_INVALID', `unexpected keypoint graph signature: ${s.inputNames}->${s.outputNames}`);
    }
    return detector;
  }

  /**
   * The K keypoints of a square face crop (resized to the network's size when needed), as K x 3 row-major floats
   * written into `out` (allocated when not given).
   * @throws NeuralRendererError NEURAL_BAD_INPUT (not a square RgbImage, wrong `out` length) / NEURAL_CLOSED
   */
  async keypoints(image: RgbImage, out?: Float32Array): Promise<Float32Array> {
    if (this.closed) throw new NeuralRendererError('NEURAL_CLOSED', 'the keypoint detector is closed');
    if (!image || !(image.width > 0) || image.width !== image.height || image.data?.length !== image.width * image.height * 3) {
      throw new NeuralRendererError('NEURAL_BAD_INPUT', 'image must be a square RgbImage with width*height*3 bytes');
    }
    const target = out ?? new Float32Array(this.count * 3);
    if (target.length !== this.count * 3) throw new NeuralRendererError('NEURAL_BAD_INPUT', `out must hold ${this.count * 3} values`);
    return this.keypointsOfPlanes(imageToPlanes(image, this.imageSize, this.planes, this.resized), target);
  }

  /** Same on planar float RGB (3 x S x S, values in [0, 1]) at the network's size. */
  async keypointsOfPlanes(planes: Float32Array, out?: Float32Array): Promise<Float32Array> {
    if (this.closed) throw new NeuralRendererError('NEURAL_CLOSED', 'the keypoint detector is closed');
    const s = this.imageSize;
    if (planes.length !== 3 * s * s) throw new NeuralRendererError('NEURAL_BAD_INPUT', `planes must hold ${3 * s * s} values`);
    const result = await this.session.run({ image: this.sessions.float32(planes, [1, 3, s, s]) });
    const kp = result.keypoints;
    const data = (kp.location && kp.location !== 'cpu' && kp.getData ? await kp.getData(true) : kp.data) as Float32Array;
    if (data.length !== this.count * 3) {
      kp.dispose?.();
      throw new NeuralRendererError('NEURAL_MODEL_INVALID', `keypoint graph gave ${data.length} values, expected ${this.count * 3}`);
    }
    const target = out ?? new Float32Array(this.count * 3);
    if (target.length !== this.count * 3) throw new NeuralRendererError('NEURAL_BAD_INPUT', `out must hold ${this.count * 3} values`);
    target.set(data);
    kp.dispose?.();
    return target;
  }

  /** Releases the session; the detector cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }
}
