/**
 * Real tracked frames replayed: a clip (or the built-in sample) is tracked once by the real FaceTracker, and a
 * ReplayTracker hands those results back in ping-pong order, so long runs exercise the encoder's fitting and coding
 * without running the landmark networks on every frame.
 */
import { existsSync } from 'node:fs';
import { BUILTIN_PORTRAIT, BUILTIN_TRACK, animatePortrait } from '../../src/cli/builtin-sample.js';
import { readMotionTrack } from '../../src/cli/motion-track.js';
import { loadFaceModel } from '../../src/codec.js';
import type { FaceTracking } from '../../src/encoder/encoder.js';
import { FaceLandmarker, FaceTracker, type TrackResult } from '../../src/face/landmarks/index.js';
import { createRgbImage, readAllFrames, readImage, type RgbImage } from '../../src/media/index.js';

export interface TrackedClip {
  description: string;
  frames: RgbImage[];
  tracks: TrackResult[];
}

/** `count` frames of `clipPath` when it exists, else of the built-in sample, each tracked by the real tracker. */
export async function trackedClip(clipPath: string | undefined, count: number, fps = 25): Promise<TrackedClip> {
  let frames: RgbImage[];
  let description: string;
  if (clipPath && existsSync(clipPath)) {
    frames = await readAllFrames(clipPath, { maxFrames: count });
    description = `${clipPath}, first ${frames.length} frames`;
  } else {
    const [portrait, track, model] = await Promise.all([readImage(BUILTIN_PORTRAIT), readMotionTrack(BUILTIN_TRACK), loadFaceModel()]);
    const animation = await animatePortrait(portrait, track, model, BUILTIN_PORTRAIT);
    frames = [];
    for (let i = 0; i < Math.min(count, animation.frameCount); i++) {
      const out = createRgbImage(portrait.width, portrait.height);
      animation.render(i, out);
      frames.push(out);
    }
    animation.close();
    description = `built-in sample (no shared clip), first ${frames.length} frames`;
  }
  const landmarker = await FaceLandmarker.create({ withIris: true });
  const tracker = new FaceTracker(landmarker, { fps });
  const tracks: TrackResult[] = [];
  try {
    for (let i = 0; i < frames.length; i++) tracks.push(await tracker.track(frames[i], i / fps));
  } finally {
    tracker.close();
    landmarker.close();
  }
  return { description, frames, tracks };
}

/** Index of frame `i` of an endless ping-pong over `n` frames (0 1 .. n-1 n-2 .. 1 0 1 ..): motion without jumps. */
export function pingPong(i: number, n: number): number {
  if (n <= 1) return 0;
  const period = 2 * (n - 1);
  const k = i % period;
  return k < n ? k : period - k;
}

/** Hands back the recorded track result of each recorded image (by identity), as the real tracker gave it. */
export class ReplayTracker implements FaceTracking {
  private readonly byImage = new Map<RgbImage, TrackResult>();
  constructor(private readonly clip: TrackedClip) {
    clip.frames.forEach((f, i) => this.byImage.set(f, clip.tracks[i]));
  }

  /** The image to encode as the `i`-th frame of an endless ping-pong over the clip. */
  image(i: number): RgbImage {
    return this.clip.frames[pingPong(i, this.clip.frames.length)];
  }

  async track(image: RgbImage): Promise<TrackResult> {
    const track = this.byImage.get(image);
    if (!track) throw new Error('ReplayTracker: not one of the recorded images');
    return track;
  }

  reset(): void {}
}
