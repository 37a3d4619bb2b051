/** The CPU renderer: poses the face model's mesh for the keyframe and for each frame, and warps the keyframe between them. */
import type { FaceModel } from '../face/face-model.js';
import { projectPoints } from '../face/projection.js';
import type { RgbImage } from '../media/rgb-image.js';
import type { FaceRenderer, RenderFrame, RenderKeyframe } from './renderer.js';
import { MeshWarpRenderer, type MeshWarpRendererOptions, type WarpMesh } from './renderers/index.js';

export class MeshWarpFaceRenderer implements FaceRenderer {
  readonly name = 'mesh-warp';
  private readonly warp: MeshWarpRenderer;
  private keyframe: RenderKeyframe | null = null;
  private mesh: WarpMesh | null = null;
  private sourceVertices: Float32Array = new Float32Array(0);
  private targetVertices: Float32Array = new Float32Array(0);
  private meshMm: Float32Array = new Float32Array(0);
  private readonly sourceToTarget = new Float64Array(6);

  constructor(options: MeshWarpRendererOptions = {}) {
    this.warp = new MeshWarpRenderer(options);
  }

  setKeyframe(keyframe: RenderKeyframe): void {
    const model: FaceModel = keyframe.model;
    this.keyframe = keyframe;
    this.mesh = { triangles: model.triangles, innerMouthLoop: model.innerMouthLoop, eyeLoops: model.eyeLoops };
    this.meshMm = new Float32Array(model.vertexCount * 3);
    this.sourceVertices = projectPoints(model.mesh(keyframe.params, this.meshMm), keyframe.pose);
    this.targetVertices = new Float32Array(this.sourceVertices.length);
  }

  render(frame: RenderFrame, out: RgbImage): void {
    const kf = this.keyframe;
    if (!kf || !this.mesh) throw new Error('MeshWarpFaceRenderer.render before setKeyframe');
    projectPoints(kf.model.mesh(frame.params, this.meshMm), frame.pose, this.targetVertices);
    fitSimilarity2d(this.sourceVertices, this.targetVertices, this.sourceToTarget);
    this.warp.renderFrame({
      keyframe: kf.image,
      sourceVertices: this.sourceVertices,
      targetVertices: this.targetVertices,
      mesh: this.mesh,
      headMotion: { sourceToTarget: this.sourceToTarget },
      out,
    });
  }

  close(): void {
    this.warp.close();
    this.keyframe = null;
  }
}

/** Least-squares 2D similarity (rotation, uniform scale, translation) from `src` to `dst` points (xyz triples), as a 2x3 affine. */
export function fitSimilarity2d(src: Float32Array, dst: Float32Array, out: Float64Array): Float64Array {
  const n = src.length / 3;
  let sx = 0, sy = 0, dx = 0, dy = 0;
  for (let i = 0; i < n; i++) {
    sx += src[i * 3]; sy += src[i * 3 + 1];
    dx += dst[i * 3]; dy += dst[i * 3 + 1];
  }
  sx /= n; sy /= n; dx /= n; dy /= n;
  let num1 = 0, num2 = 0, den = 0;
  for (let i = 0; i < n; i++) {
    const ax = src[i * 3] - sx, ay = src[i * 3 + 1] - sy;
    const bx = dst[i * 3] - dx, by = dst[i * 3 + 1] - dy;
    num1 += ax * bx + ay * by;
    num2 += ax * by - ay * bx;
    den += ax * ax + ay * ay;
  }
  const a = den > 0 ? num1 / den : 1;
  const b = den > 0 ? num2 / den : 0;
  out[0] = a; out[1] = -b; out[2] = dx - (a * sx - b * sy);
  out[3] = b; out[4] = a; out[5] = dy - (b * sx + a * sy);
  return out;
}
