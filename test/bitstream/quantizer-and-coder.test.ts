import { Quantizer } from '../../src/bitstream/quantizer.js';
import { RangeDecoder, RangeEncoder, createContexts } from '../../src/bitstream/range-coder.js';
import { decodeResidual, encodeResidual, CONTEXTS_PER_VALUE } from '../../src/bitstream/residual-coder.js';
import { BitReader, BitWriter } from '../../src/bitstream/bit-io.js';
import { BitstreamError } from '../../src/bitstream/errors.js';
import { seededRandom } from '../../bench/support/random-walk.js';

describe('Quantizer', () => {
  it.each([
    [{ min: -128, max: 128, bits: 9 }],
    [{ min: -4, max: 4, bits: 7 }],
    [{ min: 0, max: 8, bits: 12 }],
    [{ min: -0.5, max: 0.5, bits: 1 }],
  ])('keeps the dequantization error within half a step (%j)', (spec) => {
    const q = new Quantizer(spec);
    const rand = seededRandom(7);
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const v = spec.min + rand() * (spec.max - spec.min);
      worst = Math.max(worst, Math.abs(q.dequantize(q.quantize(v)) - v));
    }
    expect(worst).toBeLessThanOrEqual(q.step / 2 + 1e-9);
    expect(worst).toBeGreaterThan(q.step / 2 - q.step * 0.05); // the bound is tight, so the test can fail
    expect(q.dequantize(0)).toBe(spec.min);
    expect(q.dequantize(q.maxIndex)).toBeCloseTo(spec.max, 9);
  });

  it('clamps out-of-range values and refuses NaN', () => {
    const q = new Quantizer({ min: -1, max: 1, bits: 4 });
    expect(q.quantize(50)).toBe(q.maxIndex);
    expect(q.quantize(-50)).toBe(0);
    expect(() => q.quantize(NaN)).toThrow(BitstreamError);
    expect(() => new Quantizer({ min: 1, max: 1, bits: 4 })).toThrow(BitstreamError);
    expect(() => new Quantizer({ min: 0, max: 1, bits: 0 })).toThrow(BitstreamError);
  });
});

describe('BitWriter / BitReader', () => {
  it('packs values at their bit depths and reads them back', () => {
    const w = new BitWriter(1);
    const values = [[5, 3], [0, 1], [511, 9], [1, 1], [1000, 12], [0x7fffff, 23]];
    for (const [v, b] of values) w.write(v, b);
    const bytes = w.finish();
    expect(bytes.length).toBe(Math.ceil((3 + 1 + 9 + 1 + 12 + 23) / 8));
    const r = new BitReader(bytes);
    for (const [v, b] of values) expect(r.read(b)).toBe(v);
    expect(() => r.read(16)).toThrow(BitstreamError);
  });
});

describe('range coder', () => {
  it('round-trips skewed and uniform bits and signed residuals', () => {
    const rand = seededRandom(3);
    const enc = new RangeEncoder(4);
    const dec = new RangeDecoder();
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      const residuals = Array.from({ length: n }, () => {
        const x = rand();
        return x < 0.6 ? 0 : Math.round((rand() - 0.5) * (x < 0.95 ? 8 : 200000)) + 0;
      });
      const ctxE = createContexts(n * CONTEXTS_PER_VALUE);
      enc.reset();
      residuals.forEach((r, i) => encodeResidual(enc, ctxE, i, r));
      const bytes = enc.finish();
      const ctxD = createContexts(n * CONTEXTS_PER_VALUE);
      dec.reset(bytes);
      const back = residuals.map((_, i) => decodeResidual(dec, ctxD, i));
      expect(back).toEqual(residuals);
      expect(dec.unreadBytes).toBe(0);
      expect(Array.from(ctxD)).toEqual(Array.from(ctxE));
    }
  });

  it('terminates tightly: all-zero residuals cost almost nothing', () => {
    const enc = new RangeEncoder();
    const ctx = createContexts(64 * CONTEXTS_PER_VALUE);
    for (let i = 0; i < 64; i++) encodeResidual(enc, ctx, i, 0);
    // 64 zero flags at p = 1/2 are 64 bits; the usual 4-5 flush bytes must not be added on top.
    expect(enc.finish().length).toBeLessThanOrEqual(9);
    // With contexts that learned zeros (as along a reference chain), the same frame is nearly free.
    enc.reset();
    for (let i = 0; i < 64; i++) encodeResidual(enc, ctx, i, 0);
    enc.reset();
    for (let i = 0; i < 64; i++) encodeResidual(enc, ctx, i, 0);
    expect(enc.finish().length).toBeLessThanOrEqual(3);
  });
});
