/** Benchmark of face landmarks: ms per frame for detection, mesh and tracking, detections per 100 frames, keypoint jitter. */
import '../src/node/index.js';
import path from 'node:path';
import { FaceLandmarker, FaceTracker, type TrackResult } from '../src/face/landmarks/index.js';
import { readVideoFrames, type RgbImage } from '../src/media/index.js';
import { sharedDir as sharedDataDir } from '../src/paths.js';

const shared = sharedDataDir();
const clip = process.argv[2] ?? path.join(shared, 'clips', 'liveportrait_d18.mp4');
const maxFrames = Number(process.argv[3] ?? 150);
const backend = (process.env.LANDMARKS_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm';
/** Points whose jitter is reported: nose tip, eye outer corners, mouth corners, chin. */
const JITTER_POINTS = [1, 33, 263, 61, 291, 152];
const STILL_WINDOW = 15;

const frames: RgbImage[] = [];
for await (const f of readVideoFrames(clip, { maxFrames })) frames.push(f);
const landmarker = await FaceLandmarker.create({ backend });

// warm-up (first runs compile kernels)
const warm = await landmarker.detectFaces(frames[0]);
if (warm.length > 0) await landmarker.landmarks(frames[0], warm[0], { refine: false });

const detectSample = frames.filter((_, i) => i % 5 === 0);
let t0 = performance.now();
const boxes = [];
for (const f of detectSample) boxes.push((await landmarker.detectFaces(f))[0]);
const detectMs = (performance.now() - t0) / detectSample.length;

t0 = performance.now();
let meshRuns = 0;
for (let i = 0; i < detectSample.length; i++) {
  if (!boxes[i]) continue;
  await landmarker.landmarks(detectSample[i], boxes[i], { refine: false });
  meshRuns++;
}
const meshMs = meshRuns > 0 ? (performance.now() - t0) / meshRuns : NaN;

const tracker = new FaceTracker(landmarker, { fps: 25 });
const results: TrackResult[] = [];
t0 = performance.now();
for (const f of frames) results.push(await tracker.track(f));
const trackMs = (performance.now() - t0) / frames.length;

// stillest stretch: the window where the mesh's bounding-box centre moves least
const centers = results.map((r) => (r.box ? [r.box.x + r.box.width / 2, r.box.y + r.box.height / 2] : null));
let bestStart = -1;
let bestMotion = Infinity;
for (let s = 0; s + STILL_WINDOW <= results.length; s++) {
  let motion = 0;
  let ok = true;
  for (let i = s + 1; i < s + STILL_WINDOW; i++) {
    const a = centers[i - 1];
    const b = centers[i];
    if (!a || !b) {
      ok = false;
      break;
    }
    motion += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  if (ok && motion < bestMotion) {
    bestMotion = motion;
    bestStart = s;
  }
}
let jitterPx = NaN;
let cropJitterPx = NaN;
if (bestStart >= 0) {
  const win = results.slice(bestStart, bestStart + STILL_WINDOW);
  // std of the residual around a straight-line fit: slow head drift inside the window is motion, not jitter
  const std = (xs: number[]) => {
    const n = xs.length;
    const tMean = (n - 1) / 2;
    const m = xs.reduce((a, b) => a + b, 0) / n;
    let stt = 0;
    let sxt = 0;
    xs.forEach((x, t) => {
      stt += (t - tMean) ** 2;
      sxt += (t - tMean) * (x - m);
    });
    const slope = sxt / stt;
    return Math.sqrt(xs.reduce((a, x, t) => a + (x - m - slope * (t - tMean)) ** 2, 0) / n);
  };
  jitterPx =
    JITTER_POINTS.map((p) => Math.hypot(std(win.map((r) => r.mesh!.points[3 * p])), std(win.map((r) => r.mesh!.points[3 * p + 1])))).reduce(
      (a, b) => a + b,
      0,
    ) / JITTER_POINTS.length;
  cropJitterPx = Math.hypot(std(win.map((r) => r.cropRect!.x)), std(win.map((r) => r.cropRect!.y)));
}
const statuses: Record<string, number> = {};
for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
landmarker.close();

console.log(
  JSON.stringify({
    bench: 'landmarks',
    clip: path.basename(clip),
    frames: frames.length,
    frameSizePx: `${frames[0].width}x${frames[0].height}`,
    backend: landmarker.backend,
    detectMsPerFrame: +detectMs.toFixed(2),
    meshMsPerFrame: +meshMs.toFixed(2),
    trackerMsPerFrame: +trackMs.toFixed(2),
    detectionsPer100Frames: +((100 * tracker.detectionCount) / frames.length).toFixed(2),
    statuses,
    stillWindow: { start: bestStart, frames: STILL_WINDOW, centreMotionPx: +bestMotion.toFixed(2) },
    keypointJitterStdPx: +jitterPx.toFixed(3),
    cropJitterStdPx: +cropJitterPx.toFixed(3),
    cropSizePx: { first: +(results.find((r) => r.cropRect)?.cropRect?.size ?? NaN).toFixed(1), last: +(results[results.length - 1].cropRect?.size ?? NaN).toFixed(1) },
  }),
);
