/** Finds the tests and suites a jest run skipped and decides which of them were allowed to skip (CI's check). */
import path from 'node:path';

/** The parts of one test in jest's `--json` output that the check reads. */
export interface JestAssertion {
  ancestorTitles: string[];
  title: string;
  /** passed | failed | pending (it.skip) | todo | skipped | disabled | focused. */
  status: string;
}

/** One test file in jest's `--json` output. */
export interface JestSuite {
  /** Absolute path of the test file. */
  name: string;
  assertionResults: JestAssertion[];
}

/** The parts of jest's `--json` output that the check reads. */
export interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: JestSuite[];
}

/** A skip that is expected on some machines, with the reason it is. */
export interface AllowedSkip {
  /** Test file, relative to the repository root, with forward slashes. */
  file: string;
  /** Matches the test's full name (describe titles and title, joined by spaces); absent: the whole file may skip. */
  test?: RegExp;
  reason: string;
}

export interface SkipCheckInput {
  results: JestResults;
  /** Repository root: test files are reported relative to it. */
  root: string;
  /** Every test file that exists (absolute paths): one that is absent from the results was never run. */
  testFiles: string[];
  /** Whether a test file is marked `// @needs-shared`. */
  needsShared: (file: string) => boolean;
  /** Whether ../shared (or $FACECODEC_SHARED) exists on this machine. */
  sharedPresent: boolean;
  allowed: readonly AllowedSkip[];
}

export interface SkippedTest {
  /** Relative to the root. */
  file: string;
  /** Full test name, or WHOLE_SUITE when jest never ran the file. */
  name: string;
  status: string;
  /** Why this skip is fine; absent when it is not. */
  allowedBecause?: string;
}

export interface SkipReport {
  skipped: SkippedTest[];
  unexpected: SkippedTest[];
  /** Allow-list entries naming no existing test file: a renamed file would otherwise leave its entry behind. */
  staleAllowances: AllowedSkip[];
}

export const WHOLE_SUITE = '(whole suite not run)';
const RAN = new Set(['passed', 'failed']);

/** Every skipped test and unrun suite, and which of them no allow-list entry (or missing ../shared) explains. */
export function checkSkips(input: SkipCheckInput): SkipReport {
  const rel = (file: string): string => path.relative(input.root, file).split(path.sep).join('/');
  const ran = new Set(input.results.testResults.map((s) => path.resolve(s.name)));
  // With ../shared present a suite that needs it may not skip, whatever the allow-list says; one of its tests may, by
  // an entry naming that test (a reason of its own, such as a kernel module the machine lacks).
  const allowance = (file: string, name: string | undefined): string | undefined => {
    const r = rel(file);
    if (input.sharedPresent && input.needsShared(file)) {
      return name === undefined ? undefined : input.allowed.find((a) => a.file === r && a.test?.test(name))?.reason;
    }
    return input.allowed.find((a) => a.file === r && (name === undefined ? a.test === undefined : !a.test || a.test.test(name)))?.reason;
  };
  const skipped: SkippedTest[] = [];
  for (const file of input.testFiles) {
    if (ran.has(path.resolve(file))) continue;
    const because = !input.sharedPresent && input.needsShared(file) ? '../shared is absent (jest.config.js)' : allowance(file, undefined);
    skipped.push({ file: rel(file), name: WHOLE_SUITE, status: 'not run', ...(because ? { allowedBecause: because } : {}) });
  }
  for (const suite of input.results.testResults) {
    for (const a of suite.assertionResults) {
      if (RAN.has(a.status)) continue;
      const name = [...a.ancestorTitles, a.title].join(' ');
      const because = allowance(suite.name, name);
      skipped.push({ file: rel(suite.name), name, status: a.status, ...(because ? { allowedBecause: because } : {}) });
    }
  }
  const files = new Set(input.testFiles.map(rel));
  return {
    skipped,
    unexpected: skipped.filter((s) => s.allowedBecause === undefined),
    staleAllowances: input.allowed.filter((a) => !files.has(a.file)),
  };
}

/** One line per skip, the unexpected ones marked, for CI's log. */
export function formatSkips(report: SkipReport): string[] {
  return report.skipped.map((s) =>
    s.allowedBecause ? `skipped (allowed: ${s.allowedBecause}): ${s.file} › ${s.name}` : `UNEXPECTED ${s.status}: ${s.file} › ${s.name}`,
  );
}
