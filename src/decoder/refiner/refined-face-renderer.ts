/**
 * `mesh-warp+refine`: the mesh-warp render corrected inside the face region by a small network (issue #15) that has
 * learned what the warp gets wrong (mouth interior, eyes, seams). Without a runner it renders the plain warp and
 * hands each frame's network input to `capture`: the training data comes from exactly the code that feeds the network.
 */
import { cropResize } from '../../media/crop-resize.js';
import type { RgbImage } from '../../media/rgb-image.js';
import { planesToImage } from '../neural/image-tensor.js';
import { MeshWarpFaceRenderer } from '../mesh-warp-face-renderer.js';
import type { FaceRenderer, RenderFrame, RenderKeyframe } from '../renderer.js';
import type { MeshWarpRendererOptions } from '../renderers/index.js';
import { REFINER_INPUT_CHANNELS, RefinerInputBuilder } from './refiner-input.js';
import type { RefinerRunner } from './refiner-runner.js';

/** One frame's network input, as `capture` receives it (the buffer is reused: copy what you keep). */
export interface RefinerCapture {
  input: Float32Array;
  width: number;
  height: number;
  frame: RenderFrame;
}

export interface RefinedFaceRendererOptions {
  /** Runs the network; absent: the plain mesh-warp (with `capture`, a data recorder). */
  runner?: RefinerRunner;
  capture?: (sample: RefinerCapture) => void | Promise<void>;
  meshWarp?: MeshWarpRendererOptions;
}

export class RefinedFaceRenderer implements FaceRenderer {
  readonly name = 'mesh-warp+refine';
  private readonly warp: MeshWarpFaceRenderer;
  private builder: RefinerInputBuilder | null = null;
  private input = new Float32Array(0);
  private keyframeImage: RgbImage | null = null;
  /** The keyframe at the output's size (the codec renders at the keyframe's size; other sizes are resized once). */
  private keyframeAtSize: RgbImage | null = null;

  constructor(private readonly options: RefinedFaceRendererOptions = {}) {
    this.warp = new MeshWarpFaceRenderer(options.meshWarp);
  }

  get provider(): string {
    return this.options.runner?.provider ?? 'cpu';
  }

  setKeyframe(keyframe: RenderKeyframe): void {
    this.warp.setKeyframe(keyframe);
    const mesh = this.warp.warpMesh;
    this.builder = mesh ? new RefinerInputBuilder(mesh) : null;
    this.keyframeImage = keyframe.image;
    this.keyframeAtSize = null;
  }

  private keyframeFor(out: RgbImage): RgbImage {
    const kf = this.keyframeImage!;
    if (kf.width === out.width && kf.height === out.height) return kf;
    if (!this.keyframeAtSize || this.keyframeAtSize.width !== out.width || this.keyframeAtSize.height !== out.height) {
      this.keyframeAtSize = cropResize(kf, { x: 0, y: 0, width: kf.width, height: kf.height }, out.width, out.height);
    }
    return this.keyframeAtSize;
  }

  async render(frame: RenderFrame, out: RgbImage): Promise<void> {
    this.warp.render(frame, out);
    if (!this.builder) return;
    const size = REFINER_INPUT_CHANNELS * out.width * out.height;
    if (this.input.length !== size) this.input = new Float32Array(size);
    this.builder.build(out, this.warp.frameVertices, this.keyframeFor(out), this.input);
    if (this.options.capture) await this.options.capture({ input: this.input, width: out.width, height: out.height, frame });
    const runner = this.options.runner;
    if (!runner) return;
    const refined = await runner.run(this.input, out.width, out.height);
    planesToImage(refined, out.width, out);
  }

  async close(): Promise<void> {
    this.warp.close();
    await this.options.runner?.close();
  }
}
