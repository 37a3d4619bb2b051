/**
 * Keyframe image benchmark: today's JPEG q85 keyframe against sharp's AVIF, WebP and mozjpeg at byte budgets, on the
 * rate-quality bench's fixed 256x256 face crops of the shared clips. Each clip is encoded once (tracking and fitting
 * do not depend on the keyframe image); its keyframe crops are then re-coded per setting and the same stream decoded
 * with the mesh-warp renderer, so the settings differ in the keyframe image only. Measures keyframe bytes, the
 * keyframe's own face-region PSNR/SSIM, and the decoded frames' face-region PSNR and AKD (face-api landmarks, as the
 * rate-quality bench). Prints a table, then one JSON line last.
 *
 *   npx tsx bench/keyframe-codec.ts                      # 9 clips x 3 s (a few minutes on 2 cores)
 *   npx tsx bench/keyframe-codec.ts --max-clips 2 --seconds 2
 */
import '../src/node/index.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { encodeMessage, type KeyframeMessage, type StreamHeader } from '../src/bitstream/index.js';
import { createEncoder } from '../src/codec.js';
import { Decoder } from '../src/decoder/decoder.js';
import { MeshWarpFaceRenderer } from '../src/decoder/mesh-warp-face-renderer.js';
import { readAllFrames, type RgbImage } from '../src/media/index.js';
import { JpegImageCodec } from '../src/media/jpeg-image-codec.js';
import type { EncodedKeyframeImage, KeyframeImageCodec, KeyframeImageTarget } from '../src/media/keyframe-image-codec.js';
import { SharpImageCodec, type SharpKeyframeFormat } from '../src/media/sharp-image-codec.js';
import { akd, FaceEvaluator, type FaceAnalysis } from '../src/metrics/index.js';
import { sharedDir } from '../src/paths.js';
import { faceBox, facePsnr, faceSsim, type FaceBox } from '../src/metrics/face-region.js';
import { prepareCropClip } from './rate-quality/crop-clip.js';

const SIZE_PX = 256;
const FPS = 25;
/** The issue's bounds against today's JPEG keyframe. */
const MAX_FIRST_KEYFRAME_BYTES = 4000;
const MAX_PSNR_LOSS_DB = 0.3;
const MAX_AKD_RISE_PX = 0.05;

const opts = new Command()
  .name('keyframe-codec')
  .option('--clips <dir>', 'folder of talking-head clips', path.join(sharedDir(), 'clips'))
  .option('--max-clips <n>', 'first n clips (by name)', '100')
  .option('--seconds <s>', 'seconds from the start of each clip', '3')
  .option('--frame-step <n>', 'measure every n-th decoded frame', '3')
  .option('--formats <list>', 'sharp formats to try', 'avif,webp,jpeg')
  .option('--targets <list>', 'byte budgets of the keyframe image, comma-separated', '2000,2800,3000,3500,4000')
  .parse()
  .opts<{ clips: string; maxClips: string; seconds: string; frameStep: string; formats: string; targets: string }>();

const maxFrames = Math.round(Number(opts.seconds) * FPS);
const frameStep = Number(opts.frameStep);
const targets = opts.targets.split(',').map(Number);
const formats = opts.formats.split(',').map((f) => f.trim()) as SharpKeyframeFormat[];
if (!(maxFrames > 1 && frameStep >= 1 && targets.every((t) => Number.isInteger(t) && t > 0))) throw new Error('bad --seconds, --frame-step or --targets');

interface Setting {
  readonly label: string;
  readonly format: string;
  readonly targetBytes: number | null;
  readonly codec: () => KeyframeImageCodec;
  readonly target: KeyframeImageTarget;
}

const BASELINE = 'jpeg-js q85';
const settings: Setting[] = [
  { label: BASELINE, format: 'jpeg', targetBytes: null, codec: () => new JpegImageCodec(), target: { quality: 85 } },
  ...formats.flatMap((format) =>
    targets.map((t) => ({
      label: `${format === 'jpeg' ? 'mozjpeg' : format} ${t} B`,
      format,
      targetBytes: t,
      codec: () => new SharpImageCodec({ format }),
      target: { maxBytes: t },
    })),
  ),
];

/** Keeps every crop the encoder hands its keyframe codec, so each setting re-codes exactly those pixels. */
class RecordingCodec implements KeyframeImageCodec {
  readonly name = 'recording-jpeg-q85';
  readonly format = 'jpeg' as const;
  readonly images: RgbImage[] = [];
  private readonly inner = new JpegImageCodec();
  canDecode = this.inner.canDecode.bind(this.inner);
  decode = this.inner.decode.bind(this.inner);
  encode(image: RgbImage, target: KeyframeImageTarget): Promise<EncodedKeyframeImage> {
    this.images.push({ ...image, data: Uint8Array.from(image.data) });
    return this.inner.encode(image, target);
  }
}

type Step =
  | { type: 'header'; header: StreamHeader }
  | { type: 'keyframe'; keyframe: KeyframeMessage; image: number }
  | { type: 'frame'; bytes: Uint8Array; index: number };

interface ClipSetting {
  /** The keyframe image. */
  firstKeyframeBytes: number;
  /** The whole keyframe envelope: image plus about 1.2 KB of float32 parameters. */
  firstKeyframeMessageBytes: number;
  keyframeBytesMean: number;
  keyframes: number;
  overTarget: number;
  keyframeFacePsnrDb: number;
  keyframeFaceSsim: number;
  encodeMsPerKeyframe: number;
  outputFacePsnrDb: number;
  akdPx: number;
  akdFrames: number;
  outputNoFace: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

const clipFiles = (await readdir(opts.clips))
  .filter((f) => /\.(mp4|mkv|mov|webm)$/i.test(f))
  .sort()
  .slice(0, Number(opts.maxClips))
  .map((f) => path.join(opts.clips, f));
const t0 = performance.now();
const workDir = await mkdtemp(path.join(os.tmpdir(), 'facecodec-kf-'));
const evaluator = await FaceEvaluator.create({ descriptor: false, expression: false });
// Decodes every format; settings differ only in what they encode.
const reader = new SharpImageCodec();
const perClip: Record<string, Record<string, ClipSetting>> = {};

try {
  for (const file of clipFiles) {
    const name = path.basename(file, path.extname(file));
    const clip = await prepareCropClip(file, workDir, evaluator, { sizePx: SIZE_PX, fps: FPS, maxFrames, detectFrames: 5 });
    const frames = await readAllFrames(clip.path);
    const recorder = new RecordingCodec();
    const { encoder, close } = await createEncoder({ frameRateHz: FPS, fullFrameCrop: true, keyframeCodec: recorder, keyframeJpegQuality: 85 });
    const steps: Step[] = [];
    try {
      for (let i = 0; i < frames.length; i++) {
        for (const o of await encoder.encode(frames[i], Math.round((i * 1000) / FPS))) {
          if (o.type === 'header') steps.push({ type: 'header', header: o.header });
          else if (o.type === 'keyframe') steps.push({ type: 'keyframe', keyframe: o.keyframe, image: recorder.images.length - 1 });
          else steps.push({ type: 'frame', bytes: o.bytes, index: i });
        }
      }
    } finally {
      close();
    }
    const refFaces = new Map<number, FaceAnalysis | null>();
    for (let i = 0; i < frames.length; i += frameStep) refFaces.set(i, await evaluator.analyze(frames[i]));
    const keyframeBoxes: (FaceBox | null)[] = [];
    for (const img of recorder.images) {
      const a = await evaluator.analyze(img);
      keyframeBoxes.push(a ? faceBox(a.landmarks68, img.width, img.height) : null);
    }
    perClip[name] = {};
    for (const s of settings) {
      const codec = s.codec();
      const coded: KeyframeMessage[] = [];
      const kfPsnr: number[] = [];
      const kfSsim: number[] = [];
      let encodeMs = 0;
      let overTarget = 0;
      for (let k = 0; k < recorder.images.length; k++) {
        const img = recorder.images[k];
        const te = performance.now();
        const e = await codec.encode(img, s.target);
        encodeMs += performance.now() - te;
        if (!e.withinTarget) overTarget++;
        const box = keyframeBoxes[k];
        if (box) {
          const back = await reader.decode(e.format, e.bytes);
          kfPsnr.push(facePsnr(img, back, box));
          kfSsim.push(faceSsim(img, back, box));
        }
        coded.push({ ...(steps.find((st) => st.type === 'keyframe' && st.image === k) as Extract<Step, { type: 'keyframe' }>).keyframe, format: e.format, image: e.bytes });
      }
      const decoder = new Decoder({ models: [encoder.model], renderer: new MeshWarpFaceRenderer(), keyframeCodec: reader });
      const outPsnr: number[] = [];
      const akds: number[] = [];
      let noFace = 0;
      try {
        for (const st of steps) {
          if (st.type === 'header') await decoder.handle({ type: 'header', header: st.header });
          else if (st.type === 'keyframe') await decoder.handle({ type: 'keyframe', keyframe: coded[st.image] });
          else {
            const decoded = await decoder.decodeFrame(st.bytes);
            const ref = refFaces.get(st.index);
            if (!ref) continue; // not measured, or no reference face
            outPsnr.push(facePsnr(frames[st.index], decoded.image, faceBox(ref.landmarks68, SIZE_PX, SIZE_PX)));
            const out = await evaluator.analyze(decoded.image);
            if (out) akds.push(akd(ref.landmarks68, out.landmarks68));
            else noFace++;
          }
        }
      } finally {
        await decoder.close();
      }
      perClip[name][s.label] = {
        firstKeyframeBytes: coded[0]?.image.length ?? NaN,
        firstKeyframeMessageBytes: coded[0] ? encodeMessage({ type: 'keyframe', keyframe: coded[0] }).length : NaN,
        keyframeBytesMean: mean(coded.map((c) => c.image.length)),
        keyframes: coded.length,
        overTarget,
        keyframeFacePsnrDb: kfPsnr[0] ?? NaN,
        keyframeFaceSsim: kfSsim[0] ?? NaN,
        encodeMsPerKeyframe: encodeMs / Math.max(1, coded.length),
        outputFacePsnrDb: mean(outPsnr),
        akdPx: mean(akds),
        akdFrames: akds.length,
        outputNoFace: noFace,
      };
    }
    process.stderr.write(`${name}: ${recorder.images.length} keyframe(s), ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
} finally {
  await evaluator.close();
  await rm(workDir, { recursive: true, force: true });
}

// Means over clips (each clip weighs the same, as in the rate-quality tables).
const clips = Object.keys(perClip);
const summary = settings.map((s) => {
  const rows = clips.map((c) => perClip[c][s.label]);
  const m = (k: keyof ClipSetting) => mean(rows.map((r) => r[k]).filter(Number.isFinite));
  return {
    setting: s.label,
    format: s.format,
    targetBytes: s.targetBytes,
    firstKeyframeBytes: round(m('firstKeyframeBytes'), 0),
    firstKeyframeMessageBytes: round(m('firstKeyframeMessageBytes'), 0),
    keyframeBytesMean: round(m('keyframeBytesMean'), 0),
    keyframesOverTarget: rows.reduce((a, r) => a + r.overTarget, 0),
    keyframeFacePsnrDb: round(m('keyframeFacePsnrDb'), 2),
    keyframeFaceSsim: round(m('keyframeFaceSsim'), 4),
    encodeMsPerKeyframe: round(m('encodeMsPerKeyframe'), 0),
    outputFacePsnrDb: round(m('outputFacePsnrDb'), 3),
    akdPx: round(m('akdPx'), 3),
    outputNoFace: rows.reduce((a, r) => a + r.outputNoFace, 0),
  };
});
const base = summary[0];
const rows = summary.map((r) => {
  const dPsnr = round(r.outputFacePsnrDb - base.outputFacePsnrDb, 3);
  const dAkd = round(r.akdPx - base.akdPx, 3);
  const meets = r.firstKeyframeBytes <= MAX_FIRST_KEYFRAME_BYTES && dPsnr >= -MAX_PSNR_LOSS_DB && dAkd <= MAX_AKD_RISE_PX;
  return { ...r, outputPsnrDeltaDb: dPsnr, akdDeltaPx: dAkd, meetsIssueBounds: r === base ? null : meets };
});
// Of the settings inside the issue's bounds (image bytes), the one whose output is closest to today's.
const passing = rows.filter((r) => r.meetsIssueBounds === true);
const best = passing.sort((a, b) => b.outputFacePsnrDb - a.outputFacePsnrDb || a.firstKeyframeBytes - b.firstKeyframeBytes)[0] ?? null;

const header = '| setting | first keyframe image B (message B) | keyframe face PSNR dB | keyframe face SSIM | output face PSNR dB (vs q85) | AKD px (vs q85) | encode ms | in bounds |';
process.stdout.write(`${header}\n|---|---:|---:|---:|---:|---:|---:|---|\n`);
for (const r of rows) {
  const sign = (x: number) => (x >= 0 ? `+${x.toFixed(2)}` : x.toFixed(2));
  process.stdout.write(
    `| ${r.setting} | ${r.firstKeyframeBytes} (${r.firstKeyframeMessageBytes}) | ${r.keyframeFacePsnrDb.toFixed(2)} | ${r.keyframeFaceSsim.toFixed(3)} | ${r.outputFacePsnrDb.toFixed(2)} (${sign(r.outputPsnrDeltaDb)}) | ${r.akdPx.toFixed(3)} (${sign(r.akdDeltaPx)}) | ${r.encodeMsPerKeyframe} | ${r.meetsIssueBounds === null ? 'baseline' : r.meetsIssueBounds ? 'yes' : 'no'} |\n`,
  );
}
process.stdout.write(
  `${JSON.stringify({
    bench: 'keyframe-codec',
    clips: clips.length,
    seconds: Number(opts.seconds),
    frameStep,
    bounds: { maxFirstKeyframeBytes: MAX_FIRST_KEYFRAME_BYTES, maxPsnrLossDb: MAX_PSNR_LOSS_DB, maxAkdRisePx: MAX_AKD_RISE_PX },
    best: best?.setting ?? null,
    settings: rows,
    perClip,
    seconds_total: round((performance.now() - t0) / 1000, 1),
  })}\n`,
);
