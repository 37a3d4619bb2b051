/** Spawning ffmpeg/ffprobe child processes: executable lookup, stderr tail capture, exit waiting, error mapping. */
import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MediaError } from './media-error.js';

/** Executables; overridable so a machine with ffmpeg outside PATH still works. */
export const FFMPEG_PATH = process.env.FACECODEC_FFMPEG ?? 'ffmpeg';
export const FFPROBE_PATH = process.env.FACECODEC_FFPROBE ?? 'ffprobe';

/** Only the end of stderr matters for an error message; keeping it bounded avoids growing memory on chatty runs. */
const STDERR_TAIL_CHARS = 2000;

/** How a child process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all (e.g. ENOENT). */
  readonly spawnError?: Error;
}

/** A spawned ffmpeg-family process with its stderr tail and a promise of its end. */
export interface MediaProcess {
  readonly child: ChildProcess;
  /** Executable name, for messages. */
  readonly tool: string;
  /** Resolves (never rejects) once the process has exited and its stdio is closed. */
  readonly exited: Promise<ProcessExit>;
  /** The last characters written to stderr so far. */
  stderrTail(): string;
}

/** Spawns `command args` with stdout/stdin piped as requested and stderr captured into a bounded tail. */
export function spawnMediaProcess(command: string, args: readonly string[], stdin: 'pipe' | 'ignore' = 'ignore'): MediaProcess {
  const child = spawn(command, args, { stdio: [stdin, 'pipe', 'pipe'] });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<ProcessExit>((resolve) => {
    // 'close' follows 'exit' once stdio is drained, so the stderr tail is complete; 'error' fires instead when spawn fails.
    child.on('error', (err) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, spawnError: err });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, tool: basename(command), exited, stderrTail: () => tail.trim() };
}

/** Turns a failed exit into a MediaError whose message carries ffmpeg's own explanation. */
export function exitError(what: string, proc: MediaProcess, exit: ProcessExit, failCode: 'MEDIA_UNREADABLE' | 'MEDIA_FFMPEG_FAILED'): MediaError {
  if (exit.spawnError) {
    return new MediaError('MEDIA_FFMPEG_MISSING', `${what}: could not start ${proc.tool} (${exit.spawnError.message})`, {
      cause: exit.spawnError,
    });
  }
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const stderrTail = proc.stderrTail();
  return new MediaError(failCode, `${what}: ${proc.tool} ${how}${stderrTail ? `: ${lastLines(stderrTail, 6)}` : ''}`);
}

/** Runs a command to completion and returns its stdout; throws MediaError on spawn failure or non-zero exit. */
export async function runToCompletion(command: string, args: readonly string[], what: string): Promise<string> {
  const proc = spawnMediaProcess(command, args);
  const chunks: Buffer[] = [];
  proc.child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  const exit = await proc.exited;
  if (exit.spawnError || exit.code !== 0) throw exitError(what, proc, exit, 'MEDIA_UNREADABLE');
  return Buffer.concat(chunks).toString('utf8');
}

/** Throws MEDIA_NOT_FOUND unless `path` is an existing regular file; ffmpeg's own message for this case is vague. */
export async function assertReadableFile(path: string): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `path must be a non-empty string, got ${String(path)}`);
  }
  let isFile = false;
  try {
    isFile = (await stat(path)).isFile();
  } catch (err) {
    throw new MediaError('MEDIA_NOT_FOUND', `media file not found: ${path}`, { cause: err });
  }
  if (!isFile) throw new MediaError('MEDIA_NOT_FOUND', `not a regular file: ${path}`);
}

/** Kills a child that is still running and waits for it to be reaped, so callers can rely on "nothing left running". */
export async function killAndWait(proc: MediaProcess): Promise<void> {
  const { child } = proc;
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    child.kill('SIGKILL');
  }
  await proc.exited;
}

function lastLines(text: string, n: number): string {
  return text.split('\n').slice(-n).join(' | ');
}
