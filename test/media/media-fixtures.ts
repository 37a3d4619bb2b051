/** Shared helpers of the media tests: where the real clips live, a PSNR for checks, and ffmpeg child-process listing. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RgbImage } from '../../src/media/index.js';
import { sharedDir as sharedDataDir } from '../../src/paths.js';


/** /work/shared (or $FACECODEC_SHARED): real clips and stills, read in place. */
export const sharedDir = sharedDataDir();

/** 480x480, 30 fps, 216 frames, h264. */
export const clipD18 = path.join(sharedDir, 'clips/liveportrait_d18.mp4');
/** 700x700, nominal 30 fps but variable: 135 frames over 6.1 s. */
export const clipRetalking1 = path.join(sharedDir, 'clips/retalking_1.mp4');
export const stillPng = path.join(sharedDir, 'stills/aniportrait_Aragaki.png');
export const stillJpg = path.join(sharedDir, 'stills/liveportrait_d12.jpg');

/** Peak signal-to-noise ratio in dB over all channels (test-local; the SDK's metrics live elsewhere). */
export function psnrDb(a: RgbImage, b: RgbImage): number {
  if (a.data.length !== b.data.length) throw new Error('size mismatch');
  let sse = 0;
  for (let i = 0; i < a.data.length; i++) {
    const e = a.data[i] - b.data[i];
    sse += e * e;
  }
  if (sse === 0) return Infinity;
  return 10 * Math.log10((255 * 255 * a.data.length) / sse);
}

/** PIDs of live ffmpeg/ffprobe processes whose parent is this (jest worker) process, from /proc. */
export function ffmpegChildPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while listing
    }
    // Format: "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === process.pid && /^ff(mpeg|probe)$/.test(comm) && state !== 'Z') pids.push(Number(entry));
  }
  return pids;
}

/** Mean absolute difference between consecutive bytes' frames: > 0 when content changes. */
export function meanAbsDiff(a: RgbImage, b: RgbImage): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] - b.data[i]);
  return sum / a.data.length;
}

/** Byte equality of two buffers; jest's toEqual on large typed arrays is slow and prints huge diffs. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
