/** What the encoder needs from a fitter: identity once per keyframe, then expression and pose per frame. */
import type { FaceShapeParams, HeadPose } from '../face/face-model.js';

/** Detected MediaPipe mesh in crop pixels: 468 x (x px, y px, z px; smaller z = closer, as the landmark net reports). */
export type MeshObservation = Float32Array;

export interface FrameFit {
  params: FaceShapeParams;
  pose: HeadPose;
  /** RMS distance between the fitted model's landmarks and the observed ones, in crop pixels. */
  rmsErrorPx: number;
}

export interface FaceFitter {
  /**
   * The fits are not the frame's own motion on purpose: a driver moving a source portrait (reenactment), or an edit.
   * While true the encoder skips texture alignment, which would pull the fit back to the frame's pixels.
   */
  readonly codesOtherMotion?: boolean;
  fitIdentity(observations: readonly MeshObservation[]): { shape: Float32Array; fits: FrameFit[] };
  fitFrame(observation: MeshObservation, shape: Float32Array, previous?: FrameFit): FrameFit;
}
