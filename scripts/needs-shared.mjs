/** Which test suites need ../shared, and where it is: one answer for jest.config.js and the CI skip check. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** As src/paths.ts: $FACECODEC_SHARED, else ../shared beside the repository. */
export function sharedDirFor(root) {
  return process.env.FACECODEC_SHARED ? resolve(process.env.FACECODEC_SHARED) : resolve(root, '..', 'shared');
}

/** Every `*.test.ts` under `dir`, as absolute paths, sorted. */
export function testFilesUnder(dir) {
  const files = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(dir);
  return files.sort();
}

/**
 * Whether a test file has a `// @needs-shared` line near the top (the first line, or right after a
 * `@jest-environment` docblock, which must stay first): it reads clips, stills or FLAME assets from ../shared.
 */
export function needsShared(path) {
  return /^\/\/ @needs-shared/m.test(readFileSync(path, 'utf8').slice(0, 2000));
}
