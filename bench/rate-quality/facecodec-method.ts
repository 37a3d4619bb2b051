/** The facecodec side of the benchmark: its rate ladder and one encode+decode pass over a crop clip. */
import '../../src/node/index.js';
import { makeProfile, type Profile } from '../../src/bitstream/index.js';
import { roundtrip, type RoundtripOptions, type RoundtripReport } from '../../src/cli/roundtrip.js';
import type { RgbImage } from '../../src/media/index.js';
import type { KeyframePolicyOptions } from '../../src/encoder/keyframe-policy.js';
import { BenchError } from './bench-error.js';
import { rateStats, type RateStats } from './rate-stats.js';

/** One facecodec rate point: keypoint count x expression dims x keypoint bit depth. */
export interface FacecodecRung {
  /** Face-model landmarks sent, or with `learned` the learned detector's K. */
  readonly keypoints: number;
  /** 0 for learned rungs: the unsupervised baseline carries no expression. */
  readonly expressionDims: number;
  readonly keypointBits: number;
  /** The keypoints are a learned detector's (the unsupervised face-vid2vid baseline), not face-model landmarks. */
  readonly learned?: boolean;
  /** Also carry the eye state (lid apertures and gaze): label suffix " eyes", argument suffix "y". */
  readonly eyes?: boolean;
  /**
   * Spend rate on appearance: a new keyframe (a fresh reference, identity refitted) every this many frames, so the
   * warp never strays far from real pixels. Label/argument part "r<frames>".
   */
  readonly refreshFrames?: number;
  /**
   * Spend rate where the warp fails: a new keyframe once the head has turned this many degrees from the keyframe's
   * pose (the SDK's default is 40). Held references still serve a head that turns back. Label/argument part "t<deg>".
   */
  readonly turnDeg?: number;
  /** With `turnDeg`: no pose keyframe within this many frames of the last (default 25, one second). Part "m<frames>". */
  readonly turnMinFrames?: number;
  /** Byte budget of each keyframe image (default: the SDK's, 3500 B AVIF). Label/argument part "s<bytes>". */
  readonly keyframeBytes?: number;
}

/** A pose keyframe's least distance from the last one when a rung names none (`turnMinFrames`). */
export const DEFAULT_TURN_MIN_FRAMES = 25;

/** Keypoint bit depth of a rung label that names none: the SDK's default profile's. */
export const DEFAULT_RUNG_KEYPOINT_BITS = 9;

/** The full run's ladder, poorest first: it spans the rates the profile ladder of src/bitstream targets. */
export const FACECODEC_LADDER: readonly FacecodecRung[] = [
  { keypoints: 8, expressionDims: 5, keypointBits: 7 },
  { keypoints: 16, expressionDims: 10, keypointBits: 8 },
  { keypoints: 16, expressionDims: 25, keypointBits: 9 },
  { keypoints: 32, expressionDims: 50, keypointBits: 10 },
];

/** The `--quick` rung: the SDK's default profile (16 keypoints, 10 expression dims, 9-bit keypoints). */
export const FACECODEC_QUICK_RUNG: FacecodecRung = { keypoints: 16, expressionDims: 10, keypointBits: 9 };

/** Label of a rung for tables: "k16 e10 b9", or "learned26 b9" for a learned rung. */
export function rungLabel(r: FacecodecRung): string {
  return (
    (r.learned ? `learned${r.keypoints} b${r.keypointBits}` : `k${r.keypoints} e${r.expressionDims} b${r.keypointBits}`) +
    (r.refreshFrames !== undefined ? ` r${r.refreshFrames}` : '') +
    (r.turnDeg !== undefined ? ` t${r.turnDeg}` : '') +
    (r.turnMinFrames !== undefined ? ` m${r.turnMinFrames}` : '') +
    (r.keyframeBytes !== undefined ? ` s${r.keyframeBytes}` : '') +
    (r.eyes ? ' eyes' : '')
  );
}

/** A rung as `--rungs` takes it, without spaces: "k16e10b9", "l26b9" (parseRung reads it back). */
export function rungArgument(r: FacecodecRung): string {
  return (
    (r.learned ? `l${r.keypoints}b${r.keypointBits}` : `k${r.keypoints}e${r.expressionDims}b${r.keypointBits}`) +
    (r.refreshFrames !== undefined ? `r${r.refreshFrames}` : '') +
    (r.turnDeg !== undefined ? `t${r.turnDeg}` : '') +
    (r.turnMinFrames !== undefined ? `m${r.turnMinFrames}` : '') +
    (r.keyframeBytes !== undefined ? `s${r.keyframeBytes}` : '') +
    (r.eyes ? 'y' : '')
  );
}

/** A keyframe image below this many bytes is noise, and one above a megabyte is not a low-rate setting. */
const KEYFRAME_BYTES_RANGE = [200, 1_000_000] as const;

/**
 * The encoder options of a rung's appearance spend: keyframes every `refreshFrames` (the policy's other reasons
 * still apply, no closer than that) and once the head turned `turnDeg` (no closer than `turnMinFrames`), images at
 * `keyframeBytes`.
 */
export function rungEncoderOptions(r: FacecodecRung): { keyframePolicy?: KeyframePolicyOptions; keyframeBytes?: number } {
  const gaps: number[] = [];
  const policy: KeyframePolicyOptions = {};
  if (r.refreshFrames !== undefined) {
    policy.maxIntervalFrames = r.refreshFrames;
    gaps.push(Math.min(250, r.refreshFrames));
  }
  if (r.turnDeg !== undefined) {
    policy.maxRotationDeg = r.turnDeg;
    gaps.push(r.turnMinFrames ?? DEFAULT_TURN_MIN_FRAMES);
  }
  if (gaps.length > 0) policy.minIntervalFrames = Math.min(...gaps);
  return {
    ...(gaps.length > 0 ? { keyframePolicy: policy } : {}),
    ...(r.keyframeBytes !== undefined ? { keyframeBytes: r.keyframeBytes } : {}),
  };
}

/**
 * The stream profile of a rung.
 * @throws BenchError BENCH_BAD_ARGUMENT for a learned rung with expression dims or counts the profile refuses.
 */
export function rungProfile(r: FacecodecRung): Profile {
  // makeProfile reads learnedKeypoints 0 as "landmarks": a learned rung of 0 keypoints would silently become k16.
  if (!(Number.isInteger(r.keypoints) && r.keypoints >= 1)) {
    throw new BenchError('BENCH_BAD_ARGUMENT', `a rung needs at least 1 keypoint, got ${r.keypoints}`);
  }
  if (r.learned && r.expressionDims !== 0) {
    throw new BenchError('BENCH_BAD_ARGUMENT', `a learned rung carries no expression, got ${r.expressionDims} dims`);
  }
  try {
    return r.learned
      ? makeProfile({ learnedKeypoints: r.keypoints, expressionDims: 0, keypointBits: r.keypointBits, sendEyes: r.eyes })
      : makeProfile({ keypoints: r.keypoints, expressionDims: r.expressionDims, keypointBits: r.keypointBits, sendEyes: r.eyes });
  } catch (err) {
    // makeProfile's own ranges decide (keypoints 1..68, bits, ...), so the bench never drifts from the SDK's limits.
    throw new BenchError('BENCH_BAD_ARGUMENT', `rung ${rungLabel(r)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

const LANDMARK_RUNG = /^k(\d+)\s*e(\d+)(?:\s*b(\d+))?$/;
/** The appearance-spend suffix: " r25 t15 m25 s1500" in labels, "r25t15m25s1500" in arguments (any part alone too). */
const SPEND_SUFFIX = /(?:\s*r(\d+))?(?:\s*t(\d+))?(?:\s*m(\d+))?(?:\s*s(\d+))?$/;
/** "l26b9"; "learned26 b9" too, so rungLabel's labels parse back. */
const LEARNED_RUNG = /^l(?:earned)?(\d+)(?:\s*b(\d+))?$/;
/** The eye-state suffix: "y" in arguments, " eyes" in labels. */
const EYES_SUFFIX = /(?:\s+eyes|y)$/;

/**
 * Parses a rung written as "k16e10b9" / "k16e10" (landmark keypoints; bits default 9) or "l26b9" / "l26" (learned
 * keypoints); rungLabel's spaced form ("k16 e10 b9", "learned26 b9") is accepted as well.
 * @throws BenchError BENCH_BAD_ARGUMENT for any other text or counts no profile can carry.
 */
export function parseRung(text: string): FacecodecRung {
  const eyes = EYES_SUFFIX.test(text.trim());
  let t = text.trim().replace(EYES_SUFFIX, '');
  const spend = SPEND_SUFFIX.exec(t)!;
  t = t.slice(0, spend.index).trim();
  const part = (i: number) => (spend[i] === undefined ? undefined : Number(spend[i]));
  const [refreshFrames, turnDeg, turnMinFrames, keyframeBytes] = [part(1), part(2), part(3), part(4)];
  if (refreshFrames !== undefined && refreshFrames < 1) throw new BenchError('BENCH_BAD_ARGUMENT', `bad rung "${text}": r needs at least 1 frame`);
  if (turnDeg !== undefined && !(turnDeg >= 1 && turnDeg <= 180)) throw new BenchError('BENCH_BAD_ARGUMENT', `bad rung "${text}": t (degrees) must be 1..180`);
  if (turnMinFrames !== undefined && turnDeg === undefined) throw new BenchError('BENCH_BAD_ARGUMENT', `bad rung "${text}": m goes with t`);
  if (keyframeBytes !== undefined && (keyframeBytes < KEYFRAME_BYTES_RANGE[0] || keyframeBytes > KEYFRAME_BYTES_RANGE[1])) {
    throw new BenchError('BENCH_BAD_ARGUMENT', `bad rung "${text}": s (keyframe bytes) must be ${KEYFRAME_BYTES_RANGE[0]}..${KEYFRAME_BYTES_RANGE[1]}`);
  }
  const bits = (b: string | undefined) => (b === undefined ? DEFAULT_RUNG_KEYPOINT_BITS : Number(b));
  let rung: FacecodecRung;
  let m: RegExpExecArray | null;
  if ((m = LANDMARK_RUNG.exec(t))) rung = { keypoints: Number(m[1]), expressionDims: Number(m[2]), keypointBits: bits(m[3]) };
  else if ((m = LEARNED_RUNG.exec(t))) rung = { keypoints: Number(m[1]), expressionDims: 0, keypointBits: bits(m[2]), learned: true };
  else throw new BenchError('BENCH_BAD_ARGUMENT', `bad rung "${text}": expected k<keypoints>e<dims>[b<bits>] or l<K>[b<bits>], e.g. k16e10b9, l26b9`);
  if (refreshFrames !== undefined) rung = { ...rung, refreshFrames };
  if (turnDeg !== undefined) rung = { ...rung, turnDeg };
  if (turnMinFrames !== undefined) rung = { ...rung, turnMinFrames };
  if (keyframeBytes !== undefined) rung = { ...rung, keyframeBytes };
  if (eyes) rung = { ...rung, eyes: true };
  rungProfile(rung);
  return rung;
}

/** The byte counts of a roundtrip report that the rate figures need. */
export type RoundtripBytes = Pick<
  RoundtripReport,
  'frames' | 'frameRateHz' | 'firstKeyframeBytes' | 'keyframeBytes' | 'keyframes' | 'framePacketBytes' | 'headerBytes'
>;

/**
 * facecodec's rate figures in the classical codecs' terms: the first keyframe apart; frame packets and any later
 * keyframe (an identity refresh costs what a classical codec's later I-frame would) make the steady-state rate;
 * the stream header counts in the total only.
 * @throws BenchError BENCH_BAD_ARGUMENT for fewer than 2 frames or a bad frame rate.
 */
export function rateStatsFromRoundtrip(report: RoundtripBytes): RateStats {
  return rateStats({
    frames: report.frames,
    fps: report.frameRateHz,
    firstKeyframeBytes: report.firstKeyframeBytes,
    steadyBytes: report.framePacketBytes + Math.max(0, report.keyframeBytes - report.firstKeyframeBytes),
    laterKeyframes: Math.max(0, report.keyframes - 1),
    extraBytes: report.headerBytes,
  });
}

/** What one facecodec run measured besides the frames. */
export interface FacecodecRun {
  readonly stats: RateStats;
  readonly framesWithFace: number;
  readonly framesHeld: number;
  readonly encodeMsPerFrame: number;
  readonly decodeMsPerFrame: number;
}

/**
 * Encodes and decodes `input` (already a face crop, so the codec codes the whole frame) with the rung's profile,
 * handing every decoded frame to `onFrame` in order.
 */
export async function runFacecodec(
  input: string,
  rung: FacecodecRung,
  onFrame: (index: number, image: RgbImage) => Promise<void>,
  encoder: RoundtripOptions['encoder'] = {},
  decoder: Pick<RoundtripOptions, 'builtinVersion' | 'renderer' | 'neuralModelDir' | 'refinerModelDir' | 'inBetween'> = {},
): Promise<FacecodecRun> {
  const report = await roundtrip({ input, profile: rungProfile(rung), fullFrameCrop: true, onFrame, encoder, progress: false, ...decoder });
  return {
    stats: rateStatsFromRoundtrip(report),
    framesWithFace: report.framesWithFace,
    framesHeld: report.framesHeld,
    encodeMsPerFrame: report.encodeMsPerFrame,
    decodeMsPerFrame: report.decodeMsPerFrame,
  };
}
