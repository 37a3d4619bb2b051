/**
 * estimateRate against real coded sizes: every rung of the profile ladder and learned-keypoint profiles coded by the
 * real FrameEncoder on a synthetic track (bench/support/random-walk.ts), and the recorded real-clip measurements the
 * learned-keypoint constant is fitted to.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FrameEncoder,
  PROFILE_LADDER,
  estimateRate,
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
  k4e0: 1.048, k8e5: 1.05, k16e10: 1.142, k16e25: 0.963, k32e25: 1.093, k32e50: 0.94, k68e50: 1.096,
  learned10e0: 1.129, learned20e0: 1.199, learned26e0: 1.254, learned20e10: 1.155,
};

const name = (o: ProfileOptions) => (o.learnedKeypoints ? `learned${o.learnedKeypoints}e${o.expressionDims ?? 0}` : `k${o.keypoints}e${o.expressionDims}`);

/*
 * The ladder's figures were measured on tracked clips; the walk codes within 15% of them (observed mean ratio 0.940
 * to 1.142, k32e50 lowest, k16e10 highest; predicted frames 0.924 to 1.131). Intra frames are not compared: the walk drifts ever
 * farther from its one keyframe (up to 1.76x the estimate at k68e50), where a real encoder would take a new one.
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
 * With LEARNED_KEYPOINT_BITS_PER_VALUE, fitted to the real detector's 29.1 B/frame, the walk codes 1.14x to 1.26x
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

/** Steady bytes per frame (after the first keyframe) of one rung in a committed rate-quality result, mean over clips. */
function recordedBytesPerFrame(file: string, point: string): number {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const json = JSON.parse(readFileSync(path.join(repo, file), 'utf8')) as {
    results: Array<{ method: string; point: string; frames: number; steadyBytes: number; laterKeyframes: number }>;
  };
  const rows = json.results.filter((r) => r.method === 'facecodec' && r.point === point);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.laterKeyframes).toBe(0); // frame packets only
  return rows.reduce((a, r) => a + r.steadyBytes / (r.frames - 1), 0) / rows.length;
}

test('on real clips: learned keypoints and the default-depth landmark rung code within 5% of the estimate', () => {
  // 26 learned keypoints of the unsupervised CPU-scale detector, 2 held-out clips: 29.1 B/frame, estimated 29.22.
  const learned = recordedBytesPerFrame('bench/results/neural-ablation-cpu/unsupervised/2026-12-01.json', 'learned26 b9');
  expect(Math.abs(learned / estimateRate(makeProfile({ learnedKeypoints: 26, expressionDims: 0 })).meanBytes - 1)).toBeLessThan(0.05);
  // 16 landmarks, 25 expression dims at the default 9 bits, 9 clips: 23.38 B/frame, estimated 24.40 (0.958).
  const landmarks = recordedBytesPerFrame('bench/results/2026-12-01.json', 'k16 e25 b9');
  expect(Math.abs(landmarks / estimateRate(makeProfile({ keypoints: 16, expressionDims: 25 })).meanBytes - 1)).toBeLessThan(0.05);
});
