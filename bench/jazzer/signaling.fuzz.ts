/** jazzer.js entry: signaling messages both ways and room tokens (see targets.ts). */
import { jazzerTarget } from './targets.js';

export const { fuzz } = jazzerTarget('signaling');
