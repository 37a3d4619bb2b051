/** Reading a rate-quality run's JSON back and reducing it to one ablation row per setting, and the markdown table. */
import { z } from 'zod';
import { AGGREGATED_METRICS, type AggregatedMetric } from '../rate-quality/aggregate.js';
import { BenchError } from '../rate-quality/bench-error.js';
import { rungLabel } from '../rate-quality/facecodec-method.js';
import { bytesPerFrame } from '../rate-quality/rate-stats.js';
import type { AblationSetting } from './settings.js';
import { num } from '../rate-quality/report-tables.js';

// JSON writes NaN (no clip had a value) as null: read it back as NaN.
const overClipsSchema = z.object({
  mean: z.number().nullable().transform((v) => v ?? NaN),
  median: z.number().nullable().transform((v) => v ?? NaN),
  clips: z.number(),
});
/** Reports written before a metric existed (the per-region AKDs) read it as not measured. */
const optionalOverClipsSchema = overClipsSchema.default({ mean: NaN, median: NaN, clips: 0 });
const ALWAYS_REPORTED: readonly AggregatedMetric[] = ['akdPx', 'akdMouthPx', 'aed', 'aemod', 'psnrDb', 'ssim'];

/** The part of rate-quality's `<date>.json` the ablation reads. */
const rateQualityReportSchema = z.object({
  bench: z.literal('rate-quality'),
  settings: z.object({ fps: z.number().positive() }),
  clips: z.array(z.unknown()),
  skipped: z.array(z.object({ method: z.string(), point: z.string(), reason: z.string() })),
  aggregates: z.array(
    z.object({
      method: z.string(),
      point: z.string(),
      clips: z.number(),
      kbps: overClipsSchema,
      firstKeyframeBytes: overClipsSchema,
      metrics: z.object(
        Object.fromEntries(AGGREGATED_METRICS.map((m) => [m, ALWAYS_REPORTED.includes(m) ? overClipsSchema : optionalOverClipsSchema])) as
          Record<AggregatedMetric, typeof overClipsSchema>,
      ),
      measuredFrames: z.number(),
      noFaceInOutput: z.number(),
    }),
  ),
});

export type RateQualityReport = z.infer<typeof rateQualityReportSchema>;

/**
 * Parses a rate-quality JSON report.
 * @throws BenchError BENCH_RUN_FAILED when it is not JSON or not a rate-quality report.
 */
export function parseRateQualityReport(text: string, file: string): RateQualityReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new BenchError('BENCH_RUN_FAILED', `${file} is not JSON`, { cause });
  }
  const parsed = rateQualityReportSchema.safeParse(raw);
  if (!parsed.success) throw new BenchError('BENCH_RUN_FAILED', `${file} is not a rate-quality report: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** One setting's means over clips (NaN where no clip had a value). */
export interface AblationRow {
  readonly name: string;
  readonly renderer: AblationSetting['renderer'];
  readonly keypointMode: AblationSetting['keypointMode'];
  readonly rung: string;
  /** Clips with a result (a clip the run skipped has none). */
  readonly clips: number;
  /** Steady-state bytes per frame (first keyframe excluded), mean over clips. */
  readonly bytesPerFrame: number;
  readonly kbps: number;
  readonly firstKeyframeBytes: number;
  readonly metrics: Readonly<Record<AggregatedMetric, number>>;
  /** Reconstructions without a detectable face / measured frames. */
  readonly noFace: string;
  /** Clips the run skipped at this point, with the first reason. */
  readonly skipped: number;
  readonly skipReason: string | null;
}

/** The row of `setting` from its run's report: the facecodec aggregate at the setting's rung. */
export function ablationRow(setting: AblationSetting, report: RateQualityReport): AblationRow {
  const point = rungLabel(setting.rung);
  const a = report.aggregates.find((x) => x.method === 'facecodec' && x.point === point);
  const skipped = report.skipped.filter((s) => s.method === 'facecodec' && s.point === point);
  const kbps = a ? a.kbps.mean : NaN;
  return {
    name: setting.name,
    renderer: setting.renderer,
    keypointMode: setting.keypointMode,
    rung: point,
    clips: a ? a.clips : 0,
    bytesPerFrame: bytesPerFrame(kbps, report.settings.fps),
    kbps,
    firstKeyframeBytes: a ? a.firstKeyframeBytes.mean : NaN,
    metrics: Object.fromEntries(AGGREGATED_METRICS.map((m) => [m, a ? a.metrics[m].mean : NaN])) as Record<AggregatedMetric, number>,
    noFace: a ? `${a.noFaceInOutput}/${a.measuredFrames}` : '-',
    skipped: skipped.length,
    skipReason: skipped[0]?.reason ?? null,
  };
}

/** The markdown table of the rows, one line per setting. */
export function ablationTable(rows: readonly AblationRow[]): string {
  const out = [
    '| setting | renderer | keypoints | rung | bytes/frame | kbit/s | first key (B) | AKD px | AKD-M px | AED | AEMOD | PSNR dB | SSIM | no face | skipped clips |',
    '|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const m = r.metrics;
    out.push(
      `| ${r.name} | ${r.renderer} | ${r.keypointMode ?? 'landmarks'} | ${r.rung} | ${num(r.bytesPerFrame, 1)} | ${num(r.kbps, 2)} | ${num(r.firstKeyframeBytes, 0)} | ` +
        `${num(m.akdPx, 2)} | ${num(m.akdMouthPx, 2)} | ${num(m.aed, 3)} | ${num(m.aemod, 3)} | ${num(m.psnrDb, 1)} | ${num(m.ssim, 3)} | ${r.noFace} | ${r.skipped} |`,
    );
  }
  return out.join('\n');
}
