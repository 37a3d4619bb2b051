/** Same-run bandwidth comparison and the markdown tables the script prints for the README. */
import type { PointAggregate } from './aggregate.js';
import { formatRateRatio, requiredRate, type RatePoint, type RequiredRate } from './rate-interpolation.js';

/** The method whose rate points the classical codecs are compared against. */
export const REFERENCE_METHOD = 'facecodec';

/** At one facecodec rate point: the bitrate a classical codec needs for the same mean AKD. */
export interface RateSaving {
  readonly point: string;
  readonly facecodecKbps: number;
  readonly facecodecAkdPx: number;
  readonly codec: string;
  readonly required: RequiredRate;
  /** required / facecodec kbit/s: the bandwidth factor facecodec saves (null when not reached or not measurable). */
  readonly ratio: number | null;
}

/** Which statistic over clips the curves use: the mean, or the median (robust to one clip's keyframe refresh). */
export type OverClipsStat = 'mean' | 'median';

/** Each method's curve of steady-state kbit/s against AKD, both as `stat` over clips. */
export function akdCurves(aggregates: readonly PointAggregate[], stat: OverClipsStat = 'mean'): Map<string, RatePoint[]> {
  const curves = new Map<string, RatePoint[]>();
  for (const a of aggregates) {
    const list = curves.get(a.method) ?? [];
    list.push({ kbps: a.kbps[stat], distance: a.metrics.akdPx[stat] });
    curves.set(a.method, list);
  }
  return curves;
}

/**
 * For every facecodec point with a finite AKD, the rate each other method needs to match it on its own measured
 * curve (see requiredRate), rates and AKDs taken as `stat` over clips. Methods whose curve has no finite AKD are left out.
 */
export function rateSavings(aggregates: readonly PointAggregate[], stat: OverClipsStat = 'mean'): RateSaving[] {
  const curves = akdCurves(aggregates, stat);
  const out: RateSaving[] = [];
  for (const a of aggregates) {
    const kbps = a.kbps[stat];
    const akdPx = a.metrics.akdPx[stat];
    if (a.method !== REFERENCE_METHOD || !Number.isFinite(akdPx) || !(kbps > 0)) continue;
    for (const [codec, curve] of curves) {
      if (codec === REFERENCE_METHOD) continue;
      const usable = curve.filter((p) => Number.isFinite(p.distance) && p.kbps > 0);
      if (usable.length === 0) continue;
      const required = requiredRate(usable, akdPx);
      out.push({
        point: a.point,
        facecodecKbps: kbps,
        facecodecAkdPx: akdPx,
        codec,
        required,
        ratio: required.kind === 'not-reached' ? null : required.kbps / kbps,
      });
    }
  }
  return out;
}

/** A number with `digits` decimals, or '-' where it is not finite (no measurement). */
export function num(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '-';
}

/** Mean (median) as "1.23 (1.10)". */
function meanMedian(o: { mean: number; median: number }, digits: number): string {
  return `${num(o.mean, digits)} (${num(o.median, digits)})`;
}

/** The per-point table: rate, first keyframe, face metrics and failures, mean over clips with the median beside it. */
export function resultsTable(aggregates: readonly PointAggregate[]): string {
  const rows = [
    '| method | point | kbit/s | wire kbit/s | first key (B) | AKD px | AKD-M px | AED | AEMOD | PSNR dB | SSIM | face PSNR dB | face SSIM | no face |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const a of aggregates) {
    const m = a.metrics;
    rows.push(
      `| ${a.method} | ${a.point} | ${meanMedian(a.kbps, 2)} | ${a.wireKbps.clips > 0 ? meanMedian(a.wireKbps, 1) : '-'} | ${num(a.firstKeyframeBytes.mean, 0)} | ${meanMedian(m.akdPx, 2)} | ` +
        `${meanMedian(m.akdMouthPx, 2)} | ${meanMedian(m.aed, 3)} | ${meanMedian(m.aemod, 3)} | ${meanMedian(m.psnrDb, 1)} | ` +
        `${meanMedian(m.ssim, 3)} | ${meanMedian(m.facePsnrDb, 1)} | ${meanMedian(m.faceSsim, 3)} | ${a.noFaceInOutput}/${a.measuredFrames} |`,
    );
  }
  return rows.join('\n');
}

/** AKD per landmark region (jaw contour, brows, nose, eyes, mouth), mean over clips with the median beside it: where the error sits. */
export function regionTable(aggregates: readonly PointAggregate[]): string {
  const rows = [
    '| method | point | AKD px | contour | brows | nose | eyes | mouth |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const a of aggregates) {
    const m = a.metrics;
    const cells = [m.akdPx, m.akdContourPx, m.akdBrowsPx, m.akdNosePx, m.akdEyesPx, m.akdMouthPx].map((o) => meanMedian(o, 2));
    rows.push(`| ${a.method} | ${a.point} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

/** The bandwidth table: per facecodec point, what each classical codec needs for the same AKD. */
export function savingsTable(savings: readonly RateSaving[]): string {
  const codecs = [...new Set(savings.map((s) => s.codec))];
  const points = [...new Set(savings.map((s) => s.point))];
  const rows = [`| facecodec point | kbit/s | AKD px | ${codecs.map((c) => `${c} kbit/s (x)`).join(' | ')} |`, `|---|---:|---:|${codecs.map(() => '---:').join('|')}|`];
  for (const p of points) {
    const ofPoint = savings.filter((s) => s.point === p);
    const cells = codecs.map((c) => {
      const s = ofPoint.find((x) => x.codec === c);
      if (!s) return '-';
      if (s.required.kind === 'not-reached') return `not reached (best AKD ${num(s.required.bestDistance, 2)})`;
      const prefix = s.required.kind === 'below-range' ? '<= ' : '';
      return `${prefix}${num(s.required.kbps, 1)} (${formatRateRatio(s.required, s.facecodecKbps)})`;
    });
    rows.push(`| ${p} | ${num(ofPoint[0].facecodecKbps, 2)} | ${num(ofPoint[0].facecodecAkdPx, 2)} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}
