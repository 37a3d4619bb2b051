/** RawFrameSink: feeds rgb24 frames into an ffmpeg process's stdin with backpressure and turns every failure into MediaError. */
import { once } from 'node:events';
import { FFMPEG_PATH, exitError, killAndWait, spawnMediaProcess, type MediaProcess } from './ffmpeg-process.js';
import { MediaError } from './media-error.js';
import type { FrameSize } from './pixel-rect.js';
import type { RgbImage } from './rgb-image.js';

/** The input half of every encoding command: raw rgb24 frames of a fixed size on stdin. */
export function rawInputArgs(size: FrameSize, fps: number): string[] {
  return [
    '-hide_banner', '-v', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${size.width}x${size.height}`, '-framerate', String(fps),
    '-i', 'pipe:0',
  ];
}

/** Internal: one ffmpeg encoder process fed frame by frame; the public wrappers are VideoWriter and writeImage. */
export class RawFrameSink {
  private framesWritten = 0;
  private closing: Promise<void> | undefined;
  private stdinError: Error | undefined;

  private constructor(
    private readonly proc: MediaProcess,
    private readonly size: FrameSize,
    private readonly what: string,
  ) {
    // Without a listener an EPIPE (ffmpeg died while we write) would be an unhandled 'error' event and crash the process.
    proc.child.stdin?.on('error', (err) => {
      this.stdinError = err;
    });
  }

  /** Starts ffmpeg with `outputArgs` after the raw-input arguments; resolves once the process is running. */
  static async start(size: FrameSize, fps: number, outputArgs: readonly string[], what: string): Promise<RawFrameSink> {
    const proc = spawnMediaProcess(FFMPEG_PATH, [...rawInputArgs(size, fps), ...outputArgs], 'pipe');
    const started = await Promise.race([once(proc.child, 'spawn').then(() => true, () => false), proc.exited.then(() => false)]);
    if (!started) throw exitError(what, proc, await proc.exited, 'MEDIA_FFMPEG_FAILED');
    return new RawFrameSink(proc, size, what);
  }

  /** Frames accepted so far. */
  get frameCount(): number {
    return this.framesWritten;
  }

  /** Queues one frame; resolves when ffmpeg is ready for more (pipe drained). The frame may be reused right away. */
  write(frame: RgbImage): Promise<void> {
    try {
      // Validate and copy synchronously: the caller may overwrite its buffer as soon as this call returns.
      return this.writeCopy(this.copyOf(frame));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private copyOf(frame: RgbImage): Buffer {
    if (this.closing) throw new MediaError('MEDIA_CLOSED', `${this.what}: write after close`);
    const { width, height } = this.size;
    if (!frame || frame.width !== width || frame.height !== height || frame.data?.length !== width * height * 3) {
      throw new MediaError(
        'MEDIA_BAD_ARGUMENT',
        `${this.what}: frame must be ${width}x${height} RGB (${width * height * 3} bytes), got ${frame?.width}x${frame?.height} with ${frame?.data?.length} bytes`,
      );
    }
    return Buffer.from(frame.data);
  }

  private async writeCopy(bytes: Buffer): Promise<void> {
    await this.throwIfDead();
    const stdin = this.proc.child.stdin;
    if (!stdin) throw new MediaError('MEDIA_FFMPEG_FAILED', `${this.what}: ffmpeg stdin is not piped`);
    const accepted = stdin.write(bytes);
    this.framesWritten++;
    if (!accepted) {
      await Promise.race([once(stdin, 'drain').catch(() => undefined), this.proc.exited]);
      await this.throwIfDead();
    }
  }

  /** Ends the input and waits for ffmpeg to finish the file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const stdin = this.proc.child.stdin;
      if (stdin && !stdin.destroyed) stdin.end();
      const exit = await this.proc.exited;
      if (exit.spawnError || exit.code !== 0) throw exitError(this.what, this.proc, exit, 'MEDIA_FFMPEG_FAILED');
    })();
    return this.closing;
  }

  /** Kills ffmpeg without finishing the file (the output is left incomplete). */
  async abort(): Promise<void> {
    this.closing ??= Promise.resolve();
    this.proc.child.stdin?.destroy();
    await killAndWait(this.proc);
  }

  /** ffmpeg exiting before close, or stdin failing, means the output is lost: report ffmpeg's reason. */
  private async throwIfDead(): Promise<void> {
    const child = this.proc.child;
    if (child.exitCode === null && child.signalCode === null && !this.stdinError) return;
    const exit = await this.proc.exited;
    this.closing ??= Promise.resolve();
    const err = exitError(this.what, this.proc, exit, 'MEDIA_FFMPEG_FAILED');
    throw new MediaError(err.code, `${err.message}${this.stdinError ? ` (stdin: ${this.stdinError.message})` : ''}`, {
      cause: this.stdinError,
    });
  }
}
