/**
 * Long-run soak: memory and handles over 100,000 frames of Encoder -> stream bytes -> Decoder, then a real call
 * (CodecSender -> werift on loopback -> CodecReceiver) for a few minutes. A few frames of a shared clip (or the
 * built-in sample) are tracked once and replayed; every frame is fitted (cached fits of the replayed meshes, the real
 * fitter every 100th), coded, parsed and decoded, and every 50th rendered. Reports the linear slope of RSS, heap,
 * external memory and active handles/timers per 1000 frames against the stated bounds (memory-sampler.ts). Prints
 * one JSON line last; exits 1 when a slope is over its bound.
 *
 *   npm run bench:soak [-- --frames 100000 --call-seconds 180 --clip ../shared/clips/x.mp4 --part codec|call|both]
 */
import '../src/node/index.js';
import { resolve } from 'node:path';
import { sharedDir } from '../src/paths.js';
import { DEFAULT_SLOPE_BOUNDS } from './support/memory-sampler.js';
import { trackedClip } from './support/replay-tracker.js';
import { round } from './support/report-numbers.js';
import { runCallSoak, runCodecSoak, type SoakResult } from './support/soak-runs.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const frames = Number(arg('--frames', '100000'));
const callSeconds = Number(arg('--call-seconds', '180'));
const part = arg('--part', 'both');
const clipPath = arg('--clip', resolve(sharedDir(), 'clips', 'liveportrait_d18.mp4'));
const replayFrames = Number(arg('--replay-frames', '50'));

const clip = await trackedClip(clipPath, replayFrames);
console.error(`soak: ${clip.description}`);

/** The samples as a table on stderr (MB and counts), for reading the trend by eye. */
function printSamples(name: string, r: SoakResult) {
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  console.error(`${name}: frames rss heap external arrayBuffers resources timers`);
  for (const s of r.samples) console.error(`${name}: ${s.frames} ${mb(s.rssBytes)} ${mb(s.heapUsedBytes)} ${mb(s.externalBytes)} ${mb(s.arrayBuffersBytes)} ${s.activeResources} ${s.activeTimers}`);
}

function summary(r: SoakResult) {
  const slopes = Object.fromEntries(Object.entries(r.memory.slopePer1000Frames).map(([k, v]) => [k, round(v, 2)]));
  return {
    ...r.counts,
    framesPerSecond: round((r.counts.frames * 1000) / r.counts.ms, 1),
    samples: r.memory.samples,
    fittedFrames: [r.memory.fromFrame, r.memory.toFrame],
    slopePer1000Frames: slopes,
    over: r.memory.over,
    pass: r.memory.pass,
    first: r.memory.first,
    last: r.memory.last,
  };
}

const result: Record<string, unknown> = { bench: 'soak', source: clip.description, bounds: DEFAULT_SLOPE_BOUNDS, warmupFraction: 0.1 };
let pass = true;
if (part !== 'call') {
  const codec = await runCodecSoak(frames, { clip });
  printSamples('codec', codec);
  result.codec = summary(codec);
  pass &&= codec.memory.pass;
}
if (part !== 'codec') {
  const call = await runCallSoak(callSeconds, { clip, sampleEvery: 500 });
  printSamples('call', call);
  result.call = { ...summary(call), framesDropped: call.framesDropped, dropsByReason: call.dropsByReason, delayMsP50: round(call.delayMsP50, 1), delayMsP95: round(call.delayMsP95, 1), resourcesBefore: call.resourcesBefore, resourcesAfterClose: call.resourcesAfterClose };
  pass &&= call.memory.pass;
}
result.pass = pass;
console.log(JSON.stringify(result));
if (!pass) process.exitCode = 1;
