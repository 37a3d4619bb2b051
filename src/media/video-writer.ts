/** VideoWriter: encodes RgbImage frames to an H.264 mp4 or a folder of numbered PNGs through ffmpeg. */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MediaError } from './media-error.js';
import { assertFrameSize } from './pixel-rect.js';
import { RawFrameSink } from './raw-frame-sink.js';
import type { RgbImage } from './rgb-image.js';

/** 'h264': mp4 via libx264, yuv420p, faststart. 'png-frames': `path` is a folder receiving 00000.png, 00001.png, ... */
export type VideoWriterCodec = 'h264' | 'png-frames';

/** Options of {@link VideoWriter.open}. */
export interface VideoWriterOptions {
  /** Frame width in pixels; every written frame must have it. */
  readonly width: number;
  /** Frame height in pixels. */
  readonly height: number;
  /** Frames per second recorded in the output. */
  readonly fps: number;
  /** Default 'h264'. */
  readonly codec?: VideoWriterCodec;
  /** x264 constant rate factor, 0 (lossless) .. 51; default 18 (visually near-lossless). */
  readonly crf?: number;
  /** x264 speed preset; default 'fast'. */
  readonly preset?: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow' | 'slower' | 'veryslow';
}

const DEFAULT_CRF = 18;

/**
 * Writes frames to a video file. Lifecycle: `open` → `write`* → `close` (or `abort`). `write` resolves once ffmpeg has
 * room for more input, so a fast producer cannot buffer unbounded memory. H.264 output needs even dimensions: odd
 * widths/heights are padded by one black column/row. All ffmpeg failures surface as MediaError with ffmpeg's stderr tail.
 */
export class VideoWriter {
  private constructor(
    private readonly sink: RawFrameSink,
    /** Output file (h264) or folder (png-frames). */
    readonly path: string,
    readonly options: Readonly<Required<Pick<VideoWriterOptions, 'width' | 'height' | 'fps' | 'codec'>>>,
  ) {}

  /**
   * Starts the encoder; creates the parent folder (h264) or the frame folder (png-frames) when missing. Overwrites.
   * @throws MediaError MEDIA_BAD_ARGUMENT for bad sizes/fps/crf, MEDIA_FFMPEG_MISSING, MEDIA_FFMPEG_FAILED.
   */
  static async open(path: string, opts: VideoWriterOptions): Promise<VideoWriter> {
    if (typeof path !== 'string' || path.length === 0) throw new MediaError('MEDIA_BAD_ARGUMENT', 'path must be a non-empty string');
    assertFrameSize(opts, 'VideoWriter size');
    if (!(Number.isFinite(opts.fps) && opts.fps > 0 && opts.fps <= 1000)) {
      throw new MediaError('MEDIA_BAD_ARGUMENT', `fps must be in (0, 1000], got ${opts.fps}`);
    }
    const codec = opts.codec ?? 'h264';
    if (codec !== 'h264' && codec !== 'png-frames') throw new MediaError('MEDIA_BAD_ARGUMENT', `unknown codec ${String(codec)}`);
    const crf = opts.crf ?? DEFAULT_CRF;
    if (!(Number.isFinite(crf) && crf >= 0 && crf <= 51)) throw new MediaError('MEDIA_BAD_ARGUMENT', `crf must be in 0..51, got ${crf}`);

    let outputArgs: string[];
    if (codec === 'h264') {
      await mkdir(dirname(path), { recursive: true });
      const needsPad = opts.width % 2 === 1 || opts.height % 2 === 1;
      outputArgs = [
        ...(needsPad ? ['-vf', 'pad=ceil(iw/2)*2:ceil(ih/2)*2'] : []),
        '-c:v', 'libx264', '-preset', opts.preset ?? 'fast', '-crf', String(crf),
        '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-y', path,
      ];
    } else {
      await mkdir(path, { recursive: true });
      // start_number 0 so a file's number equals the frame's index.
      outputArgs = ['-c:v', 'png', '-f', 'image2', '-start_number', '0', '-y', join(path, '%05d.png')];
    }
    const sink = await RawFrameSink.start(opts, opts.fps, outputArgs, `writing ${path}`);
    return new VideoWriter(sink, path, { width: opts.width, height: opts.height, fps: opts.fps, codec });
  }

  /** Frames written so far. */
  get frameCount(): number {
    return this.sink.frameCount;
  }

  /**
   * Appends a frame (must match the writer's size); resolves when the encoder can take more. The frame's buffer is
   * copied, so the caller may reuse it immediately.
   * @throws MediaError MEDIA_BAD_ARGUMENT (wrong size), MEDIA_CLOSED, MEDIA_FFMPEG_FAILED (encoder died).
   */
  write(frame: RgbImage): Promise<void> {
    return this.sink.write(frame);
  }

  /** Flushes and finalises the output; resolves when the file is complete. Idempotent. */
  close(): Promise<void> {
    return this.sink.close();
  }

  /** Stops the encoder at once, leaving an incomplete output; for error paths. */
  abort(): Promise<void> {
    return this.sink.abort();
  }
}
