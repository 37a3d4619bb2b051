/** Real fits for the controls tests: the SDK's tracker and fitter on frames of a shared clip. */
import { resolve } from 'node:path';
import { createFitter, loadFaceModel } from '../../src/codec.js';
import type { FrameFit } from '../../src/encoder/face-fitter.js';
import type { FaceModel } from '../../src/face/face-model.js';
import { FaceLandmarker, FaceTracker } from '../../src/face/landmarks/index.js';
import { readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { sharedDir } from '../../src/paths.js';

export const clip = (name: string) => resolve(sharedDir(), 'clips', name);
export const still = (name: string) => resolve(sharedDir(), 'stills', name);

/** Tracks `count` frames (at `fps`) of a clip and fits them (identity from the first): frames and fits. */
export async function fitClip(name: string, count: number, fps = 10): Promise<{ model: FaceModel; frames: RgbImage[]; fits: FrameFit[] }> {
  const model = await loadFaceModel();
  const fitter = createFitter(model);
  const landmarker = await FaceLandmarker.create();
  const tracker = new FaceTracker(landmarker, { fps });
  const frames: RgbImage[] = [];
  const fits: FrameFit[] = [];
  let shape: Float32Array | null = null;
  try {
    for await (const frame of readVideoFrames(clip(name), { fps, maxFrames: count })) {
      const track = await tracker.track(frame);
      if (!track.mesh) continue;
      const obs = Float32Array.from(track.mesh.points);
      if (!shape) {
        const id = fitter.fitIdentity([obs]);
        shape = id.shape;
        fits.push({ ...id.fits[0], params: { ...id.fits[0].params, shape } });
      } else {
        fits.push(fitter.fitFrame(obs, shape, fits[fits.length - 1]));
      }
      frames.push(frame);
    }
  } finally {
    tracker.close();
    landmarker.close();
  }
  return { model, frames, fits };
}
