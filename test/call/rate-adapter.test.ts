/** RateAdapter on synthetic receiver reports: down under loss or overshoot, up only after sustained clean reports. */
import { CallError, RateAdapter } from '../../src/call/index.js';
import { PROFILE_LADDER, estimateRate, makeProfile } from '../../src/bitstream/index.js';

const FPS = 30;

test('steps down one rung per hold period under loss, up again after sustained clean reports with headroom', () => {
  const adapter = new RateAdapter({ targetKbps: 20, frameRateHz: FPS, startIndex: 4 });
  expect(adapter.index).toBe(4);
  const steps: string[] = [];
  let t = 0;
  // 20% loss reported every 500 ms for 3 s: one step down per second (downHoldMs), never more than one rung at once.
  for (; t <= 3000; t += 500) {
    const decision = adapter.update({ nowMs: t, lossFraction: 0.2, sentKbps: 4 });
    if (decision) {
      expect(decision.toIndex).toBe(decision.fromIndex - 1);
      steps.push(`${t}:${decision.reason}:${decision.toIndex}`);
    }
  }
  expect(steps).toEqual(['0:loss:3', '1000:loss:2', '2000:loss:1', '3000:loss:0']);
  // under loss every frame is intra, so each frame that arrives decodes
  expect(adapter.lossResilient).toBe(true);
  expect(adapter.profile.intraInterval).toBe(1);
  // Clamped at the bottom.
  expect(adapter.update({ nowMs: 4000, lossFraction: 0.5 })).toBeNull();
  expect(adapter.index).toBe(0);

  // Moderate loss (between 2% and 5%) holds the rung and does not count as clean.
  for (t = 4500; t < 9000; t += 500) expect(adapter.update({ nowMs: t, lossFraction: 0.03, sentKbps: 2 })).toBeNull();
  // Clean from 9000: after upHoldMs (3 s) the sender leaves all-intra coding, then steps up one rung per 3 s.
  const ups: number[] = [];
  for (t = 9000; t <= 23_000; t += 500) {
    const decision = adapter.update({ nowMs: t, lossFraction: 0, sentKbps: 2 });
    if (decision?.reason === 'recovered') {
      expect(t).toBe(12_000);
      expect(decision.toIndex).toBe(decision.fromIndex);
      expect(adapter.profile.intraInterval).toBeGreaterThan(1);
    } else if (decision) {
      expect(decision.reason).toBe('headroom');
      expect(decision.toIndex).toBe(decision.fromIndex + 1);
      ups.push(t);
    }
  }
  expect(ups[0]).toBe(15_500);
  expect(ups.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < ups.length; i++) expect(ups[i] - ups[i - 1]).toBeGreaterThanOrEqual(3000);
});

test('holds the target rate: steps down when over target, and does not step up without headroom', () => {
  const adapter = new RateAdapter({ targetKbps: 4, frameRateHz: FPS, startIndex: 3 });
  const over = adapter.update({ nowMs: 0, lossFraction: 0, sentKbps: 6 });
  expect(over?.reason).toBe('over-target');
  expect(adapter.index).toBe(2);
  // 3.9 kbit/s measured on rung 2: the next rung would be predicted above 85% of 4 kbit/s, so no step up ever.
  for (let t = 500; t < 30_000; t += 500) expect(adapter.update({ nowMs: t, lossFraction: 0, sentKbps: 3.9 })).toBeNull();
  // With a generous target the same stream climbs.
  const roomy = new RateAdapter({ targetKbps: 40, frameRateHz: FPS, startIndex: 2 });
  let climbed = 0;
  for (let t = 0; t < 30_000; t += 500) if (roomy.update({ nowMs: t, lossFraction: 0, sentKbps: 3.9 * 1.3 ** climbed })) climbed++;
  expect(roomy.index).toBeGreaterThan(2);
  expect(roomy.profile.landmarkIds.length).toBe(PROFILE_LADDER[roomy.index].keypoints);
});

test('the default start rung is the richest that fits the target, and bad options are refused', () => {
  const adapter = new RateAdapter({ targetKbps: 4, frameRateHz: 30 });
  // The ladder's expected rates at 30 frame/s, from estimateRate itself rather than the adapter's own figure.
  const ladderKbps = PROFILE_LADDER.map((o) => (estimateRate(makeProfile(o)).meanBytes * 8 * 30) / 1000);
  // 2.40, 3.26, 4.54, 5.66, ... kbit/s: rung 1 (8 keypoints, 5 expression dims) is the richest under 4; 16 x 10 needs 4.54.
  expect(adapter.index).toBe(1);
  expect(ladderKbps[1]).toBeLessThanOrEqual(4);
  expect(ladderKbps[2]).toBeGreaterThan(4);
  for (let i = 0; i < adapter.rungCount; i++) expect(adapter.expectedKbps(i)).toBeCloseTo(ladderKbps[i], 9);
  expect(() => new RateAdapter({ targetKbps: -1, frameRateHz: 30 })).toThrow(CallError);
  expect(() => new RateAdapter({ targetKbps: 4, frameRateHz: 30, startIndex: 99 })).toThrow(expect.objectContaining({ code: 'CALL_BAD_ARGUMENT' }));
  expect(() => new RateAdapter({ targetKbps: 4, frameRateHz: 30, lossUpFraction: 0.1, lossDownFraction: 0.05 })).toThrow(CallError);
});

test('late frames (a queue on the path) step down like loss, without loss-resilient coding, and block steps up', () => {
  const adapter = new RateAdapter({ targetKbps: 20, frameRateHz: FPS, startIndex: 3, lateDownFraction: 0.2 });
  expect(adapter.update({ nowMs: 0, lossFraction: 0, lateFraction: 0.5, sentKbps: 4 })).toMatchObject({ reason: 'late', toIndex: 2 });
  expect(adapter.lossResilient).toBe(false);
  // Held for downHoldMs, then one more rung.
  expect(adapter.update({ nowMs: 500, lossFraction: 0, lateFraction: 0.5, sentKbps: 4 })).toBeNull();
  expect(adapter.update({ nowMs: 1000, lossFraction: 0, lateFraction: 0.5, sentKbps: 4 })).toMatchObject({ reason: 'late', toIndex: 1 });
  // Some lateness, under the step-down share: no step up however long it lasts.
  for (let t = 1500; t < 12_000; t += 500) expect(adapter.update({ nowMs: t, lossFraction: 0, lateFraction: 0.1, sentKbps: 2 })).toBeNull();
  expect(adapter.atLowestRung).toBe(false);
});
