/** Result types of face detection, landmarks and tracking. All coordinates are continuous image pixels (see FaceRoi). */

/** One face found by the detector (BlazeFace). */
export interface FaceBox {
  /** Left edge, pixels. */
  readonly x: number;
  /** Top edge, pixels. */
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Detector confidence, 0..1. */
  readonly score: number;
  /**
   * 6 detector keypoints, x,y pairs (12 values), in this order: the subject's right eye (image left for a frontal
   * face), left eye, nose tip, mouth centre, right ear tragion, left ear tragion.
   */
  readonly keypoints: Float32Array;
  /** Roll of the face (radians, clockwise on screen) from the eye keypoints. */
  readonly rollRad: number;
}

/** The dense 3D landmarks of one face (MediaPipe FaceMesh topology, 468 points). */
export interface FaceMesh {
  /**
   * 468 * 3 floats: x, y in image pixels (sub-pixel), z relative depth in the same pixel scale (smaller = closer to
   * the camera, roughly 0 at the face's centre). Point order is MediaPipe's canonical face mesh order.
   */
  readonly points: Float32Array;
  /**
   * Only when iris was requested: 10 * 3 floats, the subject's right iris (centre, then 4 points on its rim) then
   * the left iris, same units as `points` (the MediaPipe 478-point order for indices 468..477).
   */
  readonly iris?: Float32Array;
  /**
   * Only with iris: 32 * 3 floats, both eye openings as the iris network sees them (sharper lids than the mesh's; they
   * follow blinks), right eye then left, in the order of `RIGHT_EYELID_MESH_IDS` / `LEFT_EYELID_MESH_IDS`.
   */
  readonly eyelids?: Float32Array;
  /** Face presence confidence of the mesh network, 0..1. */
  readonly confidence: number;
  /** Roll of the face from the eye corners, radians, clockwise on screen. */
  readonly rollRad: number;
}

/** The square part of a frame the codec encodes (pixels; may reach past the frame's borders only if the face does). */
export interface CropRect {
  readonly x: number;
  readonly y: number;
  readonly size: number;
}
