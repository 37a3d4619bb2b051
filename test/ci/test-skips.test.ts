/** CI's skip check (scripts/test-skips.ts) on hand-made jest results: which skips fail the run and which may pass. */
import path from 'node:path';
import { checkSkips, formatSkips, WHOLE_SUITE, type AllowedSkip, type JestResults, type SkipCheckInput } from '../../scripts/test-skips.js';

const root = '/repo';
const file = (rel: string): string => path.join(root, rel);
const passed = (title: string, ancestorTitles: string[] = []) => ({ ancestorTitles, title, status: 'passed' });

/** Three files: a plain one, one marked @needs-shared, and one probing for a GPU. */
function input(over: Partial<SkipCheckInput> = {}, suites?: JestResults['testResults']): SkipCheckInput {
  const testResults = suites ?? [
    { name: file('test/a.test.ts'), assertionResults: [passed('one'), { ancestorTitles: ['torch'], title: 'parity', status: 'pending' }] },
    { name: file('test/shared.test.ts'), assertionResults: [passed('clip'), { ancestorTitles: [], title: 'numpy', status: 'pending' }] },
    { name: file('test/gpu.test.ts'), assertionResults: [{ ancestorTitles: ['on a GPU'], title: 'renders', status: 'pending' }, { ancestorTitles: [], title: 'later', status: 'todo' }] },
  ];
  return {
    results: { numPassedTests: 2, numFailedTests: 0, numPendingTests: 3, numTodoTests: 1, testResults },
    root,
    testFiles: ['test/a.test.ts', 'test/shared.test.ts', 'test/gpu.test.ts'].map(file),
    needsShared: (f) => f === file('test/shared.test.ts'),
    sharedPresent: true,
    allowed: [],
    ...over,
  };
}

const names = (r: ReturnType<typeof checkSkips>['unexpected']): string[] => r.map((s) => `${s.file} › ${s.name}`);

describe('checkSkips', () => {
  test('with no allow-list every skipped, todo test is unexpected, named by file and full name', () => {
    const r = checkSkips(input());
    expect(names(r.unexpected)).toEqual([
      'test/a.test.ts › torch parity',
      'test/shared.test.ts › numpy',
      'test/gpu.test.ts › on a GPU renders',
      'test/gpu.test.ts › later',
    ]);
    expect(r.skipped).toEqual(r.unexpected);
  });

  test('a run with nothing skipped and every file run reports nothing', () => {
    const suites = ['test/a.test.ts', 'test/shared.test.ts', 'test/gpu.test.ts'].map((f) => ({ name: file(f), assertionResults: [passed('x')] }));
    expect(checkSkips(input({}, suites))).toEqual({ skipped: [], unexpected: [], staleAllowances: [] });
  });

  test('an allow-list entry allows the tests its pattern matches in its file, and no others', () => {
    const allowed: AllowedSkip[] = [{ file: 'test/gpu.test.ts', test: /^on a GPU /, reason: 'needs a GPU' }];
    const r = checkSkips(input({ allowed }));
    expect(r.skipped.find((s) => s.name === 'on a GPU renders')?.allowedBecause).toBe('needs a GPU');
    expect(names(r.unexpected)).toEqual(['test/a.test.ts › torch parity', 'test/shared.test.ts › numpy', 'test/gpu.test.ts › later']);
    // The same title in another file is not covered.
    const elsewhere = checkSkips(input({ allowed: [{ file: 'test/a.test.ts', test: /^on a GPU /, reason: 'needs a GPU' }] }));
    expect(names(elsewhere.unexpected)).toContain('test/gpu.test.ts › on a GPU renders');
  });

  test('an entry without a pattern allows its whole file', () => {
    const r = checkSkips(input({ allowed: [{ file: 'test/gpu.test.ts', reason: 'lent device' }] }));
    expect(names(r.unexpected)).toEqual(['test/a.test.ts › torch parity', 'test/shared.test.ts › numpy']);
  });

  test('with ../shared present a @needs-shared file may not skip by a whole-file entry; a test of it may by its name', () => {
    const allowed: AllowedSkip[] = [{ file: 'test/shared.test.ts', reason: 'numpy' }];
    expect(names(checkSkips(input({ allowed })).unexpected)).toContain('test/shared.test.ts › numpy');
    expect(names(checkSkips(input({ allowed, sharedPresent: false })).unexpected)).not.toContain('test/shared.test.ts › numpy');
    // A named test with a reason of its own (a kernel module the machine lacks) may skip even with ../shared present.
    const named: AllowedSkip[] = [{ file: 'test/shared.test.ts', test: /^numpy$/, reason: 'no netem' }];
    expect(names(checkSkips(input({ allowed: named })).unexpected)).not.toContain('test/shared.test.ts › numpy');
    expect(names(checkSkips(input({ allowed: [{ file: 'test/shared.test.ts', test: /^other$/, reason: 'r' }] })).unexpected)).toContain('test/shared.test.ts › numpy');
  });

  test('a test file jest never ran is a skipped suite: allowed only for @needs-shared without ../shared', () => {
    const suites = [{ name: file('test/gpu.test.ts'), assertionResults: [passed('x')] }];
    const present = checkSkips(input({}, suites));
    expect(names(present.unexpected)).toEqual([`test/a.test.ts › ${WHOLE_SUITE}`, `test/shared.test.ts › ${WHOLE_SUITE}`]);
    const absent = checkSkips(input({ sharedPresent: false }, suites));
    expect(names(absent.unexpected)).toEqual([`test/a.test.ts › ${WHOLE_SUITE}`]);
    expect(absent.skipped.find((s) => s.file === 'test/shared.test.ts')?.allowedBecause).toMatch(/shared is absent/);
    // A whole-file allow-list entry covers a file that was not run; a pattern entry does not.
    expect(checkSkips(input({ allowed: [{ file: 'test/a.test.ts', reason: 'r' }] }, suites)).unexpected.map((s) => s.file)).toEqual(['test/shared.test.ts']);
    expect(checkSkips(input({ allowed: [{ file: 'test/a.test.ts', test: /./, reason: 'r' }] }, suites)).unexpected.map((s) => s.file)).toEqual(['test/a.test.ts', 'test/shared.test.ts']);
  });

  test('an allow-list entry for a file that does not exist is reported as stale', () => {
    const gone: AllowedSkip = { file: 'test/renamed.test.ts', reason: 'needs a GPU' };
    const kept: AllowedSkip = { file: 'test/gpu.test.ts', reason: 'needs a GPU' };
    expect(checkSkips(input({ allowed: [gone, kept] })).staleAllowances).toEqual([gone]);
  });

  test('formatSkips marks the unexpected skips and gives the reason for the allowed ones', () => {
    const r = checkSkips(input({ allowed: [{ file: 'test/gpu.test.ts', reason: 'needs a GPU' }] }));
    expect(formatSkips(r)).toEqual([
      'UNEXPECTED pending: test/a.test.ts › torch parity',
      'UNEXPECTED pending: test/shared.test.ts › numpy',
      'skipped (allowed: needs a GPU): test/gpu.test.ts › on a GPU renders',
      'skipped (allowed: needs a GPU): test/gpu.test.ts › later',
    ]);
  });
});
