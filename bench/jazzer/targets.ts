/**
 * Coverage-guided fuzz targets for jazzer.js (`fuzz(data: Buffer)`): the first byte picks the parser, the rest is
 * its input. An untyped error escapes (jazzer reports it as a finding); typed refusals are the expected outcome.
 * Built into one file by scripts/fuzz-coverage.ts, which runs them.
 */
import { fuzzTargets, type FuzzTarget, type FuzzTargetName } from '../support/fuzz-targets.js';

export const JAZZER_GROUPS = {
  bitstream: ['frame-packet', 'stream-message', 'frame-bundle', 'person-matte', 'stream-file', 'chunk-envelope', 'chunk-reassembly', 'sframe-header'],
  signaling: ['signaling-client', 'signaling-server', 'room-token'],
} as const satisfies Record<string, readonly FuzzTargetName[]>;
export type JazzerGroup = keyof typeof JAZZER_GROUPS;

/** The group's targets in selector order, and its fuzz function. */
export function jazzerTarget(group: JazzerGroup): { targets: FuzzTarget[]; fuzz: (data: Buffer) => void } {
  const all = fuzzTargets();
  const targets = JAZZER_GROUPS[group].map((name) => all.find((t) => t.name === name)!);
  let runs = 0;
  return {
    targets,
    fuzz(data: Buffer) {
      if (data.length === 0) return;
      const target = targets[data[0] % targets.length];
      target.run(new Uint8Array(data.buffer, data.byteOffset + 1, data.length - 1));
      if (target.checkState && ++runs % 1000 === 0) target.checkState();
    },
  };
}
