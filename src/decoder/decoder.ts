/**
 * The receiver: stream messages and frame packets in, RGB frames out. It checks that it holds the stream's face model,
 * keeps the keyframes, completes truncated expressions from the keypoints, and hands each frame to a FaceRenderer.
 * Every bad input ends in a typed error and leaves the decoder ready for the next valid one.
 */
import {
  BitstreamError,
  FrameDecoder,
  MAX_HELD_KEYFRAMES,
  compileLayout,
  decodeMessage,
  decodePersonMatte,
  matteAlpha,
  keyframeFrameValues,
  slotsToLearnedKeypoints,
  type FrameValues,
  type KeyframeBase,
  type KeyframeMessage,
  type MouthReferenceMessage,
  type Profile,
  type StreamHeader,
  type StreamMessage,
} from '../bitstream/index.js';
import type { FrameType } from '../bitstream/frame-coder.js';
import type { FaceModel, FaceShapeParams, HeadPose } from '../face/face-model.js';
import { keyframeLandmarks68, keyframeShapeParams } from '../face/keyframe-shape.js';
import { landmarkJacobian } from '../face/landmark-jacobian.js';
import { JpegImageCodec } from '../media/jpeg-image-codec.js';
import type { KeyframeImageCodec } from '../media/keyframe-image-codec.js';
import { createRgbImage, type RgbImage } from '../media/rgb-image.js';
import { DecoderError } from './decoder-error.js';
import { ExpressionCompleter } from './expression-completion.js';
import { interpolateRenderFrame } from './frame-interpolation.js';
import type { FaceRenderer, RenderFrame, RenderKeyframe } from './renderer.js';
import { bytesToHex } from '../io/hex.js';

/** One decoded frame. */
export interface DecodedVideoFrame {
  image: RgbImage;
  sequence: number;
  timestampMs: number;
  type: FrameType;
  /** Arrived after a newer frame; a live receiver usually drops it. */
  late: boolean;
  keyframeId: number;
  params: FaceShapeParams;
  pose: HeadPose;
  /** Rendered between two decoded frames ({@link Decoder.interpolate}), not decoded from a packet of its own. */
  interpolated?: boolean;
}

/** What handling a message did, for callers that react (e.g. a transport asking for a keyframe). */
export type DecoderEvent =
  | { type: 'header'; header: StreamHeader }
  | { type: 'keyframe'; id: number; bytes: number }
  | { type: 'mouth-reference'; keyframeId: number; bytes: number }
  | { type: 'profile-change'; profileId: number }
  | { type: 'control'; message: StreamMessage }
  | { type: 'frame'; frame: DecodedVideoFrame };

export interface DecoderOptions {
  /** Face models this receiver holds; a stream naming another model (or another hash of it) is refused. */
  models: readonly FaceModel[];
  renderer: FaceRenderer;
  /** Decodes keyframe images (default: the built-in pure-JS JPEG, which reads JPEG only). */
  keyframeCodec?: KeyframeImageCodec;
}

interface KeyframeState extends RenderKeyframe {
  id: number;
  base: KeyframeBase;
}

/** Render inputs of the last few decoded frames, kept for interpolation. */
const RECENT_FRAMES = 4;

interface RecentFrame {
  sequence: number;
  rendererKey: string;
  input: RenderFrame;
}

export class Decoder {
  private readonly models: readonly FaceModel[];
  private readonly renderer: FaceRenderer;
  private readonly keyframeCodec: KeyframeImageCodec;
  private header: StreamHeader | null = null;
  private model: FaceModel | null = null;
  private frames: FrameDecoder | null = null;
  private readonly keyframes = new Map<number, KeyframeState>();
  private readonly completers = new Map<string, ExpressionCompleter>();
  private rendererKeyframe = '';
  private closed = false;
  private readonly recent: RecentFrame[] = [];

  constructor(options: DecoderOptions) {
    this.models = options.models;
    this.renderer = options.renderer;
    this.keyframeCodec = options.keyframeCodec ?? new JpegImageCodec();
  }

  /** The current stream header, once received. */
  get streamHeader(): StreamHeader | null {
    return this.header;
  }

  /** The renderer's name and, for the neural renderer, the execution provider it actually runs on. */
  get rendererInfo(): { name: string; executionProvider: string } {
    return { name: this.renderer.name, executionProvider: this.renderer.provider ?? 'cpu' };
  }

  /** K when the renderer is driven by learned keypoints (a neural unsupervised-mode model): senders must send that many. */
  get learnedKeypointCount(): number {
    return this.renderer.learnedKeypointCount ?? 0;
  }

  /** True after a lost reference until an intra frame decodes: ask the sender for one. */
  get needsIntra(): boolean {
    return this.frames?.needsIntra ?? false;
  }

  /** The keyframes (references) held, oldest first: what receiver reports tell the sender. */
  get heldKeyframeIds(): number[] {
    return [...this.keyframes.keys()];
  }

  /** True while no keyframe is held: ask the sender for one. */
  get needsKeyframe(): boolean {
    return this.keyframes.size === 0;
  }

  /** Parses and handles one envelope (header, keyframe, control or frame) from outside bytes. */
  async receive(bytes: Uint8Array): Promise<DecoderEvent> {
    return this.handle(decodeMessage(bytes));
  }

  async handle(message: StreamMessage): Promise<DecoderEvent> {
    this.assertOpen();
    switch (message.type) {
      case 'header':
        this.setHeader(message.header);
        return { type: 'header', header: message.header };
      case 'keyframe':
        await this.addKeyframe(message.keyframe);
        return { type: 'keyframe', id: message.keyframe.id, bytes: message.keyframe.image.length };
      case 'frame':
        return { type: 'frame', frame: await this.decodeFrame(message.packet) };
      case 'mouth-reference':
        await this.addMouthReference(message.mouth);
        return { type: 'mouth-reference', keyframeId: message.mouth.keyframeId, bytes: message.mouth.image.length };
      case 'control':
        if (message.control.type === 'profile-change') {
          this.checkRenderer(message.control.profile);
          this.requireStream().frames.setProfile(message.control.profileId, message.control.profile);
          return { type: 'profile-change', profileId: message.control.profileId };
        }
        return { type: 'control', message };
    }
  }

  /** Decodes one frame packet (as carried on the frame channel) and renders it. */
  async decodeFrame(packet: Uint8Array): Promise<DecodedVideoFrame> {
    this.assertOpen();
    const { frames, header } = this.requireStream();
    const decoded = frames.decode(packet);
    const kf = this.keyframes.get(decoded.keyframeId);
    if (!kf) throw new DecoderError('NO_KEYFRAME', `frame ${decoded.sequence} needs keyframe ${decoded.keyframeId}`);
    const profile = frames.profile(decoded.profileId);
    if (!profile) throw new BitstreamError('UNKNOWN_PROFILE', `profile ${decoded.profileId} unknown`);
    const { params, pose } = this.toModel(kf, decoded.profileId, profile, decoded.values);
    const rendererKey = `${kf.id}:${decoded.profileId}`;
    if (this.rendererKeyframe !== rendererKey) {
      // The keyframe's mesh is posed from its parameters exactly as a frame equal to it would decode, so such a frame
      // reproduces the keyframe; the difference to the unquantized fit is far below the fit's own noise.
      const same = this.toModel(kf, decoded.profileId, profile, keyframeFrameValues(compileLayout(profile), kf.base));
      await this.renderer.setKeyframe({ ...kf, params: same.params, pose: same.pose });
      this.rendererKeyframe = rendererKey;
    }
    const image = createRgbImage(header.cropWidth, header.cropHeight);
    const learned = profile.learnedKeypoints > 0;
    const eyes = profile.sendEyes && decoded.values.eyeState ? { eyeState: Float32Array.from(decoded.values.eyeState) } : {};
    const input: RenderFrame = learned
      ? {
          params,
          pose,
          keypointsMm: new Float32Array(0),
          landmarkIds: [],
          learnedKeypoints: slotsToLearnedKeypoints(decoded.values.keypointsMm),
          receivedExpressionDims: profile.expressionDims,
          ...eyes,
        }
      : { params, pose, keypointsMm: decoded.values.keypointsMm, landmarkIds: profile.landmarkIds, receivedExpressionDims: profile.expressionDims, ...eyes };
    await this.renderer.render(input, image);
    this.recent.push({ sequence: decoded.sequence, rendererKey, input });
    if (this.recent.length > RECENT_FRAMES) this.recent.shift();
    return {
      image,
      sequence: decoded.sequence,
      timestampMs: decoded.timestampMs,
      type: decoded.type,
      late: decoded.late,
      keyframeId: decoded.keyframeId,
      params,
      pose,
    };
  }

  /** The display rate receivers should show: the header's `displayRateHz`, else its coded frame rate. */
  get displayRateHz(): number | undefined {
    return this.header ? (this.header.displayRateHz ?? this.header.frameRateHz) : undefined;
  }

  /**
   * Renders the frame at `timestampMs` between two frames this decoder just decoded (`from` before `to`, among its
   * last four, same keyframe and profile, `to` the newest): for streams coded below their display rate. With
   * `extrapolate`, `timestampMs` may also lie after `to`, by up to the gap between the two (the motion carried on,
   * so the frame need not wait for the next packet). Throws `NOT_INTERPOLABLE` otherwise; the decoder's state is
   * unchanged either way.
   */
  async interpolate(from: DecodedVideoFrame, to: DecodedVideoFrame, timestampMs: number, options: { extrapolate?: boolean } = {}): Promise<DecodedVideoFrame> {
    this.assertOpen();
    const { header } = this.requireStream();
    const a = this.recent.find((r) => r.sequence === from.sequence);
    const b = this.recent.find((r) => r.sequence === to.sequence);
    if (!a || !b || a.rendererKey !== b.rendererKey || b.rendererKey !== this.rendererKeyframe) {
      throw new DecoderError('NOT_INTERPOLABLE', `frames ${from.sequence} and ${to.sequence} are not the last decoded ones of one keyframe and profile`);
    }
    const latestMs = options.extrapolate ? 2 * to.timestampMs - from.timestampMs : to.timestampMs;
    if (!(to.timestampMs > from.timestampMs) || !(timestampMs > from.timestampMs && timestampMs < latestMs) || timestampMs === to.timestampMs) {
      throw new DecoderError('NOT_INTERPOLABLE', `time ${timestampMs} is not between ${from.timestampMs} and ${latestMs}`);
    }
    const input = interpolateRenderFrame(a.input, b.input, (timestampMs - from.timestampMs) / (to.timestampMs - from.timestampMs));
    const image = createRgbImage(header.cropWidth, header.cropHeight);
    await this.renderer.render(input, image);
    return { image, sequence: from.sequence, timestampMs, type: from.type, late: false, keyframeId: from.keyframeId, params: input.params, pose: input.pose, interpolated: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.keyframes.clear();
    this.completers.clear();
    await this.renderer.close();
  }

  /** A renderer driven by learned keypoints needs a stream that carries as many; any other renderer needs landmarks. */
  private checkRenderer(profile: Profile): void {
    const k = this.renderer.learnedKeypointCount ?? 0;
    if (k === profile.learnedKeypoints) return;
    throw new DecoderError(
      'RENDERER_MISMATCH',
      profile.learnedKeypoints > 0
        ? `the stream carries ${profile.learnedKeypoints} learned keypoints; renderer ${this.renderer.name} ${k ? `takes ${k}` : 'renders face-model landmarks (use a neural model exported in the unsupervised mode)'}`
        : `renderer ${this.renderer.name} is driven by ${k} learned keypoints; the stream carries face-model landmarks`,
    );
  }

  private setHeader(header: StreamHeader): void {
    this.checkRenderer(header.profile);
    const hash = bytesToHex(header.faceModelHash);
    const model = this.models.find((m) => m.id === header.faceModelId && m.dataHash === hash);
    if (!model) {
      const held = this.models.map((m) => `${m.id} (${m.dataHash.slice(0, 12)})`).join(', ') || 'none';
      throw new DecoderError(
        'MODEL_NOT_AVAILABLE',
        `stream uses face model ${header.faceModelId} (${hash.slice(0, 12)}); this receiver holds ${held}`,
      );
    }
    if (header.modelExpressionDims !== model.expressionDims) {
      throw new DecoderError('MODEL_NOT_AVAILABLE', `stream expects ${header.modelExpressionDims} expression dims, model has ${model.expressionDims}`);
    }
    const sameStream = this.header && this.model === model && this.header.frameRateHz === header.frameRateHz;
    this.header = header;
    this.model = model;
    if (!sameStream) {
      this.frames = new FrameDecoder({ frameRateHz: header.frameRateHz });
      this.keyframes.clear();
      this.completers.clear();
      this.rendererKeyframe = '';
    }
    this.frames!.setProfile(header.profileId, header.profile);
  }

  private async addKeyframe(k: KeyframeMessage): Promise<void> {
    const { model, header, frames } = this.requireStream();
    if (k.width !== header.cropWidth || k.height !== header.cropHeight) {
      throw new DecoderError('KEYFRAME_MISMATCH', `keyframe is ${k.width}x${k.height}, stream crop is ${header.cropWidth}x${header.cropHeight}`);
    }
    if (k.params.shape.length !== model.shapeDims) {
      throw new DecoderError('KEYFRAME_MISMATCH', `keyframe has ${k.params.shape.length} shape values, model ${model.shapeDims}`);
    }
    const learned = header.profile.learnedKeypoints;
    if (learned > 0 && k.params.learnedKeypoints?.length !== learned * 3) {
      throw new DecoderError('KEYFRAME_MISMATCH', `the stream carries ${learned} learned keypoints; keyframe ${k.id} has ${(k.params.learnedKeypoints?.length ?? 0) / 3}`);
    }
    if (!this.keyframeCodec.canDecode(k.format)) {
      throw new DecoderError('KEYFRAME_IMAGE_INVALID', `keyframe image format ${k.format} is not supported by ${this.keyframeCodec.name}`);
    }
    let image: RgbImage;
    try {
      image = await this.keyframeCodec.decode(k.format, k.image);
    } catch (err) {
      throw new DecoderError('KEYFRAME_IMAGE_INVALID', `keyframe ${k.id} ${k.format} image does not decode`, { cause: err });
    }
    // The decode may yield to other messages: a new stream header meanwhile makes this keyframe stale.
    this.assertOpen();
    const now = this.requireStream();
    if (now.frames !== frames || now.header.cropWidth !== k.width || now.header.cropHeight !== k.height) {
      throw new DecoderError('KEYFRAME_MISMATCH', `a new stream started while keyframe ${k.id} decoded`);
    }
    if (image.width !== k.width || image.height !== k.height) {
      throw new DecoderError('KEYFRAME_IMAGE_INVALID', `keyframe image is ${image.width}x${image.height}, message says ${k.width}x${k.height}`);
    }
    const params: FaceShapeParams = keyframeShapeParams(model, k.params);
    const keypoints68Mm = k.params.keypoints68Mm ?? keyframeLandmarks68(model, k.params);
    const pose: HeadPose = { rotationRad: k.params.rotationRad, translationPx: k.params.translationPx, pixelsPerMm: k.params.scalePxPerMm };
    // Only now that everything checked out does the decoder's state change.
    const base: KeyframeBase = {
      keypoints68Mm,
      expression: params.expression,
      jawRad: params.jawRad,
      rotationRad: pose.rotationRad,
      translationPx: pose.translationPx,
      scalePxPerMm: pose.pixelsPerMm,
      keypointJacobian: landmarkJacobian(model, params),
      learnedKeypoints: k.params.learnedKeypoints,
      eyeState: k.params.eyeState,
    };
    frames.setKeyframe(k.id, base);
    this.keyframes.set(k.id, {
      id: k.id,
      image,
      model,
      params,
      pose,
      keypoints68Mm,
      learnedKeypoints: k.params.learnedKeypoints,
      ...(k.params.eyeState ? { eyeState: k.params.eyeState } : {}),
      ...(k.personMatte ? { personMatte: matteAlpha(decodePersonMatte(k.personMatte), k.width, k.height) } : {}),
      base,
    });
    if (this.keyframes.size > MAX_HELD_KEYFRAMES) this.keyframes.delete(this.keyframes.keys().next().value!);
    if (this.rendererKeyframe.startsWith(`${k.id}:`)) this.rendererKeyframe = '';
  }

  /**
   * Keeps an open-mouth view for keyframe `m.keyframeId` (the renderer draws the mouth interior from it); a mouth
   * reference for a keyframe no longer held is dropped. Bad images throw KEYFRAME_IMAGE_INVALID, state unchanged.
   */
  private async addMouthReference(m: MouthReferenceMessage): Promise<void> {
    const kf = this.keyframes.get(m.keyframeId);
    if (!kf) return;
    if (m.x + m.width > kf.image.width || m.y + m.height > kf.image.height) {
      throw new DecoderError('KEYFRAME_MISMATCH', `mouth reference region ${m.width}x${m.height}+${m.x}+${m.y} leaves the ${kf.image.width}x${kf.image.height} crop`);
    }
    if (!this.keyframeCodec.canDecode(m.format)) {
      throw new DecoderError('KEYFRAME_IMAGE_INVALID', `mouth reference format ${m.format} is not supported by ${this.keyframeCodec.name}`);
    }
    let image: RgbImage;
    try {
      image = await this.keyframeCodec.decode(m.format, m.image);
    } catch (err) {
      throw new DecoderError('KEYFRAME_IMAGE_INVALID', `mouth reference ${m.format} image does not decode`, { cause: err });
    }
    if (image.width !== m.width || image.height !== m.height) {
      throw new DecoderError('KEYFRAME_IMAGE_INVALID', `mouth reference image is ${image.width}x${image.height}, message says ${m.width}x${m.height}`);
    }
    // The keyframe may have been replaced while the image decoded.
    if (this.keyframes.get(m.keyframeId) !== kf) return;
    kf.mouthReference = { image, x: m.x, y: m.y, innerLip: m.innerLip };
    // The renderer takes it with its keyframe.
    if (this.rendererKeyframe.startsWith(`${kf.id}:`)) this.rendererKeyframe = '';
  }

  /** Decoded values to full model parameters: keyframe identity, completed expression, jaw, eyes; and the pose. */
  private toModel(kf: KeyframeState, profileId: number, profile: Profile, v: FrameValues): { params: FaceShapeParams; pose: HeadPose } {
    const model = kf.model;
    const params: FaceShapeParams = {
      shape: kf.params.shape,
      expression: new Float32Array(model.expressionDims),
      jawRad: profile.sendJaw ? Float32Array.from(v.jawRad) : kf.params.jawRad,
      eyesRad: kf.params.eyesRad,
    };
    params.expression.set(v.expression.subarray(0, Math.min(v.expression.length, model.expressionDims)));
    // Learned keypoints are no face-model landmarks: nothing to complete the expression from.
    if (profile.learnedKeypoints === 0) this.completer(kf, profileId, profile).complete(params, v.keypointsMm);
    const pose: HeadPose = { rotationRad: v.rotationRad, translationPx: v.translationPx, pixelsPerMm: v.scalePxPerMm };
    return { params, pose };
  }

  private completer(kf: KeyframeState, profileId: number, profile: StreamHeader['profile']): ExpressionCompleter {
    const key = `${kf.id}:${profileId}`;
    let c = this.completers.get(key);
    if (!c) {
      c = new ExpressionCompleter(kf.model, kf.base.keypointJacobian!, profile.landmarkIds, Math.min(profile.expressionDims, kf.model.expressionDims));
      this.completers.set(key, c);
      if (this.completers.size > 16) this.completers.delete(this.completers.keys().next().value!);
    }
    return c;
  }

  private requireStream() {
    if (!this.header || !this.model || !this.frames) throw new DecoderError('NO_HEADER', 'no stream header received yet');
    return { header: this.header, model: this.model, frames: this.frames };
  }

  private assertOpen(): void {
    if (this.closed) throw new DecoderError('CLOSED', 'decoder is closed');
  }
}
