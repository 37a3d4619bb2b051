/** Shared paths and helpers of the FLAME tests: the real FLAME folder and the tiny generated fixture. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir as sharedDataDir } from '../../src/paths.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** /work/shared (or $FACECODEC_SHARED). */
export const sharedDir = sharedDataDir();
/** Partial FLAME 2023 Open (see NOTICE.md there). */
export const flameDir = path.join(sharedDir, 'assets/flame');
/** 12-vertex FLAME-format model made by scripts/make-flame-fixture.py. */
export const tinyDir = path.join(repoRoot, 'test/fixtures/flame-tiny');
export const fixtureScript = path.join(repoRoot, 'scripts/make-flame-fixture.py');

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Runs `fn` and returns the error it throws (fails the test when it does not throw). */
export async function caught(fn: () => unknown): Promise<{ code?: string; message: string; name: string }> {
  try {
    await fn();
  } catch (e) {
    return e as { code?: string; message: string; name: string };
  }
  throw new Error('expected an error');
}
