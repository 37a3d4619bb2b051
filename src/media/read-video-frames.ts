/** Decoding video (or image) files into RgbImage frames through an ffmpeg rgb24 pipe, lazily and with backpressure. */
import { FFMPEG_PATH, exitError, killAndWait, spawnMediaProcess, type MediaProcess } from './ffmpeg-process.js';
import { MediaError } from './media-error.js';
import { assertFrameSize, type FrameSize, type PixelRect } from './pixel-rect.js';
import { probeVideo, type VideoInfo } from './probe-video.js';
import type { RgbImage } from './rgb-image.js';

/** Options of {@link readVideoFrames}; filters apply in the order crop, then resize, then frame-rate change. */
export interface ReadVideoOptions {
  /** Stop after this many frames (positive integer). */
  readonly maxFrames?: number;
  /** Start this many seconds into the file (ffmpeg input seek). */
  readonly startS?: number;
  /** Integer crop in source pixels, applied before resizing; must lie inside the frame. */
  readonly crop?: PixelRect;
  /** Scale every (cropped) frame to this size with ffmpeg. */
  readonly size?: FrameSize;
  /** Resample to this constant frame rate (drops/duplicates frames); default: every decoded frame, as stored. */
  readonly fps?: number;
}

/** Options of {@link readAllFrames}. */
export interface ReadAllFramesOptions extends ReadVideoOptions {
  /** Refuse (MEDIA_TOO_LARGE) when the decoded frames would exceed this many bytes; default 1 GiB. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 1024 ** 3;

/**
 * Streams decoded frames as tightly packed RGB images. Decoding is lazy (ffmpeg starts on the first `next()`) and
 * paced by the consumer: ffmpeg blocks on a full pipe while the consumer is busy. Breaking out of a `for await` loop
 * (or calling `return()`) kills ffmpeg and waits until it is reaped. Each yielded frame owns its own buffer.
 * @throws MediaError (from the iteration): MEDIA_NOT_FOUND, MEDIA_UNREADABLE, MEDIA_NO_VIDEO, MEDIA_BAD_ARGUMENT,
 *   MEDIA_FFMPEG_FAILED (ffmpeg failed mid-stream; the message carries its stderr tail).
 */
export async function* readVideoFrames(path: string, opts: ReadVideoOptions = {}): AsyncGenerator<RgbImage, void, undefined> {
  validateOptions(opts);
  const info = await probeVideo(path);
  const { width, height } = outputSize(info, opts);
  const frameBytes = width * height * 3;
  const proc = spawnMediaProcess(FFMPEG_PATH, ffmpegDecodeArgs(path, opts));
  const stdout = proc.child.stdout;
  if (!stdout) throw new MediaError('MEDIA_FFMPEG_FAILED', 'ffmpeg stdout is not piped');
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  let produced = 0;
  const maxFrames = opts.maxFrames ?? Infinity;
  try {
    // Async iteration pauses the stream between chunks, which is what lets the OS pipe apply backpressure to ffmpeg.
    for await (const chunk of stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === frameBytes) {
          const done: RgbImage = { width, height, data: frame };
          frame = new Uint8Array(frameBytes);
          filled = 0;
          produced++;
          yield done;
          if (produced >= maxFrames) return;
        }
      }
    }
    const exit = await proc.exited;
    if (exit.spawnError || exit.code !== 0) throw exitError(`decoding ${path}`, proc, exit, 'MEDIA_FFMPEG_FAILED');
    if (produced === 0) throw new MediaError('MEDIA_UNREADABLE', `${path}: ffmpeg decoded no frames`);
  } finally {
    await stopProcess(proc);
  }
}

/**
 * Decodes a whole (small) clip into memory. Convenience for tests and short inputs; use {@link readVideoFrames} for
 * anything long.
 * @throws MediaError MEDIA_TOO_LARGE when the decoded frames would exceed `maxBytes`, plus those of readVideoFrames.
 */
export async function readAllFrames(path: string, opts: ReadAllFramesOptions = {}): Promise<RgbImage[]> {
  validateOptions(opts);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const info = await probeVideo(path);
  const { width, height } = outputSize(info, opts);
  const fpsRatio = opts.fps !== undefined && info.fps > 0 ? opts.fps / info.fps : 1;
  const expectedFrames = Math.min(opts.maxFrames ?? Infinity, Math.ceil(info.frameCount * fpsRatio) + 1);
  if (expectedFrames * width * height * 3 > maxBytes) {
    throw new MediaError(
      'MEDIA_TOO_LARGE',
      `${path}: ~${expectedFrames} frames of ${width}x${height} exceed maxBytes=${maxBytes}; stream with readVideoFrames or set maxFrames`,
    );
  }
  const frames: RgbImage[] = [];
  for await (const frame of readVideoFrames(path, opts)) frames.push(frame);
  return frames;
}

/**
 * Decodes the first frame of any ffmpeg-readable image (png, jpg, webp, ...) or video.
 * @throws MediaError MEDIA_NOT_FOUND, MEDIA_UNREADABLE, MEDIA_NO_VIDEO.
 */
export async function readImage(path: string): Promise<RgbImage> {
  for await (const frame of readVideoFrames(path, { maxFrames: 1 })) return frame;
  throw new MediaError('MEDIA_UNREADABLE', `${path}: no image decoded`);
}

/** The size frames will have after crop and resize. */
function outputSize(info: VideoInfo, opts: ReadVideoOptions): FrameSize {
  if (opts.crop) {
    const { x, y, width, height } = opts.crop;
    if (x + width > info.width || y + height > info.height) {
      throw new MediaError(
        'MEDIA_BAD_ARGUMENT',
        `crop ${JSON.stringify(opts.crop)} extends past the ${info.width}x${info.height} frame; use cropResize for padded crops`,
      );
    }
  }
  return opts.size ?? opts.crop ?? { width: info.width, height: info.height };
}

function ffmpegDecodeArgs(path: string, opts: ReadVideoOptions): string[] {
  const filters: string[] = [];
  if (opts.crop) filters.push(`crop=${opts.crop.width}:${opts.crop.height}:${opts.crop.x}:${opts.crop.y}:exact=1`);
  if (opts.size) filters.push(`scale=${opts.size.width}:${opts.size.height}:flags=bicubic`);
  if (opts.fps !== undefined) filters.push(`fps=${opts.fps}`);
  return [
    '-nostdin', '-hide_banner', '-v', 'error',
    ...(opts.startS ? ['-ss', String(opts.startS)] : []),
    '-i', path,
    '-map', '0:v:0', '-an', '-sn', '-dn',
    ...(filters.length > 0 ? ['-vf', filters.join(',')] : []),
    // rawvideo output would otherwise default to constant-rate sync and duplicate frames of variable-rate clips.
    '-fps_mode', 'passthrough',
    ...(opts.maxFrames !== undefined ? ['-frames:v', String(opts.maxFrames)] : []),
    '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
  ];
}

function validateOptions(opts: ReadVideoOptions): void {
  if (opts.maxFrames !== undefined && !(Number.isInteger(opts.maxFrames) && opts.maxFrames > 0)) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `maxFrames must be a positive integer, got ${opts.maxFrames}`);
  }
  if (opts.startS !== undefined && !(Number.isFinite(opts.startS) && opts.startS >= 0)) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `startS must be a finite number >= 0, got ${opts.startS}`);
  }
  if (opts.fps !== undefined && !(Number.isFinite(opts.fps) && opts.fps > 0 && opts.fps <= 1000)) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `fps must be in (0, 1000], got ${opts.fps}`);
  }
  if (opts.size) assertFrameSize(opts.size, 'size');
  if (opts.crop) {
    assertFrameSize(opts.crop, 'crop');
    if (!(Number.isInteger(opts.crop.x) && Number.isInteger(opts.crop.y) && opts.crop.x >= 0 && opts.crop.y >= 0)) {
      throw new MediaError('MEDIA_BAD_ARGUMENT', `crop x/y must be integers >= 0, got ${opts.crop.x},${opts.crop.y}`);
    }
  }
}

/** Ends ffmpeg however iteration stopped (done, break, throw) so no decoder outlives its iterator. */
async function stopProcess(proc: MediaProcess): Promise<void> {
  proc.child.stdout?.destroy();
  await killAndWait(proc);
}
