/**
 * The train/evaluation split by person (training/identity-split.json): every learned part trains on training
 * identities only, and benchmarks that claim generalisation report the evaluation identities apart.
 */
import '../../src/node/index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT, sharedDir } from '../../src/paths.js';

const splitSchema = z.object({
  version: z.literal(1),
  evaluationIdentities: z.array(z.string().min(1)).min(1),
  /** One clip per evaluation identity: the benchmark set (the 3 s / frame-step 2 runs in the README). */
  evaluationClips: z.array(z.string().min(1)).min(1),
  clips: z.array(z.object({ folder: z.enum(['clips', 'clips-train']), file: z.string().min(1), person: z.string().min(1) })).min(1),
});

export type IdentitySplit = z.infer<typeof splitSchema>;
export type SplitClip = IdentitySplit['clips'][number];

export const IDENTITY_SPLIT_PATH = path.join(PACKAGE_ROOT, 'training', 'identity-split.json');

/** The split file, validated: evaluation clips must belong to evaluation identities. */
export function loadIdentitySplit(file = IDENTITY_SPLIT_PATH): IdentitySplit {
  const split = splitSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const held = new Set(split.evaluationIdentities);
  for (const name of split.evaluationClips) {
    const clip = split.clips.find((c) => c.file === name);
    if (!clip || !held.has(clip.person)) throw new Error(`identity split: evaluation clip ${name} is not of an evaluation identity`);
  }
  return split;
}

/** Clips of the training or the evaluation identities (a clip's part is its person's, never its own). */
export function splitClips(split: IdentitySplit, part: 'train' | 'eval'): SplitClip[] {
  const held = new Set(split.evaluationIdentities);
  return split.clips.filter((c) => held.has(c.person) === (part === 'eval'));
}

/** Where a split clip lies in the shared data folder. */
export function splitClipPath(clip: Pick<SplitClip, 'folder' | 'file'>, shared = sharedDir()): string {
  return path.join(shared, clip.folder, clip.file);
}
