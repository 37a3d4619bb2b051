/** A FaceRenderer decorator that applies an ExpressionEditor to every frame before the wrapped renderer draws it. */
import type { FaceRenderer, RenderFrame, RenderKeyframe } from '../decoder/renderer.js';
import type { RgbImage } from '../media/rgb-image.js';
import type { ExpressionEditor } from './expression-editor.js';

/**
 * Receiver-side editing without touching the Decoder: `createDecoder({ renderer: new EditingRenderer(inner, editor) })`.
 * The Decoder's returned params/pose stay as received; only what is drawn changes. Edits set on the editor take effect
 * from the next frame. Closing this closes the wrapped renderer.
 */
export class EditingRenderer implements FaceRenderer {
  readonly name: string;
  private model: RenderKeyframe['model'] | null = null;
  private readonly before = new Float32Array(204);
  private readonly after = new Float32Array(204);
  private keypoints = new Float32Array(0);

  constructor(
    private readonly inner: FaceRenderer,
    readonly editor: ExpressionEditor,
  ) {
    this.name = `${inner.name}+edit`;
  }

  get learnedKeypointCount(): number | undefined {
    return this.inner.learnedKeypointCount;
  }

  setKeyframe(keyframe: RenderKeyframe): void | Promise<void> {
    this.model = keyframe.model;
    return this.inner.setKeyframe(keyframe);
  }

  render(frame: RenderFrame, out: RgbImage): void | Promise<void> {
    if (!this.editor.active) return this.inner.render(frame, out);
    const edited = this.editor.apply(frame.params, frame.pose);
    let keypointsMm = frame.keypointsMm;
    if (edited.params !== frame.params && this.model) {
      // Renderers that draw from the keypoints (neural) must see the edited expression too: move the received keypoints
      // by the model's landmark change, which keeps whatever the keypoints carried beyond the model.
      this.model.landmarks68(frame.params, this.before);
      this.model.landmarks68(edited.params, this.after);
      if (this.keypoints.length !== keypointsMm.length) this.keypoints = new Float32Array(keypointsMm.length);
      frame.landmarkIds.forEach((id, i) => {
        for (let c = 0; c < 3; c++) this.keypoints[i * 3 + c] = keypointsMm[i * 3 + c] + this.after[id * 3 + c] - this.before[id * 3 + c];
      });
      keypointsMm = this.keypoints;
    }
    return this.inner.render({ ...frame, params: edited.params, pose: edited.pose, keypointsMm }, out);
  }

  close(): void | Promise<void> {
    return this.inner.close();
  }
}
