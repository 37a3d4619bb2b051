/**
 * Bitstream benchmark: coder speed, bytes per frame over the profile ladder, and a long mutation run.
 * Motion comes from tracked parameters when `--tracks <file.json>` is given (from `facecodec track`), otherwise
 * from a smooth random walk; the output says which. Prints one JSON line last.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  BitstreamError,
  FrameDecoder,
  FrameEncoder,
  decodeMessage,
  estimateRate,
  makeProfile,
  type FrameValues,
  type KeyframeBase,
  type Profile,
} from '../src/bitstream/index.js';
import { RandomWalk, seededRandom } from './support/random-walk.js';
import { loadTrackMotion } from './support/track-motion.js';

const args = process.argv.slice(2);
const tracksPath = args.includes('--tracks') ? args[args.indexOf('--tracks') + 1] : undefined;
const fuzzCount = Number(args.includes('--fuzz') ? args[args.indexOf('--fuzz') + 1] : 200000);
const FRAMES = 3000;
const FPS = 25;

interface MotionSource {
  name: string;
  keyframe: KeyframeBase;
  frames: FrameValues[]; // 68 keypoints and the full expression; a profile selects from them
}

function motion(): MotionSource {
  if (tracksPath) return loadTrackMotion(JSON.parse(readFileSync(tracksPath, 'utf8')));
  const all = Array.from({ length: 68 }, (_, i) => i);
  const walk = new RandomWalk({ keypointCount: 68, expressionDims: 50, seed: 42 });
  walk.placeKeyframe(all);
  return { name: 'random-walk (synthetic; no tracks given)', keyframe: walk.keyframe, frames: Array.from({ length: FRAMES }, () => walk.next()) };
}

/** The frame's values as the profile sends them (its keypoints and expression prefix). */
function select(profile: Profile, v: FrameValues): FrameValues {
  const kp = new Float32Array(profile.landmarkIds.length * 3);
  profile.landmarkIds.forEach((id, i) => kp.set(v.keypointsMm.subarray(id * 3, id * 3 + 3), i * 3));
  return { ...v, keypointsMm: kp, expression: v.expression.subarray(0, profile.expressionDims) };
}

function run(profile: Profile, src: MotionSource) {
  const enc = new FrameEncoder({ profile, frameRateHz: FPS });
  const dec = new FrameDecoder({ frameRateHz: FPS });
  enc.setKeyframe(0, src.keyframe);
  dec.setKeyframe(0, src.keyframe);
  dec.setProfile(0, profile);
  const inputs = src.frames.map((f) => select(profile, f));
  const packets: Uint8Array[] = [];
  let intraBytes = 0, intraCount = 0, predBytes = 0, predCount = 0;
  const t0 = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const f = enc.encode(inputs[i], Math.round((i * 1000) / FPS));
    packets.push(f.bytes);
    if (f.type === 'intra') { intraBytes += f.bytes.length; intraCount++; }
    else { predBytes += f.bytes.length; predCount++; }
  }
  const t1 = performance.now();
  for (const p of packets) dec.decode(p);
  const t2 = performance.now();
  const total = intraBytes + predBytes;
  return {
    encodeUs: ((t1 - t0) * 1000) / inputs.length,
    decodeUs: ((t2 - t1) * 1000) / inputs.length,
    intraBytes: intraCount ? intraBytes / intraCount : null,
    predictedBytes: predCount ? predBytes / predCount : null,
    meanBytes: total / inputs.length,
    packets,
  };
}

const src = motion();
const defaultProfile = makeProfile();
run(defaultProfile, src); // warm-up (JIT)
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

// Long mutation run: typed errors only, never anything else.
const rand = seededRandom(1234);
const fuzzDec = new FrameDecoder({ frameRateHz: FPS });
fuzzDec.setKeyframe(0, src.keyframe);
fuzzDec.setProfile(0, defaultProfile);
let typedErrors = 0, accepted = 0, untyped = 0;
const tf = performance.now();
for (let i = 0; i < fuzzCount; i++) {
  const p = def.packets[Math.floor(rand() * def.packets.length)];
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
  motion: src.name,
  frames: src.frames.length,
  frameRateHz: FPS,
  defaultProfile: { keypoints: 16, expressionDims: 10, coding: defaultProfile.coding, intraInterval: defaultProfile.intraInterval },
  usPerPacket: round(def.encodeUs + def.decodeUs),
  encodePacketsPerSecond: Math.round(1e6 / def.encodeUs),
  decodePacketsPerSecond: Math.round(1e6 / def.decodeUs),
  defaultIntraBytes: round(def.intraBytes),
  defaultPredictedBytes: round(def.predictedBytes),
  defaultMeanBytesPerFrame: round(def.meanBytes),
  defaultKbps: round((def.meanBytes * 8 * FPS) / 1000),
  ladder,
  fuzz: { mutations: fuzzCount, typedErrors, accepted, untypedErrors: untyped, ms: Math.round(fuzzMs) },
};
console.log(JSON.stringify(result));
if (untyped > 0) process.exitCode = 1;
