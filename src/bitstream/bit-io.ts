/** Bit-granular writer and reader for fixed-length packing (MSB first). */
import { BitstreamError } from './errors.js';

export class BitWriter {
  private bytes: Uint8Array;
  private bitPos = 0;

  constructor(initialBytes = 64) {
    this.bytes = new Uint8Array(initialBytes);
  }

  /** Appends the low `bits` bits of `value` (0 <= value < 2^bits, bits <= 24). */
  write(value: number, bits: number): void {
    const needed = (this.bitPos + bits + 7) >> 3;
    if (needed > this.bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    for (let b = bits - 1; b >= 0; b--) {
      if ((value >>> b) & 1) this.bytes[this.bitPos >> 3] |= 0x80 >> (this.bitPos & 7);
      this.bitPos++;
    }
  }

  /** The written bytes (the last one zero-padded). */
  finish(): Uint8Array {
    return this.bytes.slice(0, (this.bitPos + 7) >> 3);
  }
}

export class BitReader {
  private bitPos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  read(bits: number): number {
    if (this.bitPos + bits > this.bytes.length * 8) {
      throw new BitstreamError('TRUNCATED', `fixed-length payload ends after ${this.bytes.length} bytes`);
    }
    let v = 0;
    for (let b = 0; b < bits; b++) {
      v = (v << 1) | ((this.bytes[this.bitPos >> 3] >> (7 - (this.bitPos & 7))) & 1);
      this.bitPos++;
    }
    return v >>> 0;
  }

  /** Bits left unread; a well-formed payload leaves fewer than 8. */
  get remainingBits(): number {
    return this.bytes.length * 8 - this.bitPos;
  }
}
