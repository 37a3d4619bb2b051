// Locates the shared real data (FACECODEC_SHARED, else ../shared next to the repository).
import path from 'node:path';
import { sharedDir as sharedDataDir } from '../../src/paths.js';

export const sharedDir = sharedDataDir();

/** Absolute path of a file in shared/stills. */
export function stillPath(name: string): string {
  return path.join(sharedDir, 'stills', name);
}
