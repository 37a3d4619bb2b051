/**
 * Ready-made sender and receiver on the built-in defaults (or FLAME when its folder is configured): the wiring of
 * tracker, face model, fitter, encoder, decoder and renderer that the CLI, the examples and apps use.
 */
import type { TextureAlignmentOptions } from './encoder/texture-alignment.js';
import './node/index.js';
import { z } from 'zod';
import { makeProfile, type Profile } from './bitstream/index.js';
import { Decoder } from './decoder/decoder.js';
import { MeshWarpFaceRenderer } from './decoder/mesh-warp-face-renderer.js';
import type { NeuralRendererOptions } from './decoder/neural/index.js';
import type { FaceRenderer } from './decoder/renderer.js';
import { RefinedFaceRenderer } from './decoder/refiner/refined-face-renderer.js';
import type { OnnxRefinerOptions } from './decoder/refiner/onnx-refiner-runner.js';
import { Encoder } from './encoder/encoder.js';
import { createFitter } from './encoder/mesh-fitter.js';
import type { KeyframePolicyOptions } from './encoder/keyframe-policy.js';
import { FacecodecError } from './errors.js';
import { BUILTIN_FACE_MODEL_VERSIONS, DEFAULT_BUILTIN_FACE_MODEL_VERSION, builtinFaceModelPath, loadBuiltinFaceModel } from './face/builtin/index.js';
import type { FaceModel } from './face/face-model.js';
import { loadFlameModel } from './face/flame/index.js';
import { FaceLandmarker, FaceTracker } from './face/landmarks/index.js';
import { PersonSegmenter } from './face/landmarks/person-segmenter.js';
import { JpegImageCodec } from './media/jpeg-image-codec.js';
import type { KeyframeImageCodec } from './media/keyframe-image-codec.js';
import type { SharpKeyframeFormat } from './media/sharp-image-codec.js';

/**
 * Keyframe defaults of the Node sender, measured by `npx tsx bench/keyframe-codec.ts`: an AVIF image within 3500
 * bytes keeps the decoded output within 0.12 dB face PSNR and 0.02 px AKD of JPEG q85's, at 30% of its bytes.
 */
export const DEFAULT_KEYFRAME_FORMAT: SharpKeyframeFormat = 'avif';
export const DEFAULT_KEYFRAME_BYTES = 3500;
/** How long after the head's movement calls for a keyframe the stream switches to it (AVIF keyframes). */
export const DEFAULT_KEYFRAME_SWITCH_DELAY_MS = 400;
/** A first picture's image budget: with the header and the keyframe's parameters under 2 KB on the wire, about a second at 16 kbit/s. */
export const QUICK_FIRST_PICTURE_BYTES = 1000;

/**
 * A keyframe image codec for Node: sharp writing `format` (and reading JPEG, PNG, WebP and AVIF), or the built-in
 * pure-JS JPEG where sharp's native package does not load (an unsupported platform) or `format` is `jpeg-js`.
 */
export async function createKeyframeCodec(format: SharpKeyframeFormat | 'jpeg-js' = DEFAULT_KEYFRAME_FORMAT): Promise<KeyframeImageCodec> {
  if (format === 'jpeg-js') return new JpegImageCodec();
  const sharp = await loadSharpCodec();
  return sharp ? new sharp({ format }) : new JpegImageCodec();
}

/** The first picture's codec: sharp's format at low effort (AVIF effort 1 is about ten times faster than 4). */
async function quickKeyframeCodec(codec: KeyframeImageCodec): Promise<KeyframeImageCodec> {
  const sharp = await loadSharpCodec();
  return sharp && codec instanceof sharp && codec.format !== 'jpeg' ? new sharp({ format: codec.format, effort: 1 }) : codec;
}

let sharpModule: Promise<typeof import('./media/sharp-image-codec.js').SharpImageCodec | null> | null = null;

/** sharp's native binding loads on first use, once; null when it cannot load here. */
function loadSharpCodec() {
  return (sharpModule ??= import('./media/sharp-image-codec.js').then(
    (m) => m.SharpImageCodec,
    () => null,
  ));
}

const modelConfigSchema = z
  .object({
    /** Folder holding FLAME 2023 Open (the official `flame2023_Open.pkl`); absent: the built-in model. */
    flameFolder: z.string().min(1).optional(),
    /** Which shipped built-in model (1 or 2, see BUILTIN_FACE_MODEL_VERSIONS); default 1. Ignored with flameFolder. */
    builtinVersion: z.union([z.literal(1), z.literal(2)]).optional(),
  })
  .strict();

export type FaceModelConfig = z.input<typeof modelConfigSchema>;

/** Loads the configured face model: FLAME from `flameFolder`, else a shipped built-in model (cached per file). */
export async function loadFaceModel(config: FaceModelConfig = {}): Promise<FaceModel> {
  const parsed = modelConfigSchema.safeParse(config);
  if (!parsed.success) throw new FacecodecError('BAD_CONFIG', `face model config: ${parsed.error.issues[0].message}`);
  if (parsed.data.flameFolder) {
    const flame = await loadFlameModel({ folder: parsed.data.flameFolder }, { eyelids: true });
    if (flame.expressionDims - (flame.info.eyelidComponents ?? 0) === 0) {
      throw new FacecodecError(
        'BAD_CONFIG',
        `FLAME in ${parsed.data.flameFolder} has no expression basis (the official flame2023_Open.pkl has it)`,
      );
    }
    return flame;
  }
  return loadBuiltinFaceModel(builtinFaceModelPath(parsed.data.builtinVersion ?? DEFAULT_BUILTIN_FACE_MODEL_VERSION));
}

/**
 * Every shipped built-in model version, the default first: what a decoder holds unless told otherwise, so streams
 * of any built-in version decode (the header names the model and its hash).
 */
export function loadBuiltinFaceModels(): FaceModel[] {
  const versions = [DEFAULT_BUILTIN_FACE_MODEL_VERSION, ...BUILTIN_FACE_MODEL_VERSIONS.filter((v) => v !== DEFAULT_BUILTIN_FACE_MODEL_VERSION)];
  return versions.map((v) => loadBuiltinFaceModel(builtinFaceModelPath(v)));
}

/** The encoder's fitter for a model (src/encoder/mesh-fitter.ts; the browser entry has it too). */
export { createFitter };

export interface CreateEncoderOptions {
  frameRateHz: number;
  /** Code face parameters at this rate, below the camera's `frameRateHz`; receivers interpolate (see EncoderOptions). */
  parameterRateHz?: number;
  profile?: Profile;
  flameFolder?: string;
  /** The shipped built-in model version to code with (1 or 2; default 1): see FaceModelConfig. */
  builtinVersion?: 1 | 2;
  /** A model already loaded (overrides flameFolder and builtinVersion). */
  model?: FaceModel;
  cropSizePx?: number;
  keyframePolicy?: KeyframePolicyOptions;
  fullFrameCrop?: boolean;
  /** Fixed keyframe quality (1..100): given without `keyframeBytes`, keyframes are today's pure-JS JPEG at it. */
  keyframeJpegQuality?: number;
  /** Keyframe image budget in bytes (default 3500, unless `keyframeJpegQuality` is given). */
  keyframeBytes?: number;
  /** Keyframe image format (default avif; `jpeg-js` is the built-in pure-JS JPEG). Ignored with `keyframeCodec`. */
  keyframeFormat?: SharpKeyframeFormat | 'jpeg-js';
  /** A keyframe image codec of the app's own (overrides `keyframeFormat`). */
  keyframeCodec?: KeyframeImageCodec;
  /**
   * Quick first picture (e.g. {@link QUICK_FIRST_PICTURE_BYTES}, 1000): a receiver without a picture gets the keyframe
   * at this budget first and the `keyframeBytes` image 500 ms later (see `EncoderOptions.firstPicture`). Off by
   * default: it costs the small image's bytes once per stream; the sample call turns it on.
   */
  firstPictureBytes?: number;
  /**
   * Keyframes the head's movement calls for switch in this long after, their image encoded off the frame path
   * (`EncoderOptions.keyframeSwitchDelayMs`). Default 400 with AVIF keyframes (an encode of about 1 s would stall
   * the camera), else 0.
   */
  keyframeSwitchDelayMs?: number;
  /** Live capture: off-path images never make a frame wait (`EncoderOptions.realTime`; default false). */
  realTime?: boolean;
  /** Temporal smoothing of the fitted parameters (default false). */
  smoothing?: boolean;
  /**
   * Folder of a neural model exported in the unsupervised mode (the face-vid2vid baseline): its learned keypoint
   * detector runs on every face crop, and the default profile sends its K keypoints (with head pose, no expression)
   * instead of face-model landmarks. Receivers need the same model as their `neural` renderer.
   */
  learnedKeypointsModelDir?: string;
  /**
   * Send a person matte with every keyframe (MediaPipe selfie segmentation, about 40 ms and 200 B a keyframe), so
   * receivers keep the background still behind a moving head. Default true (measured on the evaluation identities:
   * AKD 1.23 -> 1.21 px, contour 1.58 -> 1.54); `false` leaves it out.
   */
  personMatte?: boolean;
  /** Mouth references of this many bytes when the mouth opens wide (`EncoderOptions.mouthReferenceBytes`; default 0: none). */
  mouthReferenceBytes?: number;
  /** Pull each frame's fit to where the keyframe's texture went (`EncoderOptions.textureAlignment`; default on, `false` off). */
  textureAlignment?: boolean | TextureAlignmentOptions;
}

/** A sender on the default components; `close()` releases the landmark networks. */
export async function createEncoder(options: CreateEncoderOptions): Promise<{ encoder: Encoder; close: () => void }> {
  const model = options.model ?? (await loadFaceModel({ flameFolder: options.flameFolder, builtinVersion: options.builtinVersion }));
  // onnxruntime's native binding loads only when a learned detector is asked for.
  const detector = options.learnedKeypointsModelDir
    ? await (await import('./decoder/neural/index.js')).LearnedKeypoints.create({ modelDir: options.learnedKeypointsModelDir })
    : undefined;
  // keyframeJpegQuality alone asks for today's JPEG keyframes; otherwise a byte budget in the measured best format.
  const jpegAtQuality = options.keyframeJpegQuality !== undefined && options.keyframeBytes === undefined && !options.keyframeCodec && !options.keyframeFormat;
  const keyframeCodec = options.keyframeCodec ?? (await createKeyframeCodec(jpegAtQuality ? 'jpeg-js' : options.keyframeFormat));
  // The budget is tuned for the sharp formats; without sharp the fallback JPEG keeps today's quality instead.
  const keyframeBytes = options.keyframeBytes ?? (options.keyframeJpegQuality !== undefined || keyframeCodec.name === 'jpeg-js' ? undefined : DEFAULT_KEYFRAME_BYTES);
  // The iris network (two 64 px eye crops a frame) runs only for profiles that carry lids and gaze.
  const segmenter = options.personMatte !== false ? await PersonSegmenter.create() : undefined;
  const landmarker = await FaceLandmarker.create({ withIris: (options.profile ?? makeProfile()).sendEyes });
  const tracker = new FaceTracker(landmarker, { fps: options.parameterRateHz ?? options.frameRateHz });
  const encoder = new Encoder({
    model,
    fitter: createFitter(model),
    tracker,
    frameRateHz: options.frameRateHz,
    parameterRateHz: options.parameterRateHz,
    profile: options.profile ?? (detector ? makeProfile({ learnedKeypoints: detector.count, expressionDims: 0 }) : undefined),
    learnedKeypoints: detector,
    personSegmenter: segmenter,
    mouthReferenceBytes: options.mouthReferenceBytes,
    textureAlignment: options.textureAlignment,
    cropSizePx: options.cropSizePx,
    keyframePolicy: options.keyframePolicy,
    fullFrameCrop: options.fullFrameCrop,
    keyframeJpegQuality: options.keyframeJpegQuality,
    keyframeBytes,
    keyframeCodec,
    realTime: options.realTime,
    keyframeSwitchDelayMs: options.keyframeSwitchDelayMs ?? (keyframeCodec.format === 'avif' ? DEFAULT_KEYFRAME_SWITCH_DELAY_MS : 0),
    ...(options.firstPictureBytes !== undefined ? { firstPicture: { bytes: options.firstPictureBytes, codec: await quickKeyframeCodec(keyframeCodec) } } : {}),
    smoothing: options.smoothing,
  });
  return {
    encoder,
    close: () => {
      encoder.close();
      tracker.close();
      landmarker.close();
      segmenter?.close();
      void detector?.close();
    },
  };
}

export interface CreateDecoderOptions {
  /** Models this receiver holds (default: every shipped built-in model version, {@link loadBuiltinFaceModels}). */
  models?: readonly FaceModel[];
  /**
   * `mesh-warp` (default; CPU, no trained weights), `neural` (the ONNX generator in `models/neural/` or
   * `neural.modelDir`, on WebGPU, CUDA or CPU), or any FaceRenderer.
   */
  renderer?: 'mesh-warp' | 'neural' | 'mesh-warp+refine' | FaceRenderer;
  neural?: NeuralRendererOptions;
  /** The refinement network of `mesh-warp+refine` (default models/refiner on one CPU thread). */
  refiner?: OnnxRefinerOptions;
  /** Decodes keyframe images (default: sharp, reading JPEG, PNG, WebP and AVIF; the pure-JS JPEG where sharp cannot load). */
  keyframeCodec?: KeyframeImageCodec;
}

export async function createDecoder(options: CreateDecoderOptions = {}): Promise<Decoder> {
  const models = options.models ?? loadBuiltinFaceModels();
  const r = options.renderer ?? 'mesh-warp';
  // onnxruntime's native binding loads only when the neural renderer is asked for.
  const renderer =
    r === 'mesh-warp'
      ? new MeshWarpFaceRenderer()
      : r === 'neural'
        ? await (await import('./decoder/neural/index.js')).NeuralRenderer.create(options.neural)
        : r === 'mesh-warp+refine'
          ? new RefinedFaceRenderer({ runner: await (await import('./decoder/refiner/onnx-refiner-runner.js')).OnnxRefinerRunner.create(options.refiner) })
          : r;
  return new Decoder({ models, renderer, keyframeCodec: options.keyframeCodec ?? (await createKeyframeCodec()) });
}
