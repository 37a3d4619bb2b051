/** FaceLandmarker: owns the BlazeFace, FaceMesh (and optional Iris) graph models and runs them on single images. */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { z } from 'zod';
import { platformFiles } from '../../io/platform-files.js';
import type { RgbImage } from '../../media/rgb-image.js';
import { BlazeFaceDetector, type DetectOptions } from './blazeface-detector.js';
import { roiAroundPoints, rollFromPointsRad, type FaceRoi } from './face-roi.js';
import { FaceMeshNetwork, MESH_POINT_COUNT } from './face-mesh-network.js';
import type { FaceBox, FaceMesh } from './face-types.js';
import { IrisNetwork } from './iris-network.js';
import { loadGraphModelFile } from './graph-model-file.js';
import { LandmarksError } from './landmarks-error.js';
import { ImagePyramid } from './roi-sampler.js';
import { startTfRuntime, type LandmarksBackend } from './tf-runtime.js';

/** Mesh points on the outer eye corners (subject's right, left): their line defines the face's roll. */
export const RIGHT_EYE_OUTER = 33;
export const LEFT_EYE_OUTER = 263;

/**
 * How much larger than the face the mesh network's input square is. MediaPipe's face_landmark graphs use 1.5 around
 * both the detector box and the previous frame's landmarks; the network was trained on crops framed that way.
 */
const DETECTION_ROI_SCALE = 1.5;
const MESH_ROI_SCALE = 1.5;

const createOptionsSchema = z.object({
  backend: z.enum(['wasm', 'cpu']).optional(),
  withIris: z.boolean().optional(),
  modelDir: z.string().min(1).optional(),
});

/** Options of {@link FaceLandmarker.create}. */
export interface FaceLandmarkerOptions {
  /** TensorFlow.js backend; default 'wasm' (falls back to 'cpu' when WASM cannot start). */
  readonly backend?: LandmarksBackend;
  /** Also run the iris network (+2 eye crops, ~10 ms) and return `FaceMesh.iris`; default false. */
  readonly withIris?: boolean;
  /** Folder (or base URL) holding blazeface/facemesh/iris .json+.bin; default @vladmandic/human's `models` folder. */
  readonly modelDir?: string;
}

/** Options of {@link FaceLandmarker.landmarks}. */
export interface LandmarksOptions {
  /**
   * Run the mesh a second time on the square framed by the first result (default true). The mesh network is most
   * accurate on that framing, which the detector box only approximates.
   */
  readonly refine?: boolean;
}

export function assertRgbImage(img: RgbImage): void {
  const ok =
    img != null &&
    Number.isInteger(img.width) &&
    Number.isInteger(img.height) &&
    img.width > 0 &&
    img.height > 0 &&
    img.width <= 16384 &&
    img.height <= 16384 &&
    img.data instanceof Uint8Array &&
    img.data.length === img.width * img.height * 3;
  if (!ok) {
    const desc = img == null ? String(img) : `${img.width}x${img.height} with ${img.data?.length} bytes`;
    throw new LandmarksError('LANDMARKS_BAD_IMAGE', `expected an RgbImage (width*height*3 bytes), got ${desc}`);
  }
}

/** Face detection and dense 3D landmarks on single images. One instance can serve many trackers; call `close()` when done. */
export class FaceLandmarker {
  private closed = false;

  private constructor(
    /** The backend actually running ('cpu' when WASM could not start). */
    readonly backend: LandmarksBackend,
    private readonly models: GraphModel[],
    private readonly detector: BlazeFaceDetector,
    private readonly mesh: FaceMeshNetwork,
    private readonly iris: IrisNetwork | null,
  ) {}

  /** Starts the backend and loads the models through the platform's file access (~100 ms from disk). */
  static async create(opts: FaceLandmarkerOptions = {}): Promise<FaceLandmarker> {
    const parsed = createOptionsSchema.safeParse(opts);
    if (!parsed.success) throw new LandmarksError('LANDMARKS_BAD_ARGUMENT', `invalid FaceLandmarker options: ${parsed.error.message}`);
    const backend = await startTfRuntime(opts.backend ?? 'wasm');
    const files = platformFiles();
    const dir = opts.modelDir ?? files.root('landmark-models');
    const names = opts.withIris ? ['blazeface', 'facemesh', 'iris'] : ['blazeface', 'facemesh'];
    const models = await Promise.all(names.map((n) => loadGraphModelFile(files.join(dir, `${n}.json`))));
    return new FaceLandmarker(
      backend,
      models,
      new BlazeFaceDetector(models[0]),
      new FaceMeshNetwork(models[1]),
      models[2] ? new IrisNetwork(models[2]) : null,
    );
  }

  /** Whether `FaceMesh.iris` is filled. */
  get withIris(): boolean {
    return this.iris !== null;
  }

  /** All faces in the image, strongest first (empty when there is none). */
  async detectFaces(img: RgbImage, opts?: DetectOptions): Promise<FaceBox[]> {
    this.assertOpen();
    assertRgbImage(img);
    return this.detectIn(new ImagePyramid(img), opts);
  }

  /**
   * The 468-point mesh of the face in `box` (from {@link detectFaces}), or null when the mesh network does not see a
   * face there (confidence below 0.5).
   */
  async landmarks(img: RgbImage, box: FaceBox, opts: LandmarksOptions = {}): Promise<FaceMesh | null> {
    this.assertOpen();
    assertRgbImage(img);
    const finite = [box?.x, box?.y, box?.width, box?.height, box?.rollRad].every((v) => Number.isFinite(v));
    if (!finite || !(box.width > 0 && box.height > 0)) {
      throw new LandmarksError('LANDMARKS_BAD_ARGUMENT', `box must have finite x/y/width/height/rollRad and a positive size`);
    }
    const pyramid = new ImagePyramid(img);
    let mesh = await this.meshIn(pyramid, roiFromBox(box));
    if (mesh && (opts.refine ?? true)) mesh = (await this.meshIn(pyramid, roiFromMesh(mesh.points))) ?? mesh;
    return mesh && mesh.confidence >= 0.5 ? mesh : null;
  }

  /** @internal Detection on a prepared pyramid (shared with the mesh step by FaceTracker). */
  async detectIn(pyramid: ImagePyramid, opts?: DetectOptions): Promise<FaceBox[]> {
    this.assertOpen();
    return this.detector.detect(pyramid, opts);
  }

  /** @internal The mesh inside a ROI, whatever its confidence. */
  async meshIn(pyramid: ImagePyramid, roi: FaceRoi): Promise<FaceMesh> {
    this.assertOpen();
    const run = await this.mesh.run(pyramid, roi);
    const p = run.points;
    const rollRad = rollFromPointsRad(p[3 * RIGHT_EYE_OUTER], p[3 * RIGHT_EYE_OUTER + 1], p[3 * LEFT_EYE_OUTER], p[3 * LEFT_EYE_OUTER + 1]);
    const eyes = this.iris ? await this.iris.run(pyramid, run.points) : undefined;
    return eyes
      ? { points: p, iris: eyes.iris, eyelids: eyes.eyelids, confidence: run.confidence, rollRad }
      : { points: p, confidence: run.confidence, rollRad };
  }

  /** Frees the models. Further calls throw LANDMARKS_CLOSED. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const m of this.models) m.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new LandmarksError('LANDMARKS_CLOSED', 'FaceLandmarker was used after close()');
  }
}

/** The mesh network's input square for a detector box: rotated upright by the eye keypoints. */
export function roiFromBox(box: FaceBox): FaceRoi {
  return {
    centerX: box.x + box.width / 2,
    centerY: box.y + box.height / 2,
    sizePx: Math.max(box.width, box.height) * DETECTION_ROI_SCALE,
    rotationRad: box.rollRad,
  };
}

/** The mesh network's input square framed by a previous mesh (the tracking step). */
export function roiFromMesh(points: Float32Array): FaceRoi {
  const roll = rollFromPointsRad(
    points[3 * RIGHT_EYE_OUTER],
    points[3 * RIGHT_EYE_OUTER + 1],
    points[3 * LEFT_EYE_OUTER],
    points[3 * LEFT_EYE_OUTER + 1],
  );
  return roiAroundPoints(points, 3, MESH_POINT_COUNT, roll, MESH_ROI_SCALE);
}
