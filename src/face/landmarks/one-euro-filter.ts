/** The 1€ filter (Casiez et al., CHI 2012): a low-pass whose cutoff rises with speed, so still inputs calm down and moves lag little. */

/** Parameters of {@link OneEuroFilter}. */
export interface OneEuroParams {
  /** Cutoff at rest, Hz: lower = steadier when still. */
  readonly minCutoffHz: number;
  /** Cutoff increase per unit/second of speed: higher = less lag on fast moves. */
  readonly beta: number;
  /** Cutoff of the speed estimate itself, Hz. */
  readonly derivativeCutoffHz: number;
}

function alpha(cutoffHz: number, dtS: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtS);
}

/** One scalar channel. */
export class OneEuroFilter {
  private value = 0;
  private speed = 0;
  private lastS = -1;
  private primed = false;

  constructor(private readonly params: OneEuroParams) {}

  /** Filters `x` observed at time `timeS` (seconds, increasing). */
  filter(x: number, timeS: number): number {
    if (!this.primed) {
      this.primed = true;
      this.value = x;
      this.speed = 0;
      this.lastS = timeS;
      return x;
    }
    const dtS = Math.max(1e-3, timeS - this.lastS);
    this.lastS = timeS;
    const rawSpeed = (x - this.value) / dtS;
    this.speed += alpha(this.params.derivativeCutoffHz, dtS) * (rawSpeed - this.speed);
    const cutoffHz = this.params.minCutoffHz + this.params.beta * Math.abs(this.speed);
    this.value += alpha(cutoffHz, dtS) * (x - this.value);
    return this.value;
  }

  /** Forgets the history: the next input passes through unchanged. */
  reset(): void {
    this.primed = false;
  }
}
