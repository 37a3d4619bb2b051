/** The CPU renderer: poses the face model's mesh for the keyframe and for each frame, and warps the keyframe between them. */
import type { FaceModel } from '../face/face-model.js';
import { projectPoints } from '../face/projection.js';
import type { RgbImage } from '../media/rgb-image.js';
import type { FaceRenderer, RenderFrame, RenderKeyframe } from './renderer.js';
import { EYE_STATE, IRIS_RADIUS_PER_EYE_WIDTH } from '../face/eye-state.js';
import { headMotion3d, outlinePlaneAffine } from './renderers/head-motion-3d.js';
import { outerBoundaryLoop } from './renderers/mesh-boundary.js';
import {
  backgroundPlate,
  buildEyeRig,
  MeshWarpRenderer,
  RendererError,
  rigAperture,
  rigEyeFrame,
  setRigAperture,
  type EyeRigEye,
  type IrisPlacement,
  type KeyframeLayers,
  type MouthInterior,
  type MeshWarpRendererOptions,
  type WarpMesh,
} from './renderers/index.js';

/** Below this aperture the keyframe shows too little of an eye to take an iris from. */
const MIN_IRIS_SOURCE_APERTURE = 0.12;
/**
 * The iris network's lids close only about half way in a blink (a shut eye measures about 0.55 of its open aperture
 * on the shared clips), so a narrowing past BLINK_ONSET of the keyframe's opening is drawn CLOSING_GAIN times
 * stronger; smaller changes (tracking noise, a squint) are drawn as measured.
 */
const BLINK_ONSET = 0.85;
const CLOSING_GAIN = 2.5;

/** The aperture to draw for a measured one, relative to the keyframe's measured opening (see CLOSING_GAIN). */
export function drawnAperture(measured: number, keyframeMeasured: number): number {
  if (!(keyframeMeasured > 0) || !Number.isFinite(measured)) return measured;
  const ratio = measured / keyframeMeasured;
  const drawn = ratio >= BLINK_ONSET ? ratio : Math.max(0, BLINK_ONSET - CLOSING_GAIN * (BLINK_ONSET - ratio));
  return keyframeMeasured * drawn;
}

export class MeshWarpFaceRenderer implements FaceRenderer {
  readonly name = 'mesh-warp';
  private readonly warp: MeshWarpRenderer;
  private keyframe: RenderKeyframe | null = null;
  private mesh: WarpMesh | null = null;
  private sourceVertices: Float32Array = new Float32Array(0);
  private targetVertices: Float32Array = new Float32Array(0);
  private meshMm: Float32Array = new Float32Array(0);
  private readonly sourceToTarget = new Float64Array(6);
  private readonly motion3dBuffer = new Float64Array(15);
  /** Head-space depth (model z, mm) of the head's outline: the face oval's deepest vertex in the keyframe. */
  private outlineDepthMm: number | null = null;
  /** The model's eyes (right, left) as lid rigs, when the keyframe carries an eye state and the model has eye loops. */
  private eyes: Array<{ rig: EyeRigEye; loop: Uint32Array; aperture: number; measured: number }> = [];
  private keyframeGaze: [number, number] = [0, 0];
  /** Person and background layers of the keyframe, when it carried a matte. */
  private layers: KeyframeLayers | undefined;
  /** The open mouth to draw interiors from, in its own image's pixels. */
  private mouthInterior: MouthInterior | undefined;

  /**
   * `headMotion`: what moves the face's surroundings. `outline` (default): the head's 3D motion at the depth of the face
   * outline, from the poses. `face-similarity`: a 2D similarity fitted to the face mesh (the renderer before
   * 2026-12; under a head turn it drags the outline with the cheeks), kept for comparisons.
   */
  constructor(options: MeshWarpRendererOptions = {}, private readonly headMotion: 'outline' | 'face-similarity' = 'outline') {
    if (headMotion !== 'outline' && headMotion !== 'face-similarity') throw new RendererError('RENDER_BAD_INPUT', `headMotion must be outline or face-similarity, got ${String(headMotion)}`);
    this.warp = new MeshWarpRenderer(options);
  }

  /** The keyframe's topology (null before setKeyframe), for layers drawn on top of the warp. */
  get warpMesh(): WarpMesh | null {
    return this.mesh;
  }

  /** Where the last rendered frame put each mesh vertex (x y z px; valid until the next render). */
  get frameVertices(): Float32Array {
    return this.targetVertices;
  }

  setKeyframe(keyframe: RenderKeyframe): void {
    const model: FaceModel = keyframe.model;
    this.keyframe = keyframe;
    this.mesh = { triangles: model.triangles, innerMouthLoop: model.innerMouthLoop, eyeLoops: model.eyeLoops };
    this.meshMm = new Float32Array(model.vertexCount * 3);
    this.sourceVertices = projectPoints(model.mesh(keyframe.params, this.meshMm), keyframe.pose);
    this.outlineDepthMm = outlineDepth(this.meshMm, outerBoundaryLoop(model.triangles));
    this.targetVertices = new Float32Array(this.sourceVertices.length);
    this.layers = keyframe.personMatte ? { matte: keyframe.personMatte, background: backgroundPlate(keyframe.image, keyframe.personMatte) } : undefined;
    const mouth = keyframe.mouthReference;
    this.mouthInterior =
      mouth && model.innerMouthLoop && mouth.innerLip.length === model.innerMouthLoop.length * 2
        ? { image: mouth.image, innerLip: Float32Array.from(mouth.innerLip, (v, i) => v - (i % 2 === 0 ? mouth.x : mouth.y)) }
        : undefined;
    this.eyes = [];
    const state = keyframe.eyeState;
    if (state && model.eyeLoops?.length === 2) {
      // The keyframe's lids are put where the image has them, so a frame's aperture moves them from the right place.
      model.eyeLoops.forEach((loop, e) => {
        const rig = buildEyeRig(loop, model.triangles, this.sourceVertices);
        if (!rig) return;
        const aperture = state[e === 0 ? EYE_STATE.apertureRight : EYE_STATE.apertureLeft];
        setRigAperture(rig, this.sourceVertices, aperture);
        this.eyes.push({ rig, loop, aperture: rigAperture(rig, this.sourceVertices), measured: aperture });
      });
      this.keyframeGaze = [state[EYE_STATE.gazeX], state[EYE_STATE.gazeY]];
    }
  }

  render(frame: RenderFrame, out: RgbImage): void {
    const kf = this.keyframe;
    if (!kf || !this.mesh) throw new Error('MeshWarpFaceRenderer.render before setKeyframe');
    projectPoints(kf.model.mesh(frame.params, this.meshMm), frame.pose, this.targetVertices);
    fitSimilarity2d(this.sourceVertices, this.targetVertices, this.sourceToTarget);
    // Hair, ears and the skirt move as the head's outline does, not as the face surface (see head-motion-3d.ts).
    const motion3d = this.outlineDepthMm === null || this.headMotion === 'face-similarity' ? null : headMotion3d(kf.pose, frame.pose, this.outlineDepthMm, this.motion3dBuffer);
    if (motion3d) outlinePlaneAffine(motion3d, this.sourceToTarget);
    const irises = frame.eyeState && this.eyes.length === 2 ? this.placeEyes(frame.eyeState) : undefined;
    this.warp.renderFrame({
      keyframe: kf.image,
      sourceVertices: this.sourceVertices,
      targetVertices: this.targetVertices,
      mesh: this.mesh,
      headMotion: { sourceToTarget: this.sourceToTarget, ...(motion3d ? { motion3d } : {}) },
      out,
      irises,
      layers: this.layers,
      mouthInterior: this.mouthInterior,
    });
  }

  /** Moves the target lids to the frame's apertures and places both irises for its gaze. */
  private placeEyes(state: Float32Array): IrisPlacement[] {
    const placements: IrisPlacement[] = [];
    this.eyes.forEach(({ rig, loop, aperture, measured }, e) => {
      const wanted = state[e === 0 ? EYE_STATE.apertureRight : EYE_STATE.apertureLeft];
      setRigAperture(rig, this.targetVertices, drawnAperture(wanted, measured));
      if (!(aperture >= MIN_IRIS_SOURCE_APERTURE)) return;
      placements.push({
        loop,
        source: irisDisc(rigEyeFrame(rig, this.sourceVertices), this.keyframeGaze[0], this.keyframeGaze[1]),
        target: irisDisc(rigEyeFrame(rig, this.targetVertices), state[EYE_STATE.gazeX], state[EYE_STATE.gazeY]),
      });
    });
    return placements;
  }

  close(): void {
    this.warp.close();
    this.keyframe = null;
  }
}

/** The iris disc of an eye looking at (gx, gy) (fractions of the eye's width from its centre, as eye-state.ts measures). */
function irisDisc(f: ReturnType<typeof rigEyeFrame>, gx: number, gy: number) {
  const cx = f.leftX + (f.ux * f.width) / 2, cy = f.leftY + (f.uy * f.width) / 2;
  return {
    x: cx + f.width * (gx * f.ux - gy * f.uy),
    y: cy + f.width * (gx * f.uy + gy * f.ux),
    radius: IRIS_RADIUS_PER_EYE_WIDTH * f.width,
  };
}

/** The deepest head-space z of the outline loop's vertices (null without a loop). */
function outlineDepth(meshMm: Float32Array, loop: Uint32Array | null): number | null {
  if (!loop || loop.length === 0) return null;
  let depth = Infinity;
  for (const v of loop) depth = Math.min(depth, meshMm[v * 3 + 2]);
  return Number.isFinite(depth) ? depth : null;
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
