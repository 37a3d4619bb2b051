/**
 * A FaceRenderer that hands every `every`-th frame to the real renderer and skips the rest: a soak decodes every
 * packet (parsing, prediction, the decoder's state) but rendering each at 256 px would take most of its time.
 */
import type { FaceRenderer, RenderFrame, RenderKeyframe } from '../../src/decoder/renderer.js';
import type { RgbImage } from '../../src/media/rgb-image.js';

export class SampledRenderer implements FaceRenderer {
  readonly name: string;
  rendered = 0;
  private calls = 0;

  constructor(
    private readonly inner: FaceRenderer,
    private readonly every: number,
  ) {
    this.name = `${inner.name} (every ${every}th frame)`;
  }

  setKeyframe(keyframe: RenderKeyframe): void | Promise<void> {
    return this.inner.setKeyframe(keyframe);
  }

  render(frame: RenderFrame, out: RgbImage): void | Promise<void> {
    if (this.calls++ % this.every !== 0) return;
    this.rendered++;
    return this.inner.render(frame, out);
  }

  close(): void | Promise<void> {
    return this.inner.close();
  }
}
