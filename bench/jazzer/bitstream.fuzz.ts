/** jazzer.js entry: the bitstream and transport parsers (see targets.ts). */
import { jazzerTarget } from './targets.js';

export const { fuzz } = jazzerTarget('bitstream');
