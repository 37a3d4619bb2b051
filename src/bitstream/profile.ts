/** Rate profiles: what a frame packet carries (keypoints, expression prefix, jaw, pose) and how it is quantized. */
import { z } from 'zod';
import { DEFAULT_KEYPOINT_COUNT, selectKeypoints } from '../face/keypoint-selection.js';
import { BitstreamError } from './errors.js';
import { Quantizer, type QuantizerSpec } from './quantizer.js';

const quantizerSpecSchema = z
  .object({
    min: z.number().finite(),
    max: z.number().finite(),
    bits: z.number().int().min(1).max(24),
  })
  .refine((q) => q.max > q.min, { message: 'max must be greater than min' });

/** Most learned keypoints a profile may carry (the detector's K). */
export const MAX_LEARNED_KEYPOINTS = 128;
/**
 * Learned keypoints are normalized crop coordinates (about +-1); they are scaled by this into the keypoint slots so
 * that the keypoint quantizer (+-128, 9 bits: step 0.5) codes them in steps of 1/512 of the crop (0.5 px at 256 px).
 * A power of two, so the scaling is exact in float32 at both ends.
 */
export const LEARNED_KEYPOINT_SCALE = 128;

/**
 * Eye-state values are fractions of the eye's width (apertures 0..0.6, gaze about +-0.3): steps of 0.01, a third
 * of a pixel on a 30 px eye.
 */
export const DEFAULT_EYE_STATE_QUANTIZER: QuantizerSpec = { min: -0.64, max: 0.64, bits: 7 };
/** Values per frame of a profile with `sendEyes` (as src/face/eye-state.ts's EYE_STATE_LENGTH). */
export const EYE_STATE_SLOTS = 4;

/** zod schema of a profile; every profile from outside (header, profile change, user config) goes through it. */
export const profileSchema = z
  .object({
    landmarkIds: z
      .array(z.number().int().min(0).max(67))
      .max(68)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'landmark ids must be unique' }),
    /**
     * > 0: the keypoint slots carry this many keypoints of a learned detector (the unsupervised baseline) instead of
     * face-model landmarks; `landmarkIds` is then empty.
     */
    learnedKeypoints: z.number().int().min(0).max(MAX_LEARNED_KEYPOINTS).default(0),
    expressionDims: z.number().int().min(0).max(400),
    sendJaw: z.boolean(),
    keypointMm: quantizerSpecSchema,
    expression: quantizerSpecSchema,
    jawRad: quantizerSpecSchema,
    rotationRad: quantizerSpecSchema,
    translationPx: quantizerSpecSchema,
    scalePxPerMm: quantizerSpecSchema,
    coding: z.enum(['range', 'fixed']),
    intraInterval: z.number().int().min(0).max(100000),
    /** Carry the eye state (lid apertures, gaze: `EYE_STATE_LENGTH` values) in every frame. */
    sendEyes: z.boolean().default(false),
    eyeState: quantizerSpecSchema.default(DEFAULT_EYE_STATE_QUANTIZER),
  })
  .refine((p) => (p.learnedKeypoints > 0) !== (p.landmarkIds.length > 0), {
    message: 'a profile carries either landmark ids or learned keypoints (exactly one of them)',
    path: ['landmarkIds'],
  });

/** What every frame packet carries and how it is quantized. */
export type Profile = z.infer<typeof profileSchema>;

/** Options for `makeProfile`: counts plus optional bit depths; ranges come from the defaults. */
export interface ProfileOptions {
  /** Number of 3D keypoints, 1..68 (default 16). */
  keypoints?: number;
  /**
   * Carry this many learned keypoints (the neural decoder's detector, unsupervised baseline) instead of face-model
   * landmarks; `keypoints` is then ignored. Default 0.
   */
  learnedKeypoints?: number;
  /** Expression coefficients sent, a prefix of the model's vector (default 10). */
  expressionDims?: number;
  /** Send jaw rotation (for models with a jaw joint, e.g. FLAME). */
  sendJaw?: boolean;
  keypointBits?: number;
  expressionBits?: number;
  poseBits?: number;
  coding?: 'range' | 'fixed';
  intraInterval?: number;
  /** Carry lid apertures and gaze (default false). */
  sendEyes?: boolean;
}

/** Default ranges: head-space keypoints within ±128 mm, unit-variance expression coefficients within ±4. */
export function makeProfile(options: ProfileOptions = {}): Profile {
  const poseBits = options.poseBits ?? 10;
  const profile: Profile = {
    landmarkIds: options.learnedKeypoints ? [] : selectKeypoints(options.keypoints ?? DEFAULT_KEYPOINT_COUNT),
    learnedKeypoints: options.learnedKeypoints ?? 0,
    expressionDims: options.expressionDims ?? 10,
    sendJaw: options.sendJaw ?? false,
    keypointMm: { min: -128, max: 128, bits: options.keypointBits ?? 9 },
    expression: { min: -4, max: 4, bits: options.expressionBits ?? 6 },
    jawRad: { min: -0.5, max: 0.5, bits: 8 },
    rotationRad: { min: -Math.PI / 2, max: Math.PI / 2, bits: poseBits },
    translationPx: { min: -256, max: 768, bits: poseBits + 2 },
    scalePxPerMm: { min: 0, max: 8, bits: poseBits + 2 },
    coding: options.coding ?? 'range',
    intraInterval: options.intraInterval ?? 50,
    sendEyes: options.sendEyes ?? false,
    eyeState: DEFAULT_EYE_STATE_QUANTIZER,
  };
  return validateProfile(profile);
}

/** Validates a profile from outside; throws `BitstreamError('INVALID_PROFILE')` naming the first problem. */
export function validateProfile(value: unknown): Profile {
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BitstreamError('INVALID_PROFILE', `invalid profile at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Keypoints per frame: the learned keypoints, or the face-model landmarks the profile names. */
export function keypointCount(profile: Profile): number {
  return profile.learnedKeypoints > 0 ? profile.learnedKeypoints : profile.landmarkIds.length;
}

/** Value groups of a frame, in the order they are coded. */
export type FieldGroup = 'keypoint' | 'expression' | 'jaw' | 'rotation' | 'translation' | 'scale' | 'eyes';

/** A profile compiled into one quantizer per coded value slot. */
export interface FrameLayout {
  readonly profile: Profile;
  readonly keypointCount: number;
  readonly slotCount: number;
  readonly quantizers: readonly Quantizer[];
  readonly groups: readonly FieldGroup[];
  /** First slot of each group (keypoints start at 0). */
  readonly offsets: Readonly<Record<FieldGroup, number>>;
}

export function compileLayout(profile: Profile): FrameLayout {
  const k = keypointCount(profile);
  const groups: FieldGroup[] = [];
  const specs: QuantizerSpec[] = [];
  const add = (group: FieldGroup, spec: QuantizerSpec, n: number) => {
    for (let i = 0; i < n; i++) {
      groups.push(group);
      specs.push(spec);
    }
  };
  const offsets = {} as Record<FieldGroup, number>;
  offsets.keypoint = 0;
  add('keypoint', profile.keypointMm, k * 3);
  offsets.expression = groups.length;
  add('expression', profile.expression, profile.expressionDims);
  offsets.jaw = groups.length;
  add('jaw', profile.jawRad, profile.sendJaw ? 3 : 0);
  offsets.rotation = groups.length;
  add('rotation', profile.rotationRad, 3);
  offsets.translation = groups.length;
  add('translation', profile.translationPx, 2);
  offsets.scale = groups.length;
  add('scale', profile.scalePxPerMm, 1);
  offsets.eyes = groups.length;
  add('eyes', profile.eyeState, profile.sendEyes ? EYE_STATE_SLOTS : 0);
  const cache = new Map<string, Quantizer>();
  const quantizers = specs.map((s) => {
    const key = `${s.min}:${s.max}:${s.bits}`;
    let q = cache.get(key);
    if (!q) cache.set(key, (q = new Quantizer(s)));
    return q;
  });
  return { profile, keypointCount: k, slotCount: groups.length, quantizers, groups, offsets };
}
