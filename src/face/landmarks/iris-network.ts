/** MediaPipe Iris (64x64 eye crops): iris centre and rim for both eyes, from squares around the mesh's eye corners. */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { roiToImage, rollFromPointsRad, type FaceRoi } from './face-roi.js';
import { sampleRoi, type ImagePyramid } from './roi-sampler.js';
import { tf } from './tf-runtime.js';

const INPUT_PX = 64;
/** Per eye the network returns 71 eye-contour points then 5 iris points (centre, then 4 on the rim), x,y,z each. */
const CONTOUR_POINTS = 71;
const OUTPUT_POINTS = 76;
/** Eye crop side relative to the corner-to-corner distance (MediaPipe's iris graph uses 2.3). */
const EYE_ROI_SCALE = 2.3;

/** Mesh indices of the eye corners: subject's right eye (outer, inner) then left eye (inner, outer). */
const EYES = [
  { outer: 33, inner: 133, mirrored: true },
  { outer: 263, inner: 362, mirrored: false },
] as const;

/**
 * The first 16 of the network's eye-contour points trace the eye opening: the lower lid from the inner to the outer
 * corner (9 points, corners included), then the upper lid from inner to outer (7). Named here by the mesh vertices
 * they refine (checked on real clips: each lands within a few px of its vertex).
 */
export const EYELID_POINTS = 16;
export const RIGHT_EYELID_MESH_IDS: readonly number[] = [133, 155, 154, 153, 145, 144, 163, 7, 33, 173, 157, 158, 159, 160, 161, 246];
export const LEFT_EYELID_MESH_IDS: readonly number[] = [362, 382, 381, 380, 374, 373, 390, 249, 263, 398, 384, 385, 386, 387, 388, 466];

/** What the iris network finds in both eyes, image pixels (z: the mesh's depth at the eye). */
export interface IrisResult {
  /** 10*3: right iris (centre + 4 rim points) then left iris. */
  readonly iris: Float32Array;
  /** 32*3: the refined eye openings, right eye then left, in the order of RIGHT_/LEFT_EYELID_MESH_IDS. */
  readonly eyelids: Float32Array;
}

/** Runs Iris on both eyes in one batch; the model is owned by the caller. */
export class IrisNetwork {
  private readonly input = new Float32Array(2 * INPUT_PX * INPUT_PX * 3);
  private readonly eyeInput = new Float32Array(INPUT_PX * INPUT_PX * 3);

  constructor(private readonly model: GraphModel) {}

  /**
   * 10*3 floats: right iris (centre + 4 rim points) then left iris, x,y in image pixels; z is the mesh's depth at the
   * eye (the network's own iris depth is not reliable).
   */
  async run(pyramid: ImagePyramid, meshPoints: Float32Array): Promise<IrisResult> {
    const rois: FaceRoi[] = [];
    for (let e = 0; e < 2; e++) {
      const { outer, inner, mirrored } = EYES[e];
      const ox = meshPoints[3 * outer];
      const oy = meshPoints[3 * outer + 1];
      const ix = meshPoints[3 * inner];
      const iy = meshPoints[3 * inner + 1];
      // both eyes rotated by the line from image-left to image-right corner
      const roll = mirrored ? rollFromPointsRad(ox, oy, ix, iy) : rollFromPointsRad(ix, iy, ox, oy);
      const roi = { centerX: (ox + ix) / 2, centerY: (oy + iy) / 2, sizePx: Math.hypot(ox - ix, oy - iy) * EYE_ROI_SCALE, rotationRad: roll };
      rois.push(roi);
      sampleRoi(pyramid, roi, INPUT_PX, this.eyeInput, 1 / 255, 0);
      // The network was trained on one eye's orientation: the other eye is shown to it mirrored.
      const base = e * INPUT_PX * INPUT_PX * 3;
      for (let v = 0; v < INPUT_PX; v++) {
        for (let u = 0; u < INPUT_PX; u++) {
          const src = (v * INPUT_PX + (mirrored ? INPUT_PX - 1 - u : u)) * 3;
          const dst = base + (v * INPUT_PX + u) * 3;
          this.input[dst] = this.eyeInput[src];
          this.input[dst + 1] = this.eyeInput[src + 1];
          this.input[dst + 2] = this.eyeInput[src + 2];
        }
      }
    }
    const out = tf.tidy(() => {
      const res = this.model.execute(tf.tensor4d(this.input, [2, INPUT_PX, INPUT_PX, 3]));
      return Array.isArray(res) ? res[0] : res;
    });
    let raw: Float32Array;
    try {
      raw = (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
    const iris = new Float32Array(30);
    const eyelids = new Float32Array(2 * EYELID_POINTS * 3);
    for (let e = 0; e < 2; e++) {
      const eyeZ = (meshPoints[3 * EYES[e].outer + 2] + meshPoints[3 * EYES[e].inner + 2]) / 2;
      const toImage = (point: number, out: Float32Array, at: number) => {
        const r = (e * OUTPUT_POINTS + point) * 3;
        const u = EYES[e].mirrored ? INPUT_PX - raw[r] : raw[r];
        roiToImage(rois[e], INPUT_PX, u, raw[r + 1], out, at * 3);
        out[at * 3 + 2] = eyeZ;
      };
      for (let k = 0; k < 5; k++) toImage(CONTOUR_POINTS + k, iris, e * 5 + k);
      for (let k = 0; k < EYELID_POINTS; k++) toImage(k, eyelids, e * EYELID_POINTS + k);
    }
    return { iris, eyelids };
  }
}
