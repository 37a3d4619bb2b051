/** Turns a `facecodec track` JSON (per-frame fitted parameters and 68 keypoints) into bitstream motion. */
import '../../src/node/index.js';
import type { FrameValues, KeyframeBase } from '../../src/bitstream/index.js';
import type { TrackFrame as TrackFrameJson } from '../../src/cli/stream-commands.js';
import type { FaceModel } from '../../src/face/face-model.js';
import { landmarkJacobian } from '../../src/face/landmark-jacobian.js';

/** A track frame as `facecodec track` writes it (older files may lack `shape`). */
type TrackFrame = Omit<TrackFrameJson, 'shape'> & { shape?: number[] };

/** With `model` (and shapes in the track), keypoints are predicted from the expression as the codec does. */
export function loadTrackMotion(json: { frames: TrackFrame[]; name?: string }, model?: FaceModel) {
  const frames = json.frames.filter((f) => !f.status || f.status === 'ok');
  if (frames.length < 2) throw new Error('track file has fewer than 2 tracked frames');
  const toValues = (f: TrackFrame): FrameValues => ({
    keypointsMm: Float32Array.from(f.keypoints68Mm),
    expression: Float32Array.from(f.expression),
    jawRad: Float32Array.from(f.jawRad ?? [0, 0, 0]),
    rotationRad: Float32Array.from(f.rotationRad),
    translationPx: Float32Array.from(f.translationPx),
    scalePxPerMm: f.scalePxPerMm,
  });
  const first = toValues(frames[0]);
  const keyframe: KeyframeBase = {
    keypoints68Mm: first.keypointsMm,
    expression: first.expression,
    jawRad: first.jawRad,
    rotationRad: first.rotationRad,
    translationPx: first.translationPx,
    scalePxPerMm: first.scalePxPerMm,
    keypointJacobian:
      model && frames[0].shape
        ? landmarkJacobian(model, { shape: Float32Array.from(frames[0].shape), jawRad: first.jawRad, eyesRad: new Float32Array(6) })
        : undefined,
  };
  return { name: `tracks: ${json.name ?? 'file'}`, keyframe, frames: frames.map(toValues) };
}
