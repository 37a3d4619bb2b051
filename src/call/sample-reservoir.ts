/**
 * A bounded uniform sample of a stream of numbers (reservoir sampling, Vitter's algorithm R): session-long
 * percentiles in constant memory. Until `capacity` values it holds them all (percentiles are exact); after that each
 * value seen so far is in the sample with equal probability. A call of hours keeps 64 KB, not 8 bytes a frame.
 */
export class SampleReservoir {
  private readonly sample: Float64Array;
  private filled = 0;
  /** Values offered so far. */
  seen = 0;
  private state: number;

  constructor(
    readonly capacity = 8192,
    seed = 0x9e3779b9,
  ) {
    this.sample = new Float64Array(capacity);
    this.state = seed >>> 0 || 1;
  }

  add(value: number): void {
    this.seen++;
    if (this.filled < this.capacity) {
      this.sample[this.filled++] = value;
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.capacity) this.sample[slot] = value;
  }

  /** The sample (a view; copy it to keep it). */
  values(): Float64Array {
    return this.sample.subarray(0, this.filled);
  }

  /** xorshift32: deterministic, so a session's stats do not depend on Math.random. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
}
