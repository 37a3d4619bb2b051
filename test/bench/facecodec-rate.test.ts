// facecodec's roundtrip byte counts mapped onto the same rate figures as the classical codecs.
import { FACECODEC_LADDER, rateStatsFromRoundtrip, rungLabel } from '../../bench/rate-quality/facecodec-method.js';

describe('rateStatsFromRoundtrip', () => {
  it('keeps the first keyframe apart and counts later keyframes and packets as steady-state', () => {
    // 101 frames at 25 fps: 100 frames after the first; 2 keyframes of 1000 B each, 2500 B of packets, 30 B header.
    const s = rateStatsFromRoundtrip({
      frames: 101,
      frameRateHz: 25,
      firstKeyframeBytes: 1000,
      keyframeBytes: 2000,
      keyframes: 2,
      framePacketBytes: 2500,
      headerBytes: 30,
    });
    expect(s.firstKeyframeBytes).toBe(1000);
    expect(s.steadyBytes).toBe(3500);
    expect(s.laterKeyframes).toBe(1);
    expect(s.kbps).toBeCloseTo((3500 * 8 * 25) / 100 / 1000, 9);
    expect(s.totalKbps).toBeCloseTo((4530 * 8 * 25) / 101 / 1000, 9);
  });

  it('handles a stream that never found a face (no keyframe)', () => {
    const s = rateStatsFromRoundtrip({ frames: 10, frameRateHz: 25, firstKeyframeBytes: 0, keyframeBytes: 0, keyframes: 0, framePacketBytes: 0, headerBytes: 20 });
    expect(s.kbps).toBe(0);
    expect(s.laterKeyframes).toBe(0);
  });

  it('has a ladder of distinct rungs, poorest first', () => {
    const labels = FACECODEC_LADDER.map(rungLabel);
    expect(new Set(labels).size).toBe(labels.length);
    for (let i = 1; i < FACECODEC_LADDER.length; i++) {
      const [a, b] = [FACECODEC_LADDER[i - 1], FACECODEC_LADDER[i]];
      expect(b.keypoints * 3 * b.keypointBits + b.expressionDims).toBeGreaterThan(a.keypoints * 3 * a.keypointBits + a.expressionDims);
    }
  });
});
