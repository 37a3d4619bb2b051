/**
 * The sender: RGB frames in, stream messages out. Per frame it tracks the face, fits the face model (identity fixed
 * per keyframe), computes the profile's 3D keypoints with the keyframe's identity (so no identity leaks from driving
 * frames) and codes them with the expression prefix and head pose. Keyframes are the face crop (an image from the
 * KeyframeImageCodec: built-in JPEG, or AVIF/WebP from a platform adapter) plus its fit.
 */
import {
  FORMAT_VERSION,
  FrameEncoder,
  MAX_HELD_KEYFRAMES,
  type KeyframeBase,
  encodeMessage,
  encodePersonMatte,
  keypointCount,
  makeProfile,
  validateProfile,
  learnedKeypointSlots,
  type FrameType,
  type FrameValues,
  type KeyframeMessage,
  type MouthReferenceMessage,
  type Profile,
  type StreamHeader,
} from '../bitstream/index.js';
import type { FaceModel, FaceShapeParams, HeadPose } from '../face/face-model.js';
import type { CropRect, TrackResult, TrackStatus } from '../face/landmarks/index.js';
import { loopAreaPx2, loopWidthPx } from '../decoder/renderers/mouth-cavity.js';
import { INNER_MOUTH_LOOP } from '../face/builtin/mediapipe-regions.js';
import { measureEyeState, neutralEyeState } from '../face/eye-state.js';
import { keyframeLandmarks68, keyframeShapeParams } from '../face/keyframe-shape.js';
import { landmarkJacobian } from '../face/landmark-jacobian.js';
import { cropResize } from '../media/crop-resize.js';
import { JpegImageCodec } from '../media/jpeg-image-codec.js';
import type { EncodedKeyframeImage, KeyframeImageCodec, KeyframeImageTarget } from '../media/keyframe-image-codec.js';
import type { RgbImage } from '../media/rgb-image.js';
import { TypedEmitter } from '../typed-emitter.js';
import { EncoderError } from './encoder-error.js';
import type { FaceFitter, FrameFit, MeshObservation } from './face-fitter.js';
import { ParameterSmoother } from './parameter-smoother.js';
import { keyframeDue, keyframePolicySchema, type KeyframePolicy, type KeyframePolicyOptions } from './keyframe-policy.js';
import { hexToBytes } from '../io/hex.js';
import { TextureAligner, textureAlignmentOptionsSchema, type TextureAlignmentOptions } from './texture-alignment.js';

/** Points of the MediaPipe face mesh the tracker gives (and vertices of a model in its topology). */
const MEDIAPIPE_MESH_POINTS = 468;

function textureAligner(model: FaceModel, cropSize: number, options: TextureAlignmentOptions): TextureAligner {
  const parsed = textureAlignmentOptionsSchema.safeParse(options);
  if (!parsed.success) throw new EncoderError('BAD_CONFIG', `invalid textureAlignment: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
  return new TextureAligner(model, cropSize, parsed.data);
}

/**
 * A learned keypoint detector (the neural decoder's `LearnedKeypoints`) for the unsupervised baseline: profiles with
 * `learnedKeypoints` send its output for the face crop instead of face-model landmarks.
 */
export interface LearnedKeypointSource {
  /** K: keypoints per image. */
  readonly count: number;
  /** K x 3 normalized keypoints of a square crop. */
  keypoints(crop: RgbImage, out?: Float32Array): Promise<Float32Array>;
}

/** Anything that finds the face in a frame: the MediaPipe FaceTracker, or a stand-in in tests. */
export interface FaceTracking {
  track(image: RgbImage, timestampS?: number): Promise<TrackResult>;
  reset?(): void;
}

export interface EncoderOptions {
  model: FaceModel;
  fitter: FaceFitter;
  tracker: FaceTracking;
  /** The camera's rate: `encode` is called this often. */
  frameRateHz: number;
  /**
   * Code face parameters at this lower rate (e.g. 12.5 Hz for a 25 fps camera): `encode` codes only the frames due
   * at this rate and returns nothing for the others, and the header tells receivers to interpolate back up to
   * `frameRateHz`. Half the packets for the same picture where motion is smooth; default: every frame is coded.
   */
  parameterRateHz?: number;
  /** Default: 16 keypoints, 10 expression dims, jaw when the model has one. */
  profile?: Profile;
  /** Side of the square face crop that is coded and rendered (default 256). */
  cropSizePx?: number;
  /**
   * Fixed quality (1..100, the keyframe codec's scale; default 85) of keyframe images when `keyframeBytes` is not
   * set. The name predates other formats: with an AVIF codec it is AVIF's quality.
   */
  keyframeJpegQuality?: number;
  /**
   * Byte budget of each keyframe image: the codec encodes at the highest quality that fits (e.g. 3500: AVIF keeps the
   * codec's output as good as JPEG q85 at a quarter of its bytes). Wins over `keyframeJpegQuality`.
   */
  keyframeBytes?: number;
  /** Encodes keyframe images (default: the built-in pure-JS JPEG). Receivers need a codec that decodes its format. */
  keyframeCodec?: KeyframeImageCodec;
  /**
   * A quick first picture: when a receiver has no picture yet (the stream's first keyframe, or one it asked for), the
   * keyframe image goes out at this smaller byte budget (e.g. 2000: about a second on a 16 kbit/s link), and a
   * refinement at `keyframeBytes` follows `refineAfterMs` later (default 500): the same keyframe id and parameters
   * with a better image, encoded meanwhile off the frame path. The person matte (see `personSegmenter`) comes with the
   * refinement only, so the first picture is not held up by segmentation. `codec` (default `keyframeCodec`) may be a
   * faster setting of the same format. Needs `keyframeBytes` above `bytes`; default off.
   */
  firstPicture?: { bytes: number; refineAfterMs?: number; codec?: KeyframeImageCodec };
  /**
   * Keyframes the policy asks for (the head turned or moved far) are encoded off the frame path: frames go on against
   * the current keyframe and the stream switches to the new one on the first frame this long after (e.g. 400; it
   * waits there if the image is not done). Default 0: the frame that needs it waits for the image (AVIF: about 1 s).
   */
  keyframeSwitchDelayMs?: number;
  /**
   * Live capture (a call): images encoding off the frame path (a refinement, a switch-to keyframe) go out with the
   * first frame after they are done and never make a frame wait. Default false: they go out on a fixed frame, waiting
   * if need be, so an encode of a file is the same on every machine.
   */
  realTime?: boolean;
  keyframePolicy?: KeyframePolicyOptions;
  /**
   * Code the whole frame (its centred square) instead of a crop that follows the face: for inputs that already are
   * face crops, such as the benchmark's.
   */
  fullFrameCrop?: boolean;
  /**
   * Temporal smoothing of the fitted parameters before coding (default false: on the shared clips it saved about 2%
   * of the rate but its lag raised AKD from 1.83 to 2.14 px; see the README's benchmark notes).
   */
  smoothing?: boolean;
  /**
   * Learned keypoint detector: required by profiles with `learnedKeypoints` (its count must match); when given,
   * every keyframe also carries its keypoints so that the stream can switch to such a profile.
   */
  learnedKeypoints?: LearnedKeypointSource;
  /**
   * Person segmentation of keyframe crops (e.g. `PersonSegmenter`): each keyframe then carries a person matte, and
   * the receiver keeps the background still while the head moves. Absent: no matte.
   */
  personSegmenter?: PersonSegmentation;
  /**
   * Byte budget of a mouth reference (default 0: none): when the mouth first opens wide against the current keyframe,
   * the region around it goes out once as a small image (e.g. 600), and receivers draw open mouths from it (teeth,
   * tongue) instead of a synthetic cavity. Needs the MediaPipe topology's inner lip (the tracker's mesh).
   */
  mouthReferenceBytes?: number;
  /**
   * Texture alignment (src/encoder/texture-alignment.ts): pull each frame's fit to where the keyframe's texture is
   * found in the frame, so the receiver's warp moves the pixels where they went rather than where the tracker's mesh
   * slid. On the evaluation identities it took AKD from 1.51 to 1.23 px at the same rate (README, "Texture
   * alignment"); it costs about 17 ms per frame at the sender and changes nothing in the stream format or at the
   * receiver. Default on; `false` turns it off.
   */
  textureAlignment?: boolean | TextureAlignmentOptions;
}

/** Anything that says which pixels of an image are the person (0..1 per pixel, row-major). */
export interface PersonSegmentation {
  matte(image: RgbImage): Promise<Float32Array>;
}

/** Where the face crop of the current keyframe lies in the input frame (for pasting the reconstruction back). */
export type FrameCrop = CropRect;

export type EncoderOutput =
  | { type: 'header'; header: StreamHeader; bytes: Uint8Array }
  | { type: 'keyframe'; keyframe: KeyframeMessage; bytes: Uint8Array; crop: FrameCrop; reason: string }
  /** An open mouth of the current keyframe's crop (teeth, tongue) for the receiver's mouth interior. */
  | { type: 'mouth-reference'; mouth: MouthReferenceMessage; bytes: Uint8Array }
  | {
      type: 'frame';
      /** Raw frame packet (what travels on the frame channel). */
      bytes: Uint8Array;
      sequence: number;
      frameType: FrameType;
      /** 'held': no usable face in this frame, the previous parameters were sent again. */
      status: 'ok' | 'held';
      trackStatus: TrackStatus;
      crop: FrameCrop;
      fit: FrameFit;
      /** All 68 landmarks (head space, mm) with the keyframe's identity, before quantization. */
      keypoints68Mm: Float32Array;
      /** What the receiver decodes. */
      reconstructed: FrameValues;
    };

/** What the encoder reports besides its output: a face lost or found again, a new keyframe. */
export type EncoderEvents = {
  /** No usable face (none, too small): frames hold the last parameters until it is back. */
  'face-lost': [status: TrackStatus, timestampMs: number];
  'face-found': [timestampMs: number];
  keyframe: [id: number, reason: string];
};

/** Per-stage timings of the last frame, in milliseconds. */
export interface EncoderTimings {
  trackMs: number;
  /** Fitting, texture alignment included. */
  fitMs: number;
  /** Of `fitMs`, the texture alignment (0 when off). */
  alignMs: number;
  codeMs: number;
}

interface KeyframeState {
  id: number;
  crop: FrameCrop;
  /** The crop image and fit, for texture alignment against this keyframe. */
  cropped: RgbImage;
  params: FaceShapeParams;
  pose: HeadPose;
  frames: number;
}

/** A promise that says whether it has settled (a live encoder never waits on one that has not). */
type TrackedPromise<T> = Promise<T> & { settled: boolean };

function tracked<T>(promise: Promise<T>): TrackedPromise<T> {
  const p = promise as TrackedPromise<T>;
  p.settled = false;
  // Settling is recorded; a rejection is handled where the promise is awaited (or never, once dropped).
  promise.then(
    () => (p.settled = true),
    () => (p.settled = true),
  );
  return p;
}

/** A keyframe made from one frame, its image still encoding. */
interface PreparedKeyframe {
  crop: FrameCrop;
  cropped: RgbImage;
  shape: Float32Array;
  fit: FrameFit;
  learnedKeypoints: Float32Array | undefined;
  /** Lids and gaze of the keyframe, when the tracker measured them. */
  eyeState: Float32Array | undefined;
  /** The coded person matte of the crop, when a segmenter ran. */
  personMatte: Uint8Array | undefined;
  reason: string;
  timestampMs: number;
  image: TrackedPromise<EncodedKeyframeImage>;
  /** The first frame at or after this time switches to it. */
  dueMs: number;
}

interface PendingRefinement {
  keyframe: KeyframeMessage;
  crop: FrameCrop;
  /** The better image, and the person matte the quick picture went without. */
  image: TrackedPromise<{ encoded: EncodedKeyframeImage; personMatte: Uint8Array | undefined }>;
  /** The first frame at or after this time carries it. */
  dueMs: number;
}

/** Sender; emits typed `EncoderEvents` (`encoder.on('face-lost', ...)`). */
export class Encoder extends TypedEmitter<EncoderEvents> {
  readonly model: FaceModel;
  private readonly fitter: FaceFitter;
  private readonly tracker: FaceTracking;
  private readonly cropSize: number;
  private readonly keyframeCodec: KeyframeImageCodec;
  private readonly keyframeTarget: KeyframeImageTarget;
  private readonly policy: KeyframePolicy;
  /** The rate frames are coded at (the parameter rate). */
  private readonly frameRateHz: number;
  /** The camera's rate, when above the coded rate. */
  private readonly displayRateHz: number | undefined;
  private nextCodedMs = -Infinity;
  private readonly fullFrameCrop: boolean;
  private profile: Profile;
  private profileId = 0;
  private readonly frames: FrameEncoder;
  private keyframe: KeyframeState | null = null;
  private nextKeyframeId = 0;
  private keyframeRequested: string | null = null;
  private headerSent = false;
  private lastFit: FrameFit | null = null;
  /** Lids and gaze of the last frame whose tracker measured them (neutral before). */
  private eyeState = neutralEyeState();
  /** The widest mouth the receiver has of the current keyframe (opening = inner-lip area over squared width). */
  private mouth: { keyframeId: number; best: number; atMs: number } = { keyframeId: -1, best: 0, atMs: -Infinity };
  private readonly mouthReferenceBytes: number;
  private readonly smoother: ParameterSmoother | null;
  private lastKeypoints: Float32Array | null = null;
  private lastKeypointSlots: Float32Array | null = null;
  private readonly detector: LearnedKeypointSource | null;
  private readonly segmenter: PersonSegmentation | null;
  private lastCoded: FrameFit | null = null;
  private closed = false;
  readonly timings: EncoderTimings = { trackMs: 0, fitMs: 0, alignMs: 0, codeMs: 0 };
  private faceLost = false;
  private readonly firstPicture: { bytes: number; refineAfterMs: number; codec: KeyframeImageCodec } | null;
  /** The better image of the current keyframe, encoding off the frame path (see `firstPicture`). */
  private refinement: PendingRefinement | null = null;
  private readonly keyframeSwitchDelayMs: number;
  private readonly realTime: boolean;
  /** A keyframe the policy asked for, encoding off the frame path (see `keyframeSwitchDelayMs`). */
  private pendingKeyframe: PreparedKeyframe | null = null;
  /** The keyframes a receiver may hold, oldest first, evicted as the decoder evicts (at MAX_HELD_KEYFRAMES). */
  private readonly references = new Map<number, { kf: KeyframeState; base: KeyframeBase }>();
  private readonly aligner: TextureAligner | null;
  private alignedKeyframeId = -1;
  /** Those the receiver said it holds: the only ones frames may switch back to. */
  private acknowledged = new Set<number>();

  constructor(options: EncoderOptions) {
    super();
    this.model = options.model;
    this.fitter = options.fitter;
    this.tracker = options.tracker;
    const cameraHz = options.frameRateHz;
    const parameterHz = options.parameterRateHz ?? cameraHz;
    if (!(cameraHz > 0 && cameraHz <= 1000) || !(parameterHz > 0 && parameterHz <= cameraHz)) {
      throw new EncoderError('BAD_CONFIG', `frame rate must be in (0, 1000] Hz and the parameter rate in (0, frame rate], got ${cameraHz} and ${parameterHz}`);
    }
    this.frameRateHz = parameterHz;
    this.displayRateHz = parameterHz < cameraHz ? cameraHz : undefined;
    this.fullFrameCrop = options.fullFrameCrop ?? false;
    this.smoother = options.smoothing === true ? new ParameterSmoother() : null;
    this.detector = options.learnedKeypoints ?? null;
    this.segmenter = options.personSegmenter ?? null;
    this.mouthReferenceBytes = options.mouthReferenceBytes ?? 0;
    if (!(Number.isInteger(this.mouthReferenceBytes) && this.mouthReferenceBytes >= 0)) {
      throw new EncoderError('BAD_CONFIG', `mouthReferenceBytes must be a whole number >= 0, got ${options.mouthReferenceBytes}`);
    }
    this.cropSize = options.cropSizePx ?? 256;
    if (!Number.isInteger(this.cropSize) || this.cropSize < 32 || this.cropSize > 2048) {
      throw new EncoderError('BAD_CONFIG', `crop size must be an integer in 32..2048, got ${this.cropSize}`);
    }
    const alignment = options.textureAlignment ?? true;
    // Observations are the tracker's 468-point mesh: only a model in that topology (the built-in one) can be aligned.
    this.aligner = alignment !== false && this.model.vertexCount === MEDIAPIPE_MESH_POINTS ? textureAligner(this.model, this.cropSize, alignment === true ? {} : alignment) : null;
    const quality = options.keyframeJpegQuality ?? 85;
    if (!(quality >= 1 && quality <= 100)) throw new EncoderError('BAD_CONFIG', `keyframe quality must be 1..100, got ${quality}`);
    const budget = options.keyframeBytes;
    if (budget !== undefined && !(Number.isInteger(budget) && budget >= 100 && budget <= 1 << 24)) {
      throw new EncoderError('BAD_CONFIG', `keyframeBytes must be an integer 100..16777216, got ${budget}`);
    }
    this.keyframeTarget = budget !== undefined ? { maxBytes: budget } : { quality };
    this.keyframeCodec = options.keyframeCodec ?? new JpegImageCodec();
    const first = options.firstPicture;
    if (first) {
      const refineAfterMs = first.refineAfterMs ?? 500;
      if (budget === undefined || !(Number.isInteger(first.bytes) && first.bytes >= 100 && first.bytes < budget) || !(refineAfterMs >= 0 && refineAfterMs <= 60_000)) {
        throw new EncoderError('BAD_CONFIG', `firstPicture needs keyframeBytes, bytes an integer in 100..keyframeBytes-1 and refineAfterMs in 0..60000; got ${JSON.stringify(first)} with keyframeBytes ${budget}`);
      }
      this.firstPicture = { bytes: first.bytes, refineAfterMs, codec: first.codec ?? this.keyframeCodec };
    } else {
      this.firstPicture = null;
    }
    this.keyframeSwitchDelayMs = options.keyframeSwitchDelayMs ?? 0;
    this.realTime = options.realTime ?? false;
    if (!(this.keyframeSwitchDelayMs >= 0 && this.keyframeSwitchDelayMs <= 10_000)) {
      throw new EncoderError('BAD_CONFIG', `keyframeSwitchDelayMs must be in 0..10000, got ${this.keyframeSwitchDelayMs}`);
    }
    const policy = keyframePolicySchema.safeParse(options.keyframePolicy ?? {});
    if (!policy.success) throw new EncoderError('BAD_CONFIG', `invalid keyframe policy: ${policy.error.issues[0].message}`);
    this.policy = policy.data;
    this.profile = validateProfile(options.profile ?? makeProfile({ sendJaw: this.model.hasJaw }));
    this.checkProfile(this.profile);
    this.frames = new FrameEncoder({ profile: this.profile, frameRateHz: this.frameRateHz });
  }

  get currentProfile(): Profile {
    return this.profile;
  }

  /** The stream header for the current profile (also emitted before the first keyframe and on profile changes). */
  header(): StreamHeader {
    return {
      formatVersion: FORMAT_VERSION,
      profile: this.profile,
      profileId: this.profileId,
      faceModelId: this.model.id,
      faceModelHash: hexToBytes(this.model.dataHash),
      modelExpressionDims: this.model.expressionDims,
      frameRateHz: this.frameRateHz,
      ...(this.displayRateHz ? { displayRateHz: this.displayRateHz } : {}),
      cropWidth: this.cropSize,
      cropHeight: this.cropSize,
    };
  }

  /** The next frame with a face starts a new keyframe (e.g. a receiver lost it). */
  requestKeyframe(reason = 'requested'): void {
    this.keyframeRequested = reason;
  }

  /**
   * The keyframes the receiver holds (its reports' `keyframeIds`). When the head's movement calls for a new keyframe
   * and one of these is near the current pose, the stream switches back to it with an intra frame instead of
   * sending a new image: a reference memory for a head that turns back and forth.
   */
  acknowledgeKeyframes(ids: readonly number[]): void {
    this.acknowledged = new Set(ids.filter((id) => this.references.has(id)));
  }

  /** Keyframe ids the encoder holds as references, oldest first. */
  get referenceIds(): number[] {
    return [...this.references.keys()];
  }

  /** The next frame packet is intra (a receiver lost a reference). */
  requestIntra(): void {
    this.frames.requestIntra();
  }

  /** Switches profile from the next frame on; a new header is emitted and the next frame is intra. */
  setProfile(profile: Profile): void {
    const p = validateProfile(profile);
    this.checkProfile(p);
    this.profile = p;
    this.profileId++;
    this.frames.setProfile(p, this.profileId);
    this.headerSent = false;
  }

  /** Encodes one frame; returns the messages to send, in order (header and keyframe only when due). */
  async encode(image: RgbImage, timestampMs: number): Promise<EncoderOutput[]> {
    if (this.closed) throw new EncoderError('CLOSED', 'encoder is closed');
    if (!image || !(image.width > 0) || !(image.height > 0) || image.data?.length !== image.width * image.height * 3) {
      throw new EncoderError('BAD_FRAME', 'frame must be an RgbImage with width*height*3 bytes');
    }
    if (!Number.isInteger(timestampMs) || timestampMs < 0) throw new EncoderError('BAD_FRAME', `bad timestamp ${timestampMs}`);
    if (this.displayRateHz) {
      // Decimation: code the frame nearest each parameter-rate tick; half a camera period of slack absorbs jitter.
      if (timestampMs < this.nextCodedMs - 500 / this.displayRateHz) return [];
      const periodMs = 1000 / this.frameRateHz;
      // On the tick grid while frames keep coming; a new grid from this frame after a pause.
      this.nextCodedMs = this.nextCodedMs + periodMs > timestampMs ? this.nextCodedMs + periodMs : timestampMs + periodMs;
    }
    const t0 = performance.now();
    const track = await this.tracker.track(image, timestampMs / 1000);
    const t1 = performance.now();
    this.timings.trackMs = t1 - t0;
    const usable = (track.status === 'ok' || track.status === 'multiple-faces') && track.mesh && track.cropRect;
    const out: EncoderOutput[] = [];

    if (!usable) {
      this.timings.fitMs = 0;
      this.timings.alignMs = 0;
      if (!this.faceLost) {
        this.faceLost = true;
        this.emit('face-lost', track.status, timestampMs);
      }
      // No face: hold the last parameters (a nearly free predicted frame) so the receiver keeps a stable picture.
      const slots = this.lastKeypointSlots;
      // (After a switch between learned and landmark keypoints nothing held fits the new profile: send nothing.)
      if (!this.keyframe || !this.lastCoded || !this.lastKeypoints || slots?.length !== keypointCount(this.profile) * 3) return out;
      await this.takeRefinement(timestampMs, out);
      out.push(this.codeFrame(this.lastCoded, this.lastKeypoints, slots, timestampMs, 'held', track.status));
      return out;
    }

    if (this.faceLost) {
      this.faceLost = false;
      this.emit('face-found', timestampMs);
    }
    const eyes = measuredEyeState(track);
    if (eyes) this.eyeState = eyes;
    let kf = this.keyframe;
    let fit: FrameFit;
    if (!kf || this.keyframeRequested) {
      const reason = this.keyframeRequested ?? 'first frame';
      const made = await this.makeKeyframe(image, track, timestampMs, reason, out, true);
      kf = made.kf;
      fit = made.fit;
    } else {
      fit = this.fitter.fitFrame(this.observe(track, kf.crop), kf.params.shape, this.lastFit ?? undefined);
      let due = this.pendingKeyframe ? null : keyframeDue(this.policy, kf.pose, fit.pose, kf.frames, this.cropSize);
      const back = due ? this.heldReferenceNear(track, kf.id) : null;
      if (back) {
        // An acknowledged reference fits this pose: switch to it (the next frame is intra against it), no image.
        this.frames.setKeyframe(back.kf.id, back.base);
        this.keyframe = kf = back.kf;
        kf.frames = 0;
        fit = back.fit;
        this.smoother?.reset();
        this.emit('keyframe', kf.id, `back to reference ${kf.id} (${due})`);
        due = null;
      }
      if (due && this.keyframeSwitchDelayMs > 0) {
        // Off the frame path: frames go on against the current keyframe while the new image encodes.
        this.pendingKeyframe = await this.prepareKeyframe(image, track, timestampMs, due, this.keyframeCodec, this.keyframeTarget);
      } else if (due) {
        const made = await this.makeKeyframe(image, track, timestampMs, due, out);
        kf = made.kf;
        fit = made.fit;
      }
      const pending = this.pendingKeyframe;
      const encoded = pending && (await this.offPathImage(pending, timestampMs));
      if (encoded !== undefined) this.pendingKeyframe = null; // null: not encoded, the policy asks again next frame
      if (pending && encoded) {
        const made = this.commitKeyframe(pending, encoded, out);
        kf = made.kf;
        fit = this.fitter.fitFrame(this.observe(track, kf.crop), kf.params.shape, made.fit);
      }
    }
    const tAlign = performance.now();
    if (this.aligner && kf.frames > 0 && this.fitter.codesOtherMotion !== true) fit = this.alignFit(image, kf, track, fit);
    this.timings.alignMs = performance.now() - tAlign;
    const t2 = performance.now();
    this.timings.fitMs = t2 - t1;
    // Warm starts use the raw fit; what is coded (and the keypoints) is the smoothed one.
    this.lastFit = fit;
    // (A new keyframe resets the smoother, whose first output is its input: the keyframe's own fit.)
    const coded = this.smoother ? { ...fit, ...this.smoother.smooth(fit.params, fit.pose, timestampMs / 1000) } : fit;
    const keypoints = Float32Array.from(this.model.landmarks68(coded.params));
    const slots = this.profile.learnedKeypoints > 0 ? await this.learnedSlots(image, kf.crop) : this.landmarkSlots(keypoints);
    await this.takeRefinement(timestampMs, out);
    if (this.mouthReferenceBytes > 0) await this.takeMouthReference(image, track, kf, timestampMs, out);
    out.push(this.codeFrame(coded, keypoints, slots, timestampMs, 'ok', track.status));
    this.lastCoded = coded;
    this.timings.codeMs = performance.now() - t2;
    kf.frames++;
    this.lastKeypoints = keypoints;
    this.lastKeypointSlots = slots;
    return out;
  }

  close(): void {
    this.closed = true;
    this.refinement = null;
    this.pendingKeyframe = null;
  }

  /**
   * An image encoded off the frame path, if this frame is the one to take it: undefined while it is not due yet (or,
   * live, not done); then the image, or null if it failed. File encodes take it on the first frame at or after its
   * time, waiting if need be, so the same input gives the same stream however fast the machine.
   */
  private async offPathImage<T>(pending: { image: TrackedPromise<T>; dueMs: number }, timestampMs: number) {
    if (timestampMs < pending.dueMs || (this.realTime && !pending.image.settled)) return undefined;
    return pending.image.catch(() => null);
  }

  /** Sends the current keyframe's better image once `refineAfterMs` have passed (see {@link offPathImage}). */
  private async takeRefinement(timestampMs: number, out: EncoderOutput[]): Promise<void> {
    const pending = this.refinement;
    const refined = pending && (await this.offPathImage(pending, timestampMs));
    if (!pending || refined === undefined) return;
    this.refinement = null;
    // Failed: the quick picture stays (the next keyframe brings a full one). Or a newer keyframe replaced it.
    if (!refined || this.keyframe?.id !== pending.keyframe.id) return;
    const { encoded, personMatte } = refined;
    const keyframe: KeyframeMessage = { ...pending.keyframe, format: encoded.format, image: encoded.bytes, ...(personMatte ? { personMatte } : {}) };
    out.push({ type: 'keyframe', keyframe, bytes: encodeMessage({ type: 'keyframe', keyframe }), crop: pending.crop, reason: 'refinement' });
  }

  private async makeKeyframe(image: RgbImage, track: TrackResult, timestampMs: number, reason: string, out: EncoderOutput[], receiverWaiting = false) {
    this.pendingKeyframe = null;
    // A receiver without a picture gets a small one now and the full one shortly after.
    const quick = receiverWaiting && this.firstPicture !== null;
    const prepared = await this.prepareKeyframe(image, track, timestampMs, reason, quick ? this.firstPicture!.codec : this.keyframeCodec, quick ? { maxBytes: this.firstPicture!.bytes } : this.keyframeTarget, !quick);
    const made = this.commitKeyframe(prepared, await prepared.image, out);
    if (quick) {
      // The matte waits for the refinement too: a first picture is shown at once, layered or not.
      const cropped = prepared.cropped;
      const refined = tracked(Promise.all([this.keyframeCodec.encode(cropped, this.keyframeTarget), this.codedMatte(cropped)]).then(([encoded, personMatte]) => ({ encoded, personMatte })));
      this.refinement = { keyframe: made.keyframe, crop: prepared.crop, image: refined, dueMs: timestampMs + this.firstPicture!.refineAfterMs };
    }
    return made;
  }

  /** The fit refitted to where the keyframe's texture is found in this frame (see TextureAligner). */
  private alignFit(image: RgbImage, kf: KeyframeState, track: TrackResult, fit: FrameFit): FrameFit {
    const aligner = this.aligner!;
    if (this.alignedKeyframeId !== kf.id) {
      aligner.setKeyframe(kf.cropped, kf.params, kf.pose);
      this.alignedKeyframeId = kf.id;
    }
    const crop = kf.crop;
    const cropped = cropResize(image, { x: crop.x, y: crop.y, width: crop.size, height: crop.size }, this.cropSize, this.cropSize);
    const observation = this.observe(track, crop);
    for (let pass = 0; pass < aligner.passes; pass++) {
      const aligned = aligner.align(cropped, fit.params, fit.pose, observation);
      if (!aligned || aligned.matched < 20) break;
      fit = this.fitter.fitFrame(aligned.observation, kf.params.shape, fit);
    }
    return fit;
  }

  /** An acknowledged reference other than `currentId` from which this frame's pose needs no new keyframe. */
  private heldReferenceNear(track: TrackResult, currentId: number): { kf: KeyframeState; base: KeyframeBase; fit: FrameFit } | null {
    const anyTime = { ...this.policy, minIntervalFrames: 0, maxIntervalFrames: 0 };
    for (const id of [...this.acknowledged].reverse()) {
      const ref = this.references.get(id);
      if (!ref || id === currentId) continue;
      const fit = this.fitter.fitFrame(this.observe(track, ref.kf.crop), ref.kf.params.shape);
      if (keyframeDue(anyTime, ref.kf.pose, fit.pose, 0, this.cropSize) === null) return { ...ref, fit };
    }
    return null;
  }

  /** This frame's crop, identity fit and learned keypoints for a new keyframe, its image encode started. */
  private async prepareKeyframe(
    image: RgbImage,
    track: TrackResult,
    timestampMs: number,
    reason: string,
    codec: KeyframeImageCodec,
    target: KeyframeImageTarget,
    withMatte = true,
  ): Promise<PreparedKeyframe> {
    const side = Math.min(image.width, image.height);
    const crop: FrameCrop = this.fullFrameCrop
      ? { x: (image.width - side) / 2, y: (image.height - side) / 2, size: side }
      : track.cropRect!;
    const cropped = cropResize(image, { x: crop.x, y: crop.y, width: crop.size, height: crop.size }, this.cropSize, this.cropSize);
    const { shape, fits } = this.fitter.fitIdentity([this.observe(track, crop)]);
    const learnedKeypoints = this.detector ? await this.detector.keypoints(cropped) : undefined;
    const encoded = tracked(codec.encode(cropped, target));
    const eyeState = measuredEyeState(track);
    const personMatte = withMatte ? await this.codedMatte(cropped) : undefined;
    return { crop, cropped, shape, fit: fits[0], learnedKeypoints, eyeState, personMatte, reason, timestampMs, image: encoded, dueMs: timestampMs + this.keyframeSwitchDelayMs };
  }

  /** The crop's coded person matte (undefined without a segmenter). */
  private async codedMatte(cropped: RgbImage): Promise<Uint8Array | undefined> {
    return this.segmenter ? encodePersonMatte(await this.segmenter.matte(cropped), cropped.width, cropped.height) : undefined;
  }

  /** Emits the keyframe (and the header if due) and makes it the reference of the frames that follow. */
  private commitKeyframe(p: PreparedKeyframe, encoded: EncodedKeyframeImage, out: EncoderOutput[]) {
    const { crop, shape, fit, learnedKeypoints, eyeState, personMatte, reason } = p;
    const id = this.nextKeyframeId++;
    const keyframe: KeyframeMessage = {
      id,
      width: this.cropSize,
      height: this.cropSize,
      format: encoded.format,
      image: encoded.bytes,
      timestampMs: p.timestampMs,
      ...(personMatte ? { personMatte } : {}),
      params: {
        shape: Float32Array.from(shape),
        expression: Float32Array.from(fit.params.expression),
        jawRad: Float32Array.from(fit.params.jawRad),
        eyesRad: Float32Array.from(fit.params.eyesRad),
        rotationRad: Float32Array.from(fit.pose.rotationRad),
        translationPx: Float32Array.from(fit.pose.translationPx),
        scalePxPerMm: fit.pose.pixelsPerMm,
        ...(learnedKeypoints ? { learnedKeypoints } : {}),
        ...(eyeState ? { eyeState: Float32Array.from(eyeState) } : {}),
      },
    };
    // Not sent: the receiver computes the same landmarks from the same float32 parameters.
    const keypoints68Mm = keyframeLandmarks68(this.model, keyframe.params);
    if (!this.headerSent) {
      const header = this.header();
      out.push({ type: 'header', header, bytes: encodeMessage({ type: 'header', header }) });
      this.headerSent = true;
    }
    out.push({ type: 'keyframe', keyframe, bytes: encodeMessage({ type: 'keyframe', keyframe }), crop, reason });
    this.refinement = null;
    // Intra frames predict from the keyframe's parameters exactly as the receiver will parse them (float32).
    const base: KeyframeBase = {
      keypoints68Mm,
      expression: keyframe.params.expression,
      jawRad: keyframe.params.jawRad,
      rotationRad: keyframe.params.rotationRad,
      translationPx: keyframe.params.translationPx,
      scalePxPerMm: Math.fround(keyframe.params.scalePxPerMm),
      learnedKeypoints,
      eyeState: keyframe.params.eyeState,
      // from the parameters exactly as sent, so the receiver computes the same Jacobian
      keypointJacobian: landmarkJacobian(this.model, keyframeShapeParams(this.model, keyframe.params)),
    };
    this.frames.setKeyframe(id, base);
    const params: FaceShapeParams = { shape: keyframe.params.shape, expression: keyframe.params.expression, jawRad: keyframe.params.jawRad, eyesRad: keyframe.params.eyesRad };
    const kf: KeyframeState = { id, crop, cropped: p.cropped, params, pose: fit.pose, frames: 0 };
    this.references.set(id, { kf, base });
    if (this.references.size > MAX_HELD_KEYFRAMES) {
      const oldest = this.references.keys().next().value!;
      this.references.delete(oldest);
      this.acknowledged.delete(oldest);
    }
    this.keyframe = kf;
    this.keyframeRequested = null;
    this.smoother?.reset();
    this.emit('keyframe', id, reason);
    return { kf, keyframe, fit: { ...fit, params: { ...fit.params, shape: keyframe.params.shape } } };
  }

  /** The profile's landmarks out of all 68 (head space, mm). */
  private landmarkSlots(keypoints68Mm: Float32Array): Float32Array {
    const ids = this.profile.landmarkIds;
    const slots = new Float32Array(ids.length * 3);
    ids.forEach((id, i) => slots.set(keypoints68Mm.subarray(id * 3, id * 3 + 3), i * 3));
    return slots;
  }

  /** The learned detector's keypoints of the frame's face crop (the keyframe's crop, as the receiver renders it). */
  private async learnedSlots(image: RgbImage, crop: FrameCrop): Promise<Float32Array> {
    const cropped = cropResize(image, { x: crop.x, y: crop.y, width: crop.size, height: crop.size }, this.cropSize, this.cropSize);
    return learnedKeypointSlots(await this.detector!.keypoints(cropped));
  }

  private codeFrame(
    fit: FrameFit,
    keypoints68Mm: Float32Array,
    keypointsMm: Float32Array,
    timestampMs: number,
    status: 'ok' | 'held',
    trackStatus: TrackStatus,
  ): EncoderOutput {
    const values: FrameValues = {
      keypointsMm,
      expression: fit.params.expression.subarray(0, this.profile.expressionDims),
      jawRad: fit.params.jawRad,
      rotationRad: fit.pose.rotationRad,
      translationPx: fit.pose.translationPx,
      scalePxPerMm: fit.pose.pixelsPerMm,
      eyeState: this.eyeState,
    };
    const coded = this.frames.encode(values, timestampMs);
    return {
      type: 'frame',
      bytes: coded.bytes,
      sequence: coded.sequence,
      frameType: coded.type,
      status,
      trackStatus,
      crop: this.keyframe!.crop,
      fit,
      keypoints68Mm,
      reconstructed: coded.reconstructed,
    };
  }

  /**
   * Sends the mouth region once the mouth opens wider than anything the receiver has of this keyframe (its own
   * mouth, or an earlier reference) by MOUTH_REFERENCE_GROWTH, at least MOUTH_REFERENCE_MIN_OPENING wide, and
   * MOUTH_REFERENCE_INTERVAL_MS after the last one.
   */
  private async takeMouthReference(image: RgbImage, track: TrackResult, kf: KeyframeState, timestampMs: number, out: EncoderOutput[]): Promise<void> {
    // Area over squared width does not depend on the crop's scale: measured on the frame's own mesh.
    const pts = track.mesh!.points;
    const lipWidth = loopWidthPx(pts, INNER_MOUTH_LOOP_INDICES);
    const opening = lipWidth > 0 ? loopAreaPx2(pts, INNER_MOUTH_LOOP_INDICES) / (lipWidth * lipWidth) : 0;
    const state = this.mouth;
    if (state.keyframeId !== kf.id) {
      // A new keyframe shows its own mouth: only a clearly wider one is worth bytes.
      this.mouth = { keyframeId: kf.id, best: opening, atMs: -Infinity };
      return;
    }
    if (!(opening >= MOUTH_REFERENCE_MIN_OPENING && opening >= state.best * MOUTH_REFERENCE_GROWTH)) return;
    if (timestampMs - state.atMs < MOUTH_REFERENCE_INTERVAL_MS) return;
    // The inner lip in the keyframe crop's pixels, as the receiver renders it.
    const k = kf.crop.size / this.cropSize;
    const lip = new Float32Array(INNER_MOUTH_LOOP.length * 2);
    INNER_MOUTH_LOOP.forEach((v, i) => lip.set([(pts[v * 3] - kf.crop.x) / k, (pts[v * 3 + 1] - kf.crop.y) / k], i * 2));
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < lip.length; i += 2) {
      x0 = Math.min(x0, lip[i]);
      x1 = Math.max(x1, lip[i]);
      y0 = Math.min(y0, lip[i + 1]);
      y1 = Math.max(y1, lip[i + 1]);
    }
    const pad = MOUTH_REFERENCE_PAD_PX, side = this.cropSize;
    const x = Math.max(0, Math.floor(x0 - pad)), y = Math.max(0, Math.floor(y0 - pad));
    const width = Math.min(side, Math.ceil(x1 + pad)) - x, height = Math.min(side, Math.ceil(y1 + pad)) - y;
    if (width < 4 || height < 4) return;
    const region = cropResize(image, { x: kf.crop.x + x * k, y: kf.crop.y + y * k, width: width * k, height: height * k }, width, height);
    let encoded: EncodedKeyframeImage;
    try {
      encoded = await this.keyframeCodec.encode(region, { maxBytes: this.mouthReferenceBytes });
    } catch {
      return; // no reference this time; the synthetic interior stays
    }
    this.mouth = { keyframeId: kf.id, best: opening, atMs: timestampMs };
    const mouth: MouthReferenceMessage = { keyframeId: kf.id, format: encoded.format, image: encoded.bytes, x, y, width, height, innerLip: lip };
    out.push({ type: 'mouth-reference', mouth, bytes: encodeMessage({ type: 'mouth-reference', mouth }) });
  }

  /** The tracked mesh in the keyframe crop's pixels. */
  private observe(track: TrackResult, crop: FrameCrop): MeshObservation {
    const pts = track.mesh!.points;
    const k = this.cropSize / crop.size;
    const obs = new Float32Array(pts.length);
    for (let i = 0; i < pts.length; i += 3) {
      obs[i] = (pts[i] - crop.x) * k;
      obs[i + 1] = (pts[i + 1] - crop.y) * k;
      obs[i + 2] = pts[i + 2] * k;
    }
    return obs;
  }

  private checkProfile(p: Profile): void {
    if (p.expressionDims > this.model.expressionDims) {
      throw new EncoderError('BAD_CONFIG', `profile sends ${p.expressionDims} expression dims; model ${this.model.id} has ${this.model.expressionDims}`);
    }
    if (p.sendJaw && !this.model.hasJaw) throw new EncoderError('BAD_CONFIG', `model ${this.model.id} has no jaw to send`);
    if (p.learnedKeypoints > 0 && this.detector?.count !== p.learnedKeypoints) {
      throw new EncoderError(
        'BAD_CONFIG',
        this.detector
          ? `profile sends ${p.learnedKeypoints} learned keypoints; the detector gives ${this.detector.count}`
          : `profile sends ${p.learnedKeypoints} learned keypoints but the encoder has no learnedKeypoints detector`,
      );
    }
  }
}

const INNER_MOUTH_LOOP_INDICES = Uint32Array.from(INNER_MOUTH_LOOP);
/** A mouth reference is taken from this opening up (inner-lip area over squared width: a wide-open mouth is about 0.2)... */
const MOUTH_REFERENCE_MIN_OPENING = 0.1;
/** ...and when it is this much wider than what the receiver has... */
const MOUTH_REFERENCE_GROWTH = 1.3;
/** ...and not sooner than this after the last one (a mouth opens over several frames; one view of it is enough). */
const MOUTH_REFERENCE_INTERVAL_MS = 3000;
/** Margin around the inner lip of the region sent, px. */
const MOUTH_REFERENCE_PAD_PX = 4;

/** The frame's eye state when the tracker ran its iris network (lids and irises), else undefined. */
function measuredEyeState(track: TrackResult): Float32Array | undefined {
  const mesh = track.mesh;
  return mesh?.eyelids && mesh.iris ? measureEyeState(mesh.eyelids, mesh.iris) : undefined;
}
