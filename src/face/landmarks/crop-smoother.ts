/** Keeps the encoder's square crop steady: 1€-filters the face's centre and size, then holds still inside a small dead-band. */
import type { CropRect } from './face-types.js';
import { OneEuroFilter, type OneEuroParams } from './one-euro-filter.js';

/** Parameters of {@link CropSmoother}; speeds are measured in crop sizes, so they do not depend on the resolution. */
export interface CropSmootherParams {
  readonly filter: OneEuroParams;
  /** Changes smaller than this fraction of the crop size are ignored (the crop stays put on a still head). */
  readonly deadbandFraction: number;
}

export const DEFAULT_CROP_SMOOTHER: CropSmootherParams = {
  filter: { minCutoffHz: 0.4, beta: 4, derivativeCutoffHz: 1 },
  deadbandFraction: 0.006,
};

/** Smooths (centreX, centreY, size) of the crop, in pixels. */
export class CropSmoother {
  private readonly filters: OneEuroFilter[];
  private readonly held = new Float64Array(3);
  private hasHeld = false;
  private unitPx = 1;

  constructor(private readonly params: CropSmootherParams = DEFAULT_CROP_SMOOTHER) {
    this.filters = [0, 1, 2].map(() => new OneEuroFilter(params.filter));
  }

  /** The smoothed crop for a measured centre and size at `timeS`. */
  update(centerX: number, centerY: number, sizePx: number, timeS: number): CropRect {
    // Filter in units of the first crop size so the 1€ speeds mean the same at 480 px and at 4K.
    if (!this.hasHeld) this.unitPx = sizePx;
    const unit = this.unitPx;
    const measured = [centerX / unit, centerY / unit, sizePx / unit];
    for (let k = 0; k < 3; k++) {
      const f = this.filters[k].filter(measured[k], timeS) * unit;
      if (!this.hasHeld) {
        this.held[k] = f;
        continue;
      }
      // Soft dead-band: follow only the part of the change beyond the band, so the crop never jumps.
      const band = this.params.deadbandFraction * this.held[2];
      const d = f - this.held[k];
      if (d > band) this.held[k] = f - band;
      else if (d < -band) this.held[k] = f + band;
    }
    this.hasHeld = true;
    const size = this.held[2];
    return { x: this.held[0] - size / 2, y: this.held[1] - size / 2, size };
  }

  /** Forgets the history (e.g. after a scene cut). */
  reset(): void {
    this.hasHeld = false;
    for (const f of this.filters) f.reset();
  }
}
