/** Sliding replay window over one key's counters (the IPsec/SRTP scheme): the newest counter and a bitmap below it. */

/** Counters accepted behind the newest one; older ones are refused as replays. */
export const REPLAY_WINDOW_SIZE = 256;

export class ReplayWindow {
  private newest = -1;
  /** Bit i (of word i >> 5) set = counter `newest - i` was accepted. */
  private readonly seen = new Uint32Array(REPLAY_WINDOW_SIZE / 32);

  /** Whether `counter` would be accepted (new, and not older than the window); changes nothing. */
  admits(counter: number): boolean {
    if (counter > this.newest) return true;
    const age = this.newest - counter;
    if (age >= REPLAY_WINDOW_SIZE) return false;
    return (this.seen[age >>> 5] & (1 << (age & 31))) === 0;
  }

  /** Records `counter` as accepted; call only after the packet authenticated, so forgeries cannot move the window. */
  accept(counter: number): void {
    if (counter > this.newest) {
      this.shift(this.newest < 0 ? REPLAY_WINDOW_SIZE : counter - this.newest);
      this.newest = counter;
    }
    const age = this.newest - counter;
    this.seen[age >>> 5] |= 1 << (age & 31);
  }

  private shift(by: number): void {
    if (by >= REPLAY_WINDOW_SIZE) {
      this.seen.fill(0);
      return;
    }
    const words = by >>> 5;
    const bits = by & 31;
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const from = i - words;
      const low = from >= 0 ? this.seen[from] : 0;
      const lower = from - 1 >= 0 ? this.seen[from - 1] : 0;
      this.seen[i] = bits === 0 ? low : ((low << bits) | (lower >>> (32 - bits))) >>> 0;
    }
  }
}
