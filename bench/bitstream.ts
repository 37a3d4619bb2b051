/**
 * Bitstream benchmark: coder speed, bytes per frame over the profile ladder, and a long mutation run.
 * Motion comes from real tracks: `--tracks a.json,b.json` (from `facecodec track`), else the shared clips are tracked
 * once (cached in .cache/tracks/); with `--random-walk`, or when no clip is found, a smooth random walk. The output
 * says which. Prints one JSON line last.
 */
import '../src/node/index.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  BitstreamError,
  FrameDecoder,
  FrameEncoder,
  decodeMessage,
  estimateRate,
  makeProfile,
  PROFILE_LADDER,
  type FrameValues,
  type KeyframeBase,
  type Profile,
} from '../src/bitstream/index.js';
import { RandomWalk, seededRandom } from './support/random-walk.js';
import { loadTrackMotion } from './support/track-motion.js';
import { encodeFile } from '../src/cli/stream-commands.js';
import { PACKAGE_ROOT, sharedDir } from '../src/paths.js';
import { loadFaceModel } from '../src/codec.js';
import { FACECODEC_LADDER } from './rate-quality/facecodec-method.js';

const args = process.argv.slice(2);
const tracksArg = args.includes('--tracks') ? args[args.indexOf('--tracks') + 1] : undefined;
const TRACK_CLIPS = ['liveportrait_d18.mp4', 'liveportrait_d10.mp4', 'sadtalker_katiehill.mp4', 'retalking_2.mp4'];
const fuzzCount = Number(args.includes('--fuzz') ? args[args.indexOf('--fuzz') + 1] : 200000);
const FRAMES = 3000;
const FPS = 25;

interface MotionSource {
  name: string;
  keyframe: KeyframeBase;
  frames: FrameValues[]; // 68 keypoints and the full expression; a profile selects from them
}

/** Tracks of the shared clips, made once with the encoder's own tracker and fitter and cached. */
async function sharedTracks(): Promise<string[]> {
  const cache = resolve(PACKAGE_ROOT, '.cache', 'tracks');
  mkdirSync(cache, { recursive: true });
  const files: string[] = [];
  for (const name of TRACK_CLIPS) {
    const clip = resolve(sharedDir(), 'clips', name);
    if (!existsSync(clip)) continue;
    const out = resolve(cache, `${basename(name, '.mp4')}.json`);
    if (!existsSync(out)) {
      const { summary, track } = await encodeFile({ input: clip, collectTrack: true });
      writeFileSync(out, JSON.stringify({ name, frameRateHz: summary.frameRateHz, frames: track }));
    }
    files.push(out);
  }
  return files;
}

async function motion(): Promise<MotionSource[]> {
  const files = args.includes('--random-walk') ? [] : tracksArg ? tracksArg.split(',') : await sharedTracks();
  const model = args.includes('--no-expression-prediction') ? undefined : await loadFaceModel();
  if (files.length > 0) return files.map((f) => loadTrackMotion(JSON.parse(readFileSync(f, 'utf8')), model));
  const all = Array.from({ length: 68 }, (_, i) => i);
  const walk = new RandomWalk({ keypointCount: 68, expressionDims: 50, seed: 42 });
  walk.placeKeyframe(all);
  return [{ name: 'random-walk (synthetic; no tracks)', keyframe: walk.keyframe, frames: Array.from({ length: FRAMES }, () => walk.next()) }];
}

/** The frame's values as the profile sends them (its keypoints and expression prefix). */
function select(profile: Profile, v: FrameValues): FrameValues {
  const kp = new Float32Array(profile.landmarkIds.length * 3);
  profile.landmarkIds.forEach((id, i) => kp.set(v.keypointsMm.subarray(id * 3, id * 3 + 3), i * 3));
  return { ...v, keypointsMm: kp, expression: v.expression.subarray(0, profile.expressionDims) };
}

/** Runs every source through a fresh encoder/decoder pair and sums the counts. */
function run(profile: Profile, sources: MotionSource[]) {
  const parts = sources.map((s) => runOne(profile, s));
  const frames = parts.reduce((a, p) => a + p.frames, 0);
  const sum = (f: (p: (typeof parts)[number]) => number) => parts.reduce((a, p) => a + f(p), 0);
  const intraCount = sum((p) => p.intraCount), predCount = sum((p) => p.predCount);
  return {
    encodeUs: sum((p) => p.encodeUs * p.frames) / frames,
    decodeUs: sum((p) => p.decodeUs * p.frames) / frames,
    intraBytes: intraCount ? sum((p) => p.intraBytesTotal) / intraCount : null,
    intraBytesMax: Math.max(...parts.map((p) => p.intraBytesMax)),
    predictedBytes: predCount ? sum((p) => p.predBytesTotal) / predCount : null,
    meanBytes: sum((p) => p.intraBytesTotal + p.predBytesTotal) / frames,
    packets: parts.flatMap((p) => p.packets),
    frames,
  };
}

function runOne(profile: Profile, src: MotionSource) {
  const enc = new FrameEncoder({ profile, frameRateHz: FPS });
  const dec = new FrameDecoder({ frameRateHz: FPS });
  enc.setKeyframe(0, src.keyframe);
  dec.setKeyframe(0, src.keyframe);
  dec.setProfile(0, profile);
  const inputs = src.frames.map((f) => select(profile, f));
  const packets: Uint8Array[] = [];
  let intraBytes = 0, intraCount = 0, predBytes = 0, predCount = 0, intraBytesMax = 0;
  const t0 = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const f = enc.encode(inputs[i], Math.round((i * 1000) / FPS));
    packets.push(f.bytes);
    if (f.type === 'intra') { intraBytes += f.bytes.length; intraCount++; intraBytesMax = Math.max(intraBytesMax, f.bytes.length); }
    else { predBytes += f.bytes.length; predCount++; }
  }
  const t1 = performance.now();
  for (const p of packets) dec.decode(p);
  const t2 = performance.now();
  return {
    encodeUs: ((t1 - t0) * 1000) / inputs.length,
    decodeUs: ((t2 - t1) * 1000) / inputs.length,
    intraBytesTotal: intraBytes,
    intraBytesMax,
    predBytesTotal: predBytes,
    intraCount,
    predCount,
    frames: inputs.length,
    packets,
  };
}

const src = await motion();
const defaultProfile = makeProfile();
for (let i = 0; i < 3; i++) run(defaultProfile, src); // warm-up: let the JIT settle before timing
const def = run(defaultProfile, src);

const ladder = [];
for (const keypoints of [4, 8, 16, 32, 68]) {
  for (const expressionDims of [0, 10, 25, 50]) {
    const p = makeProfile({ keypoints, expressionDims });
    const r = run(p, src);
    const est = estimateRate(p);
    ladder.push({
      keypoints,
      expressionDims,
      intraBytes: round(r.intraBytes),
      predictedBytes: round(r.predictedBytes),
      meanBytes: round(r.meanBytes),
      kbps25: round((r.meanBytes * 8 * FPS) / 1000),
      estimatedMeanBytes: round(est.meanBytes),
      fixedBytes: est.fixedBytes,
    });
  }
}

// The rungs a call and the rate-quality bench use: the SDK's PROFILE_LADDER (k8 e5 is not in the grid above) and
// FACECODEC_LADDER, whose keypoint bit depths differ from the default (the estimate's depth rule).
const rungs = [
  ...PROFILE_LADDER.map((o) => ({ keypoints: o.keypoints!, expressionDims: o.expressionDims!, keypointBits: defaultProfile.keypointMm.bits })),
  ...FACECODEC_LADDER,
].map(({ keypoints, expressionDims, keypointBits }) => {
  const p = makeProfile({ keypoints, expressionDims, keypointBits });
  const r = run(p, src);
  return { keypoints, expressionDims, keypointBits, meanBytes: round(r.meanBytes), estimatedMeanBytes: round(estimateRate(p).meanBytes) };
});

// Long mutation run: typed errors only, never anything else.
const rand = seededRandom(1234);
const fuzzDec = new FrameDecoder({ frameRateHz: FPS });
fuzzDec.setKeyframe(0, src[0].keyframe);
fuzzDec.setProfile(0, defaultProfile);
let typedErrors = 0, accepted = 0, untyped = 0;
const fuzzPackets = runOne(defaultProfile, src[0]).packets;
const tf = performance.now();
for (let i = 0; i < fuzzCount; i++) {
  const p = fuzzPackets[Math.floor(rand() * fuzzPackets.length)];
  const m = new Uint8Array(p);
  if (rand() < 0.3) {
    const cut = m.subarray(0, Math.floor(rand() * m.length));
    try { fuzzDec.decode(new Uint8Array(cut)); accepted++; } catch (e) { e instanceof BitstreamError ? typedErrors++ : untyped++; }
    continue;
  }
  const flips = 1 + Math.floor(rand() * 3);
  for (let f = 0; f < flips; f++) m[Math.floor(rand() * m.length)] ^= 1 << Math.floor(rand() * 8);
  try {
    if (i % 2) fuzzDec.decode(m); else decodeMessage(m);
    accepted++;
  } catch (e) {
    e instanceof BitstreamError ? typedErrors++ : untyped++;
  }
}
const fuzzMs = performance.now() - tf;

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 100) / 100;
}

const result = {
  bench: 'bitstream',
  motion: src.map((s) => s.name).join(', '),
  frames: def.frames,
  frameRateHz: FPS,
  defaultProfile: { keypoints: 16, expressionDims: 10, coding: defaultProfile.coding, intraInterval: defaultProfile.intraInterval },
  usPerPacket: round(def.encodeUs + def.decodeUs),
  encodePacketsPerSecond: Math.round(1e6 / def.encodeUs),
  decodePacketsPerSecond: Math.round(1e6 / def.decodeUs),
  defaultIntraBytes: round(def.intraBytes),
  defaultIntraBytesMax: def.intraBytesMax,
  defaultPredictedBytes: round(def.predictedBytes),
  defaultMeanBytesPerFrame: round(def.meanBytes),
  defaultKbps: round((def.meanBytes * 8 * FPS) / 1000),
  ladder,
  rungs,
  fuzz: { mutations: fuzzCount, typedErrors, accepted, untypedErrors: untyped, ms: Math.round(fuzzMs) },
};
console.log(JSON.stringify(result));
if (untyped > 0) process.exitCode = 1;
