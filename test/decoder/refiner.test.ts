/**
 * @jest-environment ./test/decoder/native-typed-arrays-environment.cjs
 *
 * The refinement layer (issue #15) end to end on CPU: training/ci_tiny_refiner.py trains the tiny refiner a few steps
 * (resuming from its checkpoint half way), exports it with PyTorch's outputs for fixed inputs; onnxruntime-node must
 * reproduce them within one grey level, and `mesh-warp+refine` must change a real render only inside the face.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTorchPython } from './torch-python.js';
import { MeshWarpFaceRenderer } from '../../src/decoder/mesh-warp-face-renderer.js';
import { OnnxRefinerRunner } from '../../src/decoder/refiner/onnx-refiner-runner.js';
import { REFINER_CHANNEL, REFINER_INPUT_CHANNELS, RefinedFaceRenderer, type RefinerCapture } from '../../src/decoder/refiner/index.js';
import { NeuralRendererError } from '../../src/decoder/neural/index.js';
import { loadBuiltinFaceModel } from '../../src/face/builtin/index.js';
import { neutralParams, type HeadPose } from '../../src/face/face-model.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import type { RenderFrame } from '../../src/decoder/renderer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const python = findTorchPython();
if (!python) console.warn('\n!!! SKIPPING the refiner tests: no python3 with torch and onnx (apt-get install python3-torch python3-onnx). !!!\n');
const describeIfTorch = python ? describe : describe.skip;

interface Reference {
  resumedFromStep: number;
  finalStep: number;
  losses: number[];
  cases: { name: string; height: number; width: number; maxChange: number }[];
}

const floats = (file: string) => {
  const b = readFileSync(file);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4).slice();
};

/** A textured keyframe behind the built-in model's neutral face, and a frame that opens the jaw and turns the head. */
function scene() {
  const model = loadBuiltinFaceModel();
  const params = neutralParams(model);
  const pose: HeadPose = { rotationRad: new Float32Array(3), translationPx: Float32Array.of(128, 128), pixelsPerMm: 1.3 };
  const image = createRgbImage(256, 256);
  for (let i = 0; i < 256 * 256; i++) image.data.set([(i * 7) % 256, ((i >> 8) * 5) % 256, 120], i * 3);
  const frameParams = neutralParams(model);
  frameParams.jawRad[0] = 0.2;
  const frame: RenderFrame = {
    params: frameParams,
    pose: { ...pose, rotationRad: Float32Array.of(0, 0.15, 0) },
    keypointsMm: new Float32Array(0),
    landmarkIds: [],
    receivedExpressionDims: 0,
  };
  return { keyframe: { image, model, params, pose, keypoints68Mm: model.landmarks68(params) }, frame };
}

describeIfTorch('refiner against PyTorch (tiny refiner trained on CPU)', () => {
  let dir = '';
  let ref: Reference;
  let runner: OnnxRefinerRunner;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'facecodec-refiner-'));
    execFileSync(python!, [path.join(repoRoot, 'training', 'ci_tiny_refiner.py'), '--out', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120000,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    ref = JSON.parse(readFileSync(path.join(dir, 'reference.json'), 'utf8')) as Reference;
    runner = await OnnxRefinerRunner.create({ modelDir: dir });
  }, 150000);

  afterAll(async () => {
    await runner?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the training script trained, resumed from its checkpoint and lowered its loss', () => {
    expect(ref.resumedFromStep).toBe(3);
    expect(ref.finalStep).toBe(6);
    expect(ref.losses.every(Number.isFinite)).toBe(true);
    expect(Math.min(...ref.losses.slice(3))).toBeLessThan(ref.losses[0]);
  });

  test.each(['full0', 'full1', 'crop'])('onnxruntime-node reproduces PyTorch within one grey level (%s)', async (name) => {
    const c = ref.cases.find((k) => k.name === name)!;
    const input = floats(path.join(dir, `${name}.input.bin`));
    const expected = floats(path.join(dir, `${name}.output.bin`));
    const got = await runner.run(input, c.width, c.height);
    let maxDiff = 0, maxChange = 0;
    for (let i = 0; i < expected.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
      maxChange = Math.max(maxChange, Math.abs(got[i] - input[i]));
    }
    expect(maxDiff).toBeLessThan(1 / 255);
    // The trained network does change the face (a network that returned its input would pass the line above too).
    expect(maxChange).toBeGreaterThan(0.05);
    // Outside the face mask the output is the warp, exactly.
    const plane = c.width * c.height;
    for (let p = 0; p < plane; p++) {
      if (input[REFINER_CHANNEL.face * plane + p] !== 0) continue;
      for (let ch = 0; ch < 3; ch++) expect(Math.abs(got[ch * plane + p] - input[ch * plane + p])).toBeLessThan(1e-6);
    }
  });

  test('bad sizes and missing or malformed models are typed errors', async () => {
    await expect(runner.run(new Float32Array(REFINER_INPUT_CHANNELS * 60 * 64), 60, 64)).rejects.toMatchObject({ code: 'NEURAL_BAD_INPUT' });
    await expect(runner.run(new Float32Array(10), 64, 64)).rejects.toMatchObject({ code: 'NEURAL_BAD_INPUT' });
    await expect(OnnxRefinerRunner.create({ modelDir: path.join(dir, 'absent') })).rejects.toMatchObject({ code: 'NEURAL_MODEL_MISSING' });
    const bad = mkdtempSync(path.join(os.tmpdir(), 'facecodec-refiner-bad-'));
    try {
      writeFileSync(path.join(bad, 'refiner.json'), JSON.stringify({ format: 'facecodec-refiner-v1', model: 'refiner.onnx', inputChannels: 4, sizeMultiple: 8 }));
      await expect(OnnxRefinerRunner.create({ modelDir: bad })).rejects.toBeInstanceOf(NeuralRendererError);
      await expect(OnnxRefinerRunner.create({ modelDir: bad })).rejects.toMatchObject({ code: 'NEURAL_MODEL_INVALID' });
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  test('mesh-warp+refine changes a real render only inside the face, and feeds the network bytes', async () => {
    const { keyframe, frame } = scene();
    const plain = new MeshWarpFaceRenderer();
    plain.setKeyframe(keyframe);
    const warped = createRgbImage(256, 256);
    plain.render(frame, warped);
    let captured: Float32Array | undefined;
    let offGridWarp = 0;
    const refined = new RefinedFaceRenderer({ runner, capture: (c: RefinerCapture) => void (captured = c.input.slice()) });
    refined.setKeyframe(keyframe);
    const out: RgbImage = createRgbImage(256, 256);
    await refined.render(frame, out);
    // The same render with the plain warp's bytes as the network input: the warp inside is mesh-warp's, exactly.
    for (let i = 0; i < 3 * 256 * 256 && captured; i++) {
      const at = Math.floor(i / 3) + (i % 3) * 256 * 256;
      if (Math.round(captured[at] * 255) !== warped.data[i]) offGridWarp++;
      if (Math.round(captured[REFINER_CHANNEL.keyframe * 256 * 256 + at] * 255) !== keyframe.image.data[i]) offGridWarp++;
    }
    expect(refined.name).toBe('mesh-warp+refine');
    const input = captured!;
    const plane = 256 * 256;
    let changedInside = 0, changedOutside = 0, offGrid = 0, faceArea = 0, mouthArea = 0;
    for (let p = 0; p < plane; p++) {
      const face = input[REFINER_CHANNEL.face * plane + p];
      if (face > 0.5) faceArea++;
      if (input[REFINER_CHANNEL.mouth * plane + p] > 0.5) mouthArea++;
      for (let c = 0; c < REFINER_INPUT_CHANNELS; c++) {
        const v = input[c * plane + p] * 255;
        if (Math.abs(v - Math.round(v)) > 1e-3) offGrid++;
      }
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(out.data[p * 3 + c] - warped.data[p * 3 + c]);
        if (face === 0 && d !== 0) changedOutside++;
        else if (d > 2) changedInside++;
      }
    }
    expect(offGrid).toBe(0);
    expect(offGridWarp).toBe(0);
    expect(changedOutside).toBe(0);
    // The face covers a good part of the frame, the opened jaw shows a mouth interior, and the network changed the face.
    expect(faceArea).toBeGreaterThan(0.15 * plane);
    expect(mouthArea).toBeGreaterThan(20);
    expect(changedInside).toBeGreaterThan(100);
    await refined.close();
    plain.close();
    runner = await OnnxRefinerRunner.create({ modelDir: dir });
  });
});

describe('the shipped refiner (models/refiner)', () => {
  test('loads through createDecoder and changes a real render only inside the face', async () => {
    const { createDecoder } = await import('../../src/codec.js');
    const decoder = await createDecoder({ renderer: 'mesh-warp+refine' });
    expect(decoder.rendererInfo).toEqual({ name: 'mesh-warp+refine', executionProvider: 'cpu' });
    await decoder.close();
    const runner = await OnnxRefinerRunner.create();
    const { keyframe, frame } = scene();
    let input: Float32Array | undefined;
    const refined = new RefinedFaceRenderer({ runner, capture: (c) => void (input = c.input.slice()) });
    refined.setKeyframe(keyframe);
    const out = createRgbImage(256, 256);
    await refined.render(frame, out);
    const plane = 256 * 256;
    let outside = 0, inside = 0;
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(out.data[p * 3 + c] - Math.round(input![c * plane + p] * 255));
        if (input![REFINER_CHANNEL.face * plane + p] === 0) outside += d;
        else inside += d;
      }
    }
    expect(outside).toBe(0);
    expect(inside).toBeGreaterThan(0);
    await refined.close();
  });
});
