/** Where tests find the shared clips and stills ($FACECODEC_SHARED or ../shared beside the repo). */
import { resolve } from 'node:path';
import { sharedDir } from '../../src/paths.js';

export const clip = (name: string) => resolve(sharedDir(), 'clips', name);
export const still = (name: string) => resolve(sharedDir(), 'stills', name);
