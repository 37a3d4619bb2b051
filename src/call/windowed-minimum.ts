/**
 * The smallest value of the last one to two windows: a path's usual delay (its fastest recent frame), which follows
 * a path that became slower for good within two windows instead of holding the session's best forever.
 */
export class WindowedMinimum {
  private current = Infinity;
  private previous = Infinity;
  private windowStartMs = -Infinity;

  constructor(readonly windowMs: number) {}

  add(value: number, nowMs: number): void {
    if (nowMs - this.windowStartMs >= this.windowMs) {
      // After a silence of two windows or more the previous window says nothing of now.
      this.previous = nowMs - this.windowStartMs >= 2 * this.windowMs ? Infinity : this.current;
      this.current = Infinity;
      this.windowStartMs = nowMs;
    }
    if (value < this.current) this.current = value;
  }

  /** The minimum, or undefined before any value. */
  get value(): number | undefined {
    const v = Math.min(this.current, this.previous);
    return Number.isFinite(v) ? v : undefined;
  }
}
