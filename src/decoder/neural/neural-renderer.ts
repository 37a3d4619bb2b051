/**
 * NeuralRenderer: the paper's talking-head network behind the FaceRenderer interface. The keyframe graph turns the
 * keyframe image into a 3D appearance volume once; the frame graph warps that volume by the source/driving keypoints
 * and head rotations and decodes it with the expression prefix. Both run on the first execution provider that works
 * of the platform's ONNX runtime: onnxruntime-node in Node (webgpu, cuda, cpu by default), onnxruntime-web in a page
 * (webgpu when the page has an adapter, else wasm).
 */
import { onnxSessions, type OnnxDataLocation, type OnnxSession, type OnnxSessions, type OnnxTensor } from '../inference/onnx-sessions.js';
import type { FaceModel } from '../../face/face-model.js';
import { createRgbImage, type RgbImage } from '../../media/rgb-image.js';
import type { FaceRenderer, RenderFrame, RenderKeyframe } from '../renderer.js';
import { openOnFirstProvider, type NeuralExecutionProvider, type OpenedSessions } from './execution-provider.js';
import { imageToPlanes, planesToImage } from './image-tensor.js';
import { expressionFeature, normalizedKeypoints, normalizedRotation } from './keypoint-mapping.js';
import { defaultNeuralModelDir, loadNeuralModelFiles, type NeuralModelConfig } from './neural-model-config.js';
import { NeuralRendererError } from './neural-renderer-error.js';

export interface NeuralRendererOptions {
  /** Folder (a path in Node, a URL in a page) with neural-config.json, keyframe.onnx and frame.onnx (default models/neural). */
  modelDir?: string;
  /** Providers to try in order (default webgpu, cuda, cpu in Node; webgpu if the page has an adapter, then wasm, in a page). */
  providers?: readonly NeuralExecutionProvider[];
  /** Ask the runtime to keep the keyframe volume on the device between frames (default true; GPU providers only). */
  keepVolumeOnDevice?: boolean;
  /**
   * ONNX Runtime's log level for the sessions (default: quiet). 0 (verbose) makes the runtime print, on stderr, which
   * execution provider each node was placed on: the way to see whether a GPU provider runs the whole graph.
   */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** The runtime (default the platform's: what `import 'facecodec'` or `configureAssets` installed). */
  sessions?: OnnxSessions;
}

/** The frame graph's inputs besides the volume, already in the network's coordinates. */
export interface NeuralFrameInputs {
  /** K x 3 normalized keypoints of the keyframe and of the frame. */
  kpSource: Float32Array;
  kpDriving: Float32Array;
  /** Row-major 3x3 rotations in the network's frame (see keypoint-mapping.ts). */
  rotSource: Float32Array;
  rotDriving: Float32Array;
  /** jaw + expression feature (jawDims + expressionDims); ignored by models without expression input. */
  expression: Float32Array;
}

export class NeuralRenderer implements FaceRenderer {
  readonly name = 'neural';
  /** The execution provider the sessions actually run on. */
  readonly provider: NeuralExecutionProvider;
  /** Providers tried before `provider`, with the reason each failed. */
  readonly skippedProviders: readonly { provider: NeuralExecutionProvider; reason: string }[];
  readonly config: NeuralModelConfig;
  /** Where the keyframe volume lives between frames ('cpu' or the runtime's device location). */
  readonly volumeLocation: OnnxDataLocation;
  /** K of a model exported in the unsupervised mode: it is driven by received learned keypoints; else 0. */
  readonly learnedKeypointCount: number;

  private readonly sessions: OnnxSessions;
  private readonly keyframeSession: OnnxSession;
  private readonly frameSession: OnnxSession;
  private readonly k: number;
  private readonly imageSize: number;
  private readonly featureLength: number;
  private volume: OnnxTensor | null = null;
  private keyframeModel: FaceModel | null = null;
  private keyframeCropPx = 0;
  private closed = false;
  // Per-frame buffers, allocated once.
  private readonly kpSource: Float32Array;
  private readonly kpDriving: Float32Array;
  private readonly rotSource = new Float32Array(9);
  private readonly rotDriving = new Float32Array(9);
  private readonly expression: Float32Array;
  private readonly planes: Float32Array;
  private readonly projected = new Float32Array(204);
  private readonly driving68 = new Float32Array(204);
  private readonly resized: RgbImage;

  private constructor(sessions: OnnxSessions, config: NeuralModelConfig, opened: OpenedSessions, volumeLocation: OnnxDataLocation) {
    this.sessions = sessions;
    this.config = config;
    this.provider = opened.provider;
    this.skippedProviders = opened.skipped;
    [this.keyframeSession, this.frameSession] = opened.sessions;
    this.volumeLocation = volumeLocation;
    this.learnedKeypointCount = config.keypointMode === 'unsupervised' ? (config.keypointCount ?? 0) : 0;
    this.k = this.learnedKeypointCount || config.landmarkIds.length;
    this.imageSize = config.imageSizePx;
    this.featureLength = config.jawDims + config.expressionDims;
    this.kpSource = new Float32Array(this.k * 3);
    this.kpDriving = new Float32Array(this.k * 3);
    this.expression = new Float32Array(this.featureLength);
    this.planes = new Float32Array(3 * this.imageSize * this.imageSize);
    this.resized = createRgbImage(this.imageSize, this.imageSize);
  }

  /**
   * Loads the model folder and opens both graphs on the first provider that works.
   * @throws NeuralRendererError NEURAL_MODEL_MISSING / NEURAL_MODEL_INVALID / NEURAL_NO_PROVIDER
   */
  static async create(options: NeuralRendererOptions = {}): Promise<NeuralRenderer> {
    const sessions = options.sessions ?? onnxSessions();
    const files = await loadNeuralModelFiles(options.modelDir ?? defaultNeuralModelDir());
    const keepOnDevice = options.keepVolumeOnDevice ?? true;
    const opened = await openOnFirstProvider(
      [files.keyframeModelPath, files.frameModelPath],
      options.providers,
      (_provider, i) => ({
        logSeverityLevel: options.logSeverityLevel,
        // The keyframe's output feeds every frame: on a GPU keep it there instead of a round trip per frame.
        ...(i === 0 && keepOnDevice ? { keepOutputsOnDevice: ['volume'] } : {}),
      }),
      sessions,
    );
    const location: OnnxDataLocation = keepOnDevice && opened.provider === 'webgpu' ? 'gpu-buffer' : 'cpu';
    const renderer = new NeuralRenderer(sessions, files.config, opened, location);
    renderer.checkGraphs();
    return renderer;
  }

  private checkGraphs(): void {
    const kf = this.keyframeSession;
    const fr = this.frameSession;
    const missing = ['volume', 'kp_source', 'kp_driving', 'rot_source', 'rot_driving'].filter((n) => !fr.inputNames.includes(n));
    if (kf.inputNames[0] !== 'image' || kf.outputNames[0] !== 'volume' || missing.length || fr.outputNames[0] !== 'image') {
      void this.close();
      throw new NeuralRendererError(
        'NEURAL_MODEL_INVALID',
        `unexpected graph signature: keyframe ${kf.inputNames}->${kf.outputNames}, frame ${fr.inputNames}->${fr.outputNames}`,
      );
    }
  }

  /** Runs the keyframe graph on planar float RGB (3 x S x S) and keeps the volume for the following frames. */
  async runKeyframe(planes: Float32Array): Promise<OnnxTensor> {
    this.assertOpen();
    const s = this.imageSize;
    if (planes.length !== 3 * s * s) throw new NeuralRendererError('NEURAL_BAD_INPUT', `keyframe planes must hold ${3 * s * s} values`);
    const result = await this.keyframeSession.run({ image: this.sessions.float32(planes, [1, 3, s, s]) });
    this.volume?.dispose?.();
    this.volume = result.volume;
    return result.volume;
  }

  /** Runs the frame graph on the kept volume; returns planar float RGB (3 x S x S), values in [0, 1]. */
  async runFrame(inputs: NeuralFrameInputs): Promise<Float32Array> {
    this.assertOpen();
    if (!this.volume) throw new NeuralRendererError('NEURAL_NO_KEYFRAME', 'render before setKeyframe');
    const k = this.k;
    const t = this.sessions;
    const feeds: Record<string, OnnxTensor> = {
      volume: this.volume,
      kp_source: t.float32(inputs.kpSource, [1, k, 3]),
      kp_driving: t.float32(inputs.kpDriving, [1, k, 3]),
      rot_source: t.float32(inputs.rotSource, [1, 3, 3]),
      rot_driving: t.float32(inputs.rotDriving, [1, 3, 3]),
    };
    if (this.frameSession.inputNames.includes('expression')) {
      feeds.expression = t.float32(inputs.expression, [1, this.featureLength]);
    }
    // Feed only what the graph declares: an exporter may drop an input the model does not use.
    const used: Record<string, OnnxTensor> = {};
    for (const name of this.frameSession.inputNames) used[name] = feeds[name];
    const result = await this.frameSession.run(used);
    const image = result.image;
    return (image.location && image.location !== 'cpu' && image.getData ? await image.getData(true) : image.data) as Float32Array;
  }

  async setKeyframe(keyframe: RenderKeyframe): Promise<void> {
    this.assertOpen();
    const { image, model, pose, keypoints68Mm } = keyframe;
    if (!image || !(image.width > 0) || image.width !== image.height || image.data.length !== image.width * image.height * 3) {
      throw new NeuralRendererError('NEURAL_BAD_INPUT', 'keyframe image must be a square RgbImage with width*height*3 bytes');
    }
    if (keypoints68Mm.length !== 204 || !allFinite(keypoints68Mm)) {
      throw new NeuralRendererError('NEURAL_BAD_INPUT', 'keyframe keypoints68Mm must be 204 finite values');
    }
    if (this.config.faceModelId && model.id !== this.config.faceModelId) {
      throw new NeuralRendererError('NEURAL_MODEL_MISMATCH', `the network was trained on face model ${this.config.faceModelId}, the stream uses ${model.id}`);
    }
    if (this.learnedKeypointCount) {
      // The unsupervised baseline: the keyframe's keypoints are the detector's, sent with the keyframe.
      this.kpSource.set(this.learnedInput(keyframe.learnedKeypoints, 'keyframe'));
    } else {
      normalizedKeypoints(keypoints68Mm, this.config.landmarkIds, pose, image.width, this.kpSource, this.projected);
    }
    this.keyframeCropPx = image.width;
    this.keyframeModel = model;
    normalizedRotation(pose.rotationRad, this.rotSource);
    await this.runKeyframe(imageToPlanes(image, this.imageSize, this.planes, this.resized));
  }

  async render(frame: RenderFrame, out: RgbImage): Promise<void> {
    this.assertOpen();
    if (!this.volume || !this.keyframeModel) throw new NeuralRendererError('NEURAL_NO_KEYFRAME', 'render before setKeyframe');
    if (out.width !== this.keyframeCropPx || out.height !== this.keyframeCropPx || out.data.length !== out.width * out.height * 3) {
      throw new NeuralRendererError('NEURAL_BAD_INPUT', `out must be ${this.keyframeCropPx}x${this.keyframeCropPx} like the keyframe`);
    }
    if (this.learnedKeypointCount) {
      this.kpDriving.set(this.learnedInput(frame.learnedKeypoints, 'frame'));
    } else {
      this.drivingLandmarks(frame);
      normalizedKeypoints(this.driving68, this.config.landmarkIds, frame.pose, this.keyframeCropPx, this.kpDriving, this.projected);
    }
    if (!allFinite(this.kpDriving)) throw new NeuralRendererError('NEURAL_BAD_INPUT', 'frame keypoints or pose are not finite');
    normalizedRotation(frame.pose.rotationRad, this.rotDriving);
    expressionFeature(
      frame.params.expression,
      frame.params.jawRad,
      frame.receivedExpressionDims,
      this.config.expressionDims,
      this.config.jawDims,
      this.expression,
    );
    const planes = await this.runFrame({
      kpSource: this.kpSource,
      kpDriving: this.kpDriving,
      rotSource: this.rotSource,
      rotDriving: this.rotDriving,
      expression: this.expression,
    });
    planesToImage(planes, this.imageSize, out, this.resized);
  }

  /** Received learned keypoints, checked: K x 3 finite values. */
  private learnedInput(kp: Float32Array | undefined, what: string): Float32Array {
    if (!kp || kp.length !== this.k * 3 || !allFinite(kp)) {
      throw new NeuralRendererError(
        'NEURAL_BAD_INPUT',
        `this model is driven by ${this.k} learned keypoints; the ${what} has ${kp ? `${kp.length} values` : 'none'} (a stream with learnedKeypoints: ${this.k} is needed)`,
      );
    }
    return kp;
  }

  /** The frame's 68 landmarks: the received keypoints where sent, the model's landmarks of `params` for the rest. */
  private drivingLandmarks(frame: RenderFrame): void {
    const ids = frame.landmarkIds;
    if (frame.keypointsMm.length !== ids.length * 3) {
      throw new NeuralRendererError('NEURAL_BAD_INPUT', `keypointsMm has ${frame.keypointsMm.length} values for ${ids.length} landmark ids`);
    }
    const needed = this.config.landmarkIds;
    const received = new Set(ids);
    if (needed.some((id) => !received.has(id))) this.keyframeModel!.landmarks68(frame.params, this.driving68);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0 || id > 67) throw new NeuralRendererError('NEURAL_BAD_INPUT', `landmark id ${id} is not in 0..67`);
      this.driving68[id * 3] = frame.keypointsMm[i * 3];
      this.driving68[id * 3 + 1] = frame.keypointsMm[i * 3 + 1];
      this.driving68[id * 3 + 2] = frame.keypointsMm[i * 3 + 2];
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new NeuralRendererError('NEURAL_CLOSED', 'the neural renderer is closed');
  }

  /** Releases both sessions and the kept volume; the renderer cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.volume?.dispose?.();
    this.volume = null;
    await Promise.all([this.keyframeSession.release(), this.frameSession.release()]);
  }
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
