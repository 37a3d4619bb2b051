/**
 * Coverage-guided fuzzing with jazzer.js (libFuzzer) of the bitstream and signaling parsers: bundles each entry of
 * bench/jazzer/ with esbuild (jazzer instruments plain JS: facecodec's code and the parsers' packages, zod, msgpackr
 * and protobufjs, are in the bundle and instrumented), writes the valid seeds as its starting corpus, runs it for a bounded time and reports the
 * run length and the coverage libFuzzer prints (`cov`: edges, `ft`: features). Findings land in
 * .cache/fuzz/jazzer/<group>/ (crash-*). Prints one JSON line last; exits 1 on a finding.
 *
 *   npm run fuzz:coverage [-- --seconds 120 --group bitstream|signaling|both]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { JAZZER_GROUPS, jazzerTarget, type JazzerGroup } from '../bench/jazzer/targets.js';
import { jazzerCompat } from './jazzer-compat.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const seconds = Number(arg('--seconds', '120'));
const groupArg = arg('--group', 'both');
const groups = (groupArg === 'both' ? Object.keys(JAZZER_GROUPS) : [groupArg]) as JazzerGroup[];

const OUTSIDE_THE_BUNDLE = ['werift', 'sharp', 'onnxruntime-node', 'onnxruntime-web', '@tensorflow/*', '@vladmandic/*', 'ws', 'msgpackr-extract', 'fflate', 'jpeg-js', 'commander', 'cli-progress'];

/** The last libFuzzer status line's numbers (`#N ... cov: E ft: F corp: C/S ... exec/s: R`). */
function status(output: string) {
  const lines = output.split('\n').filter((l) => /^#\d+/.test(l) && l.includes('cov:'));
  const last = lines.at(-1) ?? '';
  const num = (re: RegExp) => Number(re.exec(last)?.[1] ?? NaN);
  return { line: last.trim(), runs: num(/^#(\d+)/), edges: num(/cov: (\d+)/), features: num(/ft: (\d+)/), corpus: num(/corp: (\d+)/), execPerSecond: num(/exec\/s: (\d+)/) };
}

const compat = jazzerCompat(PACKAGE_ROOT);
const results: Record<string, unknown> = {};
let findings = 0;
for (const group of groups) {
  const dir = resolve(PACKAGE_ROOT, '.cache', 'fuzz', 'jazzer', group);
  const corpus = resolve(dir, 'corpus');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(corpus, { recursive: true });
  // The starting corpus: every valid seed behind its target's selector byte.
  jazzerTarget(group).targets.forEach((t, i) => t.seeds.forEach((s, k) => writeFileSync(resolve(corpus, `${t.name}-${k}`), Buffer.concat([Buffer.from([i]), s]))));
  const seeds = readdirSync(corpus).length;
  const bundle = resolve(dir, `${group}.fuzz.cjs`);
  await build({ entryPoints: [resolve(PACKAGE_ROOT, 'bench', 'jazzer', `${group}.fuzz.ts`)], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error',
    // The parsers' own packages (zod, msgpackr, protobufjs) go into the bundle, so jazzer instruments and is guided
    // by them too; native and heavy ones the parsers never reach stay outside.
    external: OUTSIDE_THE_BUNDLE,
    // A CommonJS bundle has no import.meta: the modules that find files from their own place get src/'s.
    define: { 'import.meta.url': 'import_meta_url' },
    banner: { js: `var import_meta_url = require('node:url').pathToFileURL(${JSON.stringify(resolve(PACKAGE_ROOT, 'src', 'index.ts'))}).href;` },
  });
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    [...compat.nodeArgs, resolve(PACKAGE_ROOT, 'node_modules', '@jazzer.js', 'core', 'dist', 'cli.js'), bundle, corpus, '--sync', '--timeout', '10000', '--', `-max_total_time=${seconds}`, '-seed=1', `-artifact_prefix=${dir}/`, '-print_final_stats=1'],
    { cwd: dir, env: compat.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  writeFileSync(resolve(dir, 'jazzer.log'), output);
  const crashes = readdirSync(dir).filter((f) => /^(crash|timeout|oom|leak)-/.test(f));
  findings += crashes.length;
  const last = status(output);
  // Coverage of the seeds alone (libFuzzer's INITED line), to show what the mutations reached beyond them.
  const inited = /INITED cov: (\d+) ft: (\d+)/.exec(output);
  results[group] = {
    targets: JAZZER_GROUPS[group],
    seeds,
    corpusAtEnd: readdirSync(corpus).length,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    exitCode: run.status,
    ...last,
    seedEdges: Number(inited?.[1] ?? NaN),
    seedFeatures: Number(inited?.[2] ?? NaN),
    findings: crashes,
    log: resolve(dir, 'jazzer.log'),
  };
  console.error(`${group}: ${last.line}`);
}
console.log(JSON.stringify({ bench: 'fuzz-coverage', engine: 'jazzer.js 4.0.0 (libFuzzer)', addonPatchedForThisGlibc: compat.patched, maxTotalTimeSeconds: seconds, ...results, pass: findings === 0 }));
if (findings > 0) process.exitCode = 1;
