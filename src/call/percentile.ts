/** Nearest-rank percentiles of a small sample (per-interval delays), without sorting the caller's array. */

/** The `fraction` (0..1) nearest-rank percentile of `values`, or 0 for an empty sample. */
export function percentile(values: ArrayLike<number>, fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank];
}
