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

/** Runs Iris on both eyes in one batch; the model is owned by the caller. */
export class IrisNetwork {
  private readonly input = new Float32Array(2 * INPUT_PX * INPUT_PX * 3);
  private readonly eyeInput = new Float32Array(INPUT_PX * INPUT_PX * 3);

  constructor(private readonly model: GraphModel) {}

  /**
   * 10*3 floats: right iris (centre + 4 rim points) then left iris, x,y in image pixels; z is the mesh's depth at the
   * eye (the network's own iris depth is not reliable).
   */
  async run(pyramid: ImagePyramid, meshPoints: Float32Array): Promise<Float32Array> {
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
    for (let e = 0; e < 2; e++) {
      const eyeZ = (meshPoints[3 * EYES[e].outer + 2] + meshPoints[3 * EYES[e].inner + 2]) / 2;
      for (let k = 0; k < 5; k++) {
        const r = (e * OUTPUT_POINTS + CONTOUR_POINTS + k) * 3;
        const u = EYES[e].mirrored ? INPUT_PX - raw[r] : raw[r];
        roiToImage(rois[e], INPUT_PX, u, raw[r + 1], iris, (e * 5 + k) * 3);
        iris[(e * 5 + k) * 3 + 2] = eyeZ;
      }
    }
    return iris;
  }
}
