/** Running ffmpeg/ffprobe to completion with a bounded stderr tail, failures as BenchError naming the step. */
import { spawn } from 'node:child_process';
import { BenchError } from './bench-error.js';

/** Executables; the same overrides as src/media so one setting moves every ffmpeg call. */
export const FFMPEG = process.env.FACECODEC_FFMPEG ?? 'ffmpeg';
export const FFPROBE = process.env.FACECODEC_FFPROBE ?? 'ffprobe';

const STDERR_TAIL_CHARS = 1500;

/**
 * Runs `command args`, resolving with its stdout once it exits with 0.
 * @throws BenchError BENCH_ENCODER_MISSING when the executable cannot be started, BENCH_ENCODER_FAILED on a non-zero
 *   exit (the message names `what` and ends with the tool's stderr).
 */
export function runTool(command: string, args: readonly string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let errTail = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      errTail = (errTail + s).slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', (err) => reject(new BenchError('BENCH_ENCODER_MISSING', `${what}: cannot start ${command}: ${err.message}`, { cause: err })));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new BenchError('BENCH_ENCODER_FAILED', `${what}: ${command} ${signal ? `killed by ${signal}` : `exited with ${code}`}: ${errTail.trim()}`));
    });
  });
}

/** The version line of `ffmpeg -version` without its copyright, e.g. "ffmpeg version 5.1.9-0+deb12u1". */
export async function ffmpegVersion(): Promise<string> {
  const text = await runTool(FFMPEG, ['-hide_banner', '-version'], 'reading the ffmpeg version');
  return text.split('\n')[0].replace(/\s+Copyright.*$/, '').trim();
}

/** Names of the video encoders this ffmpeg build has (`ffmpeg -encoders`). */
export async function ffmpegEncoders(): Promise<Set<string>> {
  const text = await runTool(FFMPEG, ['-hide_banner', '-encoders'], 'listing ffmpeg encoders');
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\s*V\S*\s+(\S+)/.exec(line);
    if (m) names.add(m[1]);
  }
  return names;
}
