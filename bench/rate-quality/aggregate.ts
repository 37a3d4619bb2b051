/** Per-clip results of each method and rate point, and their mean and median over clips. */
import '../../src/node/index.js';
import type { ComparisonSummary } from '../../src/metrics/index.js';
import type { RateStats } from './rate-stats.js';

/** Metrics that are aggregated over clips (from each clip's per-frame mean). */
export const AGGREGATED_METRICS = [
  'akdPx', 'akdMouthPx', 'akdContourPx', 'akdBrowsPx', 'akdNosePx', 'akdEyesPx', 'aed', 'aemod', 'psnrDb', 'ssim',
  'facePsnrDb', 'faceSsim',
] as const;
export type AggregatedMetric = (typeof AGGREGATED_METRICS)[number];

/** One method at one rate point on one clip. */
export interface ClipResult {
  readonly clip: string;
  /** 'facecodec', 'libx264', 'libx265' or 'libaom-av1'. */
  readonly method: string;
  /** Rate point label, unique within the method ("k16 e10 b9", "16k", "qmax"). */
  readonly point: string;
  readonly rate: RateStats;
  /** Over the clip's measured frames; failures (no face in the output) are counted there, never dropped silently. */
  readonly metrics: ComparisonSummary;
  /** Codec wall time for the clip, ms: both passes for classical codecs, encode + decode for facecodec. */
  readonly codecMs: number;
}

/** Mean and median over clips; NaN when no clip has a value. */
export interface OverClips {
  readonly mean: number;
  readonly median: number;
  /** Clips that contributed a finite value. */
  readonly clips: number;
}

/** One method at one rate point, over all clips. */
export interface PointAggregate {
  readonly method: string;
  readonly point: string;
  readonly clips: number;
  readonly kbps: OverClips;
  readonly totalKbps: OverClips;
  /** Steady-state network kbit/s (NaN where a result has none). */
  readonly wireKbps: OverClips;
  readonly firstKeyframeBytes: OverClips;
  readonly metrics: Readonly<Record<AggregatedMetric, OverClips>>;
  /** Measured frames over all clips. */
  readonly measuredFrames: number;
  /** Of those, frames whose reconstruction had no detectable face (failures). */
  readonly noFaceInOutput: number;
  /** Of those, frames whose reference had no detectable face (excluded from face metrics for every method). */
  readonly noFaceInReference: number;
}

/** Mean and median of the finite values (Infinity, e.g. a lossless PSNR, and NaN are left out). */
export function overClips(values: readonly number[]): OverClips {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = finite.length;
  if (n === 0) return { mean: NaN, median: NaN, clips: 0 };
  const mean = finite.reduce((s, v) => s + v, 0) / n;
  const median = n % 2 === 1 ? finite[n >> 1] : (finite[n / 2 - 1] + finite[n / 2]) / 2;
  return { mean, median, clips: n };
}

/** Groups clip results by method and point (first-seen order) and aggregates each group. */
export function aggregate(results: readonly ClipResult[]): PointAggregate[] {
  const groups = new Map<string, ClipResult[]>();
  for (const r of results) {
    const key = `${r.method}\u0000${r.point}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => {
    const metrics = {} as Record<AggregatedMetric, OverClips>;
    for (const m of AGGREGATED_METRICS) metrics[m] = overClips(g.map((r) => r.metrics[m].mean));
    return {
      method: g[0].method,
      point: g[0].point,
      clips: g.length,
      kbps: overClips(g.map((r) => r.rate.kbps)),
      totalKbps: overClips(g.map((r) => r.rate.totalKbps)),
      wireKbps: overClips(g.map((r) => r.rate.wireKbps ?? NaN)),
      firstKeyframeBytes: overClips(g.map((r) => r.rate.firstKeyframeBytes)),
      metrics,
      measuredFrames: g.reduce((s, r) => s + r.metrics.frames, 0),
      noFaceInOutput: g.reduce((s, r) => s + r.metrics.noFaceInOutput, 0),
      noFaceInReference: g.reduce((s, r) => s + r.metrics.noFaceInReference, 0),
    };
  });
}
