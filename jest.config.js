/** Jest runs the TypeScript sources as ES modules (type-checking is done by `tsc --noEmit` in `npm test`). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
// As src/paths.ts: $FACECODEC_SHARED, else ../shared beside the repository.
const sharedDir = process.env.FACECODEC_SHARED ? resolve(process.env.FACECODEC_SHARED) : resolve(root, '..', 'shared');

/**
 * Test files with a `// @needs-shared` line near the top (the first line, or right after a `@jest-environment`
 * docblock, which must stay first): they read clips, stills or FLAME assets from ../shared.
 */
function suitesNeedingShared() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts') && /^\/\/ @needs-shared/m.test(readFileSync(path, 'utf8').slice(0, 2000))) files.push(path);
    }
  };
  walk(join(root, 'test'));
  return files;
}

// A fresh clone or an npm install has no ../shared (third-party clips that cannot be shipped): its suites are
// skipped, said once here; CI and the developer machines have it and run everything.
const skipped = existsSync(sharedDir) ? [] : suitesNeedingShared();
if (skipped.length > 0 && !process.env.JEST_WORKER_ID) {
  console.log(`${relative(process.cwd(), sharedDir) || sharedDir} not found: skipping ${skipped.length} suites that need the shared clips (set FACECODEC_SHARED to run them)`);
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Core modules find model files through the installed platform (src/io/platform-files.ts): Node's, for every suite.
  setupFiles: ['<rootDir>/test/setup/node-platform.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...skipped.map((f) => `^${escape(f)}$`)],
  testTimeout: 60000,
};
