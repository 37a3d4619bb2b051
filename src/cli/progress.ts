/** A progress bar on stderr (stdout stays clean for JSON), silent when stderr is not a terminal. */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(extra?: Record<string, string | number>): void;
  stop(): void;
}

export function startProgress(label: string, total: number): Progress {
  if (!process.stderr.isTTY) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} frames {info}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(1, total), 0, { info: '' });
  return {
    tick(extra) {
      bar.increment(1, { info: extra ? Object.entries(extra).map(([k, v]) => `${k}=${v}`).join(' ') : '' });
    },
    stop() {
      bar.stop();
    },
  };
}
