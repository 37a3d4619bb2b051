/**
 * Time to the first picture: what a receiver on a slow link waits for before it shows the face, with and without
 * the quick first picture (`createEncoder({ firstPictureBytes })`). Per shared clip (the rate-quality bench's fixed
 * 256x256 face crops), the first second is encoded for real by a warm sender asked for a keyframe; measured are the
 * sender's time for that frame (track, fit, keyframe image), the bytes of the stream header and first keyframe message, the refinement's bytes
 * and frame, and the face-region PSNR of the first decoded frame from the quick and from the refined image. The wait
 * on a link is modelled as sender time + those bytes with a data-channel message's headers (93 B a 1200 B chunk) at
 * the link rate. Prints a table, then one JSON line last.
 *
 *   npx tsx bench/first-picture.ts                       # 9 clips (about 2 minutes on 2 cores)
 *   npx tsx bench/first-picture.ts --max-clips 2 --link-kbps 16,32
 */
import '../src/node/index.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { createDecoder, createEncoder, loadFaceModel, QUICK_FIRST_PICTURE_BYTES } from '../src/codec.js';
import type { EncoderOutput } from '../src/encoder/encoder.js';
import { readAllFrames, type RgbImage } from '../src/media/index.js';
import { FaceEvaluator } from '../src/metrics/index.js';
import { sharedDir } from '../src/paths.js';
import { PACKET_OVERHEAD_BYTES } from '../src/transport/wire-overhead.js';
import { faceBox, facePsnr, type FaceBox } from '../src/metrics/face-region.js';
import { prepareCropClip } from './rate-quality/crop-clip.js';

const FPS = 25;
const SCTP_CHUNK_BYTES = 1200;

const opts = new Command()
  .option('--clips <dir>', 'folder of talking-head clips', path.join(sharedDir(), 'clips'))
  .option('--max-clips <n>', 'first n clips (by name)', '9')
  .option('--first-picture-bytes <n>', 'quick first picture budget', String(QUICK_FIRST_PICTURE_BYTES))
  .option('--link-kbps <list>', 'link rates the wait is modelled at', '16,32')
  .parse()
  .opts<{ clips: string; maxClips: string; firstPictureBytes: string; linkKbps: string }>();

interface Run {
  firstFrameMs: number;
  startBytes: number;
  refinementBytes: number;
  refinementFrame: number;
  firstPsnrDb: number;
}

const wireBytes = (payload: number) => payload + Math.ceil(payload / SCTP_CHUNK_BYTES) * PACKET_OVERHEAD_BYTES;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const links = opts.linkKbps.split(',').map(Number);

const model = await loadFaceModel();
const evaluator = await FaceEvaluator.create({ descriptor: false, expression: false });
const workDir = await mkdtemp(path.join(os.tmpdir(), 'facecodec-first-'));
const files = (await readdir(opts.clips)).filter((f) => /\.(mp4|mkv|mov|webm)$/i.test(f)).sort().slice(0, Number(opts.maxClips));
const rows: Array<{ clip: string; full: Run; quick: Run; refinedPsnrDb: number }> = [];

async function run(frames: RgbImage[], box: FaceBox, firstPictureBytes: number | undefined): Promise<{ run: Run; outputs: EncoderOutput[][] }> {
  const { encoder, close } = await createEncoder({ frameRateHz: FPS, fullFrameCrop: true, model, firstPictureBytes });
  const outputs: EncoderOutput[][] = [];
  let firstFrameMs = 0;
  let header: EncoderOutput | undefined;
  try {
    // A warm sender (its networks loaded and run once, as before a call connects) that is asked for a keyframe.
    header = (await encoder.encode(frames[0], 0)).find((o) => o.type === 'header');
    encoder.requestKeyframe('receiver joined');
    for (let i = 0; i < frames.length; i++) {
      const t = performance.now();
      outputs.push(await encoder.encode(frames[i], Math.round(((i + 1) * 1000) / FPS)));
      if (i === 0) firstFrameMs = performance.now() - t;
    }
  } finally {
    close();
  }
  if (header) outputs[0].unshift(header); // what a joining receiver gets first: the header and the keyframe
  const first = outputs[0];
  const startBytes = first.filter((o) => o.type === 'header' || o.type === 'keyframe').reduce((n, o) => n + wireBytes(o.bytes.length), 0);
  const refinementAt = outputs.findIndex((outs) => outs.some((o) => o.type === 'keyframe' && o.reason === 'refinement'));
  const refinement = refinementAt >= 0 ? outputs[refinementAt].find((o) => o.type === 'keyframe')! : undefined;
  const firstPsnrDb = await firstFramePsnr(outputs, frames[0], box, false);
  return { run: { firstFrameMs, startBytes, refinementBytes: refinement?.bytes.length ?? 0, refinementFrame: refinementAt, firstPsnrDb }, outputs };
}

/** Face-region PSNR of frame 0 decoded from the first keyframe image, or (refined) from the refinement's. */
async function firstFramePsnr(outputs: EncoderOutput[][], first: RgbImage, box: FaceBox, refined: boolean): Promise<number> {
  const flat = outputs.flat();
  const decoder = await createDecoder({ models: [model] });
  try {
    for (const o of flat) {
      if (o.type === 'header') await decoder.handle({ type: 'header', header: o.header });
      if (o.type === 'keyframe' && (o.reason !== 'refinement' || refined)) await decoder.handle({ type: 'keyframe', keyframe: o.keyframe });
    }
    const frame = outputs[0].find((o) => o.type === 'frame')!;
    return facePsnr(first, (await decoder.decodeFrame(frame.bytes)).image, box);
  } finally {
    await decoder.close();
  }
}

try {
  for (const file of files) {
    const name = path.basename(file, path.extname(file));
    const clip = await prepareCropClip(path.join(opts.clips, file), workDir, evaluator, { sizePx: 256, fps: FPS, maxFrames: FPS, detectFrames: 3 });
    const frames = await readAllFrames(clip.path);
    // The face region of the first frame, found once by face-api (the evaluator, not the encoder's detector).
    const face = await evaluator.analyze(frames[0]);
    const box = face ? faceBox(face.landmarks68, frames[0].width, frames[0].height) : { x0: 64, y0: 64, x1: 192, y1: 192 };
    const full = (await run(frames, box, undefined)).run;
    const quick = await run(frames, box, Number(opts.firstPictureBytes));
    const refinedPsnrDb = await firstFramePsnr(quick.outputs, frames[0], box, true);
    rows.push({ clip: name, full, quick: quick.run, refinedPsnrDb });
    console.error(`${name}: first frame ${full.firstFrameMs.toFixed(0)} ms / quick ${quick.run.firstFrameMs.toFixed(0)} ms, start ${full.startBytes} / ${quick.run.startBytes} B`);
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

const waitS = (r: Run, kbps: number) => r.firstFrameMs / 1000 + (r.startBytes * 8) / (kbps * 1000);
const summary = {
  clips: rows.length,
  firstPictureBytes: Number(opts.firstPictureBytes),
  fullStartBytes: round(mean(rows.map((r) => r.full.startBytes)), 0),
  quickStartBytes: round(mean(rows.map((r) => r.quick.startBytes)), 0),
  fullFirstFrameMs: round(mean(rows.map((r) => r.full.firstFrameMs)), 0),
  quickFirstFrameMs: round(mean(rows.map((r) => r.quick.firstFrameMs)), 0),
  refinementBytes: round(mean(rows.map((r) => r.quick.refinementBytes)), 0),
  refinementFrames: [...new Set(rows.map((r) => r.quick.refinementFrame))],
  firstPsnrFullDb: round(mean(rows.map((r) => r.full.firstPsnrDb)), 2),
  firstPsnrQuickDb: round(mean(rows.map((r) => r.quick.firstPsnrDb)), 2),
  firstPsnrRefinedDb: round(mean(rows.map((r) => r.refinedPsnrDb)), 2),
  ...Object.fromEntries(links.flatMap((k) => [
    [`firstPictureS_${k}kbps_full`, round(mean(rows.map((r) => waitS(r.full, k))), 2)],
    [`firstPictureS_${k}kbps_quick`, round(mean(rows.map((r) => waitS(r.quick, k))), 2)],
  ])),
};
console.log('| clip | first frame ms (full / quick) | header + keyframe on the wire B (full / quick) | refinement B @ frame | first frame face PSNR dB (full / quick / refined) |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.clip} | ${r.full.firstFrameMs.toFixed(0)} / ${r.quick.firstFrameMs.toFixed(0)} | ${r.full.startBytes} / ${r.quick.startBytes} | ${r.quick.refinementBytes} @ ${r.quick.refinementFrame} | ${r.full.firstPsnrDb.toFixed(2)} / ${r.quick.firstPsnrDb.toFixed(2)} / ${r.refinedPsnrDb.toFixed(2)} |`);
}
console.log(JSON.stringify(summary));
