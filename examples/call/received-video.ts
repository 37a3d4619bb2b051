/** Writes a receiver's frames on the stream's time line: a frame slot with nothing decoded repeats the previous image. */
import '../../src/node/index.js';
import type { RgbImage, VideoWriter } from '../../src/media/index.js';

/** Feeds a VideoWriter in the background so the decode loop never waits for ffmpeg. */
export class ReceivedVideo {
  private chain: Promise<void> = Promise.resolve();
  private nextSlot = 0;
  private last: RgbImage | undefined;
  private written = 0;
  private failure: unknown;

  /** Writes to `writer` at `fps` frames per second. */
  constructor(
    private readonly writer: VideoWriter,
    private readonly fps: number,
  ) {}

  /** Adds a decoded image captured at `timestampMs` (stream time); older-than-written slots are ignored. */
  add(image: RgbImage, timestampMs: number): void {
    const slot = Math.round((timestampMs * this.fps) / 1000);
    if (slot < this.nextSlot) return;
    const fill = this.last;
    const from = this.nextSlot;
    this.nextSlot = slot + 1;
    this.last = image;
    this.chain = this.chain
      .then(async () => {
        // Before the first frame there is nothing to repeat: the video starts at the first decoded frame.
        if (fill) for (let s = from; s < slot; s++) await this.write(fill);
        await this.write(image);
      })
      .catch((error) => {
        this.failure ??= error;
      });
  }

  /** Finishes the file; returns the number of frames written. */
  async close(): Promise<number> {
    await this.chain;
    await this.writer.close();
    if (this.failure) throw this.failure;
    return this.written;
  }

  private async write(image: RgbImage): Promise<void> {
    await this.writer.write(image);
    this.written++;
  }
}
