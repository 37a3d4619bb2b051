// The hand-written SVG plot: axis ticks, point placement on the log axis, dropped non-finite points, valid markup.
import { linearTicks, logTicks, renderPlotSvg, type PlotPanel } from '../../bench/rate-quality/plot-svg.js';

describe('axis ticks', () => {
  it('puts 1-2-5 log ticks inside the padded range', () => {
    const { ticks, axis } = logTicks({ min: 1, max: 60 });
    expect(ticks).toEqual([1, 2, 5, 10, 20, 50]);
    expect(axis.min).toBeLessThan(1);
    expect(axis.max).toBeGreaterThan(60);
  });

  it('falls back to every integer mantissa on a narrow range', () => {
    expect(logTicks({ min: 5, max: 17 }).ticks).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('falls back to halves and then tenths so a single point still gets labelled ticks', () => {
    expect(logTicks({ min: 3, max: 3.5 }).ticks).toEqual([3, 3.5, 4]);
    expect(logTicks({ min: 2.6, max: 2.6 }).ticks).toEqual([2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9]);
    expect(logTicks({ min: 0.05, max: 0.05 }).ticks).toEqual([0.045, 0.05, 0.055]);
  });

  it('gives round linear ticks from 0 reaching the maximum', () => {
    expect(linearTicks(2.4)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(linearTicks(0.38)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(linearTicks(NaN)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('rejects a log range through zero', () => {
    expect(() => logTicks({ min: 0, max: 10 })).toThrow(expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }));
  });
});

describe('renderPlotSvg', () => {
  const panels: PlotPanel[] = [
    {
      title: 'AKD',
      yLabel: 'px',
      series: [
        { name: 'facecodec', color: '#d62728', points: [{ x: 4, y: 2 }, { x: 2, y: 3 }, { x: 8, y: NaN }] },
        { name: 'x264 <2-pass>', color: '#1f77b4', points: [{ x: 16, y: 2.5 }, { x: 32, y: 1.5 }] },
      ],
    },
    { title: 'AKD-M', yLabel: 'px', series: [{ name: 'facecodec', color: '#d62728', points: [{ x: 4, y: 1 }] }] },
  ];
  const svg = renderPlotSvg(panels, { title: 'rate & quality', xLabel: 'kbit/s', panelWidthPx: 300, panelHeightPx: 200 });

  it('draws one polyline per series with finite points, sorted by rate', () => {
    const lines = [...svg.matchAll(/<polyline data-series="([^"]*)" points="([^"]*)"/g)];
    expect(lines.map((m) => m[1])).toEqual(['facecodec', 'x264 &lt;2-pass&gt;', 'facecodec']);
    const xs = lines[0][2].split(' ').map((p) => Number(p.split(',')[0]));
    expect(xs).toHaveLength(2);
    expect(xs[0]).toBeLessThan(xs[1]);
  });

  it('places points on a log x axis: equal rate ratios are equal distances', () => {
    const pts = [...svg.matchAll(/<polyline data-series="[^"]*" points="([^"]*)"/g)].map((m) => m[1].split(' ').map((p) => Number(p.split(',')[0])));
    // facecodec 2 -> 4 and x264 16 -> 32 are both a doubling.
    expect(pts[0][1] - pts[0][0]).toBeCloseTo(pts[1][1] - pts[1][0], 0);
  });

  it('is a standalone SVG document with escaped text and the panel size asked for', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="600"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('rate &amp; quality');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('refuses to plot nothing', () => {
    expect(() => renderPlotSvg([], { title: '', xLabel: '' })).toThrow(expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }));
    expect(() =>
      renderPlotSvg([{ title: '', yLabel: '', series: [{ name: 'a', color: 'red', points: [{ x: 1, y: NaN }] }] }], { title: '', xLabel: '' }),
    ).toThrow(/no finite point/);
  });
});
