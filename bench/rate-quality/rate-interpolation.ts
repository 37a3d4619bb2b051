/** Reading a codec's rate-quality curve backwards: the bitrate it needs to reach a given AKD (lower AKD = better). */
import { BenchError } from './bench-error.js';

/** One measured point of a rate-quality curve. */
export interface RatePoint {
  /** Steady-state bitrate, kbit/s (first keyframe excluded). */
  readonly kbps: number;
  /** Quality as a distance: lower is better (AKD in pixels here). */
  readonly distance: number;
}

/**
 * The bitrate a codec needs for a target distance:
 * - `interpolated`: the curve crosses the target inside its measured range; `kbps` is interpolated linearly in
 *   log(kbit/s) (rates are compared as ratios, as BD-rate does) between the two bracketing points.
 * - `below-range`: already at its lowest measured rate the codec is at least as good, so it needs `kbps` or less.
 * - `not-reached`: the codec never gets that good within its measured range.
 */
export type RequiredRate =
  | { readonly kind: 'interpolated'; readonly kbps: number }
  | { readonly kind: 'below-range'; readonly kbps: number }
  | { readonly kind: 'not-reached'; readonly bestDistance: number };

/**
 * Lowest bitrate at which the curve reaches `targetDistance`, walking the points in increasing rate and taking the
 * first crossing (a noisy curve may cross back; the first crossing is the cheapest rate that reaches the target).
 * Points with a non-finite distance (no face metrics) are ignored.
 * @throws BenchError BENCH_BAD_ARGUMENT for a non-finite target, no usable points or a non-positive rate.
 */
export function requiredRate(curve: readonly RatePoint[], targetDistance: number): RequiredRate {
  if (!Number.isFinite(targetDistance)) throw new BenchError('BENCH_BAD_ARGUMENT', `targetDistance must be finite, got ${targetDistance}`);
  const points = curve.filter((p) => Number.isFinite(p.distance));
  for (const p of points) {
    if (!(Number.isFinite(p.kbps) && p.kbps > 0)) throw new BenchError('BENCH_BAD_ARGUMENT', `curve rates must be finite and > 0, got ${p.kbps}`);
  }
  if (points.length === 0) throw new BenchError('BENCH_BAD_ARGUMENT', 'curve has no point with a finite distance');
  const sorted = [...points].sort((a, b) => a.kbps - b.kbps);
  if (sorted[0].distance <= targetDistance) return { kind: 'below-range', kbps: sorted[0].kbps };
  for (let i = 1; i < sorted.length; i++) {
    const lo = sorted[i - 1];
    const hi = sorted[i];
    if (hi.distance > targetDistance) continue;
    // lo is worse than the target and hi at least as good, so lo.distance > hi.distance and t is in (0, 1].
    const t = (lo.distance - targetDistance) / (lo.distance - hi.distance);
    const logKbps = Math.log(lo.kbps) + t * (Math.log(hi.kbps) - Math.log(lo.kbps));
    return { kind: 'interpolated', kbps: Math.exp(logKbps) };
  }
  let best = Infinity;
  for (const p of sorted) best = Math.min(best, p.distance);
  return { kind: 'not-reached', bestDistance: best };
}

/** How many times the bitrate `required` is of `reference` kbit/s, as text for a table: "3.2x", "<= 1.5x", "not reached". */
export function formatRateRatio(required: RequiredRate, referenceKbps: number): string {
  if (required.kind === 'not-reached') return 'not reached';
  const ratio = required.kbps / referenceKbps;
  const text = `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}x`;
  return required.kind === 'below-range' ? `<= ${text}` : text;
}
