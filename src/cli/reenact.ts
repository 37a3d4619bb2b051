/**
 * `facecodec reenact`: animates a portrait with someone else's video. The source image is the keyframe; each driver
 * frame is fitted with the driver's identity, and its change since the driver's first frame moves the source
 * (relative motion); optional expression and pose edits are applied at the receiver before rendering.
 */
import type { Command } from 'commander';
import { createFitter, loadFaceModel } from '../codec.js';
import { ControlsError, EditingRenderer, ExpressionEditor, REENACT_KEYFRAME_POLICY, RelativeMotionFitter, type ExpressionWeight, type PoseOffset } from '../controls/index.js';
import { Decoder } from '../decoder/decoder.js';
import { MeshWarpFaceRenderer } from '../decoder/mesh-warp-face-renderer.js';
import { Encoder, type EncoderOutput } from '../encoder/encoder.js';
import { FaceLandmarker, FaceTracker } from '../face/landmarks/index.js';
import { cropResize, probeVideo, readImage, readVideoFrames, sideBySide, VideoWriter, type RgbImage } from '../media/index.js';
import { startProgress } from './progress.js';

export interface ReenactOptions {
  /** Portrait image (the identity shown). */
  source: string;
  /** Video whose motion and expression changes drive the portrait. */
  driver: string;
  output: string;
  /** Named expressions applied at the receiver, e.g. [{ name: 'happy', strength: 0.7 }]. */
  emotion?: ExpressionWeight[];
  /** Pose offset applied at the receiver (e.g. { yawDeg: 15 }). */
  poseOffset?: PoseOffset;
  /** driver | output, the driver's centred square scaled to the output size. */
  sideBySide?: boolean;
  /** Side of the rendered square (default 256). */
  sizePx?: number;
  maxFrames?: number;
  flameFolder?: string;
  /** Called with every rendered frame (output size, before side-by-side). */
  onFrame?: (index: number, image: RgbImage) => void | Promise<void>;
}

export interface ReenactReport {
  source: string;
  driver: string;
  output: string;
  frames: number;
  framesDriven: number;
  framesHeld: number;
  frameRateHz: number;
  emotion: ExpressionWeight[];
  poseOffset: PoseOffset | null;
  msPerFrame: number;
}

/** Parses `happy:0.7` or `happy:0.5,surprised:0.3` (strength defaults to 1). */
export function parseEmotionOption(value: string): ExpressionWeight[] {
  return value.split(',').map((part) => {
    const [name, strength = '1'] = part.trim().split(':');
    const s = Number(strength);
    if (!name || !Number.isFinite(s)) throw new ControlsError('CONTROLS_BAD_ARGUMENT', `--emotion: expected name[:strength], got "${part}"`);
    return { name: name.trim(), strength: s };
  });
}

export async function reenact(options: ReenactOptions): Promise<ReenactReport> {
  const info = await probeVideo(options.driver);
  const fps = info.fps;
  const total = options.maxFrames ? Math.min(options.maxFrames, info.frameCount) : info.frameCount;
  const size = options.sizePx ?? 256;
  const model = await loadFaceModel({ flameFolder: options.flameFolder });
  const editor = new ExpressionEditor(model);
  if (options.emotion?.length) editor.blend(options.emotion);
  if (options.poseOffset) editor.setPoseOffset(options.poseOffset);
  const source = await readImage(options.source);

  const landmarker = await FaceLandmarker.create();
  const tracker = new FaceTracker(landmarker, { fps });
  const encoder = new Encoder({
    model,
    fitter: new RelativeMotionFitter(createFitter(model)),
    tracker,
    frameRateHz: fps,
    cropSizePx: size,
    keyframePolicy: REENACT_KEYFRAME_POLICY,
  });
  const decoder = new Decoder({ models: [model], renderer: new EditingRenderer(new MeshWarpFaceRenderer(), editor) });
  const writer = await VideoWriter.open(options.output, { width: options.sideBySide ? size * 2 : size, height: size, fps });
  const progress = startProgress('reenact', total);
  const report: ReenactReport = {
    source: options.source,
    driver: options.driver,
    output: options.output,
    frames: 0,
    framesDriven: 0,
    framesHeld: 0,
    frameRateHz: fps,
    emotion: options.emotion ?? [],
    poseOffset: options.poseOffset ?? null,
    msPerFrame: 0,
  };
  const t0 = performance.now();
  try {
    const feed = async (outputs: EncoderOutput[]): Promise<RgbImage | null> => {
      let image: RgbImage | null = null;
      for (const o of outputs) {
        if (o.type === 'header') await decoder.handle({ type: 'header', header: o.header });
        else if (o.type === 'keyframe') await decoder.handle({ type: 'keyframe', keyframe: o.keyframe });
        else if (o.type === 'mouth-reference') await decoder.handle({ type: 'mouth-reference', mouth: o.mouth });
        else {
          if (o.status === 'held') report.framesHeld++;
          image = (await decoder.decodeFrame(o.bytes)).image;
        }
      }
      return image;
    };
    // The source portrait is frame 0 of the stream: its keyframe and its own fit.
    let last = await feed(await encoder.encode(source, 0));
    if (!last) throw new ControlsError('CONTROLS_NO_SOURCE', `no face found in the source image ${options.source}`);
    tracker.reset();
    const msPerFrame = 1000 / fps;
    for await (const frame of readVideoFrames(options.driver, { maxFrames: total })) {
      const outputs = await encoder.encode(frame, Math.round((report.frames + 1) * msPerFrame));
      const image = await feed(outputs);
      if (image) {
        last = image;
        report.framesDriven++;
      }
      if (options.onFrame) await options.onFrame(report.frames, last);
      if (options.sideBySide) {
        const side = Math.min(frame.width, frame.height);
        const drv = cropResize(frame, { x: (frame.width - side) / 2, y: (frame.height - side) / 2, width: side, height: side }, size, size);
        await writer.write(sideBySide(drv, last));
      } else {
        await writer.write(last);
      }
      report.frames++;
      progress.tick({});
    }
  } finally {
    progress.stop();
    await writer.close();
    encoder.close();
    tracker.close();
    landmarker.close();
    await decoder.close();
  }
  report.framesDriven -= report.framesHeld;
  report.msPerFrame = report.frames ? (performance.now() - t0) / report.frames : 0;
  return report;
}

/** Adds `facecodec reenact` to the command line. */
export function addReenactCommand(program: Command): Command {
  return program
    .command('reenact')
    .description("animate a portrait with another person's video (relative motion), with optional expression and pose edits")
    .requiredOption('--source <image>', 'portrait image (png/jpg)')
    .requiredOption('--driver <video>', 'driving video')
    .option('-o, --output <file.mp4>', 'output video', 'out/reenact.mp4')
    .option('--emotion <name:strength>', 'expression edit, e.g. happy:0.7 or happy:0.5,surprised:0.3 (neutral, happy, sad, angry, fearful, disgusted, surprised)')
    .option('--yaw <deg>', 'head yaw offset in degrees (positive: face turns towards image right)')
    .option('--pitch <deg>', 'head pitch offset in degrees (positive: face tilts down)')
    .option('--roll <deg>', 'head roll offset in degrees (positive: counter-clockwise)')
    .option('--size <px>', 'rendered square side', '256')
    .option('--side-by-side', 'driver | output')
    .option('--max-frames <n>', 'stop after this many driver frames')
    .option('--flame <folder>', 'use FLAME 2023 Open from this folder instead of the built-in face model')
    .addHelpText(
      'after',
      '\nExample:\n  $ npx facecodec reenact --source assets/sample/astronaut-face.jpg --driver out/sample/astronaut-talking.mp4 --emotion happy:0.5 --yaw 10\n' +
        '  (the driver is written by `npx facecodec sample`; any portrait and video work)',
    )
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const num = (v: unknown) => (v === undefined ? undefined : Number(v));
      const yawDeg = num(opts.yaw), pitchDeg = num(opts.pitch), rollDeg = num(opts.roll);
      const report = await reenact({
        source: opts.source as string,
        driver: opts.driver as string,
        output: opts.output as string,
        emotion: typeof opts.emotion === 'string' ? parseEmotionOption(opts.emotion) : undefined,
        poseOffset: yawDeg !== undefined || pitchDeg !== undefined || rollDeg !== undefined ? { yawDeg, pitchDeg, rollDeg } : undefined,
        sideBySide: Boolean(opts.sideBySide),
        sizePx: num(opts.size),
        maxFrames: num(opts.maxFrames),
        flameFolder: opts.flame as string | undefined,
      });
      console.log(JSON.stringify(report, null, 2));
    });
}
