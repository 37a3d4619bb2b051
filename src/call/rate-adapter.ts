/** Moves a sender along the profile ladder: down under reported loss or when over its target rate, up when clean. */
import { z } from 'zod';
import { PROFILE_LADDER, RateController, kbps, type Profile, type ProfileOptions } from '../bitstream/index.js';
import { CallError } from './call-error.js';

const rateAdapterOptionsSchema = z.strictObject({
  targetKbps: z.number().positive().max(100_000),
  frameRateHz: z.number().positive().max(1000),
  ladder: z.array(z.custom<ProfileOptions>((v) => typeof v === 'object' && v !== null)).min(1).optional(),
  base: z.custom<ProfileOptions>((v) => typeof v === 'object' && v !== null).default({}),
  startIndex: z.number().int().min(0).optional(),
  lossDownFraction: z.number().min(0).max(1).default(0.05),
  lossUpFraction: z.number().min(0).max(1).default(0.02),
  lateDownFraction: z.number().min(0).max(1).default(1),
  overTargetRatio: z.number().min(1).default(1.1),
  upHeadroomRatio: z.number().positive().max(1).default(0.85),
  downHoldMs: z.number().min(0).default(1000),
  upHoldMs: z.number().min(0).default(3000),
});

/**
 * Options of {@link RateAdapter}:
 * - `targetKbps`: the frame stream's rate to hold (frame packets only; keyframes are bursts on the reliable channel).
 * - `frameRateHz`: the stream's frame rate (for the ladder's expected rates).
 * - `ladder` (PROFILE_LADDER), `base` (options every rung shares, e.g. `{ sendJaw: true }`).
 * - `startIndex`: the rung to start on (default: the richest whose expected rate fits the target).
 * - `lossDownFraction` (0.05): reported loss above this steps one rung down.
 * - `lossUpFraction` (0.02): only loss at or below this counts as clean; between the two nothing moves (hysteresis).
 * - `lateDownFraction` (1 = off): arrived frames not shown (late, mostly: a queue on the path) above this share
 *   step one rung down, like loss but without loss-resilient coding; a step up then also needs that share at or
 *   below `lossUpFraction`. Off by default: reports count every drop, and under loss the undecodable ones would
 *   read as lateness (bench:network uses 0.2).
 * - `overTargetRatio` (1.1): a measured rate above target x this steps one rung down.
 * - `upHeadroomRatio` (0.85): a step up needs the next rung's predicted rate to fit target x this.
 * - `downHoldMs` (1000): at least this long between two steps down (a report reflects the old rung for a while).
 * - `upHoldMs` (3000): a step up needs this long clean and this long since the last change.
 */
export type RateAdapterOptions = z.input<typeof rateAdapterOptionsSchema>;

/** One observation fed to {@link RateAdapter.update}. */
export interface RateSample {
  /** `performance.now()`-like clock of the observation. */
  nowMs: number;
  /** The frame stream's measured send rate, when a measurement over a long enough window exists. */
  sentKbps?: number;
  /** The receiver's reported loss fraction for its last interval, when a report arrived. */
  lossFraction?: number;
  /** Of the frames that arrived since the previous report, the share not shown (late, mostly), when known. */
  lateFraction?: number;
}

/**
 * Why the profile changed: a rung down for loss, late frames or overshoot, a rung up for headroom, or `recovered` when loss has
 * stayed away long enough to leave loss-resilient coding (see {@link RateAdapter}).
 */
export type RateChangeReason = 'loss' | 'late' | 'over-target' | 'headroom' | 'recovered';

/** A change of rung decided by {@link RateAdapter.update}. */
export interface RateDecision {
  fromIndex: number;
  toIndex: number;
  /** The profile of the new rung. */
  profile: Profile;
  reason: RateChangeReason;
  /** The sample that caused it. */
  sample: RateSample;
}

/**
 * A small AIMD-like controller over a discrete ladder. It never jumps more than one rung per decision, steps down at
 * once on loss or overshoot (then holds `downHoldMs`), and steps up only after `upHoldMs` of clean reports with the
 * next rung predicted (from the measured rate scaled by the ladder's expected-rate ratio) to fit under the target.
 * Pure: it owns no timers; the sender feeds it samples.
 */
export class RateAdapter {
  private readonly options: z.output<typeof rateAdapterOptionsSchema>;
  private readonly controller: RateController;
  private rung: number;
  private lastChangeMs = -Infinity;
  private lastDownMs = -Infinity;
  private cleanSinceMs: number | undefined;
  /**
   * Under loss every frame is sent intra (coded against the keyframe only): a predicted frame whose reference was
   * lost is undecodable, so with 20% loss a prediction chain loses most frames, while intra frames cost only about a
   * third more bytes and each one that arrives decodes.
   */
  private resilient = false;

  /** Throws `CALL_BAD_ARGUMENT` on invalid options. */
  constructor(options: RateAdapterOptions) {
    const parsed = rateAdapterOptionsSchema.safeParse(options);
    if (!parsed.success) throw new CallError('CALL_BAD_ARGUMENT', `invalid RateAdapter options: ${z.prettifyError(parsed.error)}`);
    this.options = parsed.data;
    if (parsed.data.lossUpFraction > parsed.data.lossDownFraction) {
      throw new CallError('CALL_BAD_ARGUMENT', 'lossUpFraction must not exceed lossDownFraction');
    }
    this.controller = new RateController(parsed.data.ladder ?? PROFILE_LADDER, parsed.data.base);
    const start = parsed.data.startIndex ?? this.controller.chooseIndex(parsed.data.targetKbps, parsed.data.frameRateHz);
    if (start >= this.controller.ladder.length) {
      throw new CallError('CALL_BAD_ARGUMENT', `startIndex ${start} is past the ladder's ${this.controller.ladder.length} rungs`);
    }
    this.rung = start;
  }

  /** The current rung. */
  get index(): number {
    return this.rung;
  }

  /** The current rung's profile (all-intra while loss-resilient). */
  get profile(): Profile {
    const p = this.controller.ladder[this.rung].profile;
    return this.resilient ? { ...p, intraInterval: 1 } : p;
  }

  /** Whether every frame is currently sent intra because of reported loss. */
  get lossResilient(): boolean {
    return this.resilient;
  }

  /** Number of rungs. */
  get rungCount(): number {
    return this.controller.ladder.length;
  }

  /** Whether the adapter is on its lowest rung (nothing left to step down to). */
  get atLowestRung(): boolean {
    return this.rung === 0;
  }

  /** The target rate. */
  get targetKbps(): number {
    return this.options.targetKbps;
  }

  /** Expected frame-stream rate of rung `index` at the adapter's frame rate (range coding estimate). */
  expectedKbps(index: number): number {
    return kbps(this.controller.ladder[index].rate.meanBytes, this.options.frameRateHz);
  }

  /** Feeds one observation; returns the decision when the rung changes (the caller applies it), else null. */
  update(sample: RateSample): RateDecision | null {
    const o = this.options;
    const { nowMs, sentKbps, lossFraction, lateFraction } = sample;
    if (lossFraction !== undefined && lossFraction > o.lossDownFraction) {
      this.cleanSinceMs = undefined;
      const wasResilient = this.resilient;
      this.resilient = true;
      if (this.rung > 0 && nowMs - this.lastDownMs >= o.downHoldMs) return this.move(-1, 'loss', sample);
      if (!wasResilient) return this.move(0, 'loss', sample);
      return null;
    }
    if (lateFraction !== undefined && lateFraction > o.lateDownFraction) {
      this.cleanSinceMs = undefined;
      if (this.rung > 0 && nowMs - this.lastDownMs >= o.downHoldMs) return this.move(-1, 'late', sample);
      return null;
    }
    if (sentKbps !== undefined && sentKbps > o.targetKbps * o.overTargetRatio && this.rung > 0 && nowMs - this.lastChangeMs >= o.downHoldMs) {
      this.cleanSinceMs = undefined;
      return this.move(-1, 'over-target', sample);
    }
    const lateBlocksUp = o.lateDownFraction < 1 && lateFraction !== undefined && lateFraction > o.lossUpFraction;
    if ((lossFraction !== undefined && lossFraction > o.lossUpFraction) || lateBlocksUp) {
      this.cleanSinceMs = undefined;
      return null;
    }
    this.cleanSinceMs ??= nowMs;
    if (this.resilient && nowMs - this.cleanSinceMs >= o.upHoldMs) {
      this.resilient = false;
      return this.move(0, 'recovered', sample);
    }
    if (this.resilient) return null;
    if (this.rung + 1 >= this.rungCount) return null;
    if (nowMs - this.cleanSinceMs < o.upHoldMs || nowMs - this.lastChangeMs < o.upHoldMs) return null;
    const currentExpected = this.expectedKbps(this.rung);
    const nextExpected = this.expectedKbps(this.rung + 1);
    // The ladder's estimates are averages over many clips; scale them by how this stream actually codes.
    const predictedKbps = sentKbps !== undefined && currentExpected > 0 ? (sentKbps * nextExpected) / currentExpected : nextExpected;
    if (predictedKbps > o.targetKbps * o.upHeadroomRatio) return null;
    return this.move(+1, 'headroom', sample);
  }

  private move(step: -1 | 0 | 1, reason: RateChangeReason, sample: RateSample): RateDecision {
    const fromIndex = this.rung;
    this.rung += step;
    this.lastChangeMs = sample.nowMs;
    if (step < 0) this.lastDownMs = sample.nowMs;
    if (step !== 0 || reason === 'recovered') this.cleanSinceMs = undefined;
    return { fromIndex, toIndex: this.rung, profile: this.profile, reason, sample };
  }
}
