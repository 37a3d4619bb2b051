/**
 * estimateRate against real coded sizes: recorded real-clip measurements (the rate-quality bench's rungs through the
 * whole encoder, the bitstream bench's ladder on real tracks, the learned detector's rung), each within 10% (learned:
 * 5%); and every rung of the profile ladder and learned-keypoint profiles coded by the real FrameEncoder on a
 * synthetic track (bench/support/random-walk.ts), pinned to what it gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FrameEncoder,
  PROFILE_LADDER,
  RateController,
  estimateRate,
  kbps,
  learnedKeypointSlots,
  makeProfile,
  type KeyframeBase,
  type Profile,
  type ProfileOptions,
} from '../../src/bitstream/index.js';
import { RandomWalk, seededRandom } from '../../bench/support/random-walk.js';

const FRAMES = 500;
const SEEDS = [1, 2, 3];

interface Coded {
  meanBytes: number;
  intraBytes: number;
  predictedBytes: number;
}

/**
 * Codes FRAMES frames of a seeded walk with the profile. Learned keypoints move around the keyframe's own (as in
 * learned-keypoints.test.ts: 0.05 of the crop, period 44 frames); landmark profiles take the walk's keypoints.
 */
function code(profile: Profile, seed: number): Coded {
  const learned = profile.learnedKeypoints;
  const walk = new RandomWalk({ keypointCount: learned || profile.landmarkIds.length, expressionDims: profile.expressionDims, seed });
  let keyframe: KeyframeBase = walk.keyframe;
  let base: Float32Array | undefined;
  if (learned) {
    const rand = seededRandom(seed);
    base = Float32Array.from({ length: learned * 3 }, () => (rand() - 0.5) * 1.6);
    keyframe = { ...keyframe, learnedKeypoints: base.slice() };
  } else {
    walk.placeKeyframe(profile.landmarkIds);
  }
  const enc = new FrameEncoder({ profile, frameRateHz: 25 });
  enc.setKeyframe(0, keyframe);
  const sums = { intra: 0, intraN: 0, predicted: 0, predictedN: 0 };
  for (let i = 0; i < FRAMES; i++) {
    let v = walk.next();
    if (base) {
      const b = base;
      v = { ...v, keypointsMm: learnedKeypointSlots(b.map((x, j) => x + 0.05 * Math.sin((i + 1) / 7 + j))) };
    }
    const f = enc.encode(v, i * 40);
    if (f.type === 'intra') {
      sums.intra += f.bytes.length;
      sums.intraN++;
    } else {
      sums.predicted += f.bytes.length;
      sums.predictedN++;
    }
  }
  return { meanBytes: (sums.intra + sums.predicted) / FRAMES, intraBytes: sums.intra / sums.intraN, predictedBytes: sums.predicted / sums.predictedN };
}

/** Measured over estimated, averaged over the seeds. */
function ratios(options: ProfileOptions): { mean: number; predicted: number } {
  const profile = makeProfile(options);
  const est = estimateRate(profile);
  const coded = SEEDS.map((s) => code(profile, s));
  const avg = (f: (c: Coded) => number) => coded.reduce((a, c) => a + f(c), 0) / coded.length;
  return { mean: avg((c) => c.meanBytes) / est.meanBytes, predicted: avg((c) => c.predictedBytes) / est.predictedBytes };
}

/**
 * Measured over estimated mean bytes as observed for this seeded walk (deterministic): each must stay within 3%, so a
 * change to the estimate's constants or to the coder shows on every rung, not only where it crosses the tolerance.
 */
const OBSERVED_MEAN_RATIO: Record<string, number> = {
  k4e0: 0.969, k8e5: 1.027, k16e10: 1.049, k16e25: 0.996, k32e25: 1.056, k32e50: 1.073, k68e50: 1.132,
  learned10e0: 1.17, learned20e0: 1.233, learned26e0: 1.253, learned20e10: 1.192,
};

const name = (o: ProfileOptions) => (o.learnedKeypoints ? `learned${o.learnedKeypoints}e${o.expressionDims ?? 0}` : `k${o.keypoints}e${o.expressionDims}`);

/*
 * The estimate's figures were measured on tracked clips, where keypoints follow the expression and the keyframe's
 * Jacobian predicts them; the walk's keypoints move on their own and its keyframe has no Jacobian, yet it codes within
 * 15% (observed mean ratio 0.969 to 1.132, k4e0 lowest, k68e50 highest; predicted frames 0.967 to 1.101). Intra
 * frames are not compared: the walk drifts ever farther from its one keyframe, where a real encoder would take a new
 * one. The real-clip tests below hold the estimate to 10%.
 */
test.each(PROFILE_LADDER.map((o) => [name(o), o] as const))('ladder rung %s: the walk codes within 20%% of the estimate', (rung, options) => {
  const r = ratios(options);
  expect(Math.abs(r.mean / OBSERVED_MEAN_RATIO[rung] - 1)).toBeLessThan(0.03);
  expect(r.mean).toBeGreaterThan(0.8);
  expect(r.mean).toBeLessThan(1.2);
  expect(r.predicted).toBeGreaterThan(0.8);
  expect(r.predicted).toBeLessThan(1.2);
});

/*
 * Learned keypoints: priced with the landmark figures, these came out 1.67x (K = 10) to 2.11x (K = 26) the estimate.
 * With LEARNED_KEYPOINT_BITS_PER_VALUE, fitted to the real detector's 29.1 B/frame, the walk codes 1.17x to 1.25x
 * the estimate (learned26e0 highest, learned10e0 lowest): its keypoints move more steps per frame than the real
 * detector's, hence the band above 1.
 */
test.each([
  { learnedKeypoints: 10, expressionDims: 0 },
  { learnedKeypoints: 20, expressionDims: 0 },
  { learnedKeypoints: 26, expressionDims: 0 },
  { learnedKeypoints: 20, expressionDims: 10 },
].map((o) => [name(o), o] as const))('learned-keypoint profile %s: the walk codes 1.0 to 1.35 times the estimate', (profile, options) => {
  const r = ratios(options);
  expect(Math.abs(r.mean / OBSERVED_MEAN_RATIO[profile] - 1)).toBeLessThan(0.03);
  expect(r.mean).toBeGreaterThan(1.0);
  expect(r.mean).toBeLessThan(1.35);
  expect(r.predicted).toBeGreaterThan(1.0);
  expect(r.predicted).toBeLessThan(1.35);
});

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readResult = <T>(file: string): T => JSON.parse(readFileSync(path.join(repo, file), 'utf8')) as T;

/** Steady bytes per frame (after the first keyframe) of each facecodec rung in a committed rate-quality result, mean over clips. */
function recordedRungs(file: string): Map<string, number> {
  const json = readResult<{ results: Array<{ method: string; point: string; frames: number; steadyBytes: number; laterKeyframes: number }> }>(file);
  const byPoint = new Map<string, number[]>();
  for (const r of json.results.filter((x) => x.method === 'facecodec')) {
    expect(r.laterKeyframes).toBe(0); // frame packets only
    byPoint.set(r.point, [...(byPoint.get(r.point) ?? []), r.steadyBytes / (r.frames - 1)]);
  }
  return new Map([...byPoint].map(([point, v]) => [point, v.reduce((a, b) => a + b, 0) / v.length]));
}

/** A rate-quality rung label ("k16 e10 b8", "learned26 b9") as a profile. */
function rungProfile(point: string): Profile {
  const landmarks = /^k(\d+) e(\d+) b(\d+)$/.exec(point);
  if (landmarks) return makeProfile({ keypoints: Number(landmarks[1]), expressionDims: Number(landmarks[2]), keypointBits: Number(landmarks[3]) });
  const learned = /^learned(\d+) b(\d+)$/.exec(point)!;
  return makeProfile({ learnedKeypoints: Number(learned[1]), expressionDims: 0, keypointBits: Number(learned[2]) });
}

/*
 * Landmark rungs through the whole encoder (tracker, fitter, texture alignment, keyframe Jacobian) on real clips:
 * bench/rate-quality.ts's 6 s ladder on the 9 shared clips and on 9 other identities. Measured over estimated:
 *   shared clips:        k8 e5 b7 0.979, k16 e10 b8 1.014, k16 e25 b9 0.990, k32 e50 b10 0.931
 *   other identities:    k8 e5 b7 0.923, k16 e10 b8 0.947, k16 e25 b9 0.981, k32 e50 b10 0.962
 * (Before the estimate priced keypoints by expression dims and depth by the residuals' spread, the shared clips gave
 * 1.142, 1.295, 0.958 and 0.766: one bit of keypoint depth was priced at 0.7 bits a value, the clips show 0.2 to 0.4.)
 */
test.each([
  ['the 9 shared clips', 'bench/results/2026-12-01.json'],
  ['9 other identities', 'bench/results/evaluation-identities/2026-12-02.json'],
])('on real clips (%s, the rate-quality bench): every landmark rung codes within 10%% of the estimate', (_what, file) => {
  const rungs = recordedRungs(file);
  expect([...rungs.keys()]).toEqual(['k8 e5 b7', 'k16 e10 b8', 'k16 e25 b9', 'k32 e50 b10']);
  const ratios = [...rungs].map(([point, measured]) => [point, measured / estimateRate(rungProfile(point)).meanBytes] as const);
  expect(ratios.filter(([, q]) => Math.abs(q - 1) >= 0.1)).toEqual([]); // a failure names each rung and its ratio
});

/*
 * Every keypoint count x expression dims at the default depth, the SDK's PROFILE_LADDER and the rate-quality rungs,
 * coded from real tracks of four shared clips (989 frames; `npm run bench:bitstream`, keyframes with the Jacobian).
 * Measured over estimated: PROFILE_LADDER 1.013 (k4 e0), 1.010, 1.005, 1.019, 1.024, 1.022, 1.024 (k68 e50); the
 * rate-quality rungs 0.988 (k8 e5 b7), 1.014, 1.019, 0.977 (k32 e50 b10); the grid 1.005 to 1.024 wherever
 * expression is sent, without it 1.013 (4 keypoints), 1.042, 1.058, 1.087 (32), 1.068 (68).
 */
test('on real tracks (the bitstream bench): every ladder rung and grid row codes within 10% of the estimate', () => {
  type Row = { keypoints: number; expressionDims: number; keypointBits?: number; meanBytes: number };
  const json = readResult<{ motion: string; ladder: Row[]; rungs: Row[] }>('bench/results/bitstream/bitstream.json');
  expect(json.motion).toMatch(/^tracks: /); // real tracks, not the random walk
  const label = (r: Row) => `k${r.keypoints} e${r.expressionDims} b${r.keypointBits ?? 9}`;
  expect(json.rungs.map(label)).toEqual([
    ...PROFILE_LADDER.map((o) => `k${o.keypoints} e${o.expressionDims} b9`),
    'k8 e5 b7', 'k16 e10 b8', 'k16 e25 b9', 'k32 e50 b10',
  ]);
  const rows = [...json.ladder, ...json.rungs];
  expect(rows).toHaveLength(20 + 11);
  const ratios = rows.map((r) => [label(r), r.meanBytes / estimateRate(makeProfile(r)).meanBytes] as const);
  expect(ratios.filter(([, q]) => Math.abs(q - 1) >= 0.1)).toEqual([]);
});

test('on real clips: 26 learned keypoints code within 5% of the estimate', () => {
  // 26 learned keypoints of the unsupervised CPU-scale detector, 2 held-out clips: 29.1 B/frame, estimated 29.23 (0.996).
  const learned = recordedRungs('bench/results/neural-ablation-cpu/unsupervised/2026-12-01.json').get('learned26 b9')!;
  expect(Math.abs(learned / estimateRate(rungProfile('learned26 b9')).meanBytes - 1)).toBeLessThan(0.05);
});

/*
 * RateController on the default ladder at 25 frame/s: estimated 2.00, 2.71, 3.78, 4.72, 6.12, 6.94 and 10.07 kbit/s
 * per rung. Each target picks the richest rung estimated to fit, and that rung's rate measured on the real tracks
 * (the bitstream bench) stays within 10% of the target.
 */
test('RateController picks the richest rung that fits a target, and its real rate fits too', () => {
  const controller = new RateController();
  const targets = [1, 2.5, 3, 4, 5, 6.5, 8, 12];
  const picked = targets.map((t) => controller.chooseIndex(t, 25));
  expect(picked).toEqual([0, 0, 1, 2, 3, 4, 5, 6]);
  const rungs = readResult<{ rungs: Array<{ keypoints: number; expressionDims: number; keypointBits: number; meanBytes: number }> }>(
    'bench/results/bitstream/bitstream.json',
  ).rungs;
  targets.forEach((target, i) => {
    const o = PROFILE_LADDER[picked[i]];
    const measured = rungs.find((r) => r.keypoints === o.keypoints && r.expressionDims === o.expressionDims && r.keypointBits === 9)!;
    if (i > 0) expect(kbps(measured.meanBytes, 25)).toBeLessThan(target * 1.1); // 1 kbit/s fits no rung: the poorest
  });
  expect(controller.choose(4, 25)).toEqual(makeProfile(PROFILE_LADDER[2]));
});
