/**
 * Neural renderer ablation: mesh-warp at the SDK's default rung (k16 e10 b9) against each exported neural model at
 * the rung that sends it what it consumes (flame_expr: k16 e10 b9; flame: its landmarks, no expression; unsupervised:
 * its K learned keypoints), one bench/rate-quality.ts run each without classical codecs, on the same clips. Writes
 * `<out>/<setting>/` (each run's files), `<out>/ablation.json|.md`, prints the table and then one JSON line last.
 *
 *   npx tsx bench/neural-ablation.ts --models models/neural,/tmp/un-export [--clips DIR] [--max-clips 3] [--seconds 4]
 */
import '../src/node/index.js';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { loadNeuralModelFiles } from '../src/decoder/neural/neural-model-config.js';
import { BenchError } from './rate-quality/bench-error.js';
import { rungLabel } from './rate-quality/facecodec-method.js';
import { ablationRow, ablationTable, parseRateQualityReport, type AblationRow } from './neural-ablation/summary.js';
import { ablationSettings, rateQualityArgs, type AblationSetting } from './neural-ablation/settings.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STDOUT_TAIL_CHARS = 1500;

const program = new Command()
  .name('neural-ablation')
  .requiredOption('--models <list>', 'exported neural model folders, comma-separated')
  .option('--clips <dir>', 'folder of talking-head clips (rate-quality default: the shared clips)')
  .option('--max-clips <n>', 'use only the first n clips (sorted by name)')
  .option('--seconds <s>', 'seconds from the start of each clip (rate-quality default 6)')
  .option('--out <dir>', 'where the runs and ablation.json|.md go', path.join(repoRoot, 'bench/results/neural-ablation'))
  .parse();
const opts = program.opts<{ models: string; clips?: string; maxClips?: string; seconds?: string; out: string }>();

const modelDirs = opts.models
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
if (modelDirs.length === 0) throw new BenchError('BENCH_BAD_ARGUMENT', '--models lists no model folder');
// Every config is read before the first run, so a bad folder fails in seconds rather than after mesh-warp's run.
const models = await Promise.all(modelDirs.map(async (dir) => ({ dir, config: (await loadNeuralModelFiles(path.resolve(dir))).config })));
const settings = ablationSettings(models);
const outDir = path.resolve(opts.out);
const runOptions = {
  clips: opts.clips === undefined ? undefined : path.resolve(opts.clips),
  maxClips: opts.maxClips,
  seconds: opts.seconds,
};
const command = `npx tsx bench/neural-ablation.ts ${process.argv.slice(2).join(' ')}`.trim();

/**
 * Runs `npx tsx bench/rate-quality.ts args` from the repo root (its progress on our stderr) and returns the path of the
 * JSON it wrote, which its last stdout line names.
 * @throws BenchError BENCH_RUN_FAILED when it cannot start, fails, or names no report.
 */
function runRateQuality(args: readonly string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/rate-quality.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      out += s;
    });
    child.on('error', (err) => reject(new BenchError('BENCH_RUN_FAILED', `${what}: cannot start npx: ${err.message}`, { cause: err })));
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new BenchError('BENCH_RUN_FAILED', `${what}: rate-quality ${signal ? `killed by ${signal}` : `exited with ${code}`}: ${out.slice(-STDOUT_TAIL_CHARS).trim()}`));
        return;
      }
      const last = out.trim().split('\n').pop() ?? '';
      try {
        const json = (JSON.parse(last) as { json?: unknown }).json;
        if (typeof json !== 'string') throw new Error('no "json" field');
        resolve(json);
      } catch (cause) {
        reject(new BenchError('BENCH_RUN_FAILED', `${what}: rate-quality's last line names no report: ${last.slice(0, 300)}`, { cause }));
      }
    });
  });
}

const t0 = performance.now();
await mkdir(outDir, { recursive: true });
// One run at a time: each already keeps the machine's cores busy (evaluator, codec, ffmpeg).
const runs: { setting: AblationSetting; json: string; row: AblationRow }[] = [];
for (const setting of settings) {
  const what = `${setting.name} (${setting.renderer}, ${rungLabel(setting.rung)})`;
  process.stderr.write(`neural-ablation: ${what}\n`);
  const json = await runRateQuality(rateQualityArgs(setting, path.join(outDir, setting.name), runOptions), what);
  const report = parseRateQualityReport(await readFile(json, 'utf8'), json);
  runs.push({ setting, json, row: ablationRow(setting, report) });
}
const elapsedS = (performance.now() - t0) / 1000;

const rows = runs.map((r) => r.row);
const date = new Date().toISOString().slice(0, 10);
const clipsText = opts.clips ?? 'the shared clips';
const markdown = [
  `Neural renderer ablation, ${date}: facecodec on ${clipsText}` +
    `${opts.maxClips ? ` (first ${opts.maxClips})` : ''}, first ${opts.seconds ?? 6} s, 256x256 @ 25 fps, each setting at the rung ` +
    'that sends what its renderer consumes. bytes/frame and kbit/s exclude the first keyframe. Cells: mean over clips.',
  '',
  ablationTable(rows),
  '',
  `Reproduce: \`${command}\``,
].join('\n');

/** Rounds floats to 4 significant digits, as rate-quality's JSON does; NaN becomes null. */
const compact = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v) ? +v.toPrecision(4) : v);
const report = {
  bench: 'neural-ablation',
  date,
  command,
  elapsedS,
  settings: runs.map((r) => ({
    name: r.setting.name,
    renderer: r.setting.renderer,
    modelDir: r.setting.modelDir,
    keypointMode: r.setting.keypointMode,
    rung: rungLabel(r.setting.rung),
    json: r.json,
  })),
  rows,
};
// One line per top-level field and per array element, as rate-quality's JSON: small, and re-runs diff line by line.
const jsonLines = Object.entries(report).map(([key, value]) => {
  const body = Array.isArray(value) ? `[\n${value.map((v) => `  ${JSON.stringify(v, compact)}`).join(',\n')}\n ]` : JSON.stringify(value, compact);
  return ` ${JSON.stringify(key)}: ${body}`;
});
await writeFile(path.join(outDir, 'ablation.json'), `{\n${jsonLines.join(',\n')}\n}\n`);
await writeFile(path.join(outDir, 'ablation.md'), markdown + '\n');

console.log(markdown);
console.log(
  JSON.stringify(
    {
      bench: 'neural-ablation',
      elapsedS: +elapsedS.toFixed(1),
      json: path.join(outDir, 'ablation.json'),
      settings: rows.map((r) => ({
        name: r.name,
        keypointMode: r.keypointMode,
        rung: r.rung,
        bytesPerFrame: r.bytesPerFrame,
        kbps: r.kbps,
        AKD: r.metrics.akdPx,
        'AKD-M': r.metrics.akdMouthPx,
        AED: r.metrics.aed,
        AEMOD: r.metrics.aemod,
        PSNR: r.metrics.psnrDb,
        SSIM: r.metrics.ssim,
        clips: r.clips,
        skipped: r.skipped,
      })),
    },
    compact,
  ),
);
