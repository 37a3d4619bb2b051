/** Public surface of face landmarks: BlazeFace detection, 468-point MediaPipe mesh (+ iris), per-stream tracking with a steady crop. */
export { FaceLandmarker, type FaceLandmarkerOptions, type LandmarksOptions } from './face-landmarker.js';
export { FaceTracker, type FaceTrackerOptions, type TrackResult, type TrackStatus, type FaceRect } from './face-tracker.js';
export type { FaceBox, FaceMesh, CropRect } from './face-types.js';
export type { DetectOptions } from './blazeface-detector.js';
export type { LandmarksBackend } from './tf-runtime.js';
export { LandmarksError, type LandmarksErrorCode } from './landmarks-error.js';
export { loadMediapipeTopology, type MediapipeTopology } from './mediapipe-topology.js';
export { MESH_POINT_COUNT } from './face-mesh-network.js';
