/**
 * The stream's messages as typed values, and their protobuf encoding. Everything decoded from outside bytes is
 * validated (zod) before it is returned, so callers never see NaN parameters, absurd sizes or unknown versions.
 */
import { z } from 'zod';
import { BitstreamError } from './errors.js';
import { decodePersonMatte, MAX_MATTE_BYTES } from './person-matte.js';
import { MAX_LEARNED_KEYPOINTS, profileSchema, validateProfile, type Profile } from './profile.js';
import { decodeWith, pb } from './wire.js';

export const FORMAT_VERSION = 1;
/** The most keyframes a receiver holds (and reports): the references of a stream. */
export const MAX_HELD_KEYFRAMES = 4;

/** Largest message accepted from outside (a keyframe image with its parameters). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Stream-level facts: sent first, and again whenever a receiver joins or the profile changes. */
export interface StreamHeader {
  formatVersion: number;
  profile: Profile;
  profileId: number;
  /** Face model name, e.g. `builtin-mediapipe-v1`; the receiver must hold the same model. */
  faceModelId: string;
  /** sha256 of the model data (32 bytes). */
  faceModelHash: Uint8Array;
  /** The model's full expression dimension (the profile sends a prefix of it). */
  modelExpressionDims: number;
  /** Rate of the coded frames (the parameter rate). */
  frameRateHz: number;
  /**
   * The camera's rate, when frames are coded at a lower rate than shown (parameter decimation): receivers render
   * interpolated frames in between. Absent or equal to `frameRateHz`: every shown frame is coded.
   */
  displayRateHz?: number;
  cropWidth: number;
  cropHeight: number;
}

/** Full-precision face-model parameters of a keyframe. */
export interface KeyframeParams {
  shape: Float32Array;
  expression: Float32Array;
  jawRad: Float32Array;
  eyesRad: Float32Array;
  rotationRad: Float32Array;
  translationPx: Float32Array;
  scalePxPerMm: number;
  /**
   * All 68 iBUG landmarks in head space, mm (204 values): the base of intra prediction. Usually absent: the receiver
   * then derives them from the model and this keyframe's shape, expression, jaw and eyes, as the sender did.
   */
  keypoints68Mm?: Float32Array;
  /**
   * The neural decoder's learned keypoints of the keyframe crop (normalized, K x 3): sent when the sender runs a
   * learned detector; the base of intra prediction for profiles with `learnedKeypoints`.
   */
  learnedKeypoints?: Float32Array;
  /** Lid apertures and gaze of the keyframe (4 values, see src/face/eye-state.ts), when the sender measured them. */
  eyeState?: Float32Array;
}

/** Keyframe image formats, in the proto enum's order (the wire carries the index). */
export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export interface KeyframeMessage {
  id: number;
  width: number;
  height: number;
  format: ImageFormat;
  /** The encoded image (JPEG, PNG, WebP or AVIF bytes). */
  image: Uint8Array;
  params: KeyframeParams;
  timestampMs: number;
  /** The coded person matte (`encodePersonMatte`): the receiver keeps the background still behind a moving head. */
  personMatte?: Uint8Array;
}

export interface ReceiverStats {
  framesReceived: number;
  framesLost: number;
  framesDropped: number;
  lossFraction: number;
  delayMsP50: number;
  delayMsP95: number;
  receiveKbps: number;
  /** The keyframes the receiver holds (absent from older receivers): the references a sender may switch back to. */
  keyframeIds?: number[];
}

export type ControlMessage =
  | { type: 'keyframe-request'; lastGoodSequence: number; reason: string }
  | { type: 'profile-change'; profileId: number; profile: Profile }
  | ({ type: 'receiver-stats' } & ReceiverStats);

/** One message of the stream. Frame packets stay as bytes here: `FrameDecoder` parses them. */
/** An open mouth seen in a later frame of keyframe `keyframeId` (see proto `MouthReference`). */
export interface MouthReferenceMessage {
  keyframeId: number;
  format: ImageFormat;
  /** The region of the crop as an encoded image. */
  image: Uint8Array;
  /** Where the region is in the crop, px. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The inner lip contour in that frame, crop px (x, y per point; 20 points for MediaPipe's inner lip). */
  innerLip: Float32Array;
}

export type StreamMessage =
  | { type: 'header'; header: StreamHeader }
  | { type: 'keyframe'; keyframe: KeyframeMessage }
  | { type: 'mouth-reference'; mouth: MouthReferenceMessage }
  | { type: 'frame'; packet: Uint8Array }
  | { type: 'control'; control: ControlMessage };

const finiteArray = (max: number) => z.instanceof(Float32Array).refine((a) => a.length <= max && a.every(Number.isFinite), {
  message: `must hold at most ${max} finite values`,
});
const fixedArray = (n: number) => z.instanceof(Float32Array).refine((a) => a.length === n && a.every(Number.isFinite), {
  message: `must hold exactly ${n} finite values`,
});

const headerSchema = z.object({
  formatVersion: z.number().int(),
  profile: profileSchema,
  profileId: z.number().int().min(0),
  faceModelId: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/),
  faceModelHash: z.instanceof(Uint8Array).refine((h) => h.length === 32, { message: 'must be 32 bytes (sha256)' }),
  modelExpressionDims: z.number().int().min(0).max(400),
  frameRateHz: z.number().gt(0).max(1000),
  displayRateHz: z.number().gt(0).max(1000).optional(),
  cropWidth: z.number().int().min(16).max(4096),
  cropHeight: z.number().int().min(16).max(4096),
});

const paramsSchema = z.object({
  shape: finiteArray(400),
  expression: finiteArray(400),
  jawRad: finiteArray(3),
  eyesRad: finiteArray(6),
  rotationRad: fixedArray(3),
  translationPx: fixedArray(2),
  scalePxPerMm: z.number().finite().gt(0),
  keypoints68Mm: fixedArray(204).optional(),
  // Normalized crop coordinates: a detector's output lies near [-1, 1]; anything far outside is not a keypoint.
  learnedKeypoints: z
    .instanceof(Float32Array)
    .refine((a) => a.length % 3 === 0 && a.length <= MAX_LEARNED_KEYPOINTS * 3 && a.every((v) => Number.isFinite(v) && Math.abs(v) <= 4), {
      message: `must hold at most ${MAX_LEARNED_KEYPOINTS} xyz triples of finite values within +-4`,
    })
    .optional(),
  eyeState: fixedArray(4).optional(),
});

const keyframeSchema = z.object({
  id: z.number().int().min(0),
  width: z.number().int().min(16).max(4096),
  height: z.number().int().min(16).max(4096),
  format: z.enum(IMAGE_FORMATS),
  image: z.instanceof(Uint8Array).refine((b) => b.length > 0 && b.length <= MAX_MESSAGE_BYTES, {
    message: 'image must be 1 byte to 16 MiB',
  }),
  params: paramsSchema,
  timestampMs: z.number().int().min(0),
  // Checked whole here, so a receiver never renders from half a matte.
  personMatte: z
    .instanceof(Uint8Array)
    .refine((b) => b.length <= MAX_MATTE_BYTES && isPersonMatte(b), { message: 'is not a coded person matte' })
    .optional(),
});

function isPersonMatte(bytes: Uint8Array): boolean {
  try {
    decodePersonMatte(bytes);
    return true;
  } catch {
    return false;
  }
}

const mouthReferenceSchema = z.object({
  keyframeId: z.number().int().min(0),
  format: z.enum(IMAGE_FORMATS),
  image: z.instanceof(Uint8Array).refine((b) => b.length > 0 && b.length <= 64 * 1024, { message: 'image must be 1 byte to 64 KiB' }),
  x: z.number().int().min(0).max(4096),
  y: z.number().int().min(0).max(4096),
  width: z.number().int().min(4).max(1024),
  height: z.number().int().min(4).max(1024),
  innerLip: z.instanceof(Float32Array).refine((a) => a.length >= 6 && a.length <= 128 && a.length % 2 === 0 && a.every((v) => Number.isFinite(v) && v >= -4096 && v <= 8192), {
    message: 'must hold 3 to 64 finite x, y points',
  }),
});

const statsSchema = z.object({
  keyframeIds: z.array(z.number().int().min(0).max(0xffffffff)).max(MAX_HELD_KEYFRAMES).optional(),
  framesReceived: z.number().int().min(0),
  framesLost: z.number().int().min(0),
  framesDropped: z.number().int().min(0),
  lossFraction: z.number().min(0).max(1),
  delayMsP50: z.number().finite().min(0),
  delayMsP95: z.number().finite().min(0),
  receiveKbps: z.number().finite().min(0),
});

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BitstreamError('INVALID_MESSAGE', `${what}: ${issue.path.join('.') || '(root)'} ${issue.message}`);
  }
  return parsed.data;
}

// --- profile <-> protobuf -------------------------------------------------------------------------------------

function profileToPb(p: Profile) {
  return {
    landmarkIds: p.landmarkIds,
    expressionDims: p.expressionDims,
    sendJaw: p.sendJaw,
    keypointMm: p.keypointMm,
    expression: p.expression,
    jawRad: p.jawRad,
    rotationRad: p.rotationRad,
    translationPx: p.translationPx,
    scalePxPerMm: p.scalePxPerMm,
    coding: p.coding === 'fixed' ? pb.EntropyCoding.ENTROPY_CODING_FIXED : pb.EntropyCoding.ENTROPY_CODING_RANGE,
    intraInterval: p.intraInterval,
    learnedKeypoints: p.learnedKeypoints,
    sendEyes: p.sendEyes,
    eyeState: p.eyeState,
  };
}

type PbQuantizer = { min?: number | null; max?: number | null; bits?: number | null } | null | undefined;
const q = (s: PbQuantizer) => ({ min: s?.min ?? 0, max: s?.max ?? 0, bits: s?.bits ?? 0 });

type PbProfile = {
  landmarkIds?: number[] | null;
  expressionDims?: number | null;
  sendJaw?: boolean | null;
  keypointMm?: PbQuantizer;
  expression?: PbQuantizer;
  jawRad?: PbQuantizer;
  rotationRad?: PbQuantizer;
  translationPx?: PbQuantizer;
  scalePxPerMm?: PbQuantizer;
  coding?: number | null;
  intraInterval?: number | null;
  learnedKeypoints?: number | null;
  sendEyes?: boolean | null;
  eyeState?: PbQuantizer;
};

function profileFromPb(p: PbProfile | null | undefined): Profile {
  if (!p) throw new BitstreamError('INVALID_MESSAGE', 'profile missing');
  if (p.coding !== pb.EntropyCoding.ENTROPY_CODING_RANGE && p.coding !== pb.EntropyCoding.ENTROPY_CODING_FIXED) {
    throw new BitstreamError('INVALID_PROFILE', `unknown entropy coding ${p.coding}`);
  }
  return validateProfile({
    landmarkIds: Array.from(p.landmarkIds ?? []),
    expressionDims: p.expressionDims,
    sendJaw: p.sendJaw,
    keypointMm: q(p.keypointMm),
    expression: q(p.expression),
    jawRad: q(p.jawRad),
    rotationRad: q(p.rotationRad),
    translationPx: q(p.translationPx),
    scalePxPerMm: q(p.scalePxPerMm),
    coding: p.coding === pb.EntropyCoding.ENTROPY_CODING_FIXED ? 'fixed' : 'range',
    intraInterval: p.intraInterval,
    learnedKeypoints: p.learnedKeypoints ?? 0,
    sendEyes: p.sendEyes ?? false,
    // Streams from before eye state have no quantizer: the default applies (unused while sendEyes is false).
    ...(p.eyeState ? { eyeState: q(p.eyeState) } : {}),
  });
}

const f32 = (a: ArrayLike<number> | null | undefined) => Float32Array.from(a ?? []);

// --- encode ---------------------------------------------------------------------------------------------------

/** Encodes one stream message (validating it first, so a bad value is caught at the sender). */
export function encodeMessage(message: StreamMessage): Uint8Array {
  // Copy out of protobufjs's shared buffer pool so callers own plain, independent bytes.
  return new Uint8Array(encodeEnvelope(message));
}

function encodeEnvelope(message: StreamMessage): Uint8Array {
  switch (message.type) {
    case 'header': {
      const h = check(headerSchema, message.header, 'stream header');
      return pb.Envelope.encode({ header: { ...h, profile: profileToPb(h.profile) } } as never).finish();
    }
    case 'keyframe': {
      const k = check(keyframeSchema, message.keyframe, 'keyframe');
      const { params } = k;
      return pb.Envelope.encode({
        keyframe: {
          id: k.id,
          width: k.width,
          height: k.height,
          format: IMAGE_FORMATS.indexOf(k.format),
          image: k.image,
          timestampMs: k.timestampMs,
          personMatte: k.personMatte ?? new Uint8Array(0),
          params: {
            shape: Array.from(params.shape),
            expression: Array.from(params.expression),
            jawRad: Array.from(params.jawRad),
            eyesRad: Array.from(params.eyesRad),
            rotationRad: Array.from(params.rotationRad),
            translationPx: Array.from(params.translationPx),
            scalePxPerMm: params.scalePxPerMm,
            keypointsMm: params.keypoints68Mm ? Array.from(params.keypoints68Mm) : [],
            learnedKeypoints: params.learnedKeypoints ? Array.from(params.learnedKeypoints) : [],
            eyeState: params.eyeState ? Array.from(params.eyeState) : [],
          },
        },
      } as never).finish();
    }
    case 'frame':
      return pb.Envelope.encode({ frame: pb.FramePacket.decode(message.packet) } as never).finish();
    case 'control':
      return pb.Envelope.encode({ control: controlToPb(message.control) } as never).finish();
    case 'mouth-reference': {
      const m = check(mouthReferenceSchema, message.mouth, 'mouth reference');
      return pb.Envelope.encode({
        mouthReference: { ...m, format: IMAGE_FORMATS.indexOf(m.format), innerLip: Array.from(m.innerLip) },
      } as never).finish();
    }
  }
}

function controlToPb(c: ControlMessage) {
  switch (c.type) {
    case 'keyframe-request':
      return { keyframeRequest: { lastGoodSequence: c.lastGoodSequence, reason: c.reason } };
    case 'profile-change':
      return { profileChange: { profileId: c.profileId, profile: profileToPb(validateProfile(c.profile)) } };
    case 'receiver-stats': {
      const { type: _type, ...stats } = c;
      return { receiverStats: check(statsSchema, stats, 'receiver stats') };
    }
  }
}

// --- decode ---------------------------------------------------------------------------------------------------

/** Decodes and validates one stream message from outside bytes. Throws `BitstreamError` only. */
export function decodeMessage(bytes: Uint8Array): StreamMessage {
  if (bytes.length > MAX_MESSAGE_BYTES) {
    throw new BitstreamError('TOO_LARGE', `message of ${bytes.length} bytes exceeds ${MAX_MESSAGE_BYTES}`);
  }
  const env = decodeWith('envelope', bytes, (b) => pb.Envelope.decode(b));
  switch (env.body) {
    case 'header': {
      const h = env.header!;
      if (h.formatVersion !== FORMAT_VERSION) {
        throw new BitstreamError('UNSUPPORTED_VERSION', `stream format version ${h.formatVersion}; this decoder reads ${FORMAT_VERSION}`);
      }
      const header = check(
        headerSchema,
        {
          formatVersion: h.formatVersion,
          profile: profileFromPb(h.profile as PbProfile),
          profileId: h.profileId,
          faceModelId: h.faceModelId,
          faceModelHash: h.faceModelHash ?? new Uint8Array(0),
          modelExpressionDims: h.modelExpressionDims,
          frameRateHz: h.frameRateHz,
          ...(h.displayRateHz ? { displayRateHz: h.displayRateHz } : {}),
          cropWidth: h.cropWidth,
          cropHeight: h.cropHeight,
        },
        'stream header',
      );
      if (header.profile.expressionDims > header.modelExpressionDims) {
        throw new BitstreamError('INVALID_PROFILE', 'profile sends more expression dims than the model has');
      }
      return { type: 'header', header };
    }
    case 'keyframe': {
      const k = env.keyframe!;
      const p = k.params;
      if (!p) throw new BitstreamError('INVALID_MESSAGE', 'keyframe without parameters');
      const format = IMAGE_FORMATS[k.format ?? 0];
      if (!format) throw new BitstreamError('INVALID_MESSAGE', `unknown image format ${k.format}`);
      const keyframe = check(
        keyframeSchema,
        {
          id: k.id,
          width: k.width,
          height: k.height,
          format,
          image: k.image,
          timestampMs: k.timestampMs,
          ...(k.personMatte?.length ? { personMatte: new Uint8Array(k.personMatte) } : {}),
          params: {
            shape: f32(p.shape),
            expression: f32(p.expression),
            jawRad: f32(p.jawRad),
            eyesRad: f32(p.eyesRad),
            rotationRad: f32(p.rotationRad),
            translationPx: f32(p.translationPx),
            scalePxPerMm: p.scalePxPerMm,
            ...(p.keypointsMm?.length ? { keypoints68Mm: f32(p.keypointsMm) } : {}),
            ...(p.learnedKeypoints?.length ? { learnedKeypoints: f32(p.learnedKeypoints) } : {}),
            ...(p.eyeState?.length ? { eyeState: f32(p.eyeState) } : {}),
          },
        },
        'keyframe',
      );
      return { type: 'keyframe', keyframe };
    }
    case 'frame':
      return { type: 'frame', packet: new Uint8Array(pb.FramePacket.encode(env.frame!).finish()) };
    case 'control': {
      const c = env.control!;
      if (c.kind === 'keyframeRequest') {
        const r = c.keyframeRequest!;
        const reason = r.reason ?? '';
        if (reason.length > 256) throw new BitstreamError('INVALID_MESSAGE', 'keyframe request reason too long');
        return { type: 'control', control: { type: 'keyframe-request', lastGoodSequence: r.lastGoodSequence ?? 0, reason } };
      }
      if (c.kind === 'profileChange') {
        const r = c.profileChange!;
        return { type: 'control', control: { type: 'profile-change', profileId: r.profileId ?? 0, profile: profileFromPb(r.profile as PbProfile) } };
      }
      if (c.kind === 'receiverStats') {
        // Field by field: proto3 leaves zeros off the wire, and the generated object keeps its defaults on the prototype.
        const r = c.receiverStats!;
        const s = check(
          statsSchema,
          {
            framesReceived: r.framesReceived ?? 0,
            framesLost: r.framesLost ?? 0,
            framesDropped: r.framesDropped ?? 0,
            lossFraction: r.lossFraction ?? 0,
            delayMsP50: r.delayMsP50 ?? 0,
            delayMsP95: r.delayMsP95 ?? 0,
            receiveKbps: r.receiveKbps ?? 0,
            ...(r.keyframeIds?.length ? { keyframeIds: Array.from(r.keyframeIds) } : {}),
          },
          'receiver stats',
        );
        return { type: 'control', control: { type: 'receiver-stats', ...s } };
      }
      throw new BitstreamError('INVALID_MESSAGE', 'control message without a kind');
    }
    case 'mouthReference': {
      const m = env.mouthReference!;
      const format = IMAGE_FORMATS[m.format ?? 0];
      if (!format) throw new BitstreamError('INVALID_MESSAGE', `unknown image format ${m.format}`);
      const mouth = check(
        mouthReferenceSchema,
        {
          keyframeId: m.keyframeId ?? 0, format, image: m.image ?? new Uint8Array(0),
          x: m.x ?? 0, y: m.y ?? 0, width: m.width ?? 0, height: m.height ?? 0, innerLip: f32(m.innerLip),
        },
        'mouth reference',
      );
      return { type: 'mouth-reference', mouth };
    }
    default:
      throw new BitstreamError('INVALID_MESSAGE', 'empty envelope');
  }
}
