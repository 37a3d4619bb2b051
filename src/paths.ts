/** Where the SDK finds its own files (models/) and the shared development data (clips, stills, FLAME assets). */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the folder holding package.json, found from this module (works from src/ and dist/). */
export const PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(resolve(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), '..');
})();

/** The shared data folder: $FACECODEC_SHARED, else `../shared` beside the package. */
export function sharedDir(): string {
  return process.env.FACECODEC_SHARED ? resolve(process.env.FACECODEC_SHARED) : resolve(PACKAGE_ROOT, '..', 'shared');
}

/** A clip of the shared data folder (which may be absent: a fresh clone or an npm install has no ../shared). */
export function sharedClip(name: string): string {
  return resolve(sharedDir(), 'clips', name);
}

/** The sample clip the README's first command uses when no input is given and the shared data is there. */
export function defaultSampleClip(): string {
  return sharedClip('liveportrait_d18.mp4');
}

/** The built-in sample the repository carries (a public-domain portrait and a motion track): see its NOTICE.md. */
export const BUILTIN_SAMPLE_DIR = resolve(PACKAGE_ROOT, 'assets', 'sample');
