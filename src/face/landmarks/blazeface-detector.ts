/** BlazeFace (MediaPipe, 256x256 "back" variant as shipped by Human): letterboxed input, anchor decoding, weighted NMS. */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { FaceBox } from './face-types.js';
import { rollFromPointsRad } from './face-roi.js';
import { sampleRoi, type ImagePyramid } from './roi-sampler.js';
import { tf } from './tf-runtime.js';

const INPUT_PX = 256;
const KEYPOINTS = 6;
const REGRESSORS = 4 + 2 * KEYPOINTS;

/** Anchor centres in input pixels: a 16x16 grid with 2 anchors per cell, then an 8x8 grid with 6. */
function makeAnchors(): Float32Array {
  const layers = [
    { stridePx: 16, perCell: 2 },
    { stridePx: 32, perCell: 6 },
  ];
  const xy: number[] = [];
  for (const { stridePx, perCell } of layers) {
    const cells = Math.ceil(INPUT_PX / stridePx);
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++) {
        for (let n = 0; n < perCell; n++) xy.push(stridePx * (gx + 0.5), stridePx * (gy + 0.5));
      }
    }
  }
  return Float32Array.from(xy);
}

/** Options of {@link BlazeFaceDetector.detect}. */
export interface DetectOptions {
  /** Minimum detector confidence, default 0.5. */
  readonly minScore?: number;
  /** Overlap above which candidates are merged into one face, default 0.3. */
  readonly iouThreshold?: number;
  /** At most this many faces, strongest first; default 8. */
  readonly maxFaces?: number;
}

/** Runs BlazeFace on whole frames. The model is owned by the caller (FaceLandmarker). */
export class BlazeFaceDetector {
  private readonly anchors = makeAnchors();
  private readonly input = new Float32Array(INPUT_PX * INPUT_PX * 3);
  private readonly anchorCount: number;
  private readonly scores: Float32Array;
  private readonly boxes: Float32Array; // per anchor: cx, cy, w, h, then keypoints, in input pixels

  constructor(private readonly model: GraphModel) {
    this.anchorCount = this.anchors.length / 2;
    this.scores = new Float32Array(this.anchorCount);
    this.boxes = new Float32Array(this.anchorCount * REGRESSORS);
  }

  /** Faces in the image, strongest first. */
  async detect(pyramid: ImagePyramid, opts: DetectOptions = {}): Promise<FaceBox[]> {
    const img = pyramid.image;
    // Letterbox into a square (no stretching: the detector was trained on undistorted faces).
    const sidePx = Math.max(img.width, img.height);
    const roi = { centerX: img.width / 2, centerY: img.height / 2, sizePx: sidePx, rotationRad: 0 };
    sampleRoi(pyramid, roi, INPUT_PX, this.input, 1 / 127.5, -1);
    await this.runNetwork();
    const toImage = sidePx / INPUT_PX;
    const ox = roi.centerX - sidePx / 2;
    const oy = roi.centerY - sidePx / 2;
    const found = weightedNms(this.scores, this.boxes, opts.minScore ?? 0.5, opts.iouThreshold ?? 0.3, opts.maxFaces ?? 8);
    return found.map(({ score, box }) => {
      const keypoints = new Float32Array(2 * KEYPOINTS);
      for (let k = 0; k < 2 * KEYPOINTS; k += 2) {
        keypoints[k] = ox + box[4 + k] * toImage;
        keypoints[k + 1] = oy + box[5 + k] * toImage;
      }
      const width = box[2] * toImage;
      const height = box[3] * toImage;
      return {
        x: ox + box[0] * toImage - width / 2,
        y: oy + box[1] * toImage - height / 2,
        width,
        height,
        score,
        keypoints,
        rollRad: rollFromPointsRad(keypoints[0], keypoints[1], keypoints[2], keypoints[3]),
      };
    });
  }

  /** Runs the graph and decodes every anchor into `scores` (sigmoid) and `boxes` (input pixels). */
  private async runNetwork(): Promise<void> {
    const outputs = tf.tidy(() => {
      const x = tf.tensor4d(this.input, [1, INPUT_PX, INPUT_PX, 3]);
      const res = this.model.execute(x);
      return Array.isArray(res) ? res : [res];
    });
    try {
      // This conversion has four outputs (scores and regressors for each of the two anchor layers) in no fixed order:
      // tell them apart by shape. Layer order in the anchor list is 512 (16x16x2) then 384 (8x8x6).
      const byShape = (anchors: number, depth: number) =>
        outputs.find((t) => t.shape[t.shape.length - 1] === depth && t.size === anchors * depth);
      let start = 0;
      for (const anchors of [512, 384]) {
        const scoreT = byShape(anchors, 1);
        const regT = byShape(anchors, REGRESSORS);
        if (!scoreT || !regT) throw new Error(`unexpected BlazeFace outputs: ${outputs.map((t) => t.shape.join('x')).join(', ')}`);
        const [logits, regs] = (await Promise.all([scoreT.data(), regT.data()])) as Float32Array[];
        for (let i = 0; i < anchors; i++) {
          const a = start + i;
          const logit = Math.max(-80, Math.min(80, logits[i]));
          this.scores[a] = 1 / (1 + Math.exp(-logit));
          const ax = this.anchors[2 * a];
          const ay = this.anchors[2 * a + 1];
          const r = i * REGRESSORS;
          const b = a * REGRESSORS;
          this.boxes[b] = ax + regs[r];
          this.boxes[b + 1] = ay + regs[r + 1];
          this.boxes[b + 2] = regs[r + 2];
          this.boxes[b + 3] = regs[r + 3];
          for (let k = 4; k < REGRESSORS; k += 2) {
            this.boxes[b + k] = ax + regs[r + k];
            this.boxes[b + k + 1] = ay + regs[r + k + 1];
          }
        }
        start += anchors;
      }
    } finally {
      tf.dispose(outputs);
    }
  }
}

function iou(boxes: Float32Array, i: number, j: number): number {
  const a = i * REGRESSORS;
  const b = j * REGRESSORS;
  const ix = Math.min(boxes[a] + boxes[a + 2] / 2, boxes[b] + boxes[b + 2] / 2) - Math.max(boxes[a] - boxes[a + 2] / 2, boxes[b] - boxes[b + 2] / 2);
  const iy = Math.min(boxes[a + 1] + boxes[a + 3] / 2, boxes[b + 1] + boxes[b + 3] / 2) - Math.max(boxes[a + 1] - boxes[a + 3] / 2, boxes[b + 1] - boxes[b + 3] / 2);
  if (ix <= 0 || iy <= 0) return 0;
  const inter = ix * iy;
  return inter / (boxes[a + 2] * boxes[a + 3] + boxes[b + 2] * boxes[b + 3] - inter);
}

/**
 * MediaPipe-style weighted non-maximum suppression: overlapping candidates are averaged, weighted by score, instead of
 * keeping only the best one. The average is much steadier from frame to frame than any single anchor's regression.
 */
function weightedNms(scores: Float32Array, boxes: Float32Array, minScore: number, iouThreshold: number, maxFaces: number) {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] >= minScore) order.push(i);
  order.sort((p, q) => scores[q] - scores[p]);
  const used = new Uint8Array(scores.length);
  const result: { score: number; box: Float32Array }[] = [];
  for (const best of order) {
    if (used[best]) continue;
    if (result.length >= maxFaces) break;
    const acc = new Float32Array(REGRESSORS);
    let total = 0;
    for (const other of order) {
      if (used[other] || iou(boxes, best, other) < iouThreshold) continue;
      used[other] = 1;
      const wgt = scores[other];
      total += wgt;
      for (let k = 0; k < REGRESSORS; k++) acc[k] += wgt * boxes[other * REGRESSORS + k];
    }
    for (let k = 0; k < REGRESSORS; k++) acc[k] /= total;
    result.push({ score: scores[best], box: acc });
  }
  return result;
}
