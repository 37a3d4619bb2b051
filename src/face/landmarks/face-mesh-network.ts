/** MediaPipe FaceMesh (192x192 input, 468 3D points + face flag): runs on a rotated ROI and maps points back to the image. */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { roiToImage, type FaceRoi } from './face-roi.js';
import { sampleRoi, type ImagePyramid } from './roi-sampler.js';
import { tf } from './tf-runtime.js';

/** Side of the mesh network's input, pixels. */
export const MESH_INPUT_PX = 192;
/** Points in the MediaPipe face mesh. */
export const MESH_POINT_COUNT = 468;

/** Raw output of one mesh run: points in network-input pixels (kept for the iris step) and in image pixels. */
export interface MeshRun {
  /** 468*3, x,y in input pixels (0..192), z in input-pixel scale. */
  readonly inputPoints: Float32Array;
  /** 468*3, x,y in image pixels, z scaled to image pixels. */
  readonly points: Float32Array;
  readonly confidence: number;
}

/** Runs FaceMesh; the model is owned by the caller. */
export class FaceMeshNetwork {
  /** The normalised crop of the last run, 192x192x3 in [0,1]; the iris step re-samples its eyes from the image instead. */
  private readonly input = new Float32Array(MESH_INPUT_PX * MESH_INPUT_PX * 3);

  constructor(private readonly model: GraphModel) {}

  /** Mesh of the face inside `roi`. */
  async run(pyramid: ImagePyramid, roi: FaceRoi): Promise<MeshRun> {
    sampleRoi(pyramid, roi, MESH_INPUT_PX, this.input, 1 / 255, 0);
    const outputs = tf.tidy(() => {
      const res = this.model.execute(tf.tensor4d(this.input, [1, MESH_INPUT_PX, MESH_INPUT_PX, 3]));
      return Array.isArray(res) ? res : [res];
    });
    let raw: Float32Array;
    let flag: number;
    try {
      const meshT = outputs.find((t) => t.shape[t.shape.length - 1] === MESH_POINT_COUNT * 3);
      const flagT = outputs.find((t) => t.shape[t.shape.length - 1] === 1);
      if (!meshT || !flagT) throw new Error(`unexpected FaceMesh outputs: ${outputs.map((t) => t.shape.join('x')).join(', ')}`);
      raw = (await meshT.data()) as Float32Array;
      flag = ((await flagT.data()) as Float32Array)[0];
    } finally {
      tf.dispose(outputs);
    }
    const inputPoints = Float32Array.from(raw);
    const points = new Float32Array(MESH_POINT_COUNT * 3);
    const zScale = roi.sizePx / MESH_INPUT_PX;
    for (let i = 0; i < MESH_POINT_COUNT; i++) {
      roiToImage(roi, MESH_INPUT_PX, raw[3 * i], raw[3 * i + 1], points, 3 * i);
      points[3 * i + 2] = raw[3 * i + 2] * zScale;
    }
    // This conversion already ends in a sigmoid (values in 0..1); clamp in case another conversion does not.
    return { inputPoints, points, confidence: Math.min(1, Math.max(0, flag)) };
  }
}
