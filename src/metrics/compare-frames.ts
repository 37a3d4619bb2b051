/** Per-frame comparison of a reference frame with a decoded output frame: pixel and face metrics plus failure flags. */
import type { RgbImage } from '../media/rgb-image.js';
import { aed, aemod } from './embedding-distance.js';
import type { FaceAnalysis, FaceEvaluator } from './face-evaluator.js';
import { assertSameSize } from './image-checks.js';
import { faceBox, facePsnr, faceSsim } from './face-region.js';
import { akd, akdMouth, akdRegion } from './landmark-distance.js';
import { psnr } from './psnr.js';
import { ssim } from './ssim.js';

/**
 * Metrics of one frame pair. Face metrics are `null` whenever they could not be measured, and the reason is always
 * visible in the flags: a missing face in either image is a counted failure, never a silently skipped frame.
 */
export interface FrameComparison {
  /** PSNR over RGB in dB; `Infinity` when the frames are identical. */
  readonly psnrDb: number;
  /** Mean luma SSIM, 11x11 Gaussian window. */
  readonly ssim: number;
  /** PSNR and SSIM inside the padded box of the reference's landmarks (face-region.ts); null without a reference face. */
  readonly facePsnrDb: number | null;
  readonly faceSsim: number | null;
  /** The evaluator found no face in the reference frame (face metrics are null). */
  readonly noFaceInReference: boolean;
  /** The evaluator found no face in the output frame (face metrics are null). */
  readonly noFaceInOutput: boolean;
  /** Mean landmark distance over the 68 points, pixels. */
  readonly akdPx: number | null;
  /** Mean landmark distance over the 20 mouth points, pixels. */
  readonly akdMouthPx: number | null;
  /** Mean landmark distance per region (17 jaw contour, 10 brow, 9 nose, 12 eye points), pixels. */
  readonly akdContourPx: number | null;
  readonly akdBrowsPx: number | null;
  readonly akdNosePx: number | null;
  readonly akdEyesPx: number | null;
  /** Identity descriptor distance (Euclidean); null also when the evaluator computes no descriptors. */
  readonly aed: number | null;
  /** Expression vector distance (L2); null also when the evaluator computes no expressions. */
  readonly aemod: number | null;
}

/** Options of {@link compareFrames}. */
export interface CompareFramesOptions {
  /**
   * Analysis of `ref` made earlier with the same evaluator (`null` = no face), so a reference clip compared against
   * several encodings is analysed once. Omitted: `ref` is analysed here.
   */
  readonly refAnalysis?: FaceAnalysis | null;
}

/**
 * Compares a decoded frame with its reference. Both must have the same size (landmark distances are in its pixels).
 * @throws MetricsError METRICS_BAD_ARGUMENT / METRICS_SIZE_MISMATCH for bad images; evaluator errors pass through.
 */
export async function compareFrames(
  ref: RgbImage,
  out: RgbImage,
  evaluator: FaceEvaluator,
  options: CompareFramesOptions = {},
): Promise<FrameComparison> {
  assertSameSize(ref, out);
  const refFace = options.refAnalysis !== undefined ? options.refAnalysis : await evaluator.analyze(ref);
  const outFace = await evaluator.analyze(out);
  const both = refFace !== null && outFace !== null;
  const box = refFace ? faceBox(refFace.landmarks68, ref.width, ref.height) : null;
  return {
    psnrDb: psnr(ref, out),
    ssim: ssim(ref, out),
    facePsnrDb: box ? facePsnr(ref, out, box) : null,
    faceSsim: box ? faceSsim(ref, out, box) : null,
    noFaceInReference: refFace === null,
    noFaceInOutput: outFace === null,
    akdPx: both ? akd(refFace.landmarks68, outFace.landmarks68) : null,
    akdMouthPx: both ? akdMouth(refFace.landmarks68, outFace.landmarks68) : null,
    akdContourPx: both ? akdRegion(refFace.landmarks68, outFace.landmarks68, 'contour') : null,
    akdBrowsPx: both ? akdRegion(refFace.landmarks68, outFace.landmarks68, 'brows') : null,
    akdNosePx: both ? akdRegion(refFace.landmarks68, outFace.landmarks68, 'nose') : null,
    akdEyesPx: both ? akdRegion(refFace.landmarks68, outFace.landmarks68, 'eyes') : null,
    aed: both && refFace.descriptor && outFace.descriptor ? aed(refFace.descriptor, outFace.descriptor) : null,
    aemod: both && refFace.expression && outFace.expression ? aemod(refFace.expression, outFace.expression) : null,
  };
}
