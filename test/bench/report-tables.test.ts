// Same-run savings: at each facecodec point, the classical rate for the same AKD, and the README tables.
import { aggregate, type ClipResult } from '../../bench/rate-quality/aggregate.js';
import { rateStats } from '../../bench/rate-quality/rate-stats.js';
import { rateSavings, regionTable, resultsTable, savingsTable } from '../../bench/rate-quality/report-tables.js';
import type { ComparisonSummary } from '../../src/metrics/index.js';

function result(method: string, point: string, kbps: number, akdPx: number): ClipResult {
  const s = (mean: number) => ({ count: 5, mean, median: mean });
  const metrics: ComparisonSummary = {
    frames: 5, noFaceInReference: 0, noFaceInOutput: 1, faceMetricFrames: 4,
    psnrDb: s(30), ssim: s(0.9), facePsnrDb: s(28), faceSsim: s(0.85), akdPx: s(akdPx), akdMouthPx: s(akdPx), akdContourPx: s(akdPx + 1), akdBrowsPx: s(akdPx + 0.5), akdNosePx: s(akdPx - 0.25), akdEyesPx: s(akdPx * 0.5), aed: s(0.3), aemod: s(0.2),
  };
  const rate = rateStats({ frames: 26, fps: 25, firstKeyframeBytes: 800, steadyBytes: (kbps * 1000) / 8, laterKeyframes: 0, extraBytes: 0 });
  return { clip: 'c', method, point, rate, metrics, codecMs: 1 };
}

const aggregates = aggregate([
  result('facecodec', 'k8', 2, 3),
  result('facecodec', 'k16', 4, 2),
  result('facecodec', 'k32', 8, 1),
  result('libx264', '8k', 8, 4),
  result('libx264', '16k', 16, 2),
  result('libx264', '32k', 32, 1.5),
  result('libx265', '8k', 8, 2.5),
]);

describe('rateSavings', () => {
  const savings = rateSavings(aggregates);
  const find = (point: string, codec: string) => savings.find((s) => s.point === point && s.codec === codec)!;

  it('interpolates each classical curve at the facecodec AKD', () => {
    // AKD 3 lies halfway (in log rate) between x264's 8k (AKD 4) and 16k (AKD 2).
    const k8 = find('k8', 'libx264');
    expect(k8.required.kind).toBe('interpolated');
    expect(k8.ratio).toBeCloseTo(Math.sqrt(8 * 16) / 2, 6);
    expect(find('k16', 'libx264').ratio).toBeCloseTo(4, 6);
  });

  it('marks bounds and misses', () => {
    expect(find('k8', 'libx265').required).toEqual({ kind: 'below-range', kbps: expect.closeTo(8, 6) });
    expect(find('k32', 'libx264').required).toEqual({ kind: 'not-reached', bestDistance: 1.5 });
    expect(find('k32', 'libx264').ratio).toBeNull();
    expect(find('k16', 'libx265').required.kind).toBe('not-reached');
  });

  it('renders the tables with one row per point', () => {
    const table = savingsTable(savings);
    expect(table.split('\n')).toHaveLength(2 + 3);
    expect(table).toContain('| k16 | 4.00 | 2.00 | 16.0 (4.0x) | not reached (best AKD 2.50) |');
    expect(table).toContain('| k8 | 2.00 | 3.00 | 11.3 (5.7x) | <= 8.0 (<= 4.0x) |');
    const results = resultsTable(aggregates);
    expect(results.split('\n')).toHaveLength(2 + 7);
    expect(results).toContain('| facecodec | k16 | 4.00 (4.00) | - | 800 | 2.00 (2.00) |');
    expect(results).toContain('| 1/5 |');
    const regions = regionTable(aggregates);
    expect(regions.split('\n')).toHaveLength(2 + 7);
    expect(regions).toContain('| facecodec | k16 | 2.00 (2.00) | 3.00 (3.00) | 2.50 (2.50) | 1.75 (1.75) | 1.00 (1.00) | 2.00 (2.00) |');
  });
});

describe('rateSavings on medians', () => {
  it('uses the median rate and AKD over clips', () => {
    const three = aggregate([
      { ...result('facecodec', 'k16', 2, 2), clip: 'a' },
      { ...result('facecodec', 'k16', 3, 2), clip: 'b' },
      { ...result('facecodec', 'k16', 40, 2), clip: 'c' },
      result('libx264', '8k', 8, 3),
      result('libx264', '16k', 16, 1),
    ]);
    const [mean] = rateSavings(three);
    const [median] = rateSavings(three, 'median');
    expect(mean.facecodecKbps).toBeCloseTo(15, 6);
    expect(median.facecodecKbps).toBeCloseTo(3, 6);
    expect(median.ratio).toBeCloseTo(Math.sqrt(8 * 16) / 3, 6);
  });
});
