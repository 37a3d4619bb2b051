/** Jest runs the TypeScript sources as ES modules (type-checking is done by `tsc --noEmit` in `npm test`). */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsShared, sharedDirFor, testFilesUnder } from './scripts/needs-shared.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const sharedDir = sharedDirFor(root);

// A fresh clone or an npm install has no ../shared (third-party clips that cannot be shipped): its suites are
// skipped, said once here; CI and the developer machines have it and run everything.
const skipped = existsSync(sharedDir) ? [] : testFilesUnder(join(root, 'test')).filter(needsShared);
if (skipped.length > 0 && !process.env.JEST_WORKER_ID) {
  console.log(`${relative(process.cwd(), sharedDir) || sharedDir} not found: skipping ${skipped.length} suites that need the shared clips (set FACECODEC_SHARED to run them)`);
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['<rootDir>/test/setup/fast-globals-transform.cjs', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Core modules find model files through the installed platform (src/io/platform-files.ts): Node's, for every suite.
  setupFiles: ['<rootDir>/test/setup/node-platform.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...skipped.map((f) => `^${escape(f)}$`)],
  testTimeout: 60000,
};
