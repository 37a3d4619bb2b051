/**
 * Adaptive binary range coder (carry-propagating, 32-bit range, 11-bit probabilities), with a tight termination:
 * the encoder drops the always-zero first byte and all trailing zero bytes, and the decoder reads past the end as
 * zeros. A 20-byte frame cannot afford the usual 4-5 bytes of flush.
 */

const TOP = 2 ** 24;
const TWO32 = 2 ** 32;
export const PROB_BITS = 11;
export const PROB_ONE = 1 << PROB_BITS;
/** Adaptation speed: each coded bit moves its context 1/2^ADAPT_SHIFT of the way. */
const ADAPT_SHIFT = 4;

/** A fresh set of `count` contexts, each at probability 1/2. */
export function createContexts(count: number): Uint16Array {
  return new Uint16Array(count).fill(PROB_ONE >> 1);
}

export class RangeEncoder {
  private low = 0; // < 2^32 + 2^32: a carry may sit in bit 32
  private range = 0xffffffff;
  private cache = 0;
  private cacheSize = 1;
  private out: Uint8Array;
  private length = 0;
  private first = true;

  constructor(initialBytes = 64) {
    this.out = new Uint8Array(initialBytes);
  }

  /** Starts a new payload, keeping the output buffer. */
  reset(): void {
    this.low = 0;
    this.range = 0xffffffff;
    this.cache = 0;
    this.cacheSize = 1;
    this.length = 0;
    this.first = true;
  }

  /** Codes `bit` with the adaptive probability `probs[ctx]` (probability of a 0, in 1/2048) and adapts it. */
  encodeBit(probs: Uint16Array, ctx: number, bit: number): void {
    const p = probs[ctx];
    const bound = (this.range >>> PROB_BITS) * p;
    if (bit === 0) {
      this.range = bound;
      probs[ctx] = p + ((PROB_ONE - p) >> ADAPT_SHIFT);
    } else {
      this.low += bound;
      this.range -= bound;
      probs[ctx] = p - (p >> ADAPT_SHIFT);
    }
    while (this.range < TOP) {
      this.range = (this.range * 256) >>> 0;
      this.shiftLow();
    }
  }

  /** Codes the low `bits` bits of `value` with probability 1/2 each (no context). */
  encodeDirect(value: number, bits: number): void {
    for (let b = bits - 1; b >= 0; b--) {
      this.range = this.range >>> 1;
      if ((value >>> b) & 1) this.low += this.range;
      while (this.range < TOP) {
        this.range = (this.range * 256) >>> 0;
        this.shiftLow();
      }
    }
  }

  /** Ends the payload with the fewest bytes that still decode to the same symbols. */
  finish(): Uint8Array {
    // Pick the value inside [low, low + range) with the most trailing zero bytes.
    for (let shift = 24; shift >= 0; shift -= 8) {
      const unit = 2 ** shift;
      const v = Math.ceil(this.low / unit) * unit;
      if (v < this.low + this.range) {
        this.low = v;
        break;
      }
    }
    for (let i = 0; i < 5; i++) this.shiftLow();
    let end = this.length;
    while (end > 0 && this.out[end - 1] === 0) end--;
    return this.out.slice(0, end);
  }

  private shiftLow(): void {
    if (this.low < 0xff000000 || this.low >= TWO32) {
      const carry = this.low >= TWO32 ? 1 : 0;
      let c = this.cache;
      do {
        this.emit((c + carry) & 0xff);
        c = 0xff;
      } while (--this.cacheSize !== 0);
      this.cache = Math.floor(this.low / TOP) & 0xff;
    }
    this.cacheSize++;
    this.low = (this.low % TOP) * 256;
  }

  private emit(byte: number): void {
    // The very first byte of a carry-propagating coder is always zero: do not send it.
    if (this.first) {
      this.first = false;
      return;
    }
    if (this.length === this.out.length) {
      const grown = new Uint8Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.length++] = byte;
  }
}

export class RangeDecoder {
  private code = 0;
  private range = 0xffffffff;
  private pos = 0;
  private bytes: Uint8Array = new Uint8Array(0);

  /** Starts decoding `bytes` (a payload from `RangeEncoder.finish`). */
  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.pos = 0;
    this.range = 0xffffffff;
    this.code = 0;
    for (let i = 0; i < 4; i++) this.code = ((this.code * 256) >>> 0) + this.nextByte();
  }

  decodeBit(probs: Uint16Array, ctx: number): number {
    const p = probs[ctx];
    const bound = (this.range >>> PROB_BITS) * p;
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      probs[ctx] = p + ((PROB_ONE - p) >> ADAPT_SHIFT);
      bit = 0;
    } else {
      this.code -= bound;
      this.range -= bound;
      probs[ctx] = p - (p >> ADAPT_SHIFT);
      bit = 1;
    }
    while (this.range < TOP) {
      this.range = (this.range * 256) >>> 0;
      this.code = ((this.code * 256) >>> 0) + this.nextByte();
    }
    return bit;
  }

  decodeDirect(bits: number): number {
    let v = 0;
    for (let b = 0; b < bits; b++) {
      this.range = this.range >>> 1;
      let bit = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        bit = 1;
      }
      v = v * 2 + bit;
      while (this.range < TOP) {
        this.range = (this.range * 256) >>> 0;
        this.code = ((this.code * 256) >>> 0) + this.nextByte();
      }
    }
    return v;
  }

  /** Bytes of the payload the decoder has not looked at; a well-formed payload leaves none. */
  get unreadBytes(): number {
    return Math.max(0, this.bytes.length - this.pos);
  }

  private nextByte(): number {
    return this.pos < this.bytes.length ? this.bytes[this.pos++] : (this.pos++, 0);
  }
}
