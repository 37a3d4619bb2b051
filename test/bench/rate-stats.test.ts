// Bitrate bookkeeping: first keyframe apart, steady-state rate over the frames after it, totals with headers.
import { kbitPerSecond, rateStats, rateStatsFromUnits } from '../../bench/rate-quality/rate-stats.js';

describe('rateStatsFromUnits', () => {
  it('separates the first keyframe and spreads the rest over the frames after it', () => {
    // 1 I-frame of 1000 B then 4 P-frames of 50 B at 25 fps: 200 B over 4 frames = 50 B/frame = 10 kbit/s.
    const units = [{ bytes: 1000, key: true }, ...Array.from({ length: 4 }, () => ({ bytes: 50, key: false }))];
    const s = rateStatsFromUnits(units, 5, 25, 40);
    expect(s.firstKeyframeBytes).toBe(1000);
    expect(s.steadyBytes).toBe(200);
    expect(s.laterKeyframes).toBe(0);
    expect(s.kbps).toBeCloseTo(10, 9);
    // (1000 + 200 + 40 header) B over 5 frames at 25 fps.
    expect(s.totalKbps).toBeCloseTo((1240 * 8 * 25) / 5 / 1000, 9);
  });

  it('counts later keyframes in the steady-state rate', () => {
    const s = rateStatsFromUnits(
      [
        { bytes: 500, key: true },
        { bytes: 10, key: false },
        { bytes: 300, key: true },
      ],
      3,
      25,
    );
    expect(s.laterKeyframes).toBe(1);
    expect(s.steadyBytes).toBe(310);
    expect(s.kbps).toBeCloseTo(kbitPerSecond(310, 2, 25), 9);
  });

  it('rejects streams without a keyframe, bad sizes and bad rates', () => {
    expect(() => rateStatsFromUnits([{ bytes: 10, key: false }, { bytes: 10, key: false }], 2, 25)).toThrow(
      expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }),
    );
    expect(() => rateStatsFromUnits([{ bytes: 10, key: true }, { bytes: -1, key: false }], 2, 25)).toThrow(/size -1/);
    expect(() => rateStatsFromUnits([{ bytes: 10, key: true }, { bytes: 1, key: false }], 2, 0)).toThrow(/fps/);
    expect(() => rateStats({ frames: 1, fps: 25, firstKeyframeBytes: 1, steadyBytes: 0, laterKeyframes: 0, extraBytes: 0 })).toThrow(/frames/);
  });
});

describe('kbitPerSecond', () => {
  it('converts bytes over frames at a frame rate', () => {
    expect(kbitPerSecond(1000, 25, 25)).toBe(8);
    expect(kbitPerSecond(1000, 0, 25)).toBe(0);
  });
});
