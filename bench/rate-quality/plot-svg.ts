/** A small hand-written SVG line plot: panels side by side, log-scaled kbit/s on x, one polyline per method. */
import { BenchError } from './bench-error.js';

/** One line of a panel. Points with a non-finite coordinate are left out (and break nothing). */
export interface PlotSeries {
  readonly name: string;
  /** CSS colour. */
  readonly color: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** One panel: shared x axis (kbit/s, log scale), its own linear y axis starting at 0. */
export interface PlotPanel {
  readonly title: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
}

/** Options of {@link renderPlotSvg}. */
export interface PlotOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly panelWidthPx?: number;
  readonly panelHeightPx?: number;
}

const MARGIN = { left: 58, right: 16, top: 24, bottom: 46 };
const TITLE_PX = 34;
const LEGEND_PX = 28;

/** Data range of the finite points of every panel's x values and of one panel's y values. */
export interface AxisRange {
  readonly min: number;
  readonly max: number;
}

/** Log ticks (1, 2, 5 x 10^k; every integer mantissa on narrow ranges) inside [min, max] padded by 15%, and that axis range. */
export function logTicks(range: AxisRange): { ticks: number[]; axis: AxisRange } {
  if (!(range.min > 0 && range.max >= range.min && Number.isFinite(range.max))) {
    throw new BenchError('BENCH_BAD_ARGUMENT', `log axis needs 0 < min <= max, got ${range.min}..${range.max}`);
  }
  const lo = range.min / 1.15;
  const hi = range.max * 1.15;
  const within = (mantissas: readonly number[]) => {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        if (v >= lo && v <= hi) ticks.push(+v.toPrecision(3));
      }
    }
    return ticks;
  };
  // A narrow range (less than ~a decade) gets every integer mantissa, then halves, then tenths, so the axis still has
  // a few labels; tenths always give 3 or more, since the padded range spans a factor of 1.32 even for one point.
  const steps = [[1, 2, 5], mantissas(1), mantissas(0.5), mantissas(0.1)];
  const ticks = steps.map(within).find((t) => t.length >= 3) ?? within(steps[steps.length - 1]);
  return { ticks, axis: { min: lo, max: hi } };
}

/** Mantissas 1 <= m < 10 in steps of `step`. */
function mantissas(step: number): number[] {
  const out: number[] = [];
  for (let i = Math.round(1 / step); i < Math.round(10 / step); i++) out.push(+(i * step).toPrecision(3));
  return out;
}

/** About five round linear ticks from 0 to at least `max`; the last tick is the axis top. */
export function linearTicks(max: number): number[] {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const raw = top / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v < top + step * 0.999; v += step) ticks.push(+v.toPrecision(6));
  return ticks;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(v: number): string {
  // Significant digits, not decimals: the finest log ticks (0.045) must not print as their neighbours.
  return Number.isInteger(v) ? String(v) : String(+v.toPrecision(3));
}

/**
 * Renders the panels into one standalone SVG document (white background, DejaVu/sans-serif text) that browsers and
 * librsvg draw the same. Series keep their colour across panels; the legend is drawn once under the title.
 * @throws BenchError BENCH_BAD_ARGUMENT when there are no panels or no finite point with x > 0.
 */
export function renderPlotSvg(panels: readonly PlotPanel[], options: PlotOptions): string {
  if (panels.length === 0) throw new BenchError('BENCH_BAD_ARGUMENT', 'no panels to plot');
  const pw = options.panelWidthPx ?? 360;
  const ph = options.panelHeightPx ?? 300;
  const xs = panels.flatMap((p) => p.series.flatMap((s) => s.points.filter((q) => Number.isFinite(q.y) && q.x > 0 && Number.isFinite(q.x)).map((q) => q.x)));
  if (xs.length === 0) throw new BenchError('BENCH_BAD_ARGUMENT', 'no finite point to plot');
  const { ticks: xTicks, axis: xAxis } = logTicks({ min: Math.min(...xs), max: Math.max(...xs) });
  const width = pw * panels.length;
  const height = TITLE_PX + LEGEND_PX + ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="22" font-size="16" text-anchor="middle">${esc(options.title)}</text>`,
  ];
  // Legend: one entry per series name, in first-seen order, colours from the first panel that has it.
  const legend = new Map<string, string>();
  for (const p of panels) for (const s of p.series) if (!legend.has(s.name)) legend.set(s.name, s.color);
  let lx = 12;
  for (const [name, color] of legend) {
    out.push(`<line x1="${lx}" y1="${TITLE_PX + 10}" x2="${lx + 22}" y2="${TITLE_PX + 10}" stroke="${color}" stroke-width="2.5"/>`);
    out.push(`<text x="${lx + 28}" y="${TITLE_PX + 14}" font-size="12">${esc(name)}</text>`);
    lx += 40 + name.length * 7.5;
  }
  panels.forEach((panel, i) => {
    const ox = i * pw + MARGIN.left;
    const oy = TITLE_PX + LEGEND_PX + MARGIN.top;
    const w = pw - MARGIN.left - MARGIN.right;
    const h = ph - MARGIN.top - MARGIN.bottom;
    const ys = panel.series.flatMap((s) => s.points.filter((q) => Number.isFinite(q.y) && q.x > 0).map((q) => q.y));
    const yTicks = linearTicks(ys.length ? Math.max(...ys) : 1);
    const yTop = yTicks[yTicks.length - 1];
    const px = (x: number) => ox + ((Math.log(x) - Math.log(xAxis.min)) / (Math.log(xAxis.max) - Math.log(xAxis.min))) * w;
    const py = (y: number) => oy + h - (y / yTop) * h;
    out.push(`<text x="${ox + w / 2}" y="${oy - 8}" font-size="13" text-anchor="middle">${esc(panel.title)}</text>`);
    for (const t of yTicks) {
      out.push(`<line x1="${ox}" y1="${py(t).toFixed(1)}" x2="${ox + w}" y2="${py(t).toFixed(1)}" stroke="#e5e5e5"/>`);
      out.push(`<text x="${ox - 5}" y="${(py(t) + 4).toFixed(1)}" font-size="10" text-anchor="end">${fmt(t)}</text>`);
    }
    for (const t of xTicks) {
      out.push(`<line x1="${px(t).toFixed(1)}" y1="${oy}" x2="${px(t).toFixed(1)}" y2="${oy + h}" stroke="#e5e5e5"/>`);
      out.push(`<text x="${px(t).toFixed(1)}" y="${oy + h + 14}" font-size="10" text-anchor="middle">${fmt(t)}</text>`);
    }
    out.push(`<rect x="${ox}" y="${oy}" width="${w}" height="${h}" fill="none" stroke="#444"/>`);
    out.push(`<text x="${ox + w / 2}" y="${oy + h + 32}" font-size="11" text-anchor="middle">${esc(options.xLabel)}</text>`);
    out.push(`<text transform="translate(${ox - 40} ${oy + h / 2}) rotate(-90)" font-size="11" text-anchor="middle">${esc(panel.yLabel)}</text>`);
    for (const s of panel.series) {
      const pts = s.points.filter((q) => Number.isFinite(q.y) && Number.isFinite(q.x) && q.x > 0).sort((a, b) => a.x - b.x);
      if (pts.length === 0) continue;
      const coords = pts.map((q) => `${px(q.x).toFixed(1)},${py(q.y).toFixed(1)}`);
      out.push(`<polyline data-series="${esc(s.name)}" points="${coords.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
      for (const c of coords) {
        const [cx, cy] = c.split(',');
        out.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${s.color}"/>`);
      }
    }
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
