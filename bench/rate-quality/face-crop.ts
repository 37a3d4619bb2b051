/** Choosing one fixed square face crop per clip from landmark boxes of a few frames, the same crop for every method. */
import '../../src/node/index.js';
import type { FrameSize, PixelRect } from '../../src/media/index.js';
import { BenchError } from './bench-error.js';

/** Axis-aligned box of a face's 68 landmarks, source pixels. */
export interface LandmarkBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Options of {@link chooseFaceCrop}. */
export interface FaceCropOptions {
  /** Crop side as a multiple of the landmark box's larger side. Default 1.8: whole head with some shoulders. */
  readonly sideScale?: number;
  /**
   * Upward shift of the crop centre as a share of the landmark box height. Default 0.1: the 68 landmarks stop at the
   * eyebrows, so their box centre sits below the centre of the head.
   */
  readonly upShift?: number;
}

/** Bounding box of interleaved x,y landmarks. */
export function landmarkBox(landmarks: ArrayLike<number>): LandmarkBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < landmarks.length; i += 2) {
    minX = Math.min(minX, landmarks[i]);
    maxX = Math.max(maxX, landmarks[i]);
    minY = Math.min(minY, landmarks[i + 1]);
    maxY = Math.max(maxY, landmarks[i + 1]);
  }
  return { minX, minY, maxX, maxY };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * One integer square crop for a whole clip: centred on the median landmark-box centre (shifted up), side
 * `sideScale` x the median box side, shrunk to fit the frame and slid inside it (never padded, so every method
 * sees real pixels). The median over frames keeps one odd detection from moving the crop.
 * @throws BenchError BENCH_NO_FACE when `boxes` is empty, BENCH_BAD_ARGUMENT for non-finite boxes or options.
 */
export function chooseFaceCrop(boxes: readonly LandmarkBox[], frame: FrameSize, options: FaceCropOptions = {}): PixelRect {
  const sideScale = options.sideScale ?? 1.8;
  const upShift = options.upShift ?? 0.1;
  if (!(Number.isFinite(sideScale) && sideScale > 0)) throw new BenchError('BENCH_BAD_ARGUMENT', `sideScale must be > 0, got ${sideScale}`);
  if (!Number.isFinite(upShift)) throw new BenchError('BENCH_BAD_ARGUMENT', `upShift must be finite, got ${upShift}`);
  if (boxes.length === 0) throw new BenchError('BENCH_NO_FACE', 'no face box to choose a crop from');
  for (const b of boxes) {
    if (![b.minX, b.minY, b.maxX, b.maxY].every(Number.isFinite) || b.maxX < b.minX || b.maxY < b.minY) {
      throw new BenchError('BENCH_BAD_ARGUMENT', `malformed landmark box ${JSON.stringify(b)}`);
    }
  }
  const cx = median(boxes.map((b) => (b.minX + b.maxX) / 2));
  const heights = boxes.map((b) => b.maxY - b.minY);
  const cy = median(boxes.map((b) => (b.minY + b.maxY) / 2)) - upShift * median(heights);
  const boxSide = median(boxes.map((b) => Math.max(b.maxX - b.minX, b.maxY - b.minY)));
  const side = Math.max(1, Math.min(Math.round(sideScale * boxSide), frame.width, frame.height));
  const x = Math.min(Math.max(0, Math.round(cx - side / 2)), frame.width - side);
  const y = Math.min(Math.max(0, Math.round(cy - side / 2)), frame.height - side);
  return { x, y, width: side, height: side };
}
