/** Face-region pixel metrics: PSNR and SSIM inside the padded box of the reference's 68 face-api landmarks. */
import type { RgbImage } from '../media/rgb-image.js';
import { psnr } from './psnr.js';
import { ssim } from './ssim.js';

/** Integer pixel box, end exclusive. */
export interface FaceBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Share of the landmark box added on each side: the 68 points stop at the brows, the forehead is face too. */
const PAD = 0.1;

/** The landmark box (interleaved x,y) padded by 10% per side and clipped to the image. */
export function faceBox(landmarks68: Float32Array, width: number, height: number): FaceBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i + 1 < landmarks68.length; i += 2) {
    minX = Math.min(minX, landmarks68[i]);
    maxX = Math.max(maxX, landmarks68[i]);
    minY = Math.min(minY, landmarks68[i + 1]);
    maxY = Math.max(maxY, landmarks68[i + 1]);
  }
  const px = (maxX - minX) * PAD;
  const py = (maxY - minY) * PAD;
  return {
    x0: Math.max(0, Math.floor(minX - px)),
    y0: Math.max(0, Math.floor(minY - py)),
    x1: Math.min(width, Math.ceil(maxX + px)),
    y1: Math.min(height, Math.ceil(maxY + py)),
  };
}

function cut(img: RgbImage, b: FaceBox): RgbImage {
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) data.set(img.data.subarray(((b.y0 + y) * img.width + b.x0) * 3, ((b.y0 + y) * img.width + b.x1) * 3), y * w * 3);
  return { width: w, height: h, data };
}

/** PSNR (dB, RGB) inside the box; capped at 99 so identical regions stay averageable. */
export function facePsnr(ref: RgbImage, out: RgbImage, box: FaceBox): number {
  return Math.min(99, psnr(cut(ref, box), cut(out, box)));
}

/** Luma SSIM inside the box. */
export function faceSsim(ref: RgbImage, out: RgbImage, box: FaceBox): number {
  return ssim(cut(ref, box), cut(out, box));
}
