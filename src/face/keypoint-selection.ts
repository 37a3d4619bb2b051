/**
 * Which iBUG-68 landmarks are sent as keypoints for a given count K: the first K of one priority order, so every
 * smaller selection is a prefix of a larger one. Mouth and eyes come first (speech and blinks), then nose, brows and
 * the face contour, as in the paper.
 */

/** iBUG-68 landmark ids, most important first. */
export const KEYPOINT_PRIORITY: readonly number[] = [
  // mouth opening and eyelids
  66, 62, 37, 41, 44, 46, 48, 54,
  // eye corners, outer lips, nose tip, brows, chin: the default 16 end here
  36, 45, 51, 57, 30, 19, 24, 8,
  // rest of the eyes and inner lips
  38, 40, 43, 47, 39, 42, 60, 64, 61, 63, 65, 67,
  // rest of the outer lips
  49, 53, 55, 59, 50, 52, 56, 58,
  // nose
  33, 27, 31, 35, 28, 29, 32, 34,
  // brows
  17, 21, 22, 26, 18, 20, 23, 25,
  // contour
  0, 16, 4, 12, 2, 14, 6, 10, 1, 3, 5, 7, 9, 11, 13, 15,
];

export const DEFAULT_KEYPOINT_COUNT = 16;

/** The landmark ids sent for `count` keypoints (1..68). */
export function selectKeypoints(count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > 68) {
    throw new RangeError(`keypoint count must be an integer in 1..68, got ${count}`);
  }
  return KEYPOINT_PRIORITY.slice(0, count);
}

/** iBUG-68 groups, for reporting and for metrics such as AKD-M (mouth = 48..67). */
export const IBUG68_GROUPS = {
  contour: range(0, 17),
  rightBrow: range(17, 22),
  leftBrow: range(22, 27),
  nose: range(27, 36),
  rightEye: range(36, 42),
  leftEye: range(42, 48),
  mouth: range(48, 68),
} as const;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
