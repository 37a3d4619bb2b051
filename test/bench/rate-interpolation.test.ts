// requiredRate/formatRateRatio: reading a rate-AKD curve backwards on known curves.
import { formatRateRatio, requiredRate } from '../../bench/rate-quality/rate-interpolation.js';

const curve = [
  { kbps: 8, distance: 4 },
  { kbps: 32, distance: 2 },
  { kbps: 16, distance: 3 },
];

describe('requiredRate', () => {
  it('hits measured points exactly', () => {
    expect(requiredRate(curve, 3)).toEqual({ kind: 'interpolated', kbps: expect.closeTo(16, 9) });
    expect(requiredRate(curve, 2)).toEqual({ kind: 'interpolated', kbps: expect.closeTo(32, 9) });
  });

  it('interpolates linearly in log rate between the bracketing points', () => {
    // Halfway between AKD 3 and 2 is halfway between log 16 and log 32: the geometric mean.
    const r = requiredRate(curve, 2.5);
    expect(r.kind).toBe('interpolated');
    if (r.kind === 'interpolated') expect(r.kbps).toBeCloseTo(Math.sqrt(16 * 32), 9);
  });

  it('says below-range when the lowest rate is already good enough', () => {
    expect(requiredRate(curve, 5)).toEqual({ kind: 'below-range', kbps: 8 });
    expect(requiredRate(curve, 4)).toEqual({ kind: 'below-range', kbps: 8 });
  });

  it('says not-reached with the best distance when the curve never gets there', () => {
    expect(requiredRate(curve, 1.5)).toEqual({ kind: 'not-reached', bestDistance: 2 });
  });

  it('takes the first crossing of a non-monotonic curve and ignores non-finite points', () => {
    const noisy = [
      { kbps: 8, distance: 4 },
      { kbps: 12, distance: 2 },
      { kbps: 16, distance: 3 },
      { kbps: 24, distance: NaN },
      { kbps: 32, distance: 1 },
    ];
    const r = requiredRate(noisy, 3);
    expect(r.kind).toBe('interpolated');
    if (r.kind === 'interpolated') expect(r.kbps).toBeCloseTo(Math.exp((Math.log(8) + Math.log(12)) / 2), 9);
  });

  it('rejects bad input with a typed error', () => {
    expect(() => requiredRate(curve, NaN)).toThrow(expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }));
    expect(() => requiredRate([], 1)).toThrow(expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }));
    expect(() => requiredRate([{ kbps: 0, distance: 1 }], 1)).toThrow(expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' }));
  });
});

describe('formatRateRatio', () => {
  it('formats ratios, upper bounds and misses', () => {
    expect(formatRateRatio({ kind: 'interpolated', kbps: 16 }, 5)).toBe('3.2x');
    expect(formatRateRatio({ kind: 'interpolated', kbps: 120 }, 5)).toBe('24x');
    expect(formatRateRatio({ kind: 'below-range', kbps: 8 }, 4)).toBe('<= 2.0x');
    expect(formatRateRatio({ kind: 'not-reached', bestDistance: 2 }, 4)).toBe('not reached');
  });
});
