/**
 * `facecodec roundtrip`: encode a video and decode it again in one process, writing a video with the input's frame
 * count, rate and size (the reconstructed face crop pasted back where the face was), and printing the rate.
 */
import { writeFile } from 'node:fs/promises';
import { StreamFileWriter, kbps, keypointCount, type Profile } from '../bitstream/index.js';
import { createDecoder, createEncoder, loadFaceModel, type CreateEncoderOptions } from '../codec.js';
import type { NeuralExecutionProvider } from '../decoder/neural/execution-provider.js';
import { DEFAULT_NEURAL_MODEL_DIR } from '../node/neural-model-dir.js';
import type { DecodedVideoFrame } from '../decoder/decoder.js';
import type { FaceRenderer } from '../decoder/renderer.js';
import type { EncoderOutput } from '../encoder/encoder.js';
import { createRgbImage, extendAround, pasteBack, probeVideo, readVideoFrames, sideBySide, VideoWriter, type RgbImage } from '../media/index.js';
import { startProgress } from './progress.js';

export interface RoundtripOptions {
  input: string;
  output?: string;
  streamPath?: string;
  profile?: Profile;
  sideBySide?: boolean;
  maxFrames?: number;
  flameFolder?: string;
  /** The shipped built-in model version (1 or 2; default 1), without flameFolder. */
  builtinVersion?: 1 | 2;
  /**
   * Paste the reconstructed crop over the input frame instead of the crop's own edges extended to the frame. The
   * receiver never has those outer pixels, so this is for demos only; metrics must use the default.
   */
  pasteOnInput?: boolean;
  /** Encoder settings beyond the profile (smoothing, keyframe policy, keyframe image format and budget). */
  encoder?: Pick<CreateEncoderOptions, 'smoothing' | 'keyframePolicy' | 'keyframeJpegQuality' | 'keyframeBytes' | 'keyframeFormat' | 'keyframeCodec' | 'cropSizePx' | 'parameterRateHz' | 'personMatte' | 'mouthReferenceBytes' | 'textureAlignment'>;
  /**
   * With `encoder.parameterRateHz` below the input's rate, how the frames in between are made (as
   * CodecReceiver's `inBetween`): `interpolate` (default) from both neighbours, `extrapolate` from the two before.
   */
  inBetween?: 'interpolate' | 'extrapolate';
  /** Draw a progress bar on a terminal (default true). */
  progress?: boolean;
  /** The input already is a face crop: code the whole frame (see EncoderOptions.fullFrameCrop). */
  fullFrameCrop?: boolean;
  /** Called with every output frame (input size), e.g. to measure it without writing a video. */
  onFrame?: (index: number, image: RgbImage, input: RgbImage) => void | Promise<void>;
  /** The decoder's frame generator (default `mesh-warp`); `neural` needs an exported model (see `neuralModelDir`). */
  renderer?: 'mesh-warp' | 'neural' | 'mesh-warp+refine' | FaceRenderer;
  /** Folder of the refiner of `mesh-warp+refine` (default models/refiner). */
  refinerModelDir?: string;
  /** Folder of the neural renderer's exported model (default models/neural). */
  neuralModelDir?: string;
  /** Execution providers the neural renderer tries, in order (default webgpu, cuda, cpu). */
  neuralProviders?: readonly NeuralExecutionProvider[];
}

/** What a roundtrip measured. */
export interface RoundtripReport {
  input: string;
  output: string | null;
  frames: number;
  framesWithFace: number;
  framesHeld: number;
  frameRateHz: number;
  profile: { keypoints: number; learned: boolean; expressionDims: number; coding: string };
  headerBytes: number;
  keyframes: number;
  /** Bytes of keyframes and mouth references (everything on the reliable channel but the header). */
  keyframeBytes: number;
  /** Mouth references sent (see EncoderOptions.mouthReferenceBytes). */
  mouthReferences: number;
  firstKeyframeBytes: number;
  framePacketBytes: number;
  bytesPerFrame: number;
  kbps: number;
  /** Including keyframes (spread over the clip). */
  totalKbps: number;
  intraFrames: number;
  /** Frames rendered between decoded ones (with `encoder.parameterRateHz` below the input's rate). */
  framesInterpolated: number;
  encodeMsPerFrame: number;
  decodeMsPerFrame: number;
  /** The decoder's renderer and where it ran (`cpu`, or the neural renderer's provider, e.g. `webgpu`). */
  renderer: { name: string; executionProvider: string };
}

export async function roundtrip(options: RoundtripOptions): Promise<RoundtripReport> {
  const info = await probeVideo(options.input);
  const fps = info.fps;
  const total = options.maxFrames ? Math.min(options.maxFrames, info.frameCount) : info.frameCount;
  const model = await loadFaceModel({ flameFolder: options.flameFolder, builtinVersion: options.builtinVersion });
  const decoder = await createDecoder({
    models: [model],
    renderer: options.renderer ?? 'mesh-warp',
    neural: { modelDir: options.neuralModelDir, providers: options.neuralProviders },
    refiner: { modelDir: options.refinerModelDir },
  });
  // A neural model of the unsupervised baseline is driven by its own learned keypoints: the sender runs its detector.
  const learnedDir = decoder.learnedKeypointCount > 0 ? (options.neuralModelDir ?? DEFAULT_NEURAL_MODEL_DIR) : undefined;
  const { encoder, close: closeEncoder } = await createEncoder({
    frameRateHz: fps,
    profile: options.profile,
    model,
    fullFrameCrop: options.fullFrameCrop,
    learnedKeypointsModelDir: learnedDir,
    ...options.encoder,
  });
  const stream = new StreamFileWriter();
  const outW = options.sideBySide ? info.width * 2 : info.width;
  const writer = options.output ? await VideoWriter.open(options.output, { width: outW, height: info.height, fps }) : null;
  const progress = options.progress === false ? { tick() {}, stop() {} } : startProgress('roundtrip', total);
  const report: RoundtripReport = {
    input: options.input,
    output: options.output ?? null,
    frames: 0,
    framesWithFace: 0,
    framesHeld: 0,
    frameRateHz: fps,
    profile: { keypoints: 0, learned: false, expressionDims: 0, coding: '' },
    headerBytes: 0,
    keyframes: 0,
    keyframeBytes: 0,
    mouthReferences: 0,
    firstKeyframeBytes: 0,
    framePacketBytes: 0,
    bytesPerFrame: 0,
    kbps: 0,
    totalKbps: 0,
    intraFrames: 0,
    framesInterpolated: 0,
    encodeMsPerFrame: 0,
    decodeMsPerFrame: 0,
    renderer: decoder.rendererInfo,
  };
  let encodeMs = 0;
  let decodeMs = 0;
  let packets = 0;
  // Before the first face nothing is sent, so the receiver shows grey.
  const blank = createRgbImage(info.width, info.height);
  blank.data.fill(128);
  let last: RgbImage = blank;
  // With a parameter rate below the input's, the frames the encoder skipped wait for the next decoded frame and are
  // rendered between it and the one before, as a live receiver does.
  let previous: DecodedVideoFrame | undefined;
  let beforePrevious: DecodedVideoFrame | undefined;
  let lastCrop: { x: number; y: number; size: number } | undefined;
  let waiting: Array<{ frame: RgbImage; timestampMs: number }> = [];
  const show = async (image: RgbImage, input: RgbImage): Promise<void> => {
    if (options.onFrame) await options.onFrame(report.frames, image, input);
    report.frames++;
    if (writer) await writer.write(options.sideBySide ? sideBySide(input, image) : image);
    progress.tick({ B: packets ? (report.framePacketBytes / packets).toFixed(1) : '-' });
  };
  const canvasWith = (input: RgbImage, crop: RgbImage, rect: { x: number; y: number; size: number }): RgbImage => {
    const canvas: RgbImage = { width: info.width, height: info.height, data: Uint8Array.from(options.pasteOnInput ? input.data : blank.data) };
    // What a receiver knows outside the crop is the crop's own edge: extended outwards, never grey.
    if (!options.pasteOnInput) extendAround(canvas, crop, { x: rect.x, y: rect.y, width: rect.size, height: rect.size });
    pasteBack(canvas, crop, { x: rect.x, y: rect.y, width: rect.size, height: rect.size }, 0);
    return canvas;
  };
  let index = 0;
  try {
    for await (const frame of readVideoFrames(options.input, { maxFrames: total })) {
      const timestampMs = Math.round((index++ * 1000) / fps);
      const t0 = performance.now();
      const outputs: EncoderOutput[] = await encoder.encode(frame, timestampMs);
      encodeMs += performance.now() - t0;
      if (outputs.length === 0 && previous && options.encoder?.parameterRateHz) {
        if (options.inBetween !== 'extrapolate') {
          waiting.push({ frame, timestampMs });
          continue;
        }
        // Extrapolation shows the frame now, from the two frames before it.
        const t1 = performance.now();
        const ahead =
          beforePrevious && beforePrevious.keyframeId === previous.keyframeId
            ? await decoder.interpolate(beforePrevious, previous, timestampMs, { extrapolate: true }).catch(() => undefined)
            : undefined;
        decodeMs += performance.now() - t1;
        if (ahead) report.framesInterpolated++;
        await show(ahead && lastCrop ? canvasWith(frame, ahead.image, lastCrop) : last, frame);
        continue;
      }
      let shown: RgbImage | null = null;
      const ready: Array<{ image: RgbImage; input: RgbImage }> = [];
      for (const o of outputs) {
        const t1 = performance.now();
        if (o.type === 'header') {
          report.headerBytes += stream.add({ type: 'header', header: o.header });
          await decoder.handle({ type: 'header', header: o.header });
        } else if (o.type === 'keyframe') {
          const n = stream.add({ type: 'keyframe', keyframe: o.keyframe });
          if (report.keyframes === 0) report.firstKeyframeBytes = o.bytes.length;
          report.keyframes++;
          report.keyframeBytes += n;
          await decoder.handle({ type: 'keyframe', keyframe: o.keyframe });
        } else if (o.type === 'mouth-reference') {
          // Reliable-channel bytes like a later keyframe's: they count in the steady rate.
          const n = stream.add({ type: 'mouth-reference', mouth: o.mouth });
          report.mouthReferences++;
          report.keyframeBytes += n;
          await decoder.handle({ type: 'mouth-reference', mouth: o.mouth });
        } else {
          stream.add({ type: 'frame', packet: o.bytes });
          packets++;
          report.framePacketBytes += o.bytes.length;
          if (o.frameType === 'intra') report.intraFrames++;
          if (o.status === 'held') report.framesHeld++;
          else report.framesWithFace++;
          const decoded = await decoder.decodeFrame(o.bytes);
          for (const w of waiting) {
            const between = previous && previous.keyframeId === decoded.keyframeId ? await decoder.interpolate(previous, decoded, w.timestampMs).catch(() => undefined) : undefined;
            if (between) report.framesInterpolated++;
            ready.push({ image: between ? canvasWith(w.frame, between.image, o.crop) : last, input: w.frame });
          }
          waiting = [];
          beforePrevious = previous;
          previous = decoded;
          lastCrop = o.crop;
          shown = canvasWith(frame, decoded.image, o.crop);
        }
        decodeMs += performance.now() - t1;
      }
      for (const r of ready) await show(r.image, r.input);
      for (const w of waiting) await show(last, w.frame);
      waiting = [];
      if (shown) last = shown;
      await show(last, frame);
    }
    for (const w of waiting) await show(last, w.frame);
  } finally {
    progress.stop();
    if (writer) await writer.close();
    closeEncoder();
    await decoder.close();
  }
  const p = encoder.currentProfile;
  report.profile = { keypoints: keypointCount(p), learned: p.learnedKeypoints > 0, expressionDims: p.expressionDims, coding: p.coding };
  report.bytesPerFrame = packets ? report.framePacketBytes / packets : 0;
  // Packets go at the parameter rate when it is below the input's.
  report.kbps = kbps(report.bytesPerFrame, Math.min(fps, options.encoder?.parameterRateHz ?? fps));
  report.totalKbps = report.frames
    ? kbps((report.framePacketBytes + report.keyframeBytes + report.headerBytes) / report.frames, fps)
    : 0;
  report.encodeMsPerFrame = report.frames ? encodeMs / report.frames : 0;
  report.decodeMsPerFrame = packets ? decodeMs / packets : 0;
  if (options.streamPath) await writeFile(options.streamPath, stream.finish());
  return report;
}
