/** `facecodec encode`, `decode`, `info` and `track`: the stream-file commands. */
import { readFile, writeFile } from 'node:fs/promises';
import { StreamFileWriter, readStreamFile, kbps, keypointCount, type Profile } from '../bitstream/index.js';
import { createDecoder, createEncoder, loadFaceModel } from '../codec.js';
import type { NeuralRendererOptions } from '../decoder/neural/index.js';
import { pb } from '../bitstream/wire.js';
import { probeVideo, readVideoFrames, VideoWriter } from '../media/index.js';
import { FacecodecError } from '../errors.js';
import { startProgress } from './progress.js';

/** A stream file's bytes; FILE_NOT_FOUND (one line on the command line) instead of Node's ENOENT with its stack. */
async function readStreamBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') throw new FacecodecError('FILE_NOT_FOUND', `no stream file at ${path}`, { cause: err });
    throw err;
  }
}

export interface EncodeFileOptions {
  input: string;
  /** Where the `.fcs` goes; omitted: nothing is written (e.g. `track` only wants the fits). */
  output?: string;
  profile?: Profile;
  maxFrames?: number;
  flameFolder?: string;
  /** The shipped built-in model version (1 or 2; default 1), without flameFolder. */
  builtinVersion?: 1 | 2;
  /** A neural model exported in the unsupervised mode: its detector's keypoints are sent (see createEncoder). */
  learnedKeypointsModelDir?: string;
  /** Also collect per-frame fitted parameters (for `track`). */
  collectTrack?: boolean;
  /** Texture alignment at the sender (default on; see EncoderOptions.textureAlignment). */
  textureAlignment?: boolean;
}

export interface TrackFrame {
  index: number;
  timestampMs: number;
  status: string;
  trackStatus: string;
  crop: { x: number; y: number; size: number };
  rmsErrorPx: number;
  /** Identity of the frame's keyframe (fixed between keyframes). */
  shape: number[];
  keypoints68Mm: number[];
  expression: number[];
  jawRad: number[];
  rotationRad: number[];
  translationPx: number[];
  scalePxPerMm: number;
}

/** Encodes a video into a `.fcs` stream file; returns byte counts (and the per-frame track when asked). */
export async function encodeFile(options: EncodeFileOptions) {
  const info = await probeVideo(options.input);
  const total = options.maxFrames ? Math.min(options.maxFrames, info.frameCount) : info.frameCount;
  const { encoder, close } = await createEncoder({
    frameRateHz: info.fps,
    profile: options.profile,
    flameFolder: options.flameFolder,
    builtinVersion: options.builtinVersion,
    learnedKeypointsModelDir: options.learnedKeypointsModelDir,
    textureAlignment: options.textureAlignment,
  });
  const stream = new StreamFileWriter();
  const track: TrackFrame[] = [];
  const progress = startProgress('encode', total);
  let frames = 0, packetBytes = 0, packets = 0, keyframeBytes = 0, firstKeyframeBytes = 0, noFace = 0;
  const round = (a: ArrayLike<number>) => Array.from(a, (v) => Math.round(v * 1e4) / 1e4);
  try {
    for await (const frame of readVideoFrames(options.input, { maxFrames: total })) {
      const timestampMs = Math.round((frames * 1000) / info.fps);
      const outputs = await encoder.encode(frame, timestampMs);
      if (!outputs.some((o) => o.type === 'frame')) noFace++;
      for (const o of outputs) {
        if (o.type === 'header') stream.add({ type: 'header', header: o.header });
        else if (o.type === 'keyframe') {
          const n = stream.add({ type: 'keyframe', keyframe: o.keyframe });
          if (!firstKeyframeBytes) firstKeyframeBytes = o.bytes.length;
          keyframeBytes += n;
        } else if (o.type === 'mouth-reference') {
          keyframeBytes += stream.add({ type: 'mouth-reference', mouth: o.mouth });
        } else {
          stream.add({ type: 'frame', packet: o.bytes });
          packetBytes += o.bytes.length;
          packets++;
          if (options.collectTrack) {
            track.push({
              index: frames,
              timestampMs,
              status: o.status,
              trackStatus: o.trackStatus,
              crop: o.crop,
              rmsErrorPx: Math.round(o.fit.rmsErrorPx * 1000) / 1000,
              shape: Array.from(o.fit.params.shape),
              keypoints68Mm: round(o.keypoints68Mm),
              expression: round(o.fit.params.expression),
              jawRad: round(o.fit.params.jawRad),
              rotationRad: round(o.fit.pose.rotationRad),
              translationPx: round(o.fit.pose.translationPx),
              scalePxPerMm: Math.round(o.fit.pose.pixelsPerMm * 1e5) / 1e5,
            });
          }
        }
      }
      frames++;
      progress.tick();
    }
  } finally {
    progress.stop();
    close();
  }
  if (options.output) await writeFile(options.output, stream.finish());
  const bytesPerFrame = packets ? packetBytes / packets : 0;
  return {
    summary: {
      input: options.input,
      output: options.output,
      frames,
      framesWithoutPacket: noFace,
      frameRateHz: info.fps,
      streamBytes: stream.byteLength,
      firstKeyframeBytes,
      keyframeBytes,
      bytesPerFrame,
      kbps: kbps(bytesPerFrame, info.fps),
    },
    track,
  };
}

/** Decodes a `.fcs` stream file to an mp4 (or PNG frames) of the face crop. */
export async function decodeFile(
  input: string,
  output: string,
  flameFolder?: string,
  renderer: 'mesh-warp' | 'neural' | 'mesh-warp+refine' = 'mesh-warp',
  neural?: NeuralRendererOptions,
) {
  const bytes = await readStreamBytes(input);
  // Without FLAME the receiver holds every shipped built-in version: the stream's header says which it needs.
  const decoder = await createDecoder({ models: flameFolder ? [await loadFaceModel({ flameFolder })] : undefined, renderer, neural });
  let writer: VideoWriter | null = null;
  let frames = 0, errors = 0;
  let firstError: unknown;
  const entries = [...readStreamFile(bytes)];
  const progress = startProgress('decode', entries.filter((e) => e.message.type === 'frame').length);
  try {
    for (const { message } of entries) {
      try {
        const ev = await decoder.handle(message);
        if (ev.type === 'frame') {
          const h = decoder.streamHeader!;
          writer ??= await VideoWriter.open(output, {
            width: h.cropWidth,
            height: h.cropHeight,
            fps: h.frameRateHz,
            codec: output.endsWith('.mp4') ? 'h264' : 'png-frames',
          });
          await writer.write(ev.frame.image);
          frames++;
          progress.tick();
        }
      } catch (err) {
        // A bad packet costs one frame, not the stream.
        errors++;
        firstError ??= err;
        if (errors > 50 && frames === 0) break;
      }
    }
  } finally {
    progress.stop();
    await writer?.close();
    await decoder.close();
  }
  // A stream none of whose frames decodes (its keyframe lost, say) is an error, not an empty video.
  if (frames === 0 && firstError !== undefined) {
    const code = firstError instanceof FacecodecError ? firstError.code : 'NOTHING_DECODED';
    const why = firstError instanceof Error ? firstError.message : String(firstError);
    throw new FacecodecError(code, `none of the stream's frames decoded (${errors} failed; the first: ${why})`, { cause: firstError });
  }
  return { input, output, frames, errors, renderer: decoder.rendererInfo };
}

/** Facts about a `.fcs` stream file. */
export async function streamInfo(input: string) {
  const bytes = await readStreamBytes(input);
  let header = null as null | Record<string, unknown>;
  let frames = 0, intra = 0, frameBytes = 0, keyframes = 0, keyframeBytes = 0, firstKeyframeBytes = 0, controls = 0;
  let fps = 25;
  for (const { message, byteLength } of readStreamFile(bytes)) {
    if (message.type === 'header') {
      const h = message.header;
      fps = h.frameRateHz;
      header ??= {
        formatVersion: h.formatVersion,
        faceModelId: h.faceModelId,
        faceModelHash: Buffer.from(h.faceModelHash).toString('hex'),
        modelExpressionDims: h.modelExpressionDims,
        frameRateHz: h.frameRateHz,
        crop: `${h.cropWidth}x${h.cropHeight}`,
        profile: {
          keypoints: keypointCount(h.profile),
          ...(h.profile.learnedKeypoints > 0 ? { learnedKeypoints: h.profile.learnedKeypoints } : { landmarkIds: h.profile.landmarkIds }),
          expressionDims: h.profile.expressionDims,
          sendJaw: h.profile.sendJaw,
          coding: h.profile.coding,
          intraInterval: h.profile.intraInterval,
        },
      };
    } else if (message.type === 'keyframe') {
      keyframes++;
      keyframeBytes += byteLength;
      if (keyframes === 1) firstKeyframeBytes = byteLength;
    } else if (message.type === 'mouth-reference') {
      // Reliable-channel appearance data, counted with the keyframes' bytes.
      keyframeBytes += byteLength;
    } else if (message.type === 'frame') {
      frames++;
      frameBytes += message.packet.length;
      if (pb.FramePacket.decode(message.packet).payload === 'intra') intra++;
    } else controls++;
  }
  const bytesPerFrame = frames ? frameBytes / frames : 0;
  return {
    file: input,
    fileBytes: bytes.length,
    header,
    frames,
    intraFrames: intra,
    predictedFrames: frames - intra,
    framePacketBytes: frameBytes,
    bytesPerFrame,
    kbps: kbps(bytesPerFrame, fps),
    keyframes,
    keyframeBytes,
    firstKeyframeBytes,
    controlMessages: controls,
    durationS: frames / fps,
  };
}
