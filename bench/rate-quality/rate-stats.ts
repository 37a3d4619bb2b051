/** Bitrate bookkeeping shared by every method: the first keyframe apart, the steady-state rate of everything after it. */
import { BenchError } from './bench-error.js';

/** One coded unit in decode order: a classical codec's packet or a facecodec keyframe / frame packet. */
export interface CodedUnit {
  readonly bytes: number;
  /** An intra-coded unit the receiver can start from (I-frame / facecodec keyframe). */
  readonly key: boolean;
}

/** The rate figures reported for every method and rate point. */
export interface RateStats {
  /** Frames shown (the clip's frame count). */
  readonly frames: number;
  /** Bytes of the first keyframe, reported apart because at these rates it dominates a short clip. */
  readonly firstKeyframeBytes: number;
  /** All bytes after the first keyframe (later keyframes included). */
  readonly steadyBytes: number;
  /** Keyframes after the first. */
  readonly laterKeyframes: number;
  /** kbit/s of everything after the first keyframe, over the frames after it: the plotted rate. */
  readonly kbps: number;
  /** kbit/s of every byte (first keyframe and stream headers included) spread over the whole clip. */
  readonly totalKbps: number;
  /** Steady-state kbit/s on the network, IP headers and the transport's own packets included (see wire-model.ts). */
  readonly wireKbps?: number;
}

/** kbit/s of `bytes` spread over `frames` frames shown at `fps`. */
export function kbitPerSecond(bytes: number, frames: number, fps: number): number {
  return frames > 0 ? (bytes * 8 * fps) / (frames * 1000) : 0;
}

/** Mean bytes per frame of a rate of `kbps` kbit/s at `fps`: kbitPerSecond's inverse. */
export function bytesPerFrame(kbps: number, fps: number): number {
  return fps > 0 ? (kbps * 1000) / (8 * fps) : NaN;
}

/**
 * Rate figures of a stream of coded units, one per frame for classical codecs. The first unit flagged `key` is the
 * first keyframe; `extraBytes` (container/stream headers) count in `totalKbps` only.
 * @throws BenchError BENCH_BAD_ARGUMENT for a bad fps/frame count, a negative size, or a stream without a keyframe.
 */
export function rateStatsFromUnits(units: readonly CodedUnit[], frames: number, fps: number, extraBytes = 0): RateStats {
  const first = units.findIndex((u) => u.key);
  if (first < 0) throw new BenchError('BENCH_BAD_ARGUMENT', 'stream has no keyframe');
  let steadyBytes = 0;
  let laterKeyframes = 0;
  units.forEach((u, i) => {
    if (!(Number.isInteger(u.bytes) && u.bytes >= 0)) throw new BenchError('BENCH_BAD_ARGUMENT', `unit ${i} has size ${u.bytes}`);
    if (i === first) return;
    steadyBytes += u.bytes;
    if (u.key) laterKeyframes++;
  });
  return rateStats({ frames, fps, firstKeyframeBytes: units[first].bytes, steadyBytes, laterKeyframes, extraBytes });
}

/** Byte totals of one encoding, as a codec's own report gives them. */
export interface RateTotals {
  readonly frames: number;
  readonly fps: number;
  readonly firstKeyframeBytes: number;
  /** Bytes after the first keyframe (frame packets and later keyframes). */
  readonly steadyBytes: number;
  readonly laterKeyframes: number;
  /** Stream/container headers: counted in `totalKbps` only. */
  readonly extraBytes: number;
}

/**
 * Rate figures from byte totals; the steady-state rate is spread over the frames after the first keyframe.
 * @throws BenchError BENCH_BAD_ARGUMENT for a bad fps/frame count or negative byte counts.
 */
export function rateStats(t: RateTotals): RateStats {
  if (!(Number.isFinite(t.fps) && t.fps > 0)) throw new BenchError('BENCH_BAD_ARGUMENT', `fps must be > 0, got ${t.fps}`);
  if (!(Number.isInteger(t.frames) && t.frames > 1)) throw new BenchError('BENCH_BAD_ARGUMENT', `frames must be an integer > 1, got ${t.frames}`);
  for (const [name, v] of [['firstKeyframeBytes', t.firstKeyframeBytes], ['steadyBytes', t.steadyBytes], ['extraBytes', t.extraBytes]] as const) {
    if (!(Number.isFinite(v) && v >= 0)) throw new BenchError('BENCH_BAD_ARGUMENT', `${name} must be >= 0, got ${v}`);
  }
  return {
    frames: t.frames,
    firstKeyframeBytes: t.firstKeyframeBytes,
    steadyBytes: t.steadyBytes,
    laterKeyframes: t.laterKeyframes,
    kbps: kbitPerSecond(t.steadyBytes, t.frames - 1, t.fps),
    totalKbps: kbitPerSecond(t.firstKeyframeBytes + t.steadyBytes + t.extraBytes, t.frames, t.fps),
  };
}
