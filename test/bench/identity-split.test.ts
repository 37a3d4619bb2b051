// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * The train/evaluation split by person: every shared clip is in it under the person id its SOURCES.md gives, no
 * person is on both sides, and the benchmark's evaluation clips are all of evaluation identities.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadIdentitySplit, splitClips } from '../../bench/support/identity-split.js';
import { sharedDir } from '../../src/paths.js';

const split = loadIdentitySplit();

test('no person is on both sides, and the evaluation side has a clip for each evaluation identity', () => {
  const train = new Set(splitClips(split, 'train').map((c) => c.person));
  const evaluation = splitClips(split, 'eval');
  for (const c of evaluation) expect(train.has(c.person)).toBe(false);
  expect(new Set(evaluation.map((c) => c.person))).toEqual(new Set(split.evaluationIdentities));
  expect(split.evaluationClips).toHaveLength(split.evaluationIdentities.length);
  expect(train.size).toBeGreaterThanOrEqual(70);
});

test('the split lists every shared clip, with the person id of clips-train/SOURCES.md', () => {
  const sources = readFileSync(path.join(sharedDir(), 'clips-train', 'SOURCES.md'), 'utf8');
  const persons = new Map<string, string>();
  for (const line of sources.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 5 && cells[1].endsWith('.mp4')) persons.set(cells[1], cells[2]);
  }
  expect(persons.size).toBeGreaterThan(100);
  for (const [file, person] of persons) expect(split.clips.find((c) => c.folder === 'clips-train' && c.file === file)?.person).toBe(person);
  for (const file of readdirSync(path.join(sharedDir(), 'clips')).filter((f) => f.endsWith('.mp4'))) {
    expect(split.clips.some((c) => c.folder === 'clips' && c.file === file)).toBe(true);
  }
});

test('a hand-edited split that puts an evaluation clip on a training person is refused', () => {
  const broken = { ...split, evaluationClips: [split.clips.find((c) => !split.evaluationIdentities.includes(c.person))!.file] };
  const file = path.join(os.tmpdir(), `split-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(broken));
  expect(() => loadIdentitySplit(file)).toThrow(/not of an evaluation identity/);
});
