// The neural ablation's settings, the rate-quality arguments of each, and its reading of a run's JSON report.
import { ablationRow, ablationTable, parseRateQualityReport } from '../../bench/neural-ablation/summary.js';
import { ablationSettings, rateQualityArgs } from '../../bench/neural-ablation/settings.js';
import { FACECODEC_QUICK_RUNG } from '../../bench/rate-quality/facecodec-method.js';
import { bytesPerFrame, kbitPerSecond } from '../../bench/rate-quality/rate-stats.js';

const flameExpr = { keypointMode: 'flame_expr' as const, landmarkIds: [66, 62, 37, 41, 44, 46, 48, 54], expressionDims: 10 };
const unsupervised = { keypointMode: 'unsupervised' as const, keypointCount: 8, landmarkIds: [66], expressionDims: 0 };

describe('ablationSettings', () => {
  const settings = ablationSettings([
    { dir: '/m/tiny-fe', config: flameExpr },
    { dir: '/n/tiny-fe/', config: { ...flameExpr, keypointMode: 'flame' as const, expressionDims: 0 } },
    { dir: '/m/un', config: unsupervised },
  ]);

  it('puts mesh-warp at the default rung first, then each model at its own rung under a unique name', () => {
    expect(settings.map((s) => s.name)).toEqual(['mesh-warp', 'tiny-fe', 'tiny-fe-2', 'un']);
    expect(settings[0]).toEqual({ name: 'mesh-warp', renderer: 'mesh-warp', modelDir: null, keypointMode: null, rung: FACECODEC_QUICK_RUNG });
    expect(settings.map((s) => s.keypointMode)).toEqual([null, 'flame_expr', 'flame', 'unsupervised']);
    expect(settings[1].rung).toEqual(FACECODEC_QUICK_RUNG);
    expect(settings[2].rung).toEqual({ keypoints: 8, expressionDims: 0, keypointBits: 9 });
    expect(settings[3].rung).toEqual({ keypoints: 8, expressionDims: 0, keypointBits: 9, learned: true });
    expect(settings[3].modelDir).toBe('/m/un');
  });

  it('runs rate-quality at that rung only, without classical codecs, passing the clip options through', () => {
    expect(rateQualityArgs(settings[3], '/o/un', { maxClips: '1', seconds: '2' })).toEqual([
      '--renderer', 'neural', '--neural-model-dir', '/m/un', '--rungs', 'l8b9', '--codecs', 'none', '--out', '/o/un', '--max-clips', '1', '--seconds', '2',
    ]);
    expect(rateQualityArgs(settings[0], '/o/mw', { clips: '/c' })).toEqual([
      '--renderer', 'mesh-warp', '--rungs', 'k16e10b9', '--codecs', 'none', '--out', '/o/mw', '--clips', '/c',
    ]);
  });
});

describe('ablation rows', () => {
  const over = (mean: number | null) => ({ mean, median: mean, clips: mean === null ? 0 : 2 });
  const report = {
    bench: 'rate-quality',
    settings: { fps: 25 },
    clips: [{}, {}],
    skipped: [{ clip: 'b', method: 'facecodec', point: 'learned8 b9', reason: 'NEURAL_BAD_INPUT: x' }],
    aggregates: [
      {
        method: 'facecodec',
        point: 'k16 e10 b9',
        clips: 2,
        kbps: over(4),
        totalKbps: over(50),
        firstKeyframeBytes: over(12000),
        metrics: { akdPx: over(1.5), akdMouthPx: over(1.6), aed: over(0.2), aemod: over(null), psnrDb: over(24), ssim: over(0.8) },
        measuredFrames: 26,
        noFaceInOutput: 3,
        noFaceInReference: 0,
      },
    ],
  };
  const parsed = parseRateQualityReport(JSON.stringify(report), 'r.json');
  const [meshWarp, , , un] = ablationSettings([
    { dir: '/m/fe', config: flameExpr },
    { dir: '/m/fe2', config: flameExpr },
    { dir: '/m/un', config: unsupervised },
  ]);

  it('takes the facecodec aggregate at the setting rung, NaN for metrics no clip had', () => {
    const row = ablationRow(meshWarp, parsed);
    expect(row.bytesPerFrame).toBeCloseTo(20, 9);
    expect(row.kbps).toBe(4);
    expect(row.metrics.akdPx).toBe(1.5);
    expect(row.metrics.aemod).toBeNaN();
    expect(row.noFace).toBe('3/26');
    expect(row.skipped).toBe(0);
  });

  it('reports a setting whose every clip was skipped, with the reason', () => {
    const row = ablationRow(un, parsed);
    expect(row.rung).toBe('learned8 b9');
    expect(row.clips).toBe(0);
    expect(row.kbps).toBeNaN();
    expect(row.skipped).toBe(1);
    expect(row.skipReason).toMatch(/NEURAL_BAD_INPUT/);
  });

  it('writes one table line per setting, dashes for missing values', () => {
    const table = ablationTable([ablationRow(meshWarp, parsed), ablationRow(un, parsed)]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toContain('| mesh-warp | mesh-warp | landmarks | k16 e10 b9 | 20.0 | 4.00 |');
    expect(table[3]).toContain('| un | neural | unsupervised | learned8 b9 | - | - |');
  });

  it('refuses what is not a rate-quality report', () => {
    expect(() => parseRateQualityReport('{', 'x.json')).toThrow(expect.objectContaining({ code: 'BENCH_RUN_FAILED' }));
    expect(() => parseRateQualityReport(JSON.stringify({ ...report, bench: 'other' }), 'x.json')).toThrow(/not a rate-quality report/);
  });
});

describe('bytesPerFrame', () => {
  it('inverts kbitPerSecond', () => {
    expect(bytesPerFrame(kbitPerSecond(2240, 100, 25), 25)).toBeCloseTo(22.4, 9);
    expect(bytesPerFrame(4, 0)).toBeNaN();
  });
});
