/**
 * Mutation fuzzing of every parser of outside bytes (bench/support/fuzz-targets.ts): valid seeds mutated by bit
 * flips, byte sets, truncation, extension, splices, inserted/deleted runs and huge length fields. Counts per target
 * and mutation: accepted, typed refusals, untyped errors (anything not a FacecodecError: a bug), hangs (an input that
 * took more CPU time than the per-input cap, twice) and state corruption (a valid input decoding wrongly after fuzzed ones).
 * Failing inputs are written to .cache/fuzz/findings/ for regression tests. Prints one JSON line last; exits 1 on
 * any untyped error, hang or corruption.
 *
 *   npm run bench:fuzz [-- --inputs 1000000 --cap-ms 100 --seed 1]
 */
import '../src/node/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { fuzzTargets, type FuzzTargetName } from './support/fuzz-targets.js';
import { MUTATIONS, mutate, type Mutation } from './support/mutator.js';
import { seededRandom } from './support/random-walk.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const inputs = Number(arg('--inputs', '1000000'));
const capMs = Number(arg('--cap-ms', '100'));
const seed = Number(arg('--seed', '1'));
const STATE_CHECK_EVERY = 1000;

interface Counts {
  inputs: number;
  accepted: number;
  typed: number;
  untyped: number;
  hangs: number;
  corruptions: number;
  maxCpuMs: number;
  wallMs: number;
}
const zero = (): Counts => ({ inputs: 0, accepted: 0, typed: 0, untyped: 0, hangs: 0, corruptions: 0, maxCpuMs: 0, wallMs: 0 });

const targets = fuzzTargets();
const rand = seededRandom(seed);
const byTarget = Object.fromEntries(targets.map((t) => [t.name, zero()])) as Record<FuzzTargetName, Counts>;
const byMutation = Object.fromEntries(MUTATIONS.map((m) => [m, zero()])) as Record<Mutation, Counts>;
const findings: Array<{ target: string; mutation: string; index: number; kind: string; error: string; file: string }> = [];
const findingsDir = resolve(PACKAGE_ROOT, '.cache', 'fuzz', 'findings');

function record(kind: 'untyped' | 'hang' | 'corruption', target: string, mutation: string, index: number, bytes: Uint8Array, error: unknown) {
  if (findings.length >= 50) return;
  mkdirSync(findingsDir, { recursive: true });
  const file = resolve(findingsDir, `${target}-${kind}-${index}.bin`);
  writeFileSync(file, bytes);
  const message = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error);
  findings.push({ target, mutation, index, kind, error: message, file });
  console.error(`finding: ${kind} in ${target} (${mutation}, input ${index}): ${message}`);
}

/** CPU milliseconds this process spent since `start` (user and system). */
function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function timeAgain(target: (typeof targets)[number], bytes: Uint8Array): number {
  const start = process.cpuUsage();
  try {
    target.run(bytes);
  } catch {
    // counted the first time
  }
  return cpuMs(start);
}

const t0 = performance.now();
for (let i = 0; i < inputs; i++) {
  const target = targets[i % targets.length];
  const seedBytes = target.seeds[Math.floor(rand() * target.seeds.length)];
  // Splices mostly within a target; sometimes with another target's bytes.
  const donor = rand() < 0.8 ? target : targets[Math.floor(rand() * targets.length)];
  const other = donor.seeds[Math.floor(rand() * donor.seeds.length)];
  const { bytes, mutation } = mutate(seedBytes, other, rand);
  const t = byTarget[target.name], m = byMutation[mutation];
  t.inputs++;
  m.inputs++;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let outcome: 'accepted' | 'typed' | 'untyped';
  try {
    outcome = target.run(bytes);
  } catch (error) {
    outcome = 'untyped';
    record('untyped', target.name, mutation, i, bytes, error);
  }
  const inputWallMs = performance.now() - start;
  t[outcome]++;
  m[outcome]++;
  t.wallMs += inputWallMs;
  m.wallMs += inputWallMs;
  // The cap is on CPU time (a shared machine deschedules a process for 100 ms and more), and a collection can still
  // land on one input: a hang is an input over the cap twice over.
  let ms = cpuMs(cpuStart);
  if (ms > capMs) ms = Math.min(ms, timeAgain(target, bytes));
  t.maxCpuMs = Math.max(t.maxCpuMs, ms);
  m.maxCpuMs = Math.max(m.maxCpuMs, ms);
  if (ms > capMs) {
    t.hangs++;
    m.hangs++;
    record('hang', target.name, mutation, i, bytes, new Error(`took ${ms.toFixed(1)} ms (cap ${capMs})`));
  }
  if (target.checkState && t.inputs % STATE_CHECK_EVERY === 0) {
    try {
      target.checkState();
    } catch (error) {
      t.corruptions++;
      m.corruptions++;
      record('corruption', target.name, mutation, i, bytes, error);
    }
  }
}
const ms = performance.now() - t0;
for (const t of targets) t.close?.();

const total = Object.values(byTarget).reduce((a, c) => {
  for (const k of Object.keys(a) as (keyof Counts)[]) a[k] = k === 'maxCpuMs' ? Math.max(a[k], c[k]) : a[k] + c[k];
  return a;
}, zero());
const round = (c: Counts) => ({ ...c, maxCpuMs: Math.round(c.maxCpuMs * 10) / 10, wallMs: Math.round(c.wallMs) });
const result = {
  bench: 'fuzz',
  seed,
  inputs,
  capMs,
  seconds: Math.round(ms / 100) / 10,
  inputsPerSecond: Math.round((inputs * 1000) / ms),
  total: round(total),
  byTarget: Object.fromEntries(Object.entries(byTarget).map(([k, v]) => [k, round(v)])),
  byMutation: Object.fromEntries(Object.entries(byMutation).map(([k, v]) => [k, round(v)])),
  seedCounts: Object.fromEntries(targets.map((t) => [t.name, t.seeds.length])),
  findings,
  pass: total.untyped === 0 && total.hangs === 0 && total.corruptions === 0,
};
console.log(JSON.stringify(result));
if (!result.pass) process.exitCode = 1;
