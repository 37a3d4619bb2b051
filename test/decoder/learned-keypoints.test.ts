/**
 * @jest-environment ./test/decoder/native-typed-arrays-environment.cjs
 *
 * The unsupervised ablation end to end on CPU: training/ci_tiny.py --mode unsupervised trains the tiny model with the
 * keypoint equivariance loss, exports keyframe/frame/keypoints.onnx and PyTorch's keypoints and frames; LearnedKeypoints
 * (and NeuralRenderer fed with its keypoints) must reproduce them.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTorchPython } from './torch-python.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import { LearnedKeypoints, NeuralRenderer, NeuralRendererError } from '../../src/decoder/neural/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const python = findTorchPython();
if (!python) {
  console.warn('\n!!! SKIPPING the learned keypoint tests: no python3 with torch and onnx (see training/README.md). !!!\n');
}
const describeIfTorch = python ? describe : describe.skip;

interface Reference {
  mode: string;
  train: { resumedFromStep: number; final: { step: number }; losses: number[]; equivariance: number[] };
  equivariance: { centroidMaxAbsErr: number; trainedLoss: number };
  keyframe: { image: number[]; size: number; rotSource: number[]; learnedKeypoints: number[] };
  frames: { rotDriving: number[]; drivingImage: number[]; learnedKeypoints: number[]; learnedImage: number[] }[];
  audit: Record<'keyframe' | 'frame' | 'keypoints', { ops: string[]; webgpu_flagged: string[] }>;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function rgb(size: number, data: number[]): RgbImage {
  return { width: size, height: size, data: Uint8Array.from(data) };
}

describeIfTorch('learned keypoints (unsupervised ablation) against PyTorch', () => {
  let dir = '';
  let ref: Reference;
  let detector: LearnedKeypoints;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'facecodec-learned-kp-'));
    execFileSync(python!, [path.join(repoRoot, 'training', 'ci_tiny.py'), '--out', dir, '--steps', '4', '--mode', 'unsupervised'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120000,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    ref = JSON.parse(readFileSync(path.join(dir, 'reference.json'), 'utf8')) as Reference;
    detector = await LearnedKeypoints.create({ modelDir: dir, providers: ['cpu'] });
  }, 150000);

  afterAll(async () => {
    await detector?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('training used the equivariance loss, whose geometry is exact for an equivariant detector', () => {
    expect(ref.mode).toBe('unsupervised');
    expect(ref.train.final.step).toBe(4);
    expect(ref.train.equivariance.length).toBe(2);
    expect(ref.train.equivariance.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(ref.train.losses.every(Number.isFinite)).toBe(true);
    // A blob's centroid follows the warp: the loss's mapping direction is right (a sign error gives ~0.05).
    expect(ref.equivariance.centroidMaxAbsErr).toBeLessThan(2e-3);
    expect(Number.isFinite(ref.equivariance.trainedLoss)).toBe(true);
  });

  test('three graphs are exported, the keypoint graph with WebGPU-safe ops', () => {
    const sidecar = JSON.parse(readFileSync(path.join(dir, 'neural-config.json'), 'utf8')) as Record<string, unknown>;
    expect(sidecar.keypointModel).toBe('keypoints.onnx');
    expect(sidecar.keypointMode).toBe('unsupervised');
    expect(detector.count).toBe(sidecar.keypointCount);
    expect(detector.provider).toBe('cpu');
    expect(ref.audit.keypoints.webgpu_flagged).toEqual([]);
    expect(ref.audit.frame.webgpu_flagged).toEqual([]);
  });

  test('LearnedKeypoints gives PyTorch’s keypoints for the keyframe and every driving image', async () => {
    const s = ref.keyframe.size;
    const kp = await detector.keypoints(rgb(s, ref.keyframe.image));
    expect(kp.length).toBe(detector.count * 3);
    expect(maxAbsDiff(kp, ref.keyframe.learnedKeypoints)).toBeLessThan(1e-4);
    const out = new Float32Array(detector.count * 3);
    for (const f of ref.frames) {
      expect(await detector.keypoints(rgb(s, f.drivingImage), out)).toBe(out);
      expect(maxAbsDiff(out, f.learnedKeypoints)).toBeLessThan(1e-4);
    }
    // Different images, different keypoints: the comparison above can fail.
    expect(maxAbsDiff(ref.frames[0].learnedKeypoints, ref.keyframe.learnedKeypoints)).toBeGreaterThan(1e-4);
    // A larger crop is resized to the network's size first.
    const big = await detector.keypoints(createRgbImage(2 * s, 2 * s));
    expect(big.every(Number.isFinite)).toBe(true);
  });

  test('the frame graph driven by TS-detected keypoints reproduces PyTorch’s frames', async () => {
    const renderer = await NeuralRenderer.create({ modelDir: dir, providers: ['cpu'] });
    try {
      const s = ref.keyframe.size;
      const planes = new Float32Array(3 * s * s);
      for (let i = 0; i < s * s; i++) for (let c = 0; c < 3; c++) planes[c * s * s + i] = ref.keyframe.image[i * 3 + c] / 255;
      await renderer.runKeyframe(planes);
      const kpSource = await detector.keypointsOfPlanes(planes);
      for (const f of ref.frames) {
        const image = await renderer.runFrame({
          kpSource,
          kpDriving: await detector.keypoints(rgb(s, f.drivingImage)),
          rotSource: Float32Array.from(ref.keyframe.rotSource),
          rotDriving: Float32Array.from(f.rotDriving),
          expression: new Float32Array(0),
        });
        expect(maxAbsDiff(image, f.learnedImage)).toBeLessThan(1e-3);
      }
    } finally {
      await renderer.close();
    }
  });

  test('bad inputs, models without a detector and misuse give typed errors', async () => {
    await expect(LearnedKeypoints.create({ modelDir: path.join(dir, 'nope') })).rejects.toMatchObject({ code: 'NEURAL_MODEL_MISSING' });
    // The same export with the detector unlisted, as a flame / flame_expr export looks.
    const other = path.join(dir, 'no-detector');
    mkdirSync(other);
    const sidecar = JSON.parse(readFileSync(path.join(dir, 'neural-config.json'), 'utf8')) as Record<string, unknown>;
    delete sidecar.keypointModel;
    delete sidecar.keypointCount;
    writeFileSync(path.join(other, 'neural-config.json'), JSON.stringify({ ...sidecar, keypointMode: 'flame' }));
    for (const f of ['keyframe.onnx', 'frame.onnx']) copyFileSync(path.join(dir, f), path.join(other, f));
    await expect(LearnedKeypoints.create({ modelDir: other, providers: ['cpu'] })).rejects.toMatchObject({ code: 'NEURAL_MODEL_INVALID' });

    const s = ref.keyframe.size;
    const d = await LearnedKeypoints.create({ modelDir: dir, providers: ['cpu'] });
    await expect(d.keypoints(createRgbImage(s, s + 1))).rejects.toBeInstanceOf(NeuralRendererError);
    await expect(d.keypoints(createRgbImage(s, s), new Float32Array(2))).rejects.toMatchObject({ code: 'NEURAL_BAD_INPUT' });
    await expect(d.keypointsOfPlanes(new Float32Array(5))).rejects.toMatchObject({ code: 'NEURAL_BAD_INPUT' });
    await d.close();
    await expect(d.keypoints(createRgbImage(s, s))).rejects.toMatchObject({ code: 'NEURAL_CLOSED' });
  });
});
