/** A sliding-window bit-rate meter over timestamped byte counts. */

/**
 * Measures kbit/s over the last `windowMs`. Reports nothing until the samples span at least half the window, so a
 * fresh meter (or one just reset after a profile change) does not report a burst as a rate.
 */
export class RateMeter {
  private readonly timesMs: number[] = [];
  private readonly sizes: number[] = [];
  private head = 0;
  private windowBytes = 0;
  private startMs: number | undefined;

  /** A meter over windows of `windowMs`. */
  constructor(private readonly windowMs: number) {}

  /** Records `byteCount` bytes sent at `nowMs`. */
  add(nowMs: number, byteCount: number): void {
    this.startMs ??= nowMs;
    this.timesMs.push(nowMs);
    this.sizes.push(byteCount);
    this.windowBytes += byteCount;
    this.expire(nowMs);
  }

  /** kbit/s over the window ending at `nowMs`, or undefined while less than half a window was observed. */
  kbps(nowMs: number): number | undefined {
    this.expire(nowMs);
    if (this.startMs === undefined || nowMs - this.startMs < this.windowMs / 2) return undefined;
    const spanMs = Math.min(this.windowMs, nowMs - this.startMs);
    return (this.windowBytes * 8) / spanMs;
  }

  /** Forgets everything (e.g. after the stream changed profile). */
  reset(): void {
    this.timesMs.length = 0;
    this.sizes.length = 0;
    this.head = 0;
    this.windowBytes = 0;
    this.startMs = undefined;
  }

  private expire(nowMs: number): void {
    while (this.head < this.timesMs.length && this.timesMs[this.head] <= nowMs - this.windowMs) {
      this.windowBytes -= this.sizes[this.head];
      this.head++;
    }
    if (this.head > 1024) {
      this.timesMs.splice(0, this.head);
      this.sizes.splice(0, this.head);
      this.head = 0;
    }
  }
}
