/** FaceEvaluator: face-api's detector, 68-landmark, identity and expression nets, run on one image at a time. */
import type { RgbImage } from '../media/rgb-image.js';
import { EXPRESSION_LABELS, EXPRESSION_LENGTH } from './embedding-distance.js';
import { loadFaceApi, type FaceApi, type FaceApiBox, type FaceApiDetection, type FaceApiNet, type FaceApiRuntime } from './face-api-runtime.js';
import { assertRgbImage } from './image-checks.js';
import { LANDMARK_COUNT } from './landmark-distance.js';
import { MetricsError } from './metrics-error.js';

/** Options of {@link FaceEvaluator.create}. */
export interface FaceEvaluatorOptions {
  /** TinyFaceDetector input side, a multiple of 32. Default 160: finds nearly every face on 256x256 talking-head crops. */
  readonly detectorInputSizePx?: number;
  /** Minimum detector score for a face to count. Default 0.5 (face-api's default). */
  readonly minDetectionScore?: number;
  /** Compute the 128-d identity descriptor (AED). Default true. */
  readonly descriptor?: boolean;
  /** Compute the 7 expression probabilities (AEMOD). Default true. */
  readonly expression?: boolean;
  /** Folder with face-api weight manifests; default: the weights shipped inside @vladmandic/face-api. */
  readonly modelDir?: string;
}

/** What {@link FaceEvaluator.analyze} found for the most confident face of an image. */
export interface FaceAnalysis {
  /** iBUG-68 landmarks, interleaved x,y in pixels of the analysed image (136 values). */
  readonly landmarks68: Float32Array;
  /** 128-d identity descriptor; absent when the evaluator was created with `descriptor: false`. */
  readonly descriptor?: Float32Array;
  /** Expression probabilities in {@link EXPRESSION_LABELS} order; absent with `expression: false`. */
  readonly expression?: Float32Array;
  /** Detector confidence of the face, in [minDetectionScore, 1]. */
  readonly detectionScore: number;
}

type DetectorNet = InstanceType<FaceApi['TinyFaceDetector']>;
type LandmarkNet = InstanceType<FaceApi['FaceLandmark68Net']>;
type RecognitionNet = InstanceType<FaceApi['FaceRecognitionNet']>;
type ExpressionNet = InstanceType<FaceApi['FaceExpressionNet']>;

/** Share of the landmark bounding box's size added in total (half per side) before cropping for identity/expression. */
const ALIGN_PADDING = 0.2;

/**
 * Evaluation-side face analysis with models independent of the codec's encoder (which uses MediaPipe face mesh):
 * face-api's TinyFaceDetector, FaceLandmark68Net, FaceRecognitionNet and FaceExpressionNet on tfjs WASM.
 * Each evaluator owns its networks; `close()` frees their weights. Nothing is carried from one image to the next.
 */
export class FaceEvaluator {
  private closed = false;
  private inFlight: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly runtime: FaceApiRuntime,
    private readonly detectorOptions: unknown,
    private readonly detector: DetectorNet,
    private readonly landmarkNet: LandmarkNet,
    private readonly recognitionNet: RecognitionNet | null,
    private readonly expressionNet: ExpressionNet | null,
  ) {}

  /**
   * Loads face-api (once per process) and this evaluator's weights (~50 ms from the package folder).
   * @throws MetricsError METRICS_BAD_ARGUMENT for bad options, METRICS_MODEL_LOAD_FAILED when weights cannot be read.
   */
  static async create(options: FaceEvaluatorOptions = {}): Promise<FaceEvaluator> {
    const inputSize = options.detectorInputSizePx ?? 160;
    const minScore = options.minDetectionScore ?? 0.5;
    if (!Number.isInteger(inputSize) || inputSize < 32 || inputSize > 1024 || inputSize % 32 !== 0) {
      throw new MetricsError('METRICS_BAD_ARGUMENT', `detectorInputSizePx must be a multiple of 32 in [32, 1024], got ${inputSize}`);
    }
    if (!(minScore > 0 && minScore < 1)) {
      throw new MetricsError('METRICS_BAD_ARGUMENT', `minDetectionScore must be in (0, 1), got ${minScore}`);
    }
    const runtime = await loadFaceApi();
    const { faceapi } = runtime;
    const modelDir = options.modelDir ?? runtime.bundledModelDir;
    const nets: FaceApiNet[] = [];
    const loadNet = async <T extends FaceApiNet>(net: T): Promise<T> => {
      nets.push(net);
      try {
        await net.loadFromDisk(modelDir);
      } catch (err) {
        throw new MetricsError('METRICS_MODEL_LOAD_FAILED', `could not load face-api weights from ${modelDir}: ${String(err)}`, { cause: err });
      }
      return net;
    };
    try {
      const detector = await loadNet(new faceapi.TinyFaceDetector());
      const landmarkNet = await loadNet(new faceapi.FaceLandmark68Net());
      const recognitionNet = options.descriptor === false ? null : await loadNet(new faceapi.FaceRecognitionNet());
      const expressionNet = options.expression === false ? null : await loadNet(new faceapi.FaceExpressionNet());
      const detectorOptions = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: minScore });
      return new FaceEvaluator(runtime, detectorOptions, detector, landmarkNet, recognitionNet, expressionNet);
    } catch (err) {
      for (const net of nets) if (net.isLoaded) net.dispose(false);
      throw err;
    }
  }

  /**
   * Detects the most confident face and returns its landmarks (and descriptor / expression when enabled).
   * @returns `null` when no face scores above `minDetectionScore` (a blank frame, a broken render).
   * @throws MetricsError METRICS_BAD_ARGUMENT for a malformed image, METRICS_CLOSED after `close()`,
   *   METRICS_INFERENCE_FAILED when a network throws.
   */
  analyze(img: RgbImage): Promise<FaceAnalysis | null> {
    if (this.closed) return Promise.reject(new MetricsError('METRICS_CLOSED', 'FaceEvaluator.analyze called after close()'));
    try {
      assertRgbImage(img, 'image');
    } catch (err) {
      return Promise.reject(err);
    }
    // Serialised so close() can let accepted calls finish before freeing the weights they use.
    const run = this.inFlight.then(() => this.analyzeNow(img));
    this.inFlight = run.catch(() => undefined);
    return run;
  }

  /** Frees the networks' weights once every `analyze` accepted before it has finished. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.inFlight;
    for (const net of [this.detector, this.landmarkNet, this.recognitionNet, this.expressionNet]) {
      if (net?.isLoaded) net.dispose(false);
    }
  }

  private async analyzeNow(img: RgbImage): Promise<FaceAnalysis | null> {
    const { tf, faceapi } = this.runtime;
    // int32 keeps the 0..255 range face-api's nets expect; each net resizes and normalises on its own.
    const input = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
    try {
      const detections = await this.detector.locateFaces(input, this.detectorOptions);
      const best = mostConfident(detections);
      if (!best) return null;

      const crop = pixelBox(best.box, img.width, img.height);
      if (crop.width < MIN_FACE_PX || crop.height < MIN_FACE_PX) return null;
      const landmarks68 = new Float32Array(LANDMARK_COUNT * 2);
      const [faceCrop] = await faceapi.extractFaceTensors(input, [new faceapi.Rect(crop.x, crop.y, crop.width, crop.height)]);
      try {
        // The landmark net answers in crop pixels. Shift by the origin of the crop actually cut (integer, clipped to the
        // image), not by the detector's float box as face-api's task chain does: that would bias every point by up to
        // a pixel, and by more when the box sticks out of the frame, which is common on tight 256x256 face crops.
        const points = (await this.landmarkNet.detectLandmarks(faceCrop)).shiftBy(crop.x, crop.y).positions;
        if (points.length !== LANDMARK_COUNT) {
          throw new MetricsError('METRICS_INFERENCE_FAILED', `landmark net returned ${points.length} points, expected ${LANDMARK_COUNT}`);
        }
        for (let p = 0; p < LANDMARK_COUNT; p++) {
          landmarks68[2 * p] = points[p].x;
          landmarks68[2 * p + 1] = points[p].y;
        }
      } finally {
        faceCrop.dispose();
      }

      if (!this.recognitionNet && !this.expressionNet) return { landmarks68, detectionScore: best.score };
      // Identity and expression nets see the landmark bounding box grown by 20% (10% per side), the crop face-api's
      // own pipeline feeds them, so results match its published behaviour.
      const [alignedCrop] = await faceapi.extractFaceTensors(input, [alignedBox(faceapi, landmarks68)]);
      try {
        const descriptor = this.recognitionNet ? Float32Array.from(await this.recognitionNet.computeFaceDescriptor(alignedCrop)) : undefined;
        const expression = this.expressionNet ? expressionVector(await this.expressionNet.predictExpressions(alignedCrop)) : undefined;
        return { landmarks68, descriptor, expression, detectionScore: best.score };
      } finally {
        alignedCrop.dispose();
      }
    } catch (err) {
      if (err instanceof MetricsError) throw err;
      throw new MetricsError('METRICS_INFERENCE_FAILED', `face-api failed on a ${img.width}x${img.height} image: ${String(err)}`, { cause: err });
    } finally {
      input.dispose();
    }
  }
}

function mostConfident(detections: readonly FaceApiDetection[]): FaceApiDetection | null {
  let best: FaceApiDetection | null = null;
  for (const d of detections) if (!best || d.score > best.score) best = d;
  return best;
}

/** Smallest face crop side worth running the landmark net on; below it a detection is treated as no face. */
const MIN_FACE_PX = 8;

/** The detector box rounded outwards to whole pixels and clipped to the image. */
function pixelBox(box: FaceApiBox, width: number, height: number): FaceApiBox {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const right = Math.min(width, Math.ceil(box.x + box.width));
  const bottom = Math.min(height, Math.ceil(box.y + box.height));
  return { x, y, width: right - x, height: bottom - y };
}

function alignedBox(faceapi: FaceApi, landmarks68: Float32Array): unknown {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let p = 0; p < LANDMARK_COUNT; p++) {
    const x = landmarks68[2 * p];
    const y = landmarks68[2 * p + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const padX = ((maxX - minX) * ALIGN_PADDING) / 2;
  const padY = ((maxY - minY) * ALIGN_PADDING) / 2;
  return new faceapi.Rect(minX - padX, minY - padY, maxX - minX + 2 * padX, maxY - minY + 2 * padY);
}

function expressionVector(probabilities: Record<string, number>): Float32Array {
  const out = new Float32Array(EXPRESSION_LENGTH);
  EXPRESSION_LABELS.forEach((label, i) => {
    out[i] = probabilities[label] ?? 0;
  });
  return out;
}
