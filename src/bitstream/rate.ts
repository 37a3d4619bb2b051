/**
 * Expected bytes per frame for a profile, and a controller that picks the richest profile of a ladder that fits a
 * target bitrate. Fixed-length payloads are exact (framing at its worst); range-coded sizes use bits-per-value
 * figures measured on real tracks (see RANGE_BITS_PER_VALUE) and a depth rule fitted to them (see DEPTH_RULE).
 */
import { compileLayout, makeProfile, type FieldGroup, type Profile, type ProfileOptions } from './profile.js';

/** Protobuf framing of a frame packet: sequence (tag + 2 bytes past frame 127) and the payload's tag and length. */
const PREDICTED_OVERHEAD_BYTES = 5;
/** Worst case of an intra frame's framing: also keyframe id, timestamp (up to 5 bytes) and profile id. */
const INTRA_OVERHEAD_BYTES = 13;
/**
 * An intra frame's framing as measured on the shared clips (7.5 to 8.2 B: timestamps of a few seconds); an hour into
 * a call the timestamp takes one byte more, which at one intra frame in 50 moves the mean by 0.02 B.
 */
const INTRA_TYPICAL_OVERHEAD_BYTES = 8;

/**
 * Mean coded bits per value with the range coder at the default bit depths, for intra (coded against the keyframe,
 * fresh contexts) and predicted frames: the per-value cost of every slot of each group on the 9 shared clips
 * (liveportrait_d3/d9/d10/d11/d18/d20, retalking_1/2, sadtalker_katiehill), tracked by the encoder's own tracker
 * and fitter and coded with the keyframe's keypoint Jacobian, as the real encoder does. Keypoints and expression
 * are not single figures: see KEYPOINT_BITS and EXPRESSION_BITS_BY_DECADE; these two are their values at the default
 * profile (16 keypoints, 10 dims), kept for callers that want one figure per group. Jaw and eyes are older
 * measurements (the built-in model has no jaw; the clips were tracked without eye state).
 */
export const RANGE_BITS_PER_VALUE: Record<'intra' | 'predicted', Record<FieldGroup, number>> = {
  intra: { keypoint: 1.92, expression: 6.65, jaw: 4, rotation: 8.76, translation: 9.73, scale: 7.32, eyes: 4.5 },
  predicted: { keypoint: 1.17, expression: 2.99, jaw: 3, rotation: 3.6, translation: 3.52, scale: 2.97, eyes: 2.1 },
};

/**
 * Keypoints are predicted from the expression the packet carries (src/bitstream/keypoint-prediction.ts), so the
 * more dims a profile sends, the less is left to code. Measured per value at 9 bits on the shared clips: predicted
 * 1.52 / 1.31 / 1.19 / 1.15 / 1.15 bits at 0 / 5 / 10 / 25 / 50 dims (16 keypoints), intra 3.92 / 2.84 / 1.92 / 1.62 /
 * 1.61; `floor + (at0 - floor) * 2^(-dims / 4)` follows both within 0.3 bits. Without expression the richer
 * selections cost a little more (predicted 1.45 bits at 4 keypoints, 1.63 at 68; intra 3.74 to 4.11): `at0` grows by
 * `perKeypoint` per keypoint; from 10 dims on the Jacobian explains that motion and the count no longer matters.
 */
const KEYPOINT_BITS: Record<'intra' | 'predicted', { at0: number; perKeypoint: number; floor: number }> = {
  intra: { at0: 3.75, perKeypoint: 0.0055, floor: 1.6 },
  predicted: { at0: 1.44, perKeypoint: 0.0028, floor: 1.15 },
};

/**
 * Expression coefficients move less the higher their index: mean bits per value of dims 0-9, 10-19, ... 40-49 at the
 * default 6 bits on the shared clips (the last figure serves beyond 50).
 */
const EXPRESSION_BITS_BY_DECADE: Record<'intra' | 'predicted', readonly number[]> = {
  intra: [6.65, 6.43, 4.29, 2.96, 2.09],
  predicted: [2.99, 2.96, 1.97, 1.33, 0.94],
};

/**
 * Mean coded bits per value of a learned detector's keypoints (normalized crop coordinates, scaled into the keypoint
 * slots by LEARNED_KEYPOINT_SCALE): they move by more quantizer steps per frame than landmarks in mm, and no
 * expression predicts them, so RANGE_BITS_PER_VALUE's keypoint figures priced them 1.67x low. `predicted` is fitted
 * to the one real measurement, 29.1 B/frame for 26 learned keypoints of the unsupervised CPU-scale detector on the
 * two held-out clips (bench/results/neural-ablation-cpu/unsupervised/); `intra` was measured on the synthetic walk
 * (test/bitstream/rate-estimate.test.ts: 7.3 bits, and intra frames are 1 in 50, so it barely moves the mean).
 */
export const LEARNED_KEYPOINT_BITS_PER_VALUE: Record<'intra' | 'predicted', number> = { intra: 7.3, predicted: 2.1 };

/**
 * How a value's cost moves with its bit depth. One bit more halves the step, but that costs a full bit only once the
 * residuals span many steps: a value that mostly codes zero gains little. A value costing `bits` at the measured depth
 * is modelled as `floor + slope * log2(1 + x * 2^delta)`, with x such that delta = 0 gives `bits`. Predicted frames
 * adapt their contexts, so a doubling costs up to one bit (slope 1); intra frames start from fresh contexts, where
 * each Exp-Golomb doubling costs a prefix and a suffix bit (slope 2). Fitted to depths -2..+2 of every group on the
 * shared clips (keypoints 7-11 bits: predicted 0.65 / 0.87 / 1.17 / 1.53 / 2.07 bits, modelled 0.70 / 0.87 / 1.17 /
 * 1.63 / 2.25; every group, intra and predicted, within 0.3 bits of what was measured).
 */
const DEPTH_RULE: Record<'intra' | 'predicted', { floor: number; slope: number }> = {
  intra: { floor: 1.1, slope: 2 },
  predicted: { floor: 0.5, slope: 1 },
};

function bitsAtDepth(kind: 'intra' | 'predicted', bits: number, delta: number): number {
  const { floor, slope } = DEPTH_RULE[kind];
  if (bits <= floor) return bits; // already at the floor: depth cannot make it cheaper or (measurably) dearer
  const x = 2 ** ((bits - floor) / slope) - 1;
  return floor + slope * Math.log2(1 + x * 2 ** delta);
}

/** Expected sizes of a profile's frame packets. */
export interface ProfileRate {
  /** Fixed-length coding: the largest packet (payload exact, framing at its worst for keyframe ids < 128, profile 0). */
  fixedBytes: number;
  /** Range coding, estimated: an intra frame. */
  intraBytes: number;
  /** Range coding, estimated: a predicted frame. */
  predictedBytes: number;
  /** Range coding, estimated mean over an intra interval. */
  meanBytes: number;
}

/** The default profile's bit depths: the figures above were measured at these. */
const DEFAULT_BITS: Record<FieldGroup, number> = (() => {
  const p = makeProfile();
  return {
    keypoint: p.keypointMm.bits,
    expression: p.expression.bits,
    jaw: p.jawRad.bits,
    rotation: p.rotationRad.bits,
    translation: p.translationPx.bits,
    scale: p.scalePxPerMm.bits,
    eyes: p.eyeState.bits,
  };
})();

/** Bits per value of one slot at the default depth. */
function slotBits(kind: 'intra' | 'predicted', profile: Profile, group: FieldGroup, indexInGroup: number): number {
  if (group === 'keypoint') {
    if (profile.learnedKeypoints > 0) return LEARNED_KEYPOINT_BITS_PER_VALUE[kind];
    const { at0, perKeypoint, floor } = KEYPOINT_BITS[kind];
    const withoutExpression = at0 + perKeypoint * profile.landmarkIds.length;
    return floor + (withoutExpression - floor) * 2 ** (-profile.expressionDims / 4);
  }
  if (group === 'expression') {
    const table = EXPRESSION_BITS_BY_DECADE[kind];
    return table[Math.min(Math.floor(indexInGroup / 10), table.length - 1)];
  }
  return RANGE_BITS_PER_VALUE[kind][group];
}

/**
 * Expected packet sizes of a profile. Range-coded landmark profiles assume the keyframe carries the keypoint
 * Jacobian, as the real encoder's do; without it keypoints cost about as at 0 expression dims.
 */
export function estimateRate(profile: Profile): ProfileRate {
  const layout = compileLayout(profile);
  let fixedBits = 0;
  let intraBits = 0;
  let predictedBits = 0;
  for (let s = 0; s < layout.slotCount; s++) {
    const g = layout.groups[s];
    const bits = layout.quantizers[s].spec.bits;
    fixedBits += bits;
    const delta = bits - DEFAULT_BITS[g];
    const index = s - layout.offsets[g];
    intraBits += bitsAtDepth('intra', slotBits('intra', profile, g, index), delta);
    predictedBits += bitsAtDepth('predicted', slotBits('predicted', profile, g, index), delta);
  }
  const fixedBytes = Math.ceil(fixedBits / 8) + INTRA_OVERHEAD_BYTES;
  if (profile.coding === 'fixed') return { fixedBytes, intraBytes: fixedBytes, predictedBytes: fixedBytes, meanBytes: fixedBytes };
  // Expected sizes, not rounded up: the range coder ends a payload on the byte its last symbol needs (measured
  // overhead over the symbols' own cost: 5.0 B per predicted frame, all of it framing).
  const intraBytes = intraBits / 8 + INTRA_TYPICAL_OVERHEAD_BYTES;
  const predictedBytes = predictedBits / 8 + PREDICTED_OVERHEAD_BYTES;
  const n = profile.intraInterval > 0 ? profile.intraInterval : Infinity;
  const meanBytes = n === Infinity ? predictedBytes : (intraBytes + (n - 1) * predictedBytes) / n;
  return { fixedBytes, intraBytes, predictedBytes, meanBytes };
}


/** kbit/s of a byte rate at a frame rate. */
export function kbps(bytesPerFrame: number, frameRateHz: number): number {
  return (bytesPerFrame * 8 * frameRateHz) / 1000;
}

/** The standard ladder, poorest first: keypoint count x expression dims. */
export const PROFILE_LADDER: readonly ProfileOptions[] = [
  { keypoints: 4, expressionDims: 0 },
  { keypoints: 8, expressionDims: 5 },
  { keypoints: 16, expressionDims: 10 },
  { keypoints: 16, expressionDims: 25 },
  { keypoints: 32, expressionDims: 25 },
  { keypoints: 32, expressionDims: 50 },
  { keypoints: 68, expressionDims: 50 },
];

/** Picks the richest rung of a ladder whose expected rate fits a target bitrate. */
export class RateController {
  private readonly rungs: { profile: Profile; rate: ProfileRate }[];

  /** `ladder` must be ordered poorest first; `base` options (jaw, coding, bit depths) apply to every rung. */
  constructor(ladder: readonly ProfileOptions[] = PROFILE_LADDER, base: ProfileOptions = {}) {
    this.rungs = ladder.map((o) => {
      const profile = makeProfile({ ...base, ...o });
      return { profile, rate: estimateRate(profile) };
    });
  }

  get ladder(): readonly { profile: Profile; rate: ProfileRate }[] {
    return this.rungs;
  }

  /** Index of the richest rung that fits `targetKbps` at `frameRateHz` (0 if none does). */
  chooseIndex(targetKbps: number, frameRateHz: number): number {
    let best = 0;
    for (let i = 0; i < this.rungs.length; i++) {
      if (kbps(this.rungs[i].rate.meanBytes, frameRateHz) <= targetKbps) best = i;
    }
    return best;
  }

  choose(targetKbps: number, frameRateHz: number): Profile {
    return this.rungs[this.chooseIndex(targetKbps, frameRateHz)].profile;
  }
}
