/**
 * Encoder benchmark at 256x256: whole-encoder ms per frame and per stage (detect, landmarks, fit, code), and keypoint
 * jitter on a still face (a still portrait with fresh sensor-like noise on every frame). Prints one JSON line last.
 */
import '../src/node/index.js';
import { performance } from 'node:perf_hooks';
import { createEncoder } from '../src/codec.js';
import { FaceLandmarker } from '../src/face/landmarks/index.js';
import { readImage, readVideoFrames, type RgbImage } from '../src/media/index.js';
import { sharedDir } from '../src/paths.js';
import { seededRandom } from './support/random-walk.js';

const clipPath = process.argv[2] ?? `${sharedDir()}/clips/liveportrait_d18.mp4`;
const FRAMES = 150;
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);

const frames: RgbImage[] = [];
for await (const f of readVideoFrames(clipPath, { size: { width: 256, height: 256 }, maxFrames: FRAMES })) frames.push(f);

// Whole encoder, as an app runs it: with texture alignment (the default) and without.
async function wholeEncoder(options: Parameters<typeof createEncoder>[0]) {
  const { encoder, close } = await createEncoder(options);
  const total: number[] = [], track: number[] = [], fit: number[] = [], align: number[] = [], code: number[] = [];
  let bytes = 0, packets = 0;
  for (let i = 0; i < frames.length; i++) {
    const t0 = performance.now();
    const out = await encoder.encode(frames[i], i * 40);
    const dt = performance.now() - t0;
    if (i >= 5) {
      total.push(dt);
      track.push(encoder.timings.trackMs);
      fit.push(encoder.timings.fitMs);
      align.push(encoder.timings.alignMs);
      code.push(encoder.timings.codeMs);
    }
    for (const o of out) if (o.type === 'frame') { bytes += o.bytes.length; packets++; }
  }
  close();
  return { total, track, fit, align, code, bytesPerFrame: bytes / Math.max(1, packets) };
}
const aligned = await wholeEncoder({ frameRateHz: 25 });
const unaligned = await wholeEncoder({ frameRateHz: 25, textureAlignment: false });
const { total, track, fit, align, code } = aligned;

// Detection and landmarks separately (the tracker runs detection only when it loses the face).
const lm = await FaceLandmarker.create();
const detect: number[] = [], landmarks: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  const boxes = await lm.detectFaces(frames[i]);
  const t1 = performance.now();
  if (boxes[0]) await lm.landmarks(frames[i], boxes[0]);
  const t2 = performance.now();
  if (i >= 3) { detect.push(t1 - t0); landmarks.push(t2 - t1); }
}
lm.close();

// Jitter on a still face: the same portrait with independent noise (sigma 2 levels) per frame.
const portrait = await readImage(`${sharedDir()}/stills/sadtalker_happy.png`);
const rand = seededRandom(5);
const { encoder: still, close: closeStill } = await createEncoder({ frameRateHz: 25, fullFrameCrop: true });
const kps: Float32Array[] = [];
const proj: Float32Array[] = [];
for (let i = 0; i < 60; i++) {
  const noisy = { ...portrait, data: Uint8Array.from(portrait.data, (v) => Math.max(0, Math.min(255, v + Math.round((rand() + rand() + rand() - 1.5) * 2.8)))) };
  for (const o of await still.encode(noisy, i * 40)) {
    if (o.type === 'frame') {
      kps.push(o.keypoints68Mm);
      const p = o.fit.pose;
      proj.push(Float32Array.from([p.translationPx[0], p.translationPx[1]]));
    }
  }
}
closeStill();
function stdOverFrames(rows: Float32Array[]): number {
  const n = rows.length, d = rows[0].length;
  let acc = 0;
  for (let j = 0; j < d; j++) {
    const m = mean(rows.map((r) => r[j]));
    acc += mean(rows.map((r) => (r[j] - m) ** 2));
  }
  return Math.sqrt(acc / d) * (n > 0 ? 1 : 0);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    bench: 'encoder',
    clip: clipPath,
    sizePx: 256,
    frames: frames.length,
    msPerFrame: round(mean(total)),
    msPerFrameP95: round([...total].sort((a, b) => a - b)[Math.floor(total.length * 0.95)]),
    stagesMs: {
      trackPerFrame: round(mean(track)),
      detect: round(mean(detect)),
      landmarks: round(mean(landmarks)),
      fit: round(mean(fit)),
      alignOfFit: round(mean(align)),
      code: round(mean(code)),
    },
    withoutTextureAlignment: { msPerFrame: round(mean(unaligned.total)), fit: round(mean(unaligned.fit)) },
    bytesPerFrame: round(aligned.bytesPerFrame),
    stillFace: { frames: kps.length, keypointJitterMm: round(stdOverFrames(kps)), translationJitterPx: round(stdOverFrames(proj)) },
    note: 'one core (WASM single-threaded); detect runs only when tracking is lost',
  }),
);
