// Locates the shared real data (FACECODEC_SHARED, else ../shared next to the repository).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = process.env.FACECODEC_SHARED ?? path.resolve(repoRoot, '../shared');

/** Absolute path of a file in shared/stills. */
export function stillPath(name: string): string {
  return path.join(sharedDir, 'stills', name);
}
