/** The interface every frame generator (mesh warp, neural) implements behind the Decoder. */
import type { FaceModel, FaceShapeParams, HeadPose } from '../face/face-model.js';
import type { RgbImage } from '../media/rgb-image.js';

/** What a renderer learns once per keyframe. */
export interface RenderKeyframe {
  image: RgbImage;
  model: FaceModel;
  params: FaceShapeParams;
  pose: HeadPose;
  /** The keyframe's 68 iBUG landmarks in head space, mm (204 values). */
  keypoints68Mm: Float32Array;
  /** The learned detector's keypoints of the keyframe (normalized, K x 3), when the sender ran one. */
  learnedKeypoints?: Float32Array;
  /** Lid apertures and gaze in the keyframe image (src/face/eye-state.ts), when the sender measured them. */
  eyeState?: Float32Array;
  /** Person probability of each keyframe pixel (row-major, 0..1), when the keyframe carried a matte. */
  personMatte?: Float32Array;
  /** An open mouth seen later: its image, where it sits in the crop, and its inner lip contour (crop px, x y pairs). */
  mouthReference?: { image: RgbImage; x: number; y: number; innerLip: Float32Array };
}

/** What a renderer gets per frame. */
export interface RenderFrame {
  /** Full model parameters (keyframe identity, completed expression, jaw, eyes). */
  params: FaceShapeParams;
  pose: HeadPose;
  /** The received keypoints (head space, mm) and which iBUG-68 landmarks they are (both empty for learned keypoints). */
  keypointsMm: Float32Array;
  landmarkIds: readonly number[];
  /** Streams with learned keypoints: the received K x 3 normalized keypoints (the pose and params still come along). */
  learnedKeypoints?: Float32Array;
  /** How many leading expression coefficients were received (the rest were completed from the keypoints). */
  receivedExpressionDims: number;
  /** Lid apertures and gaze of this frame, for streams that carry them. */
  eyeState?: Float32Array;
}

export interface FaceRenderer {
  /** Short name for logs and stats, e.g. `mesh-warp`. */
  readonly name: string;
  /**
   * K of the learned keypoints this renderer is driven by (the neural unsupervised baseline); absent or 0: it renders
   * from face-model landmarks. The decoder refuses streams whose profile does not match.
   */
  readonly learnedKeypointCount?: number;
  /** The execution provider it runs on, for reports: e.g. `webgpu` for the neural renderer (absent: plain CPU code). */
  readonly provider?: string;
  setKeyframe(keyframe: RenderKeyframe): void | Promise<void>;
  /** Renders into `out` (same size as the keyframe image). */
  render(frame: RenderFrame, out: RgbImage): void | Promise<void>;
  close(): void | Promise<void>;
}
