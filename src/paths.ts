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

/** The sample clip the README's first command uses when no input is given. */
export function defaultSampleClip(): string {
  return resolve(sharedDir(), 'clips', 'liveportrait_d18.mp4');
}
