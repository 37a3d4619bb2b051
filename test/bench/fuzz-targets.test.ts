/**
 * The fuzz targets (bench/support/fuzz-targets.ts) and mutator on a small budget: every valid seed parses, and
 * mutated inputs of every target end in a typed refusal or a parse, never another error. bench:fuzz runs 1,000,000.
 */
import { FUZZ_TARGETS, fuzzTargets } from '../../bench/support/fuzz-targets.js';
import { MUTATIONS, mutate } from '../../bench/support/mutator.js';
import { seededRandom } from '../../bench/support/random-walk.js';

const targets = fuzzTargets();
afterAll(() => targets.forEach((t) => t.close?.()));

test('there is a target for every parser the bench names, each with seeds', () => {
  expect(targets.map((t) => t.name)).toEqual([...FUZZ_TARGETS]);
  for (const t of targets) expect(t.seeds.length).toBeGreaterThan(0);
});

test.each(FUZZ_TARGETS.filter((n) => n !== 'chunk-reassembly'))('%s: every valid seed is accepted', (name) => {
  // (Fresh targets: a frame packet decoded once is a duplicate the second time.)
  const target = fuzzTargets().find((t) => t.name === name)!;
  for (const seed of target.seeds) expect(target.run(seed)).toBe('accepted');
  target.close?.();
});

test('2000 mutations of each target: typed refusals or parses only, and the frame decoder state stays sound', () => {
  const rand = seededRandom(5);
  const seen = new Set<string>();
  for (const target of targets) {
    for (let i = 0; i < 2000; i++) {
      const seed = target.seeds[Math.floor(rand() * target.seeds.length)];
      const { bytes, mutation } = mutate(seed, target.seeds[Math.floor(rand() * target.seeds.length)], rand);
      seen.add(mutation);
      expect(['accepted', 'typed']).toContain(target.run(bytes));
    }
    target.checkState?.();
  }
  expect([...seen].sort()).toEqual([...MUTATIONS].sort());
});
