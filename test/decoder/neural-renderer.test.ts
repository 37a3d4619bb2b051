/**
 * @jest-environment ./test/decoder/native-typed-arrays-environment.cjs
 *
 * The neural decoder end to end on CPU: training/ci_tiny.py trains the tiny model a few steps, exports keyframe.onnx
 * and frame.onnx with PyTorch's outputs for fixed inputs; NeuralRenderer must load them and reproduce those outputs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTorchPython } from './torch-python.js';
import type { FaceModel, FaceShapeParams, HeadPose } from '../../src/face/face-model.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import { NeuralRenderer, NeuralRendererError, normalizedKeypoints, normalizedRotation } from '../../src/decoder/neural/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const python = findTorchPython();
if (!python) {
  console.warn(
    '\n!!! SKIPPING the neural decoder tests: no python3 with torch and onnx. ' +
      'Install them with `apt-get install python3-torch python3-onnx` (Debian) or set FACECODEC_PYTHON. !!!\n',
  );
}
const describeIfTorch = python ? describe : describe.skip;

interface RefFrame {
  keypoints68Mm: number[];
  expression: number[];
  jawRad: number[];
  rotationRad: number[];
  translationPx: number[];
  pixelsPerMm: number;
  receivedExpressionDims: number;
  kpDrivingNormalized: number[];
  expressionFeature: number[];
  rotDriving: number[];
  image: number[];
}

interface Reference {
  checks: { sampleVolumeMaxAbsDiff: number; slabConvMaxAbsDiff: number };
  train: { resumedFromStep: number; final: { step: number }; losses: number[] };
  keyframe: {
    image: number[];
    size: number;
    keypoints68Mm: number[];
    rotationRad: number[];
    translationPx: number[];
    pixelsPerMm: number;
    kpSourceNormalized: number[];
    rotSource: number[];
    volume: number[];
  };
  frames: RefFrame[];
  audit: { frame: { ops: string[]; webgpu_flagged: string[] }; keyframe: { ops: string[]; webgpu_flagged: string[] } };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function pose(f: { rotationRad: number[]; translationPx: number[]; pixelsPerMm: number }): HeadPose {
  return { rotationRad: Float32Array.from(f.rotationRad), translationPx: Float32Array.from(f.translationPx), pixelsPerMm: f.pixelsPerMm };
}

function params(f: RefFrame): FaceShapeParams {
  return { shape: new Float32Array(0), expression: Float32Array.from(f.expression), jawRad: Float32Array.from(f.jawRad), eyesRad: new Float32Array(6) };
}

/** A face model whose landmarks are the frame's own (stands in for FLAME when keypoints were not all received). */
function landmarkModel(points: number[]): FaceModel {
  return {
    id: 'test-landmarks',
    dataHash: '0',
    vertexCount: 68,
    triangles: new Uint32Array(0),
    shapeDims: 0,
    expressionDims: 10,
    hasJaw: true,
    hasEyes: false,
    mesh: () => Float32Array.from(points),
    landmarks68: (_p, out) => {
      const o = out ?? new Float32Array(204);
      o.set(points);
      return o;
    },
  };
}

describeIfTorch('neural renderer against PyTorch (tiny model trained on CPU)', () => {
  let dir = '';
  let ref: Reference;
  let renderer: NeuralRenderer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'facecodec-neural-'));
    execFileSync(python!, [path.join(repoRoot, 'training', 'ci_tiny.py'), '--out', dir, '--steps', '6'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120000,
      // No __pycache__ in the source tree from a test run.
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    ref = JSON.parse(readFileSync(path.join(dir, 'reference.json'), 'utf8')) as Reference;
    renderer = await NeuralRenderer.create({ modelDir: dir, providers: ['cpu'] });
  }, 150000);

  afterAll(async () => {
    await renderer?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the training script trained, resumed from its checkpoint, and its WebGPU-safe 3D ops equal PyTorch’s', () => {
    expect(ref.train.resumedFromStep).toBe(3);
    expect(ref.train.final.step).toBe(6);
    expect(ref.train.losses.every(Number.isFinite)).toBe(true);
    expect(ref.checks.sampleVolumeMaxAbsDiff).toBeLessThan(1e-5);
    expect(ref.checks.slabConvMaxAbsDiff).toBeLessThan(1e-5);
  });

  test('the exported graphs use no op the WebGPU provider lacks (no GridSample, no 3D conv)', () => {
    for (const g of [ref.audit.frame, ref.audit.keyframe]) {
      expect(g.webgpu_flagged).toEqual([]);
      expect(g.ops).not.toContain('GridSample');
    }
    expect(ref.audit.frame.ops).toContain('Gather');
  });

  test('sessions reproduce PyTorch: keyframe volume and frame image', async () => {
    expect(renderer.provider).toBe('cpu');
    const s = ref.keyframe.size;
    const planes = new Float32Array(3 * s * s);
    for (let i = 0; i < s * s; i++) for (let c = 0; c < 3; c++) planes[c * s * s + i] = ref.keyframe.image[i * 3 + c] / 255;
    const volume = await renderer.runKeyframe(planes);
    expect(volume.dims).toEqual(renderer.config.volumeShape);
    expect(maxAbsDiff(volume.data as Float32Array, ref.keyframe.volume)).toBeLessThan(1e-4);
    for (const f of ref.frames) {
      const image = await renderer.runFrame({
        kpSource: Float32Array.from(ref.keyframe.kpSourceNormalized),
        kpDriving: Float32Array.from(f.kpDrivingNormalized),
        rotSource: Float32Array.from(ref.keyframe.rotSource),
        rotDriving: Float32Array.from(f.rotDriving),
        expression: Float32Array.from(f.expressionFeature),
      });
      expect(image.length).toBe(3 * s * s);
      expect(maxAbsDiff(image, f.image)).toBeLessThan(1e-4);
    }
  });

  test('the TS keypoint mapping is the one the network was trained with', () => {
    const ids = renderer.config.landmarkIds;
    const s = ref.keyframe.size;
    const kp = new Float32Array(ids.length * 3);
    normalizedKeypoints(Float32Array.from(ref.keyframe.keypoints68Mm), ids, pose(ref.keyframe), s, kp);
    expect(maxAbsDiff(kp, ref.keyframe.kpSourceNormalized)).toBeLessThan(1e-5);
    const rot = normalizedRotation(Float32Array.from(ref.frames[0].rotationRad), new Float32Array(9));
    expect(maxAbsDiff(rot, ref.frames[0].rotDriving)).toBeLessThan(1e-6);
  });

  test('setKeyframe/render from keypoints in mm + pose give PyTorch’s frames for every expression prefix', async () => {
    const s = ref.keyframe.size;
    const keyImage: RgbImage = { width: s, height: s, data: Uint8Array.from(ref.keyframe.image) };
    const ids = renderer.config.landmarkIds;
    const out = createRgbImage(s, s);
    const received = new Set<number>();
    for (const f of ref.frames) {
      await renderer.setKeyframe({
        image: keyImage,
        model: landmarkModel(f.keypoints68Mm),
        params: params(f),
        pose: pose(ref.keyframe),
        keypoints68Mm: Float32Array.from(ref.keyframe.keypoints68Mm),
      });
      // Send only half of the network's keypoints: the rest must come from the model's landmarks of the params.
      const sent = ids.slice(0, Math.ceil(ids.length / 2));
      const keypointsMm = new Float32Array(sent.length * 3);
      sent.forEach((id, i) => keypointsMm.set(f.keypoints68Mm.slice(id * 3, id * 3 + 3), i * 3));
      await renderer.render(
        { params: params(f), pose: pose(f), keypointsMm, landmarkIds: sent, receivedExpressionDims: f.receivedExpressionDims },
        out,
      );
      let maxDiff = 0;
      let sum = 0;
      for (let i = 0; i < s * s; i++) {
        for (let c = 0; c < 3; c++) {
          const expected = Math.round(f.image[c * s * s + i] * 255);
          maxDiff = Math.max(maxDiff, Math.abs(out.data[i * 3 + c] - expected));
          sum += out.data[i * 3 + c];
        }
      }
      expect(maxDiff).toBeLessThanOrEqual(1);
      expect(sum).toBeGreaterThan(0);
      received.add(f.receivedExpressionDims);
    }
    expect(received.size).toBe(3);
  });

  test('provider fallback reports what actually runs and gives the same frames', async () => {
    const r = await NeuralRenderer.create({ modelDir: dir, providers: ['webgpu', 'cuda', 'cpu'] });
    try {
      // The first provider that opens runs, and exactly those before it are reported skipped, each with its reason.
      // Observed on a CPU-only machine: cpu, webgpu skipped ("... Failed to get a WebGPU adapter ...") and cuda
      // skipped ("CUDA provider library not installed with onnxruntime-node").
      const order = ['webgpu', 'cuda', 'cpu'] as const;
      const chosen = order.indexOf(r.provider as (typeof order)[number]);
      expect(chosen).toBeGreaterThanOrEqual(0);
      expect(r.skippedProviders.map((p) => p.provider)).toEqual(order.slice(0, chosen));
      for (const { provider, reason } of r.skippedProviders) {
        expect(reason).toMatch(provider === 'cuda' ? /CUDA/ : /WebGPU|webgpu/);
      }
      const s = ref.keyframe.size;
      const planes = new Float32Array(3 * s * s);
      for (let i = 0; i < s * s; i++) for (let c = 0; c < 3; c++) planes[c * s * s + i] = ref.keyframe.image[i * 3 + c] / 255;
      await r.runKeyframe(planes);
      const f = ref.frames[0];
      const image = await r.runFrame({
        kpSource: Float32Array.from(ref.keyframe.kpSourceNormalized),
        kpDriving: Float32Array.from(f.kpDrivingNormalized),
        rotSource: Float32Array.from(ref.keyframe.rotSource),
        rotDriving: Float32Array.from(f.rotDriving),
        expression: Float32Array.from(f.expressionFeature),
      });
      expect(maxAbsDiff(image, f.image)).toBeLessThan(r.provider === 'cpu' ? 1e-4 : 1e-2);
    } finally {
      await r.close();
    }
  });

  test('bad inputs and misuse give typed errors', async () => {
    await expect(NeuralRenderer.create({ modelDir: path.join(dir, 'nope') })).rejects.toMatchObject({ code: 'NEURAL_MODEL_MISSING' });
    await expect(NeuralRenderer.create({ modelDir: dir, providers: [] })).rejects.toBeInstanceOf(NeuralRendererError);
    const r = await NeuralRenderer.create({ modelDir: dir, providers: ['cpu'] });
    const f = ref.frames[0];
    const s = ref.keyframe.size;
    const frame = { params: params(f), pose: pose(f), keypointsMm: new Float32Array(0), landmarkIds: [], receivedExpressionDims: 0 };
    await expect(r.render(frame, createRgbImage(s, s))).rejects.toMatchObject({ code: 'NEURAL_NO_KEYFRAME' });
    const bad = { image: createRgbImage(s, s + 1), model: landmarkModel(f.keypoints68Mm), params: params(f), pose: pose(f), keypoints68Mm: new Float32Array(204) };
    await expect(r.setKeyframe(bad)).rejects.toMatchObject({ code: 'NEURAL_BAD_INPUT' });
    const nan = { ...bad, image: createRgbImage(s, s), keypoints68Mm: new Float32Array(204).fill(NaN) };
    await expect(r.setKeyframe(nan)).rejects.toMatchObject({ code: 'NEURAL_BAD_INPUT' });
    await r.close();
    await expect(r.render(frame, createRgbImage(s, s))).rejects.toMatchObject({ code: 'NEURAL_CLOSED' });
  });
});

describeIfTorch('export_onnx.py --untrained (timing exports for a GPU session)', () => {
  test('a freshly initialized network exports, opens and renders at its config size', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'facecodec-untrained-'));
    try {
      const script = path.join(repoRoot, 'training', 'export_onnx.py');
      const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
      const printed = execFileSync(python!, [script, '--untrained', 'tiny', '--out', dir], { env, timeout: 60000 }).toString();
      expect(JSON.parse(printed.trim().split('\n').pop()!)).toMatchObject({ step: 0 });
      // One source of weights at a time: --untrained with --run is refused.
      expect(() => execFileSync(python!, [script, '--untrained', 'tiny', '--run', dir, '--out', dir], { env, stdio: 'pipe' })).toThrow(/one of/);
      const r = await NeuralRenderer.create({ modelDir: dir, providers: ['cpu'] });
      try {
        const s = r.config.imageSizePx;
        const volume = await r.runKeyframe(new Float32Array(3 * s * s).fill(0.5));
        expect(volume.dims).toEqual(r.config.volumeShape);
        const k = r.config.landmarkIds.length;
        const rot = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
        const kp = new Float32Array(k * 3).map((_, i) => ((i * 37) % 11) / 11 - 0.5);
        const image = await r.runFrame({ kpSource: kp, kpDriving: kp, rotSource: rot, rotDriving: rot, expression: new Float32Array(r.config.jawDims + r.config.expressionDims) });
        expect(image.length).toBe(3 * s * s);
        expect(image.every((v) => v >= 0 && v <= 1)).toBe(true);
      } finally {
        await r.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90000);
});
