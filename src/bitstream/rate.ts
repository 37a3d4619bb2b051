/**
 * Expected bytes per frame for a profile, and a controller that picks the richest profile of a ladder that fits a
 * target bitrate. Fixed-length sizes are exact; range-coded sizes use bits-per-value figures measured on real tracks
 * by `npm run bench:bitstream` (see RANGE_BITS_PER_VALUE).
 */
import { compileLayout, makeProfile, type FieldGroup, type Profile, type ProfileOptions } from './profile.js';

/** Protobuf framing of a frame packet: sequence (tag + up to 2 bytes) and the payload's tag and length. */
const PREDICTED_OVERHEAD_BYTES = 5;
/** Intra frames also carry keyframe id, timestamp (up to 5 bytes) and profile id. */
const INTRA_OVERHEAD_BYTES = 13;

/**
 * Mean coded bits per value with the range coder, for intra (coded against the keyframe) and predicted frames,
 * measured on tracked talking-head clips at the default bit depths (bench/bitstream.ts prints the current figures).
 */
export const RANGE_BITS_PER_VALUE: Record<'intra' | 'predicted', Record<FieldGroup, number>> = {
  intra: { keypoint: 2.2, expression: 4.2, jaw: 4, rotation: 5, translation: 6, scale: 5, eyes: 4.5 },
  predicted: { keypoint: 0.9, expression: 3.3, jaw: 3, rotation: 3.3, translation: 3.2, scale: 3, eyes: 2.1 },
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

/** The default profile's bit depths: the RANGE_BITS_PER_VALUE figures were measured at these. */
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


export function estimateRate(profile: Profile): ProfileRate {
  const layout = compileLayout(profile);
  let fixedBits = 0;
  let intraBits = 0;
  let predictedBits = 0;
  for (let s = 0; s < layout.slotCount; s++) {
    const g = layout.groups[s];
    const bits = layout.quantizers[s].spec.bits;
    fixedBits += bits;
    // The coded size scales with the step: one bit more depth is about one bit more per value.
    const depthBonus = bits - DEFAULT_BITS[g];
    const learned = g === 'keypoint' && profile.learnedKeypoints > 0;
    intraBits += Math.max(0.2, (learned ? LEARNED_KEYPOINT_BITS_PER_VALUE.intra : RANGE_BITS_PER_VALUE.intra[g]) + depthBonus);
    predictedBits += Math.max(0.1, (learned ? LEARNED_KEYPOINT_BITS_PER_VALUE.predicted : RANGE_BITS_PER_VALUE.predicted[g]) + depthBonus * 0.7);
  }
  const fixedBytes = Math.ceil(fixedBits / 8) + INTRA_OVERHEAD_BYTES;
  const intraBytes = Math.ceil(intraBits / 8) + INTRA_OVERHEAD_BYTES;
  const predictedBytes = Math.ceil(predictedBits / 8) + PREDICTED_OVERHEAD_BYTES;
  if (profile.coding === 'fixed') return { fixedBytes, intraBytes: fixedBytes, predictedBytes: fixedBytes, meanBytes: fixedBytes };
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
