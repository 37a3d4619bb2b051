/**
 * The MediaPipe face tracker for a browser sender. Its TensorFlow.js graphs and WASM backend are a separate chunk of
 * the bundle, fetched on the first call, so a receive-only page never downloads them.
 */
import type { FaceLandmarker, FaceLandmarkerOptions, FaceTracker, FaceTrackerOptions } from '../face/landmarks/index.js';

/** A started landmarker and a tracker on it; `close()` releases the graph models. */
export interface BrowserFaceTracking {
  landmarker: FaceLandmarker;
  tracker: FaceTracker;
  close(): void;
}

/**
 * Starts TensorFlow.js (WASM, from the `tfjsWasmUrl` given to configureAssets) and loads the landmark graphs (from
 * `landmarkModelsUrl`); the tracker is the encoder's `tracker`.
 */
export async function createFaceTracking(options: { landmarker?: FaceLandmarkerOptions; tracker?: FaceTrackerOptions } = {}): Promise<BrowserFaceTracking> {
  const landmarks = await import('../face/landmarks/index.js');
  const landmarker = await landmarks.FaceLandmarker.create(options.landmarker);
  const tracker = new landmarks.FaceTracker(landmarker, options.tracker);
  return {
    landmarker,
    tracker,
    close: () => {
      tracker.close();
      landmarker.close();
    },
  };
}
