/**
 * CI's check of a jest `--json` results file: prints the totals and every skip, and exits 1 when a test or a whole
 * suite skipped that test/allowed-skips.ts does not allow, or when that list names a file that does not exist. Meant for a full run: a file jest did not run counts.
 *   npx tsx scripts/check-test-results.ts [.cache/jest-results.json]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOWED_SKIPS } from '../test/allowed-skips.js';
import { needsShared, sharedDirFor, testFilesUnder } from './needs-shared.mjs';
import { checkSkips, formatSkips, type JestResults } from './test-skips.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsPath = path.resolve(process.argv[2] ?? path.join(root, '.cache', 'jest-results.json'));
const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as JestResults;
const sharedPresent = existsSync(sharedDirFor(root));
const report = checkSkips({
  results,
  root,
  testFiles: testFilesUnder(path.join(root, 'test')),
  needsShared,
  sharedPresent,
  allowed: ALLOWED_SKIPS,
});
for (const line of formatSkips(report)) console.log(line);
const suitesNotRun = report.skipped.filter((s) => s.status === 'not run').length;
console.log(`${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped` +
  (suitesNotRun > 0 ? `, ${suitesNotRun} suites not run` : ''));
for (const a of report.staleAllowances) console.error(`check-test-results: test/allowed-skips.ts names ${a.file}, which does not exist`);
if (report.unexpected.length > 0 || report.staleAllowances.length > 0) {
  console.error(`check-test-results: ${report.unexpected.length} unexpected skips (allow one only in test/allowed-skips.ts, with its reason)`);
  process.exit(1);
}
