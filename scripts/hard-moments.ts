/**
 * Side-by-side strips (original | reconstruction) of a clip's hardest moments, for looking at what the codec does:
 * the largest head turn, the widest mouth, the deepest blink, the largest gaze shift and the strongest frown, found on
 * the input with face-api's landmarks (and the iris network for gaze). Writes PNGs into out/hard-moments/ (ignored).
 *
 * Usage: npx tsx scripts/hard-moments.ts <clip.mp4> [--eyes] [--no-person-matte] [--mouth-reference-bytes n] [--frames 150] [--out out/hard-moments]
 *        [--renderer mesh-warp+refine|neural]  (then original | mesh-warp | that renderer)
 * Prints one JSON line: the frame chosen for each moment and the PNG written.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { makeProfile } from '../src/bitstream/index.js';
import { roundtrip } from '../src/cli/roundtrip.js';
import { measureEyeState } from '../src/face/eye-state.js';
import { FaceLandmarker, FaceTracker } from '../src/face/landmarks/index.js';
import { createRgbImage, readVideoFrames, sideBySide, writeImage, type RgbImage } from '../src/media/index.js';
import { FaceEvaluator } from '../src/metrics/index.js';

const args = process.argv.slice(2);
const input = args.find((a) => !a.startsWith('--') && a.endsWith('.mp4'));
if (!input) throw new Error('usage: npx tsx scripts/hard-moments.ts <clip.mp4> [--eyes] [--frames n] [--out dir]');
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const maxFrames = Number(opt('--frames', '150'));
const outDir = opt('--out', 'out/hard-moments');
const eyes = args.includes('--eyes');
const matte = !args.includes('--no-person-matte');
const mouthBytes = Number(opt('--mouth-reference-bytes', '0'));
const renderer = opt('--renderer', 'mesh-warp');
if (renderer !== 'mesh-warp' && renderer !== 'mesh-warp+refine' && renderer !== 'neural') throw new Error(`--renderer: mesh-warp, mesh-warp+refine or neural, got ${renderer}`);

const frames: RgbImage[] = [];
for await (const f of readVideoFrames(input, { maxFrames })) frames.push(f);

// What each moment scores on the input: larger is harder.
const evaluator = await FaceEvaluator.create({ descriptor: false, expression: false });
const landmarker = await FaceLandmarker.create({ withIris: true });
const tracker = new FaceTracker(landmarker, { fps: 25 });
const scores: Record<string, number[]> = { 'head-turn': [], 'wide-mouth': [], blink: [], gaze: [], frown: [] };
const pt = (lm: Float32Array, i: number) => [lm[2 * i], lm[2 * i + 1]] as const;
const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
let firstGaze: number | null = null;
for (const f of frames) {
  const face = await evaluator.analyze(f);
  const track = await tracker.track(f);
  if (!face) {
    for (const k of Object.keys(scores)) scores[k].push(-Infinity);
    continue;
  }
  const lm = face.landmarks68;
  const width = dist(pt(lm, 0), pt(lm, 16));
  const mid = [(lm[0] + lm[32]) / 2, (lm[1] + lm[33]) / 2];
  scores['head-turn'].push(Math.abs(lm[2 * 30] - mid[0]) / width);
  scores['wide-mouth'].push(dist(pt(lm, 62), pt(lm, 66)) / width);
  // Eye aspect ratio (lid distance over eye width), negated: a blink is its minimum.
  const ear = (a: number) => (dist(pt(lm, a + 1), pt(lm, a + 5)) + dist(pt(lm, a + 2), pt(lm, a + 4))) / (2 * dist(pt(lm, a), pt(lm, a + 3)));
  scores.blink.push(-(ear(36) + ear(42)) / 2);
  // Brows low over the eyes: negated brow-to-eye distance.
  scores.frown.push(-(dist(pt(lm, 19), pt(lm, 37)) + dist(pt(lm, 24), pt(lm, 44))) / (2 * width));
  const m = track.mesh;
  const gaze = m?.eyelids && m.iris ? measureEyeState(m.eyelids, m.iris)[2] : NaN;
  if (firstGaze === null && Number.isFinite(gaze)) firstGaze = gaze;
  scores.gaze.push(Number.isFinite(gaze) && firstGaze !== null ? Math.abs(gaze - firstGaze) : -Infinity);
}
tracker.close();
landmarker.close();
await evaluator.close();

async function decodeWith(name: typeof renderer) {
  const outputs: RgbImage[] = [];
  const report = await roundtrip({
    input: input!,
    maxFrames,
    profile: makeProfile({ sendEyes: eyes }),
    encoder: { personMatte: matte, mouthReferenceBytes: mouthBytes },
    renderer: name,
    progress: false,
    onFrame: (_i, image) => void outputs.push({ ...image, data: Uint8Array.from(image.data) }),
  });
  return { outputs, report };
}
const { outputs, report } = await decodeWith('mesh-warp');
const other = renderer === 'mesh-warp' ? null : (await decodeWith(renderer)).outputs;

await mkdir(outDir, { recursive: true });
const clip = path.basename(input, '.mp4');
const chosen: Record<string, { frame: number; png: string }> = {};
for (const [moment, s] of Object.entries(scores)) {
  // Not the first frames: the keyframe is taken there, so they are trivially right.
  let best = 5;
  for (let t = 5; t < s.length; t++) if (s[t] > s[best]) best = t;
  // Three frames around the moment, original | reconstruction each, stacked.
  const picks = [best - 2, best, best + 2].map((t) => Math.min(frames.length - 1, Math.max(0, t)));
  const rows = picks.map((t) => (other ? sideBySide(sideBySide(frames[t], outputs[t]), other[t]) : sideBySide(frames[t], outputs[t])));
  const strip = createRgbImage(rows[0].width, rows[0].height * rows.length);
  rows.forEach((r, i) => strip.data.set(r.data, i * r.data.length));
  const png = path.join(outDir, `${clip}-${moment}${eyes ? '-eyes' : ''}${matte ? '-matte' : ''}${mouthBytes ? '-mouth' : ''}${other ? `-${renderer.replace('mesh-warp+', '')}` : ''}.png`);
  await writeImage(png, strip);
  chosen[moment] = { frame: best, png };
}
console.log(JSON.stringify({ script: 'hard-moments', clip, eyes, renderer, kbps: +report.kbps.toFixed(2), moments: chosen }));
