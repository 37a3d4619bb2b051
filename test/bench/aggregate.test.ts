// Aggregation over clips: per-clip means into mean and median per method and rate point, failures summed.
import { aggregate, overClips, type ClipResult } from '../../bench/rate-quality/aggregate.js';
import type { ComparisonSummary, MetricStats } from '../../src/metrics/index.js';
import { rateStats } from '../../bench/rate-quality/rate-stats.js';

const stat = (mean: number): MetricStats => ({ count: Number.isNaN(mean) ? 0 : 10, mean, median: mean });

function result(clip: string, method: string, point: string, kbps: number, akdPx: number, noFaceInOutput = 0): ClipResult {
  const metrics: ComparisonSummary = {
    frames: 10,
    noFaceInReference: 0,
    noFaceInOutput,
    faceMetricFrames: 10 - noFaceInOutput,
    psnrDb: stat(30),
    ssim: stat(0.9),
    facePsnrDb: stat(28),
    faceSsim: stat(0.85),
    akdPx: stat(akdPx),
    akdMouthPx: stat(akdPx * 2),
    akdContourPx: stat(akdPx * 3),
    akdBrowsPx: stat(akdPx),
    akdNosePx: stat(akdPx),
    akdEyesPx: stat(akdPx),
    aed: stat(0.3),
    aemod: stat(0.1),
  };
  // 26 frames at 25 fps: steady bytes = kbps * 1000 / 8 exactly.
  const rate = rateStats({ frames: 26, fps: 25, firstKeyframeBytes: 900, steadyBytes: (kbps * 1000) / 8, laterKeyframes: 0, extraBytes: 0 });
  return { clip, method, point, rate, metrics, codecMs: 1 };
}

describe('overClips', () => {
  it('gives mean and median of the finite values only', () => {
    expect(overClips([1, 2, 10])).toEqual({ mean: 13 / 3, median: 2, clips: 3 });
    expect(overClips([4, 1, NaN, Infinity, 3, 2])).toEqual({ mean: 2.5, median: 2.5, clips: 4 });
    const none = overClips([NaN]);
    expect(none.clips).toBe(0);
    expect(none.mean).toBeNaN();
  });
});

describe('aggregate', () => {
  it('groups by method and point in first-seen order and aggregates each', () => {
    const out = aggregate([
      result('a', 'facecodec', 'k16', 4, 1),
      result('a', 'libx264', '16k', 16, 2),
      result('b', 'facecodec', 'k16', 6, 3, 2),
      result('c', 'facecodec', 'k16', 8, 8, 1),
    ]);
    expect(out.map((a) => `${a.method}/${a.point}`)).toEqual(['facecodec/k16', 'libx264/16k']);
    const fc = out[0];
    expect(fc.clips).toBe(3);
    expect(fc.kbps.mean).toBeCloseTo(6, 9);
    expect(fc.kbps.median).toBeCloseTo(6, 9);
    expect(fc.metrics.akdPx.mean).toBeCloseTo(4, 9);
    expect(fc.metrics.akdPx.median).toBeCloseTo(3, 9);
    expect(fc.metrics.akdMouthPx.median).toBeCloseTo(6, 9);
    expect(fc.firstKeyframeBytes.mean).toBe(900);
    expect(fc.measuredFrames).toBe(30);
    expect(fc.noFaceInOutput).toBe(3);
  });

  it('keeps a clip whose face metrics are all missing out of the metric means but in the failure count', () => {
    const [a] = aggregate([result('a', 'facecodec', 'k4', 2, 2), result('b', 'facecodec', 'k4', 2, NaN, 10)]);
    expect(a.metrics.akdPx).toEqual({ mean: 2, median: 2, clips: 1 });
    expect(a.noFaceInOutput).toBe(10);
    expect(a.clips).toBe(2);
  });
});
