// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/** Face detection, 468-point mesh, iris and tracking on real stills and clips from /work/shared. */
import path from 'node:path';
import { FaceLandmarker, FaceTracker, LandmarksError, loadMediapipeTopology, type FaceMesh, type TrackResult } from '../../src/face/landmarks/index.js';
import { cropResize, readImage, readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { sharedDir as sharedDataDir } from '../../src/paths.js';

const shared = sharedDataDir();
const still = path.join(shared, 'stills', 'sadtalker_happy.png');
const clip = path.join(shared, 'clips', 'liveportrait_d18.mp4');

const px = (m: FaceMesh, i: number) => m.points[3 * i];
const py = (m: FaceMesh, i: number) => m.points[3 * i + 1];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

let landmarker: FaceLandmarker;
let image: RgbImage;

beforeAll(async () => {
  [landmarker, image] = await Promise.all([FaceLandmarker.create({ withIris: true }), readImage(still)]);
});
afterAll(() => landmarker?.close());

describe('FaceLandmarker on a frontal still', () => {
  let mesh: FaceMesh;

  test('finds exactly one face with a plausible box', async () => {
    const faces = await landmarker.detectFaces(image);
    expect(faces).toHaveLength(1);
    const [f] = faces;
    expect(f.score).toBeGreaterThan(0.7);
    expect(f.x).toBeGreaterThan(0);
    expect(f.y).toBeGreaterThan(0);
    expect(f.x + f.width).toBeLessThan(image.width);
    expect(f.y + f.height).toBeLessThan(image.height);
    expect(f.width).toBeGreaterThan(0.3 * image.width);
    expect(Math.abs(f.rollRad)).toBeLessThan(0.2);
    // keypoint 0 is the subject's right eye, i.e. on the image's left
    expect(f.keypoints[0]).toBeLessThan(f.keypoints[2]);
    const m = await landmarker.landmarks(image, f);
    expect(m).not.toBeNull();
    mesh = m!;
  });

  test('468 sub-pixel points inside the image, in MediaPipe order', () => {
    expect(mesh.points).toHaveLength(468 * 3);
    expect(mesh.confidence).toBeGreaterThan(0.9);
    let fractional = 0;
    for (let i = 0; i < 468; i++) {
      expect(px(mesh, i)).toBeGreaterThan(0);
      expect(px(mesh, i)).toBeLessThan(image.width);
      expect(py(mesh, i)).toBeGreaterThan(0);
      expect(py(mesh, i)).toBeLessThan(image.height);
      if (!Number.isInteger(px(mesh, i)) || !Number.isInteger(py(mesh, i))) fractional++;
    }
    expect(fractional).toBeGreaterThan(460);
    // subject's right eye (33 outer, 133 inner) on the image's left of the left eye (362 inner, 263 outer)
    expect(px(mesh, 33)).toBeLessThan(px(mesh, 133));
    expect(px(mesh, 133)).toBeLessThan(px(mesh, 362));
    expect(px(mesh, 362)).toBeLessThan(px(mesh, 263));
    // forehead (10) above the eyes, above the nose tip (1), above the mouth (13 upper lip, 14 lower lip), above the chin (152)
    const eyeY = mean([33, 133, 362, 263].map((i) => py(mesh, i)));
    expect(py(mesh, 10)).toBeLessThan(eyeY);
    expect(eyeY).toBeLessThan(py(mesh, 1));
    expect(py(mesh, 1)).toBeLessThan(py(mesh, 13));
    expect(py(mesh, 13)).toBeLessThanOrEqual(py(mesh, 14));
    expect(py(mesh, 14)).toBeLessThan(py(mesh, 152));
    // the nose tip is the point closest to the camera
    expect(mesh.points[3 * 1 + 2]).toBeLessThan(mesh.points[3 * 234 + 2]);
    // mouth corners (61 right, 291 left) straddle the face's midline
    expect(px(mesh, 61)).toBeLessThan(px(mesh, 1));
    expect(px(mesh, 291)).toBeGreaterThan(px(mesh, 1));
  });

  test('iris centres sit between their eye corners', () => {
    expect(mesh.iris).toHaveLength(30);
    const iris = mesh.iris!;
    expect(iris[0]).toBeGreaterThan(px(mesh, 33));
    expect(iris[0]).toBeLessThan(px(mesh, 133));
    expect(iris[15]).toBeGreaterThan(px(mesh, 362));
    expect(iris[15]).toBeLessThan(px(mesh, 263));
    expect(Math.abs(iris[1] - mean([py(mesh, 33), py(mesh, 133)]))).toBeLessThan(6);
  });

  test('points follow a half-pixel shift of the image (sub-pixel precision)', async () => {
    const shiftPx = 0.5;
    const shifted = cropResize(image, { x: -shiftPx, y: 0, width: image.width, height: image.height }, image.width, image.height);
    const box = (await landmarker.detectFaces(image))[0];
    const a = (await landmarker.landmarks(image, box))!;
    const b = (await landmarker.landmarks(shifted, box))!;
    const dx: number[] = [];
    const dy: number[] = [];
    for (let i = 0; i < 468; i++) {
      dx.push(px(b, i) - px(a, i));
      dy.push(py(b, i) - py(a, i));
    }
    expect(mean(dx)).toBeGreaterThan(shiftPx - 0.2);
    expect(mean(dx)).toBeLessThan(shiftPx + 0.2);
    expect(Math.abs(mean(dy))).toBeLessThan(0.2);
  });
});

describe('no face', () => {
  test('a gray and a noise image give no detection and status no-face', async () => {
    const gray: RgbImage = { width: 320, height: 240, data: new Uint8Array(320 * 240 * 3).fill(128) };
    const noise: RgbImage = { width: 256, height: 256, data: new Uint8Array(256 * 256 * 3) };
    let seed = 12345;
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (const img of [gray, noise]) {
      expect(await landmarker.detectFaces(img)).toHaveLength(0);
      const tracker = new FaceTracker(landmarker);
      const r = await tracker.track(img);
      expect(r.status).toBe('no-face');
      expect(r.mesh).toBeUndefined();
      expect(r.box).toBeNull();
      expect(r.cropRect).toBeNull();
    }
  });

  test('bad input is a typed error', async () => {
    const bad = { width: 10, height: 10, data: new Uint8Array(5) };
    await expect(landmarker.detectFaces(bad)).rejects.toMatchObject({ code: 'LANDMARKS_BAD_IMAGE' });
    await expect(landmarker.detectFaces(bad)).rejects.toBeInstanceOf(LandmarksError);
    expect(() => new FaceTracker(landmarker, { cropScale: Number.NaN })).toThrow(LandmarksError);
    const box = { x: Number.NaN, y: 0, width: 10, height: 10, score: 1, keypoints: new Float32Array(12), rollRad: 0 };
    await expect(landmarker.landmarks(image, box)).rejects.toMatchObject({ code: 'LANDMARKS_BAD_ARGUMENT' });
  });
});

describe('FaceTracker on a clip', () => {
  test('detects rarely and moves the crop smoothly over 30 frames', async () => {
    // no clamping: a crop pinned to the frame's borders would pass the smoothness checks trivially
    const tracker = new FaceTracker(landmarker, { fps: 30, clampCropToImage: false });
    const results: TrackResult[] = [];
    for await (const frame of readVideoFrames(clip, { maxFrames: 30 })) results.push(await tracker.track(frame));
    expect(results).toHaveLength(30);
    expect(tracker.detectionCount).toBeLessThanOrEqual(3);
    expect(results[0].detected).toBe(true);
    for (const r of results) {
      expect(r.status).toBe('ok');
      expect(r.mesh!.confidence).toBeGreaterThan(0.5);
      const c = r.cropRect!;
      expect(c.size).toBeGreaterThan(100);
      expect(c.size).toBeLessThan(2 * image.width + 480);
      // the face (mesh centre) lies inside the crop
      const fx = r.box!.x + r.box!.width / 2;
      const fy = r.box!.y + r.box!.height / 2;
      expect(fx).toBeGreaterThan(c.x);
      expect(fx).toBeLessThan(c.x + c.size);
      expect(fy).toBeGreaterThan(c.y);
      expect(fy).toBeLessThan(c.y + c.size);
    }
    const steps: number[] = [];
    const meshSteps: number[] = [];
    for (let i = 1; i < results.length; i++) {
      const a = results[i - 1];
      const b = results[i];
      steps.push(Math.hypot(b.cropRect!.x - a.cropRect!.x, b.cropRect!.y - a.cropRect!.y) + Math.abs(b.cropRect!.size - a.cropRect!.size));
      meshSteps.push(Math.hypot(b.box!.x - a.box!.x, b.box!.y - a.box!.y));
    }
    const size = results[0].cropRect!.size;
    console.log(`crop size ${size.toFixed(1)} px, max step ${Math.max(...steps).toFixed(3)} px, mean step ${mean(steps).toFixed(3)} px, mean face-box step ${mean(meshSteps).toFixed(3)} px, detections ${tracker.detectionCount}`);
    // frame-to-frame crop motion: well under 1% of the crop size, and steadier than the raw face box
    expect(Math.max(...steps)).toBeLessThan(0.01 * size);
    expect(mean(steps)).toBeLessThanOrEqual(mean(meshSteps));
  });
});

describe('MediaPipe topology', () => {
  test('triangles index all 468 vertices and wind consistently on a real face', async () => {
    const topo = loadMediapipeTopology();
    expect(topo.triangles.length % 3).toBe(0);
    expect(topo.triangles.length / 3).toBeGreaterThan(850);
    expect(topo.uv).toHaveLength(936);
    const used = new Set(topo.triangles);
    expect(used.size).toBe(468);
    const box = (await landmarker.detectFaces(image))[0];
    const m = (await landmarker.landmarks(image, box))!;
    let positive = 0;
    const n = topo.triangles.length / 3;
    for (let t = 0; t < n; t++) {
      const [a, b, c] = [topo.triangles[3 * t], topo.triangles[3 * t + 1], topo.triangles[3 * t + 2]];
      const cross = (px(m, b) - px(m, a)) * (py(m, c) - py(m, a)) - (py(m, b) - py(m, a)) * (px(m, c) - px(m, a));
      if (cross > 0) positive++;
    }
    // y points down in the image: a positive cross product is clockwise on screen
    expect(Math.max(positive, n - positive) / n).toBeGreaterThan(0.9);
    console.log(`topology: ${n} triangles, ${positive} clockwise on screen (image y down)`);
  });
});
