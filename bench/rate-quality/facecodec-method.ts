/** The facecodec side of the benchmark: its rate ladder and one encode+decode pass over a crop clip. */
import { makeProfile, type ProfileOptions } from '../../src/bitstream/index.js';
import { roundtrip, type RoundtripOptions, type RoundtripReport } from '../../src/cli/roundtrip.js';
import type { RgbImage } from '../../src/media/index.js';
import { rateStats, type RateStats } from './rate-stats.js';

/** One facecodec rate point: keypoint count x expression dims x keypoint bit depth. */
export interface FacecodecRung {
  readonly keypoints: number;
  readonly expressionDims: number;
  readonly keypointBits: number;
}

/** The full run's ladder, poorest first: it spans the rates the profile ladder of src/bitstream targets. */
export const FACECODEC_LADDER: readonly FacecodecRung[] = [
  { keypoints: 8, expressionDims: 5, keypointBits: 7 },
  { keypoints: 16, expressionDims: 10, keypointBits: 8 },
  { keypoints: 16, expressionDims: 25, keypointBits: 9 },
  { keypoints: 32, expressionDims: 50, keypointBits: 10 },
];

/** The `--quick` rung: the SDK's default profile (16 keypoints, 10 expression dims, 9-bit keypoints). */
export const FACECODEC_QUICK_RUNG: FacecodecRung = { keypoints: 16, expressionDims: 10, keypointBits: 9 };

/** Label of a rung for tables: "k16 e10 b9". */
export function rungLabel(r: FacecodecRung): string {
  return `k${r.keypoints} e${r.expressionDims} b${r.keypointBits}`;
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
  decoder: Pick<RoundtripOptions, 'renderer' | 'neuralModelDir'> = {},
): Promise<FacecodecRun> {
  const options: ProfileOptions = { keypoints: rung.keypoints, expressionDims: rung.expressionDims, keypointBits: rung.keypointBits };
  const report = await roundtrip({ input, profile: makeProfile(options), fullFrameCrop: true, onFrame, encoder, progress: false, ...decoder });
  return {
    stats: rateStatsFromRoundtrip(report),
    framesWithFace: report.framesWithFace,
    framesHeld: report.framesHeld,
    encodeMsPerFrame: report.encodeMsPerFrame,
    decodeMsPerFrame: report.decodeMsPerFrame,
  };
}
