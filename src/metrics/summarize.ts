/** Aggregates per-frame comparisons into the numbers a rate-quality report shows: mean, median, failure counts. */
import type { FrameComparison } from './compare-frames.js';

/** Mean and median of one metric over the frames where it was measured. */
export interface MetricStats {
  /** Frames that contributed a value. */
  readonly count: number;
  /** NaN when `count` is 0. PSNR's mean is `Infinity` if any frame pair was identical; its median is robust to that. */
  readonly mean: number;
  /** NaN when `count` is 0; the mean of the two middle values for an even count. */
  readonly median: number;
}

/** Summary of a sequence of {@link FrameComparison}s. */
export interface ComparisonSummary {
  readonly frames: number;
  /** Frames whose reference had no detectable face. */
  readonly noFaceInReference: number;
  /** Frames whose output had no detectable face (counted whether or not the reference had one). */
  readonly noFaceInOutput: number;
  /** Frames where both faces were found, i.e. where face metrics exist. */
  readonly faceMetricFrames: number;
  readonly psnrDb: MetricStats;
  readonly ssim: MetricStats;
  readonly facePsnrDb: MetricStats;
  readonly faceSsim: MetricStats;
  readonly akdPx: MetricStats;
  readonly akdMouthPx: MetricStats;
  readonly akdContourPx: MetricStats;
  readonly akdBrowsPx: MetricStats;
  readonly akdNosePx: MetricStats;
  readonly akdEyesPx: MetricStats;
  readonly aed: MetricStats;
  readonly aemod: MetricStats;
}

function stats(values: number[]): MetricStats {
  const count = values.length;
  if (count === 0) return { count, mean: NaN, median: NaN };
  let sum = 0;
  for (const v of values) sum += v;
  const sorted = Float64Array.from(values).sort();
  const mid = count >> 1;
  const median = count % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count, mean: sum / count, median };
}

function present(records: readonly FrameComparison[], pick: (r: FrameComparison) => number | null): number[] {
  const out: number[] = [];
  for (const r of records) {
    const v = pick(r);
    if (v !== null) out.push(v);
  }
  return out;
}

/** Means, medians and failure counts over `records`; an empty list gives zero counts and NaN statistics. */
export function summarize(records: readonly FrameComparison[]): ComparisonSummary {
  let noRef = 0;
  let noOut = 0;
  let both = 0;
  for (const r of records) {
    if (r.noFaceInReference) noRef++;
    if (r.noFaceInOutput) noOut++;
    if (!r.noFaceInReference && !r.noFaceInOutput) both++;
  }
  return {
    frames: records.length,
    noFaceInReference: noRef,
    noFaceInOutput: noOut,
    faceMetricFrames: both,
    psnrDb: stats(present(records, (r) => r.psnrDb)),
    ssim: stats(present(records, (r) => r.ssim)),
    facePsnrDb: stats(present(records, (r) => r.facePsnrDb)),
    faceSsim: stats(present(records, (r) => r.faceSsim)),
    akdPx: stats(present(records, (r) => r.akdPx)),
    akdMouthPx: stats(present(records, (r) => r.akdMouthPx)),
    akdContourPx: stats(present(records, (r) => r.akdContourPx)),
    akdBrowsPx: stats(present(records, (r) => r.akdBrowsPx)),
    akdNosePx: stats(present(records, (r) => r.akdNosePx)),
    akdEyesPx: stats(present(records, (r) => r.akdEyesPx)),
    aed: stats(present(records, (r) => r.aed)),
    aemod: stats(present(records, (r) => r.aemod)),
  };
}
