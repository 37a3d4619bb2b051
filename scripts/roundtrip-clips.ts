/**
 * Roundtrip of every shared clip at the default profile: side-by-side videos in out/roundtrip/, and per clip the
 * bytes per frame, kbit/s and AKD / AKD-M (face-api landmarks on every 3rd frame, output vs input). One JSON line last.
 */
import '../src/node/index.js';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { makeProfile } from '../src/bitstream/index.js';
import { roundtrip } from '../src/cli/roundtrip.js';
import { akd, akdMouth, FaceEvaluator } from '../src/metrics/index.js';
import { PACKAGE_ROOT, sharedDir } from '../src/paths.js';

const clipsDir = process.argv[2] ?? resolve(sharedDir(), 'clips');
const outDir = resolve(PACKAGE_ROOT, 'out', 'roundtrip');
mkdirSync(outDir, { recursive: true });
const evaluator = await FaceEvaluator.create({ descriptor: false, expression: false });
const rows = [];
for (const name of readdirSync(clipsDir).filter((f) => f.endsWith('.mp4')).sort()) {
  const akds: number[] = [];
  const akdms: number[] = [];
  let noFace = 0;
  const report = await roundtrip({
    input: resolve(clipsDir, name),
    output: resolve(outDir, `${basename(name, '.mp4')}.mp4`),
    sideBySide: true,
    profile: makeProfile(),
    onFrame: async (i, out, input) => {
      if (i % 3 !== 0) return;
      const [a, b] = [await evaluator.analyze(input), await evaluator.analyze(out)];
      if (!a || !b) {
        noFace++;
        return;
      }
      akds.push(akd(a.landmarks68, b.landmarks68));
      akdms.push(akdMouth(a.landmarks68, b.landmarks68));
    },
  });
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / Math.max(1, x.length);
  const row = {
    clip: name,
    frames: report.frames,
    frameRateHz: Math.round(report.frameRateHz * 100) / 100,
    bytesPerFrame: Math.round(report.bytesPerFrame * 100) / 100,
    kbps: Math.round(report.kbps * 100) / 100,
    firstKeyframeBytes: report.firstKeyframeBytes,
    keyframes: report.keyframes,
    akdPx: Math.round(mean(akds) * 100) / 100,
    akdMouthPx: Math.round(mean(akdms) * 100) / 100,
    evaluatedFrames: akds.length,
    noFaceFrames: noFace,
    encodeMsPerFrame: Math.round(report.encodeMsPerFrame * 10) / 10,
    decodeMsPerFrame: Math.round(report.decodeMsPerFrame * 10) / 10,
  };
  rows.push(row);
  console.error(JSON.stringify(row));
}
await evaluator.close();
const avg = (k: keyof (typeof rows)[number]) => Math.round((rows.reduce((s, r) => s + (r[k] as number), 0) / rows.length) * 100) / 100;
console.log(JSON.stringify({ script: 'roundtrip-clips', outDir, clips: rows, mean: { bytesPerFrame: avg('bytesPerFrame'), kbps: avg('kbps'), akdPx: avg('akdPx'), akdMouthPx: avg('akdMouthPx') } }));
