/**
 * Binarization of signed integer residuals for the range coder: a zero flag, a sign, then an Exp-Golomb magnitude
 * whose prefix bits have adaptive contexts. Each coded value slot owns CONTEXTS_PER_VALUE contexts, so a slot that
 * rarely moves (a contour point) learns to cost a fraction of a bit while a busy one (the lower lip) stays cheap.
 */
import { BitstreamError } from './errors.js';
import type { RangeDecoder, RangeEncoder } from './range-coder.js';

const PREFIX_CONTEXTS = 7;
export const CONTEXTS_PER_VALUE = 2 + PREFIX_CONTEXTS;
/** Longest Exp-Golomb prefix a well-formed payload can hold (residuals are at most 24-bit). */
const MAX_PREFIX = 25;

export function encodeResidual(enc: RangeEncoder, probs: Uint16Array, slot: number, r: number): void {
  const base = slot * CONTEXTS_PER_VALUE;
  if (r === 0) {
    enc.encodeBit(probs, base, 0);
    return;
  }
  enc.encodeBit(probs, base, 1);
  enc.encodeBit(probs, base + 1, r < 0 ? 1 : 0);
  const m = r < 0 ? -r : r; // Exp-Golomb: n = floor(log2 m) prefix ones, a zero, then n suffix bits
  const n = 31 - Math.clz32(m);
  for (let i = 0; i < n; i++) enc.encodeBit(probs, base + 2 + (i < PREFIX_CONTEXTS - 1 ? i : PREFIX_CONTEXTS - 1), 1);
  enc.encodeBit(probs, base + 2 + (n < PREFIX_CONTEXTS - 1 ? n : PREFIX_CONTEXTS - 1), 0);
  if (n > 0) enc.encodeDirect(m - (1 << n), n);
}

export function decodeResidual(dec: RangeDecoder, probs: Uint16Array, slot: number): number {
  const base = slot * CONTEXTS_PER_VALUE;
  if (dec.decodeBit(probs, base) === 0) return 0;
  const negative = dec.decodeBit(probs, base + 1) === 1;
  let n = 0;
  while (dec.decodeBit(probs, base + 2 + (n < PREFIX_CONTEXTS - 1 ? n : PREFIX_CONTEXTS - 1)) === 1) {
    if (++n > MAX_PREFIX) throw new BitstreamError('CORRUPT', 'residual prefix too long');
  }
  const m = n > 0 ? (1 << n) + dec.decodeDirect(n) : 1;
  return negative ? -m : m;
}
