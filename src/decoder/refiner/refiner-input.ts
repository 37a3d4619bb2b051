/**
 * The refinement network's input, built from a mesh-warp render, the frame's projected mesh and the keyframe image:
 * planar [R, G, B, face, mouth, eyes, keyframe R, G, B] in 0..1, every value on the 1/255 grid so training data
 * stored as bytes is exactly what the renderer feeds the network. The keyframe, in place, tells the network where
 * the head has moved (warped and keyframe differ) and where the warp is the keyframe itself and needs no correction.
 */
import type { RgbImage } from '../../media/rgb-image.js';
import { outerBoundaryLoop } from '../renderers/mesh-boundary.js';
import type { WarpMesh } from '../renderers/warp-mesh.js';
import { featherMask, fillPolygon, type PixelBox } from './polygon-mask.js';

export const REFINER_INPUT_CHANNELS = 9;
export const REFINER_CHANNEL = { face: 3, mouth: 4, eyes: 5, keyframe: 6 } as const;
/** Feather radii (px at 256): the face mask fades over about 12 px, reaching past the outline so the jaw line can be corrected too so the correction never leaves a seam. */
const FACE_FEATHER_PX = 6;
const FEATURE_FEATHER_PX = 1;

/** Builds refiner inputs for one topology; buffers are reused across frames of the same size. */
export class RefinerInputBuilder {
  private readonly outline: Uint32Array | null;
  private scratch = new Float32Array(0);

  constructor(private readonly mesh: WarpMesh) {
    this.outline = outerBoundaryLoop(mesh.triangles);
  }

  /**
   * Writes the input of `warped` (the mesh-warp render) with the frame's vertices (x y z px) and the keyframe image
   * (the warp's size) into `out` (REFINER_INPUT_CHANNELS planes).
   */
  build(warped: RgbImage, vertices: Float32Array, keyframe: RgbImage, out: Float32Array): Float32Array {
    const { width, height } = warped;
    const plane = width * height;
    if (out.length !== REFINER_INPUT_CHANNELS * plane) throw new RangeError(`refiner input needs ${REFINER_INPUT_CHANNELS * plane} values, got ${out.length}`);
    if (keyframe.width !== width || keyframe.height !== height) throw new RangeError(`keyframe ${keyframe.width}x${keyframe.height} for a ${width}x${height} frame`);
    if (this.scratch.length !== plane) this.scratch = new Float32Array(plane);
    writePlanes(warped, out, 0);
    writePlanes(keyframe, out, REFINER_CHANNEL.keyframe * plane);
    this.region(out.subarray(REFINER_CHANNEL.face * plane, (REFINER_CHANNEL.face + 1) * plane), width, height, vertices, this.outline ? [this.outline] : [], FACE_FEATHER_PX);
    this.region(out.subarray(REFINER_CHANNEL.mouth * plane, (REFINER_CHANNEL.mouth + 1) * plane), width, height, vertices, this.mesh.innerMouthLoop ? [this.mesh.innerMouthLoop] : [], FEATURE_FEATHER_PX);
    this.region(out.subarray(REFINER_CHANNEL.eyes * plane, (REFINER_CHANNEL.eyes + 1) * plane), width, height, vertices, this.mesh.eyeLoops ?? [], FEATURE_FEATHER_PX);
    return out;
  }

  private region(mask: Float32Array, width: number, height: number, vertices: Float32Array, loops: readonly ArrayLike<number>[], feather: number): void {
    mask.fill(0);
    const box: PixelBox = { x0: width, y0: height, x1: 0, y1: 0 };
    for (const loop of loops) fillPolygon(mask, width, height, vertices, loop, box);
    if (box.x1 <= box.x0 || box.y1 <= box.y0) return;
    // The feather reads zeros outside its box, so the scratch must hold zeros there too.
    this.scratch.fill(0);
    const touched = featherMask(mask, width, height, feather, this.scratch, box);
    for (let y = touched.y0; y < touched.y1; y++) {
      for (let i = y * width + touched.x0, end = y * width + touched.x1; i < end; i++) mask[i] = Math.round(mask[i] * 255) / 255;
    }
  }
}

/** An image's R, G, B as three planes at `offset` of `out`. */
function writePlanes(image: RgbImage, out: Float32Array, offset: number): void {
  const plane = image.width * image.height, d = image.data;
  for (let i = 0, p = 0; i < plane; i++, p += 3) {
    out[offset + i] = d[p] / 255;
    out[offset + plane + i] = d[p + 1] / 255;
    out[offset + 2 * plane + i] = d[p + 2] / 255;
  }
}
