/**
 * Checks a video the README's main command wrote: its frame count (ffprobe, counting decoded frames) and that
 * face-api (src/metrics, independent of the encoder's MediaPipe detector) finds a face in its frames. Prints one
 * JSON line; exits 1 when a check fails.
 *
 *   npx tsx scripts/check-output-video.ts out/roundtrip.mp4 --frames 100 [--min-face-share 0.9]
 */
import '../src/node/index.js';
import { execFileSync } from 'node:child_process';
import { readVideoFrames } from '../src/media/index.js';
import { FaceEvaluator } from '../src/metrics/index.js';

const args = process.argv.slice(2);
const video = args[0];
const flag = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
const expectedFrames = flag('--frames');
const minFaceShare = flag('--min-face-share') ?? 0.9;
if (!video || !(expectedFrames! > 0) || !(minFaceShare > 0 && minFaceShare <= 1)) {
  console.error('usage: check-output-video.ts <video> --frames <n> [--min-face-share 0.9]');
  process.exit(2);
}
const probed = Number(
  execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', video], { encoding: 'utf8' }).trim(),
);
const evaluator = await FaceEvaluator.create({ descriptor: false, expression: false });
let frames = 0;
let withFace = 0;
let minScore = 1;
for await (const frame of readVideoFrames(video)) {
  const face = await evaluator.analyze(frame);
  frames++;
  if (face) {
    withFace++;
    minScore = Math.min(minScore, face.detectionScore);
  }
}
await evaluator.close();
const ok = probed === expectedFrames && withFace / frames >= minFaceShare;
console.log(JSON.stringify({ video, ok, ffprobeFrames: probed, expectedFrames, faceApiFramesWithFace: withFace, framesChecked: frames, minDetectionScore: Number(minScore.toFixed(3)) }));
if (!ok) process.exit(1);
