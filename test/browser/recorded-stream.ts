/**
 * A recorded stream of the built-in sample without ../shared or ffmpeg: the public-domain portrait is fitted, driven
 * through the first frames of the built-in motion track by the mesh-warp renderer, and the rendered frames are
 * tracked and encoded by the Node sender with pure-JS JPEG keyframes (the browser decodes those the same way).
 */
import { readFileSync } from 'node:fs';
import { StreamFileWriter } from '../../src/bitstream/index.js';
import { animatePortrait, BUILTIN_PORTRAIT, BUILTIN_TRACK } from '../../src/cli/builtin-sample.js';
import { readMotionTrack } from '../../src/cli/motion-track.js';
import { createEncoder, loadFaceModel, type CreateEncoderOptions } from '../../src/codec.js';
import { decodeJpeg } from '../../src/media/jpeg-codec.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import type { FaceModel } from '../../src/face/face-model.js';

/** How the sender codes keyframe images. */
export type KeyframeChoice = Pick<CreateEncoderOptions, 'keyframeJpegQuality' | 'keyframeFormat' | 'keyframeBytes' | 'personMatte'>;

/** The stream file's bytes and how many frame packets it holds. */
export interface RecordedStream {
  bytes: Uint8Array;
  framePackets: number;
  keyframes: number;
  /** The rendered frames that were encoded, and their rate. */
  video: RgbImage[];
  frameRateHz: number;
}

/** The first `frames` frames of the built-in sample (the portrait driven by the built-in track), and the model. */
export async function renderSampleVideo(frames: number): Promise<{ video: RgbImage[]; frameRateHz: number; model: FaceModel }> {
  const portrait = decodeJpeg(readFileSync(BUILTIN_PORTRAIT));
  const [track, model] = await Promise.all([readMotionTrack(BUILTIN_TRACK), loadFaceModel()]);
  const animation = await animatePortrait(portrait, track, model, BUILTIN_PORTRAIT);
  const video: RgbImage[] = [];
  for (let i = 0; i < Math.min(frames, animation.frameCount); i++) {
    const out = createRgbImage(portrait.width, portrait.height);
    animation.render(i, out);
    video.push(out);
  }
  animation.close();
  return { video, frameRateHz: track.frameRateHz, model };
}

/**
 * Renders `frames` frames of the sample and encodes them (default: JPEG keyframes at quality 85, no person matte, as
 * the page's own sender codes them: it has no segmenter yet).
 */
export async function recordSampleStream(frames: number, sender: KeyframeChoice = { keyframeJpegQuality: 85, personMatte: false }): Promise<RecordedStream> {
  const { video, frameRateHz, model } = await renderSampleVideo(frames);
  const track = { frameRateHz };
  const { encoder, close } = await createEncoder({ frameRateHz: track.frameRateHz, model, ...sender });
  const file = new StreamFileWriter();
  let framePackets = 0;
  let keyframes = 0;
  try {
    for (let i = 0; i < video.length; i++) {
      for (const o of await encoder.encode(video[i], Math.round((i * 1000) / track.frameRateHz))) {
        if (o.type === 'header') file.add({ type: 'header', header: o.header });
        else if (o.type === 'keyframe') {
          file.add({ type: 'keyframe', keyframe: o.keyframe });
          keyframes++;
        } else if (o.type === 'mouth-reference') {
          file.add({ type: 'mouth-reference', mouth: o.mouth });
        } else {
          file.add({ type: 'frame', packet: o.bytes });
          framePackets++;
        }
      }
    }
  } finally {
    close();
  }
  return { bytes: file.finish(), framePackets, keyframes, video, frameRateHz: track.frameRateHz };
}
