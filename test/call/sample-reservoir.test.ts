/** SampleReservoir keeps session percentiles in bounded memory; the receiver's delay totals use it (they grew per frame). */
import { percentile, ReceiverStatsCollector, SampleReservoir } from '../../src/call/index.js';

test('holds every value up to its capacity, so percentiles there are exact', () => {
  const r = new SampleReservoir(100);
  for (let i = 1; i <= 100; i++) r.add(i);
  expect(r.values().length).toBe(100);
  expect(percentile(r.values(), 0.5)).toBe(50);
  expect(percentile(r.values(), 0.95)).toBe(95);
});

test('beyond its capacity it stays that size and samples the whole stream uniformly', () => {
  const r = new SampleReservoir(8192);
  for (let i = 0; i < 1_000_000; i++) r.add(i);
  expect(r.seen).toBe(1_000_000);
  expect(r.values().length).toBe(8192);
  // A uniform sample of 0..1e6: its median near 500k and p95 near 950k (8192 samples: within about 2%).
  expect(Math.abs(percentile(r.values(), 0.5) - 500_000)).toBeLessThan(20_000);
  expect(Math.abs(percentile(r.values(), 0.95) - 950_000)).toBeLessThan(20_000);
});

test("a receiver's delay totals stay bounded over a long call", () => {
  const c = new ReceiverStatsCollector(0);
  for (let i = 0; i < 200_000; i++) c.frameDecoded(i % 2 ? 80 : 120);
  expect(c.totals.framesDecoded).toBe(200_000);
  expect(c.totals.delaysMs.values().length).toBe(8192);
  expect(percentile(c.totals.delaysMs.values(), 0.95)).toBe(120);
});
