/** One participant's view of a multi-party call: the remote streams side by side in a grid, written as a video. */
import '../../src/node/index.js';
import { createRgbImage, VideoWriter, type RgbImage } from '../../src/media/index.js';
import { ReceivedVideo } from './received-video.js';

/** Cells of `cell`×`cell` pixels, `columns` across; each cell shows the latest frame of one remote participant. */
export class ParticipantGrid {
  private readonly latest = new Map<number, RgbImage>();

  private constructor(
    private readonly video: ReceivedVideo,
    private readonly slots: number[],
    private readonly cell: number,
    private readonly columns: number,
  ) {}

  /** Opens `path` for the remotes `remoteIds` (their order is the cells' order). */
  static async open(path: string, remoteIds: number[], fps: number, cell = 256): Promise<ParticipantGrid> {
    const columns = Math.ceil(Math.sqrt(remoteIds.length));
    const rows = Math.ceil(remoteIds.length / columns);
    const writer = await VideoWriter.open(path, { width: columns * cell, height: rows * cell, fps });
    return new ParticipantGrid(new ReceivedVideo(writer, fps), remoteIds, cell, columns);
  }

  /** A decoded frame of `remoteId` captured at `timestampMs` (stream time): the grid at that moment is written. */
  add(remoteId: number, image: RgbImage, timestampMs: number): void {
    if (!this.slots.includes(remoteId)) return;
    this.latest.set(remoteId, image);
    this.video.add(this.compose(), timestampMs);
  }

  /** Finishes the file; returns the frames written. */
  close(): Promise<number> {
    return this.video.close();
  }

  private compose(): RgbImage {
    const rows = Math.ceil(this.slots.length / this.columns);
    const grid = createRgbImage(this.columns * this.cell, rows * this.cell);
    this.slots.forEach((id, index) => {
      const image = this.latest.get(id);
      if (!image) return;
      const x0 = (index % this.columns) * this.cell;
      const y0 = Math.floor(index / this.columns) * this.cell;
      const w = Math.min(this.cell, image.width);
      for (let y = 0; y < Math.min(this.cell, image.height); y++) {
        const from = y * image.width * 3;
        grid.data.set(image.data.subarray(from, from + w * 3), ((y0 + y) * grid.width + x0) * 3);
      }
    });
    return grid;
  }
}
