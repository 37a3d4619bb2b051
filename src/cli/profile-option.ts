/** Parses the CLI's profile options: a preset like `k16e10` plus optional overrides. */
import { makeProfile, type Profile, type ProfileOptions } from '../bitstream/index.js';
import { FacecodecError } from '../errors.js';

export interface ProfileFlags {
  profile?: string;
  keypoints?: string;
  expressionDims?: string;
  keypointBits?: string;
  coding?: string;
  intraInterval?: string;
  learnedKeypoints?: string;
  /** --eyes / --no-eyes (commander: true / false; undefined when neither was given). */
  eyes?: boolean;
}

/** Whether any profile flag was given (else a command may pick its own default, e.g. learned keypoints). */
export function hasProfileFlags(flags: ProfileFlags): boolean {
  const keys: (keyof ProfileFlags)[] = ['profile', 'keypoints', 'expressionDims', 'keypointBits', 'coding', 'intraInterval', 'learnedKeypoints', 'eyes'];
  return keys.some((k) => flags[k] !== undefined);
}

/** `k<keypoints>e<expression dims>`, e.g. `k16e10` (the default), `k4e0`, `k68e50`; `-fixed` selects fixed-length coding. */
export function parseProfile(flags: ProfileFlags, sendJaw: boolean): Profile {
  const options: ProfileOptions = { sendJaw };
  if (flags.profile) {
    const m = /^k(\d+)e(\d+)(-fixed)?$/.exec(flags.profile);
    if (!m) throw new FacecodecError('BAD_ARGUMENT', `--profile must look like k16e10 (keypoints, expression dims), got ${flags.profile}`);
    options.keypoints = Number(m[1]);
    options.expressionDims = Number(m[2]);
    if (m[3]) options.coding = 'fixed';
  }
  const int = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new FacecodecError('BAD_ARGUMENT', `${name} must be an integer, got ${v}`);
    return n;
  };
  options.keypoints = int('--keypoints', flags.keypoints) ?? options.keypoints;
  options.expressionDims = int('--expression-dims', flags.expressionDims) ?? options.expressionDims;
  options.keypointBits = int('--keypoint-bits', flags.keypointBits);
  options.intraInterval = int('--intra-interval', flags.intraInterval);
  options.learnedKeypoints = int('--learned-keypoints', flags.learnedKeypoints);
  if (options.learnedKeypoints) options.expressionDims = int('--expression-dims', flags.expressionDims) ?? 0;
  if (flags.eyes !== undefined) options.sendEyes = flags.eyes;
  if (flags.coding) {
    if (flags.coding !== 'range' && flags.coding !== 'fixed') throw new FacecodecError('BAD_ARGUMENT', '--coding must be range or fixed');
    options.coding = flags.coding;
  }
  try {
    return makeProfile(options);
  } catch (err) {
    if (err instanceof RangeError) throw new FacecodecError('BAD_ARGUMENT', err.message);
    throw err;
  }
}
