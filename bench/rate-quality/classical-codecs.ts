/** The classical baselines: libx264, libx265 and libaom-av1 through ffmpeg, 2-pass at a target rate, low-delay. */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BenchError } from './bench-error.js';
import { rateStatsFromUnits, type CodedUnit, type RateStats } from './rate-stats.js';
import { rtpWireKbps } from './wire-model.js';
import { FFMPEG, FFPROBE, runTool } from './run-tool.js';

/** Classical methods of the benchmark, named after their ffmpeg encoder. */
export type ClassicalCodec = 'libx264' | 'libx265' | 'libaom-av1';

export const CLASSICAL_CODECS: readonly ClassicalCodec[] = ['libx264', 'libx265', 'libaom-av1'];

/**
 * A rate point: a target for 2-pass rate control, or `'qmax'`: one pass at the encoder's coarsest quantizer, the
 * lowest rate it can produce at all (x264/x265 refuse or overshoot 2-pass targets below it).
 */
export type ClassicalRate = { readonly targetKbps: number } | 'qmax';

/** No periodic keyframes inside a clip: a call sends one I-frame and then only refreshes on loss. */
const NO_PERIODIC_KEYFRAMES = 100000;

/**
 * Encoder arguments, chosen as a conferencing sender would: no B-frames, no lookahead that delays output, one
 * keyframe. 2-pass is kinder to the baselines than any real-time sender can be (it sees the whole clip first).
 * - x264: `-tune zerolatency` (no B-frames, no lookahead/mbtree), preset medium.
 * - x265: `-tune zerolatency` plus `bframes=0`, preset medium.
 * - libaom-av1: `usage good` (its realtime usage has no 2-pass), `lag-in-frames 0` (no alt-ref frames, so no frame
 *   waits for later ones), cpu-used 6.
 */
export function encoderArgs(codec: ClassicalCodec, rate: ClassicalRate, pass: 1 | 2, statsPath: string): string[] {
  const kbps = rate === 'qmax' ? null : rate.targetKbps;
  switch (codec) {
    case 'libx264':
      return [
        '-c:v', 'libx264', '-preset', 'medium', '-tune', 'zerolatency', '-bf', '0',
        '-g', String(NO_PERIODIC_KEYFRAMES), '-keyint_min', String(NO_PERIODIC_KEYFRAMES), '-sc_threshold', '0',
        ...(kbps === null ? ['-qp', '51'] : ['-b:v', `${kbps}k`, '-pass', String(pass), '-passlogfile', statsPath]),
      ];
    case 'libx265': {
      const params = [`log-level=error`, 'bframes=0', `keyint=${NO_PERIODIC_KEYFRAMES}`, `min-keyint=${NO_PERIODIC_KEYFRAMES}`, 'scenecut=0'];
      if (kbps === null) params.push('qp=51');
      else params.push(`pass=${pass}`, `stats=${statsPath}.x265`);
      return [
        '-c:v', 'libx265', '-preset', 'medium', '-tune', 'zerolatency',
        ...(kbps === null ? [] : ['-b:v', `${kbps}k`]),
        '-x265-params', params.join(':'),
      ];
    }
    case 'libaom-av1':
      return [
        '-c:v', 'libaom-av1', '-usage', 'good', '-cpu-used', '6', '-lag-in-frames', '0', '-row-mt', '1',
        '-g', String(NO_PERIODIC_KEYFRAMES), '-keyint_min', String(NO_PERIODIC_KEYFRAMES),
        // ffmpeg's libaom wrapper leaves the quantizer range alone unless asked, and crf 63 alone stays far from the
        // coarsest quantizer (~10x the bytes), so qmax pins both ends of the range.
        ...(kbps === null
          ? ['-crf', '63', '-b:v', '0', '-qmin', '63', '-qmax', '63']
          : ['-b:v', `${kbps}k`, '-pass', String(pass), '-passlogfile', statsPath]),
      ];
  }
}

/** Short label of a rate point for tables: "16k" or "qmax". */
export function rateLabel(rate: ClassicalRate): string {
  return rate === 'qmax' ? 'qmax' : `${rate.targetKbps}k`;
}

/** A finished classical encoding. */
export interface ClassicalEncoding {
  readonly codec: ClassicalCodec;
  readonly rate: ClassicalRate;
  /** The encoded file (Matroska), to be decoded for the metrics. */
  readonly path: string;
  readonly stats: RateStats;
  /** Wall time of both passes, ms. */
  readonly encodeMs: number;
}

const probeSchema = z.object({
  packets: z.array(z.object({ size: z.union([z.string(), z.number()]), flags: z.string().optional() })),
  streams: z.array(z.object({ extradata_size: z.number().optional() })).optional(),
});

/**
 * Encodes `input` (the lossless crop clip) with `codec` at `rate` into `workDir`, then measures its packets.
 * @throws BenchError BENCH_ENCODER_FAILED when ffmpeg fails (x264 refuses 2-pass targets below ~6 kbit/s at 256x256).
 */
export async function encodeClassical(
  input: string,
  codec: ClassicalCodec,
  rate: ClassicalRate,
  frames: number,
  fps: number,
  workDir: string,
): Promise<ClassicalEncoding> {
  const name = `${codec}-${rateLabel(rate)}`;
  await mkdir(workDir, { recursive: true });
  const output = path.join(workDir, `${name}.mkv`);
  const stats = path.join(workDir, `${name}.passlog`);
  const head = ['-nostdin', '-hide_banner', '-v', 'error', '-y', '-i', input, '-an', '-frames:v', String(frames), '-pix_fmt', 'yuv420p'];
  const t0 = performance.now();
  if (rate === 'qmax') {
    await runTool(FFMPEG, [...head, ...encoderArgs(codec, rate, 1, stats), output], `encoding ${name}`);
  } else {
    await runTool(FFMPEG, [...head, ...encoderArgs(codec, rate, 1, stats), '-f', 'null', '-'], `encoding ${name} (pass 1)`);
    await runTool(FFMPEG, [...head, ...encoderArgs(codec, rate, 2, stats), output], `encoding ${name} (pass 2)`);
  }
  const encodeMs = performance.now() - t0;
  await rm(`${stats}-0.log`, { force: true });
  await rm(`${stats}-0.log.mbtree`, { force: true });
  await rm(`${stats}.x265`, { force: true });
  await rm(`${stats}.x265.cutree`, { force: true });
  const units = await probePackets(output);
  if (units.units.length !== frames) {
    throw new BenchError('BENCH_ENCODER_FAILED', `${name}: ${units.units.length} packets for ${frames} frames (dropped or extra frames)`);
  }
  const first = units.units.findIndex((u) => u.key);
  const steadyUnits = units.units.slice(first + 1).map((u) => u.bytes);
  const rateStatsWithWire = { ...rateStatsFromUnits(units.units, frames, fps, units.extradataBytes), wireKbps: rtpWireKbps(steadyUnits, fps) };
  return { codec, rate, path: output, stats: rateStatsWithWire, encodeMs };
}

/** Sizes and key flags of a file's video packets in decode order, plus the codec's out-of-band header bytes. */
export async function probePackets(file: string): Promise<{ units: CodedUnit[]; extradataBytes: number }> {
  const json = await runTool(
    FFPROBE,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=size,flags:stream=extradata_size', '-of', 'json', file],
    `reading the packets of ${file}`,
  );
  const parsed = probeSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new BenchError('BENCH_ENCODER_FAILED', `unexpected ffprobe output for ${file}: ${parsed.error.message}`);
  const units = parsed.data.packets.map((p) => ({ bytes: Number(p.size), key: (p.flags ?? '').startsWith('K') }));
  return { units, extradataBytes: parsed.data.streams?.[0]?.extradata_size ?? 0 };
}
