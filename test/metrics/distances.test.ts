// Landmark and embedding distances on hand-made vectors, and the summary over per-frame records.
import { aed, aemod, akd, akdMouth, akdRegion, LANDMARK_REGIONS, MetricsError, summarize, type FrameComparison } from '../../src/metrics/index.js';

function landmarks(f: (p: number) => [number, number]): Float32Array {
  const lm = new Float32Array(136);
  for (let p = 0; p < 68; p++) [lm[2 * p], lm[2 * p + 1]] = f(p);
  return lm;
}

describe('akd / akdMouth', () => {
  const ref = landmarks((p) => [p * 2, 100 - p]);

  it('is the mean Euclidean point distance, in pixels', () => {
    // A 3-4-5 displacement of every point is 5 px.
    expect(akd(ref, landmarks((p) => [p * 2 + 3, 100 - p + 4]))).toBeCloseTo(5, 6);
    expect(akd(ref, ref)).toBe(0);
  });

  it('akdMouth looks only at points 48-67', () => {
    const mouthMoved = landmarks((p) => (p >= 48 ? [p * 2 + 6, 100 - p] : [p * 2, 100 - p]));
    expect(akdMouth(ref, mouthMoved)).toBeCloseTo(6, 6);
    expect(akd(ref, mouthMoved)).toBeCloseTo((6 * 20) / 68, 6);
    const restMoved = landmarks((p) => (p < 48 ? [p * 2 + 6, 100 - p] : [p * 2, 100 - p]));
    expect(akdMouth(ref, restMoved)).toBe(0);
  });

  it('akdRegion measures one group only, and the groups cover the 68 points once', () => {
    // Brows (17-26) moved by 10 px, everything else still.
    const browsMoved = landmarks((p) => (p >= 17 && p < 27 ? [p * 2 + 10, 100 - p] : [p * 2, 100 - p]));
    expect(akdRegion(ref, browsMoved, 'brows')).toBeCloseTo(10, 6);
    for (const region of ['contour', 'nose', 'eyes', 'mouth'] as const) expect(akdRegion(ref, browsMoved, region)).toBe(0);
    const sizes = Object.values(LANDMARK_REGIONS).map(([first, end]) => end - first);
    expect(sizes).toEqual([17, 10, 9, 12, 20]);
    // Weighted by size, the regions give back the overall AKD.
    const moved = landmarks((p) => [p * 2 + (p % 5), 100 - p + (p % 3)]);
    const weighted = Object.entries(LANDMARK_REGIONS)
      .reduce((sum, [name, [first, end]]) => sum + akdRegion(ref, moved, name as keyof typeof LANDMARK_REGIONS) * (end - first), 0) / 68;
    expect(weighted).toBeCloseTo(akd(ref, moved), 5);
  });

  it('rejects arrays that are not 68 points', () => {
    expect(() => akd(ref, new Float32Array(134))).toThrow(MetricsError);
  });
});

describe('aed / aemod', () => {
  it('aed is the Euclidean distance of 128-d descriptors', () => {
    const a = new Float32Array(128);
    const b = new Float32Array(128);
    b[0] = 0.3;
    b[127] = 0.4;
    expect(aed(a, b)).toBeCloseTo(0.5, 6);
    expect(() => aed(a, new Float32Array(127))).toThrow(MetricsError);
  });

  it('aemod is the L2 distance of 7-d probability vectors, at most sqrt(2)', () => {
    const happy = Float32Array.of(0, 1, 0, 0, 0, 0, 0);
    const sad = Float32Array.of(0, 0, 1, 0, 0, 0, 0);
    expect(aemod(happy, sad)).toBeCloseTo(Math.SQRT2, 6);
    expect(aemod(happy, happy)).toBe(0);
    expect(() => aemod(happy, new Float32Array(128))).toThrow(MetricsError);
  });
});

describe('summarize', () => {
  const ok = (akdPx: number, psnrDb: number): FrameComparison => ({
    psnrDb, ssim: 0.9, facePsnrDb: psnrDb - 2, faceSsim: 0.85, noFaceInReference: false, noFaceInOutput: false, akdPx, akdMouthPx: akdPx / 2, akdContourPx: akdPx, akdBrowsPx: akdPx, akdNosePx: akdPx, akdEyesPx: akdPx, aed: 0.1, aemod: 0.2,
  });
  const lostOutput: FrameComparison = {
    psnrDb: 20, ssim: 0.5, facePsnrDb: 18, faceSsim: 0.4, noFaceInReference: false, noFaceInOutput: true, akdPx: null, akdMouthPx: null, akdContourPx: null, akdBrowsPx: null, akdNosePx: null, akdEyesPx: null, aed: null, aemod: null,
  };

  it('gives mean and median over measured frames and counts every failure', () => {
    const s = summarize([ok(1, 30), ok(2, 32), ok(9, 34), lostOutput]);
    expect(s.frames).toBe(4);
    expect(s.noFaceInOutput).toBe(1);
    expect(s.noFaceInReference).toBe(0);
    expect(s.faceMetricFrames).toBe(3);
    expect(s.akdPx).toEqual({ count: 3, mean: 4, median: 2 });
    expect(s.akdMouthPx.median).toBe(1);
    // Pixel metrics exist for every frame, the failed one included.
    expect(s.psnrDb).toEqual({ count: 4, mean: 29, median: 31 });
  });

  it('keeps Infinity PSNR visible in the mean but not in the median', () => {
    const s = summarize([ok(0, Infinity), ok(0, 40), ok(0, 30)]);
    expect(s.psnrDb.mean).toBe(Infinity);
    expect(s.psnrDb.median).toBe(40);
  });

  it('gives NaN statistics, not zeros, when nothing was measured', () => {
    const s = summarize([lostOutput]);
    expect(s.akdPx.count).toBe(0);
    expect(s.akdPx.mean).toBeNaN();
    expect(summarize([]).frames).toBe(0);
  });
});
