/** The crop step: one fixed face square per clip, written once as a lossless 256x256 25 fps clip every method reads. */
import '../../src/node/index.js';
import path from 'node:path';
import { probeVideo, readVideoFrames, type PixelRect } from '../../src/media/index.js';
import type { FaceEvaluator } from '../../src/metrics/index.js';
import { BenchError } from './bench-error.js';
import { chooseFaceCrop, landmarkBox, type LandmarkBox } from './face-crop.js';
import { FFMPEG, runTool } from './run-tool.js';

/** Options of {@link prepareCropClip}. */
export interface CropClipOptions {
  /** Output side, pixels. */
  readonly sizePx: number;
  /** Output frame rate (sources at 30 fps are resampled by dropping frames). */
  readonly fps: number;
  /** Frames kept from the start of the clip. */
  readonly maxFrames: number;
  /** Frames, spread evenly over the kept part, whose faces decide the crop. */
  readonly detectFrames: number;
}

/** The prepared reference clip of one source. */
export interface CropClip {
  readonly source: string;
  /** Lossless crop clip (H.264 RGB, qp 0): the reference of every metric and the input of every method. */
  readonly path: string;
  /** The crop in source pixels, fixed for the whole clip. */
  readonly crop: PixelRect;
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  readonly frames: number;
  readonly fps: number;
}

/**
 * Chooses the clip's crop from face-api landmarks on `detectFrames` frames (see chooseFaceCrop), then crops, scales
 * (bicubic) and resamples the first `maxFrames` frames into `workDir/<name>.mp4`, losslessly in RGB so every method
 * starts from exactly the reference pixels.
 * @throws BenchError BENCH_NO_FACE when no sampled frame has a face; MediaError for unreadable sources.
 */
export async function prepareCropClip(source: string, workDir: string, evaluator: FaceEvaluator, options: CropClipOptions): Promise<CropClip> {
  const info = await probeVideo(source);
  const expected = Math.max(1, Math.min(options.maxFrames, Math.floor(info.durationS * options.fps) || options.maxFrames));
  const pick = new Set<number>();
  for (let i = 0; i < options.detectFrames; i++) pick.add(Math.floor(((i + 0.5) * expected) / options.detectFrames));
  const boxes: LandmarkBox[] = [];
  let index = 0;
  for await (const frame of readVideoFrames(source, { fps: options.fps, maxFrames: expected })) {
    if (pick.has(index)) {
      const face = await evaluator.analyze(frame);
      if (face) boxes.push(landmarkBox(face.landmarks68));
    }
    index++;
  }
  if (boxes.length === 0) throw new BenchError('BENCH_NO_FACE', `${source}: no face in ${pick.size} sampled frames`);
  const crop = chooseFaceCrop(boxes, info);
  const output = path.join(workDir, `${path.basename(source, path.extname(source))}-crop.mp4`);
  const s = options.sizePx;
  await runTool(
    FFMPEG,
    [
      '-nostdin', '-hide_banner', '-v', 'error', '-y', '-i', source, '-an', '-sn', '-dn',
      '-vf', `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y}:exact=1,scale=${s}:${s}:flags=bicubic,fps=${options.fps}`,
      '-frames:v', String(options.maxFrames),
      '-c:v', 'libx264rgb', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'rgb24', output,
    ],
    `cropping ${source}`,
  );
  const out = await probeVideo(output);
  return { source, path: output, crop, sourceWidth: info.width, sourceHeight: info.height, frames: out.frameCount, fps: options.fps };
}
