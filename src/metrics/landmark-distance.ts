/** Average keypoint distance (AKD) between two sets of iBUG-68 landmarks, over the whole face or the mouth only. */
import { MetricsError } from './metrics-error.js';

/** Number of points of the iBUG-68 layout face-api's landmark net predicts. */
export const LANDMARK_COUNT = 68;
/** iBUG-68 indices 48..67 (outer and inner lip contours): the 20 mouth points used by {@link akdMouth}. */
export const MOUTH_FIRST_INDEX = 48;
export const MOUTH_END_INDEX = 68;

function meanPointDistance(refLm: Float32Array, outLm: Float32Array, first: number, end: number): number {
  if (refLm.length !== LANDMARK_COUNT * 2 || outLm.length !== LANDMARK_COUNT * 2) {
    throw new MetricsError(
      'METRICS_BAD_ARGUMENT',
      `landmark arrays must hold ${LANDMARK_COUNT * 2} values (x,y per point), got ${refLm.length} and ${outLm.length}`,
    );
  }
  let sum = 0;
  for (let p = first; p < end; p++) {
    sum += Math.hypot(refLm[2 * p] - outLm[2 * p], refLm[2 * p + 1] - outLm[2 * p + 1]);
  }
  return sum / (end - first);
}

/**
 * AKD: mean Euclidean distance in pixels between corresponding points of two iBUG-68 landmark sets
 * (interleaved x,y, 136 values, image pixels). Both sets must come from images of the same size.
 * @throws MetricsError METRICS_BAD_ARGUMENT when an array is not 136 long.
 */
export function akd(refLm: Float32Array, outLm: Float32Array): number {
  return meanPointDistance(refLm, outLm, 0, LANDMARK_COUNT);
}

/**
 * AKD-M: like {@link akd} but over the 20 mouth points (indices 48-67) only; lip sync errors show here first.
 * @throws MetricsError METRICS_BAD_ARGUMENT when an array is not 136 long.
 */
export function akdMouth(refLm: Float32Array, outLm: Float32Array): number {
  return meanPointDistance(refLm, outLm, MOUTH_FIRST_INDEX, MOUTH_END_INDEX);
}

/** iBUG-68 landmark groups reported separately (index ranges, end exclusive); mouth is {@link akdMouth}'s range. */
export const LANDMARK_REGIONS = {
  contour: [0, 17],
  brows: [17, 27],
  nose: [27, 36],
  eyes: [36, 48],
  mouth: [MOUTH_FIRST_INDEX, MOUTH_END_INDEX],
} as const satisfies Record<string, readonly [number, number]>;
export type LandmarkRegion = keyof typeof LANDMARK_REGIONS;

/**
 * AKD of one landmark group (jaw contour, brows, nose, eyes, mouth), pixels: where a renderer's error sits.
 * @throws MetricsError METRICS_BAD_ARGUMENT when an array is not 136 long.
 */
export function akdRegion(refLm: Float32Array, outLm: Float32Array, region: LandmarkRegion): number {
  const [first, end] = LANDMARK_REGIONS[region];
  return meanPointDistance(refLm, outLm, first, end);
}
