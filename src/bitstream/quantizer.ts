/** Uniform scalar quantizer: `bits` bits spread evenly over [min, max], so the error inside the range is at most half a step. */
import { BitstreamError } from './errors.js';

/** A quantizer's range and bit depth, as carried in the profile. */
export interface QuantizerSpec {
  min: number;
  max: number;
  bits: number;
}

export class Quantizer {
  readonly levels: number;
  readonly step: number;
  readonly maxIndex: number;

  constructor(readonly spec: QuantizerSpec) {
    const { min, max, bits } = spec;
    if (!Number.isInteger(bits) || bits < 1 || bits > 24) {
      throw new BitstreamError('INVALID_PROFILE', `quantizer bits must be an integer in 1..24, got ${bits}`);
    }
    if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) {
      throw new BitstreamError('INVALID_PROFILE', `quantizer range must be finite with max > min, got [${min}, ${max}]`);
    }
    this.levels = 2 ** bits;
    this.maxIndex = this.levels - 1;
    this.step = (max - min) / this.maxIndex;
  }

  /** Index of the nearest level; values outside the range clamp to the ends. NaN is refused. */
  quantize(value: number): number {
    if (Number.isNaN(value)) throw new BitstreamError('INVALID_INPUT', 'cannot quantize NaN');
    const i = Math.round((value - this.spec.min) / this.step);
    return i < 0 ? 0 : i > this.maxIndex ? this.maxIndex : i;
  }

  dequantize(index: number): number {
    return this.spec.min + index * this.step;
  }
}
