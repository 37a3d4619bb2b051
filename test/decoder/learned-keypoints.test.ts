/**
 * @jest-environment ./test/decoder/native-typed-arrays-environment.cjs
 *
 * The unsupervised ablation end to end on CPU: training/ci_tiny.py --mode unsupervised trains the tiny model with the
 * keypoint equivariance loss, exports keyframe/frame/keypoints.onnx and PyTorch's keypoints and frames; LearnedKeypoints
 * (and NeuralRenderer fed with its keypoints) must reproduce them.
 */
// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTorchPython } from './torch-python.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import { LearnedKeypoints, NeuralRenderer, NeuralRendererError } from '../../src/decoder/neural/index.js';
import { LEARNED_KEYPOINT_SCALE, encodeMessage, makeProfile, slotsToLearnedKeypoints } from '../../src/bitstream/index.js';
import { createDecoder, createEncoder, loadFaceModel } from '../../src/codec.js';
import type { FaceRenderer, RenderFrame, RenderKeyframe } from '../../src/decoder/renderer.js';
import { cropResize, readVideoFrames } from '../../src/media/index.js';
import { clip } from '../codec/shared-paths.js';

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

  test('through the codec on a real clip: the sender codes the detector’s keypoints, the neural receiver is driven by them', async () => {
    const model = await loadFaceModel();
    const neural = await NeuralRenderer.create({ modelDir: dir, providers: ['cpu'] });
    expect(neural.learnedKeypointCount).toBe(detector.count);
    // A pass-through that records what the decoder hands the real renderer.
    const seen: { keyframe?: Float32Array; frames: Float32Array[] } = { frames: [] };
    const recording: FaceRenderer = {
      name: neural.name,
      learnedKeypointCount: neural.learnedKeypointCount,
      setKeyframe: (k: RenderKeyframe) => ((seen.keyframe = k.learnedKeypoints), neural.setKeyframe(k)),
      render: (f: RenderFrame, out: RgbImage) => (seen.frames.push(f.learnedKeypoints!), neural.render(f, out)),
      close: () => neural.close(),
    };
    const decoder = await createDecoder({ models: [model], renderer: recording });
    const meshWarp = await createDecoder({ models: [model] });
    const { encoder, close } = await createEncoder({ frameRateHz: 25, model, learnedKeypointsModelDir: dir });
    try {
      expect(encoder.currentProfile).toMatchObject({ learnedKeypoints: detector.count, landmarkIds: [], expressionDims: 0 });
      const sent: Float32Array[] = [];
      const expected: Float32Array[] = [];
      let frameBytes = 0;
      let crop = { x: 0, y: 0, size: 0 };
      for await (const frame of readVideoFrames(clip('liveportrait_d18.mp4'), { maxFrames: 8 })) {
        for (const out of await encoder.encode(frame, sent.length * 40)) {
          if (out.type === 'keyframe') {
            crop = out.crop;
            expect(out.keyframe.params.learnedKeypoints).toHaveLength(detector.count * 3);
          }
          if (out.type === 'header') {
            // The mesh-warp receiver cannot draw learned keypoints and says so; its state is untouched.
            await expect(meshWarp.receive(out.bytes)).rejects.toMatchObject({ code: 'RENDERER_MISMATCH' });
            expect(meshWarp.streamHeader).toBeNull();
          }
          if (out.type !== 'frame') {
            await decoder.receive(out.bytes);
          } else {
            const decoded = await decoder.decodeFrame(out.bytes);
            expect(decoded.image.width).toBe(256);
            expect(decoded.image.data.some((v) => v > 0)).toBe(true);
            frameBytes += out.bytes.length;
            sent.push(slotsToLearnedKeypoints(out.reconstructed.keypointsMm));
            const region = { x: crop.x, y: crop.y, width: crop.size, height: crop.size };
            expected.push(await detector.keypoints(cropResize(frame, region, 256, 256)));
          }
        }
      }
      expect(sent).toHaveLength(8);
      // The receiver got exactly what the sender reconstructed, and that is the detector's output within half a step.
      expect(seen.frames).toHaveLength(8);
      seen.frames.forEach((f, i) => expect(Array.from(f)).toEqual(Array.from(sent[i])));
      const half = 256 / 511 / 2 / LEARNED_KEYPOINT_SCALE + 1e-6;
      expected.forEach((e, i) => expect(maxAbsDiff(sent[i], e)).toBeLessThanOrEqual(half));
      expect(maxAbsDiff(seen.keyframe!, expected[0])).toBeLessThan(1e-6);
      expect(frameBytes / 8).toBeLessThan(40);
      // A decoder with an unsupervised-mode renderer refuses a stream of face-model landmarks.
      const other = await createDecoder({ models: [model], renderer: await NeuralRenderer.create({ modelDir: dir, providers: ['cpu'] }) });
      const landmarkEncoder = await createEncoder({ frameRateHz: 25, model, profile: makeProfile() });
      const bytes = encodeMessage({ type: 'header', header: landmarkEncoder.encoder.header() });
      await expect(other.receive(bytes)).rejects.toMatchObject({ code: 'RENDERER_MISMATCH' });
      landmarkEncoder.close();
      await other.close();
    } finally {
      close();
      await decoder.close();
      await meshWarp.close();
    }
  }, 120000);
});
