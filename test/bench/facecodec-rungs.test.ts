// Rung labels and parsing (landmark and learned keypoints), and the rung a neural model's config asks for.
import {
  FACECODEC_LADDER,
  FACECODEC_QUICK_RUNG,
  parseRung,
  rungArgument,
  rungEncoderOptions,
  rungLabel,
  rungProfile,
} from '../../bench/rate-quality/facecodec-method.js';
import { checkRungsForModel, learnedKeypointCount, modelRung, type ModelKeypoints } from '../../bench/rate-quality/neural-rung.js';

const badArgument = expect.objectContaining({ code: 'BENCH_BAD_ARGUMENT' });

describe('parseRung', () => {
  it('reads landmark rungs, 9-bit keypoints when no bits are given', () => {
    expect(parseRung('k16e10b9')).toEqual({ keypoints: 16, expressionDims: 10, keypointBits: 9 });
    expect(parseRung('k8e5b7')).toEqual({ keypoints: 8, expressionDims: 5, keypointBits: 7 });
    expect(parseRung('k16e10')).toEqual({ keypoints: 16, expressionDims: 10, keypointBits: 9 });
    expect(parseRung('k68e0b10')).toEqual({ keypoints: 68, expressionDims: 0, keypointBits: 10 });
  });

  it('reads learned rungs', () => {
    expect(parseRung('l26b9')).toEqual({ keypoints: 26, expressionDims: 0, keypointBits: 9, learned: true });
    expect(parseRung('l26')).toEqual({ keypoints: 26, expressionDims: 0, keypointBits: 9, learned: true });
    expect(parseRung('l10b8')).toEqual({ keypoints: 10, expressionDims: 0, keypointBits: 8, learned: true });
  });

  it('reads back its own labels and arguments', () => {
    for (const r of [...FACECODEC_LADDER, FACECODEC_QUICK_RUNG, parseRung('l26b9')]) {
      expect(parseRung(rungLabel(r))).toEqual(r);
      expect(parseRung(rungArgument(r))).toEqual(r);
    }
    expect(parseRung(' k16e10b9 ')).toEqual(FACECODEC_QUICK_RUNG);
  });

  it('reads an appearance spend: a keyframe every r frames at s bytes', () => {
    const r = parseRung('k16e10b9r25s1500');
    expect(r).toEqual({ keypoints: 16, expressionDims: 10, keypointBits: 9, refreshFrames: 25, keyframeBytes: 1500 });
    expect(rungLabel(r)).toBe('k16 e10 b9 r25 s1500');
    expect(parseRung(rungLabel(r))).toEqual(r);
    expect(parseRung(rungArgument(r))).toEqual(r);
    expect(parseRung('k16e10r10')).toEqual({ keypoints: 16, expressionDims: 10, keypointBits: 9, refreshFrames: 10 });
    expect(rungEncoderOptions(r)).toEqual({ keyframePolicy: { maxIntervalFrames: 25, minIntervalFrames: 25 }, keyframeBytes: 1500 });
    expect(rungEncoderOptions(parseRung('k16e10b9'))).toEqual({});
    for (const text of ['k16e10b9r0', 'k16e10b9s10', 'k16e10b9s2000000']) expect(() => parseRung(text)).toThrow(badArgument);
  });

  it('reads a pose spend: a keyframe once the head turned t degrees, no closer than m frames (default 25)', () => {
    const r = parseRung('k16e10b9t15');
    expect(r).toEqual({ keypoints: 16, expressionDims: 10, keypointBits: 9, turnDeg: 15 });
    expect(rungLabel(r)).toBe('k16 e10 b9 t15');
    expect(rungEncoderOptions(r)).toEqual({ keyframePolicy: { maxRotationDeg: 15, minIntervalFrames: 25 } });
    const all = parseRung('k32e50b10r100t10m12s2500y');
    expect(all).toEqual({ keypoints: 32, expressionDims: 50, keypointBits: 10, refreshFrames: 100, turnDeg: 10, turnMinFrames: 12, keyframeBytes: 2500, eyes: true });
    expect(parseRung(rungLabel(all))).toEqual(all);
    expect(parseRung(rungArgument(all))).toEqual(all);
    // The closer of the two gaps holds: the refresh's 100 frames would block a pose keyframe for 4 s.
    expect(rungEncoderOptions(all)).toEqual({ keyframePolicy: { maxIntervalFrames: 100, maxRotationDeg: 10, minIntervalFrames: 12 }, keyframeBytes: 2500 });
    for (const text of ['k16e10b9t0', 'k16e10b9t181', 'k16e10b9m12']) expect(() => parseRung(text)).toThrow(badArgument);
  });

  it.each(['', 'k16', 'e10b9', 'k16e10b', 'k16e10b9x', 'K16E10B9', 'k-1e10b9', 'k1.5e10', 'l', 'l26e10b9', 'learned', 'x16e10b9', 'k16,e10'])(
    'refuses %p',
    (text) => {
      expect(() => parseRung(text)).toThrow(badArgument);
    },
  );

  it('refuses counts and bit depths no profile can carry', () => {
    for (const text of ['k0e10b9', 'k69e10b9', 'k16e401b9', 'k16e10b0', 'k16e10b25', 'l0b9', 'l129b9']) {
      expect(() => parseRung(text)).toThrow(badArgument);
    }
  });
});

describe('rungLabel and rungProfile', () => {
  it('labels landmark and learned rungs', () => {
    expect(rungLabel({ keypoints: 16, expressionDims: 10, keypointBits: 9 })).toBe('k16 e10 b9');
    expect(rungLabel({ keypoints: 26, expressionDims: 0, keypointBits: 9, learned: true })).toBe('learned26 b9');
    expect(rungArgument({ keypoints: 26, expressionDims: 0, keypointBits: 9, learned: true })).toBe('l26b9');
  });

  it('builds a learned-keypoint profile for a learned rung and a landmark profile otherwise', () => {
    const learned = rungProfile({ keypoints: 26, expressionDims: 0, keypointBits: 9, learned: true });
    expect(learned.learnedKeypoints).toBe(26);
    expect(learned.landmarkIds).toEqual([]);
    expect(learned.expressionDims).toBe(0);
    expect(learned.keypointMm.bits).toBe(9);
    const landmarks = rungProfile({ keypoints: 8, expressionDims: 5, keypointBits: 7 });
    expect(landmarks.learnedKeypoints).toBe(0);
    expect(landmarks.landmarkIds).toHaveLength(8);
    expect(landmarks.expressionDims).toBe(5);
    expect(landmarks.keypointMm.bits).toBe(7);
  });

  it('refuses a learned rung with expression dims', () => {
    expect(() => rungProfile({ keypoints: 26, expressionDims: 10, keypointBits: 9, learned: true })).toThrow(badArgument);
  });
});

describe('rungs for a neural model', () => {
  const flameExpr: ModelKeypoints = { keypointMode: 'flame_expr', landmarkIds: [66, 62, 37, 41, 44, 46, 48, 54], expressionDims: 10 };
  const flame: ModelKeypoints = { keypointMode: 'flame', landmarkIds: [66, 62, 37, 41, 44, 46, 48, 54, 36, 45], expressionDims: 0 };
  const unsupervised: ModelKeypoints = { keypointMode: 'unsupervised', keypointCount: 26, landmarkIds: [66], expressionDims: 0 };

  it('sends each model what it consumes', () => {
    expect(modelRung(flameExpr)).toEqual(FACECODEC_QUICK_RUNG);
    // Exports from before the ablation carry no keypointMode: flame_expr.
    expect(modelRung({ ...flameExpr, keypointMode: undefined })).toEqual(FACECODEC_QUICK_RUNG);
    expect(modelRung({ ...flameExpr, expressionDims: 0 })).toEqual({ keypoints: 8, expressionDims: 0, keypointBits: 9 });
    expect(modelRung(flame)).toEqual({ keypoints: 10, expressionDims: 0, keypointBits: 9 });
    expect(modelRung(unsupervised)).toEqual({ keypoints: 26, expressionDims: 0, keypointBits: 9, learned: true });
  });

  it('knows K only for unsupervised models', () => {
    expect(learnedKeypointCount(unsupervised)).toBe(26);
    expect(learnedKeypointCount(flame)).toBe(0);
    expect(() => learnedKeypointCount({ ...unsupervised, keypointCount: undefined })).toThrow(badArgument);
  });

  it('refuses rungs the decoder would refuse', () => {
    expect(() => checkRungsForModel([parseRung('l26b9'), parseRung('l26b7')], unsupervised)).not.toThrow();
    expect(() => checkRungsForModel([parseRung('k16e10b9')], unsupervised)).toThrow(/26 learned keypoints/);
    expect(() => checkRungsForModel([parseRung('l10b9')], unsupervised)).toThrow(badArgument);
    expect(() => checkRungsForModel([parseRung('l26b9')], null)).toThrow(badArgument);
    expect(() => checkRungsForModel([parseRung('l26b9')], flameExpr)).toThrow(badArgument);
    expect(() => checkRungsForModel(FACECODEC_LADDER, null)).not.toThrow();
    expect(() => checkRungsForModel(FACECODEC_LADDER, flame)).not.toThrow();
  });
});
