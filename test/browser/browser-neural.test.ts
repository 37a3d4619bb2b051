/**
 * @jest-environment ./test/decoder/native-typed-arrays-environment.cjs
 *
 * The shipped neural model (models/neural, `--renderer neural`) on onnxruntime-web in headless Chromium, through the
 * bundle's NeuralRenderer, its graphs fetched by URL: the keyframe and frame graphs on wasm for one fixed input (the
 * built-in portrait as keyframe, the built-in face model's keypoints with the head turned and the jaw open), against
 * onnxruntime-node's CPU provider; then setKeyframe/render, the renderer's own image and keypoint path, against
 * Node's within one grey level. Prints the per-frame times of both.
 *
 * Not on WebGPU: on this CI's adapter (SwiftShader, software Vulkan) one frame takes far longer than the ~20 s a CI
 * test can spend on it. Measured once, 2026-12-02, this same test on `webgpu` (`--enable-unsafe-webgpu`, 2 shared
 * cores at load 6): sessions 18.4 s, keyframe graph 12.1 s, first frame 75 s, then 62 s per frame; max |diff| to Node
 * 9.8e-7 and the rendered image equal (so the NCHW layout of src/browser/web-onnx-sessions.ts also removes the 5 %
 * WebGPU/wasm disagreement of ../shared/notes/platform-facts.md). The WebGPU session code is the refiner's, which
 * test/browser/browser-refiner.test.ts checks on SwiftShader every run.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBrowserBundle } from '../../scripts/build-browser.js';
import { BUILTIN_PORTRAIT } from '../../src/cli/builtin-sample.js';
import { NeuralRenderer, expressionFeature, normalizedKeypoints, normalizedRotation } from '../../src/decoder/neural/index.js';
import type { RenderFrame, RenderKeyframe } from '../../src/decoder/renderer.js';
import { loadBuiltinFaceModel } from '../../src/face/builtin/index.js';
import { neutralParams, type FaceShapeParams, type HeadPose } from '../../src/face/face-model.js';
import { cropResize } from '../../src/media/crop-resize.js';
import { decodeJpeg } from '../../src/media/jpeg-codec.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import { nodeFiles } from '../../src/node/node-files.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { startStaticServer, type StaticServer } from './static-server.js';

/** The keyframe crop's side (the network resizes it to its 128²). */
const CROP = 256;
/** Timed frame-graph runs after one warm-up. */
const RUNS = 3;
/**
 * Largest |difference| of the frame graph's output (0..1; 1/255 is one grey level) to onnxruntime-node's CPU output.
 * Observed 2026-12-02 (Chromium 156, onnxruntime-web 1.31.1, wasm, 1 thread): 1.04e-6, float32 rounding of the two
 * builds' kernels; the rendered 256² image was equal (0 grey levels). Per frame then: Node cpu 87 ms, page wasm 677 ms
 * (load 1.4); 159 ms and 1.66 s at load 6.
 */
const TOLERANCE = 1e-5;

/** Everything the page needs, as plain arrays (page.evaluate takes JSON). */
interface FixedInput {
  planes: number[];
  kpSource: number[];
  kpDriving: number[];
  rotSource: number[];
  rotDriving: number[];
  expression: number[];
  keyImage: number[];
  keypoints68Mm: number[];
  keyPose: { rotationRad: number[]; translationPx: number[]; pixelsPerMm: number };
  framePose: { rotationRad: number[]; translationPx: number[]; pixelsPerMm: number };
  frameParams: { expression: number[]; jawRad: number[] };
  frameKeypointsMm: number[];
  landmarkIds: number[];
}

interface PageRun {
  provider: string;
  openMs: number;
  keyframeMs: number;
  firstFrameMs: number;
  frameMs: number[];
  output: number[];
  renderMs: number;
  rendered: number[];
}

/** Runs in the page: the bundle's NeuralRenderer on `provider`, graphs and direct path, then setKeyframe/render. */
async function neuralInPage(arg: { provider: 'webgpu' | 'wasm'; runs: number; crop: number; input: FixedInput }): Promise<PageRun> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/', onnxWasmUrl: '/ort/' });
  const { input } = arg;
  const f32 = (a: number[]): Float32Array => Float32Array.from(a);
  const t0 = performance.now();
  const renderer = await fc.NeuralRenderer.create({ providers: [arg.provider] });
  const openMs = performance.now() - t0;
  const t1 = performance.now();
  await renderer.runKeyframe(f32(input.planes));
  const keyframeMs = performance.now() - t1;
  const frameInputs = { kpSource: f32(input.kpSource), kpDriving: f32(input.kpDriving), rotSource: f32(input.rotSource), rotDriving: f32(input.rotDriving), expression: f32(input.expression) };
  const t2 = performance.now();
  let output: Float32Array = await renderer.runFrame(frameInputs);
  const firstFrameMs = performance.now() - t2;
  const frameMs: number[] = [];
  for (let i = 0; i < arg.runs; i++) {
    const t = performance.now();
    output = await renderer.runFrame(frameInputs);
    frameMs.push(performance.now() - t);
  }
  // The renderer's whole path: the built-in face model by URL, keypoints in mm and poses mapped in the bundle.
  const model = await fc.loadBuiltinFaceModelFromUrl();
  const pose = (p: FixedInput['keyPose']) => ({ rotationRad: f32(p.rotationRad), translationPx: f32(p.translationPx), pixelsPerMm: p.pixelsPerMm });
  const params = { ...fc.neutralParams(model), expression: f32(input.frameParams.expression), jawRad: f32(input.frameParams.jawRad) };
  await renderer.setKeyframe({
    image: { width: arg.crop, height: arg.crop, data: Uint8Array.from(input.keyImage) },
    model,
    params: fc.neutralParams(model),
    pose: pose(input.keyPose),
    keypoints68Mm: f32(input.keypoints68Mm),
  });
  const out = fc.createRgbImage(arg.crop, arg.crop);
  const t3 = performance.now();
  await renderer.render(
    { params, pose: pose(input.framePose), keypointsMm: f32(input.frameKeypointsMm), landmarkIds: input.landmarkIds, receivedExpressionDims: input.frameParams.expression.length },
    out,
  );
  const renderMs = performance.now() - t3;
  const provider: string = renderer.provider;
  await renderer.close();
  return { provider, openMs, keyframeMs, firstFrameMs, frameMs, output: Array.from(output), renderMs, rendered: Array.from(out.data as Uint8Array) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The fixed input: the built-in portrait as keyframe; the frame turns the head, opens the jaw and sets two expressions. */
function fixedInput(renderer: NeuralRenderer): { input: FixedInput; keyframe: RenderKeyframe; frame: RenderFrame } {
  const model = loadBuiltinFaceModel();
  const portrait = decodeJpeg(readFileSync(BUILTIN_PORTRAIT));
  const side = Math.min(portrait.width, portrait.height);
  const keyImage = cropResize(portrait, { x: (portrait.width - side) / 2, y: (portrait.height - side) / 2, width: side, height: side }, CROP, CROP);
  const keyParams = neutralParams(model);
  const keyPose: HeadPose = { rotationRad: new Float32Array(3), translationPx: Float32Array.of(CROP / 2, CROP * 0.55), pixelsPerMm: 1.2 };
  const keypoints68Mm = model.landmarks68(keyParams);
  const frameParams: FaceShapeParams = neutralParams(model);
  frameParams.jawRad[0] = 0.25;
  frameParams.expression[0] = 1.5;
  frameParams.expression[3] = -1;
  const framePose: HeadPose = { rotationRad: Float32Array.of(0.05, 0.2, -0.05), translationPx: Float32Array.of(CROP / 2 + 6, CROP * 0.55), pixelsPerMm: 1.25 };
  const frameKeypoints68 = model.landmarks68(frameParams);
  const config = renderer.config;
  const s = config.imageSizePx;
  const resized = cropResize(keyImage, { x: 0, y: 0, width: CROP, height: CROP }, s, s);
  const planes = new Float32Array(3 * s * s);
  for (let i = 0; i < s * s; i++) for (let c = 0; c < 3; c++) planes[c * s * s + i] = resized.data[i * 3 + c] / 255;
  const k = config.landmarkIds.length;
  const kpSource = normalizedKeypoints(keypoints68Mm, config.landmarkIds, keyPose, CROP, new Float32Array(k * 3));
  const kpDriving = normalizedKeypoints(frameKeypoints68, config.landmarkIds, framePose, CROP, new Float32Array(k * 3));
  const rotSource = normalizedRotation(keyPose.rotationRad, new Float32Array(9));
  const rotDriving = normalizedRotation(framePose.rotationRad, new Float32Array(9));
  const receivedDims = 10;
  const expression = expressionFeature(frameParams.expression, frameParams.jawRad, receivedDims, config.expressionDims, config.jawDims, new Float32Array(config.jawDims + config.expressionDims));
  // All 68 landmarks are sent: the frame's keypoints need no face-model fill-in.
  const landmarkIds = Array.from({ length: 68 }, (_, i) => i);
  const plainPose = (p: HeadPose) => ({ rotationRad: Array.from(p.rotationRad), translationPx: Array.from(p.translationPx), pixelsPerMm: p.pixelsPerMm });
  const input: FixedInput = {
    planes: Array.from(planes),
    kpSource: Array.from(kpSource),
    kpDriving: Array.from(kpDriving),
    rotSource: Array.from(rotSource),
    rotDriving: Array.from(rotDriving),
    expression: Array.from(expression),
    keyImage: Array.from(keyImage.data),
    keypoints68Mm: Array.from(keypoints68Mm),
    keyPose: plainPose(keyPose),
    framePose: plainPose(framePose),
    frameParams: { expression: Array.from(frameParams.expression.subarray(0, receivedDims)), jawRad: Array.from(frameParams.jawRad) },
    frameKeypointsMm: Array.from(frameKeypoints68),
    landmarkIds,
  };
  const keyframe: RenderKeyframe = { image: keyImage, model, params: keyParams, pose: keyPose, keypoints68Mm };
  const frame: RenderFrame = {
    params: { ...frameParams, expression: Float32Array.from(input.frameParams.expression) },
    pose: framePose,
    keypointsMm: frameKeypoints68,
    landmarkIds,
    receivedExpressionDims: receivedDims,
  };
  return { input, keyframe, frame };
}

if (!chromiumAvailable()) {
  const why = `browser neural renderer skipped: ${CHROMIUM_PATH} not found (scripts/setup.sh installs Debian's chromium)`;
  process.stderr.write(`${why}\n`);
  test.skip(why, () => {});
} else {
  describe('the neural renderer on onnxruntime-web', () => {
    let work: string;
    let server: StaticServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let input: FixedInput;
    let expected: Float32Array;
    let expectedRender: RgbImage;
    let nodeFrameMs: number[];
    let nodeRenderMs: number;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'facecodec-browser-neural-'));
      const renderer = await NeuralRenderer.create({ providers: ['cpu'] });
      const fixed = fixedInput(renderer);
      input = fixed.input;
      const f32 = (a: number[]): Float32Array => Float32Array.from(a);
      await renderer.runKeyframe(f32(input.planes));
      const frameInputs = { kpSource: f32(input.kpSource), kpDriving: f32(input.kpDriving), rotSource: f32(input.rotSource), rotDriving: f32(input.rotDriving), expression: f32(input.expression) };
      expected = (await renderer.runFrame(frameInputs)).slice();
      nodeFrameMs = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await renderer.runFrame(frameInputs);
        nodeFrameMs.push(performance.now() - t);
      }
      await renderer.setKeyframe(fixed.keyframe);
      expectedRender = createRgbImage(CROP, CROP);
      const t = performance.now();
      await renderer.render(fixed.frame, expectedRender);
      nodeRenderMs = performance.now() - t;
      await renderer.close();
      const bundle = await buildBrowserBundle(path.join(work, 'bundle'));
      server = await startStaticServer(
        { '/': '<!doctype html><meta charset="utf-8"><title>facecodec neural</title>' },
        { '/ort/': nodeFiles.root('onnxruntime-web'), '/models/': path.join(PACKAGE_ROOT, 'models'), '/': bundle.outdir },
      );
      browser = await launchChromium();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test('wasm matches onnxruntime-node CPU on a fixed input, graph by graph and through setKeyframe/render', async () => {
      const page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`${server.url}/`);
      const got = await page.evaluate(neuralInPage, { provider: 'wasm' as const, runs: RUNS, crop: CROP, input });
      await page.close();
      let maxDiff = 0, sum = 0;
      for (let i = 0; i < expected.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(got.output[i] - expected[i]));
        sum += expected[i];
      }
      let renderDiff = 0;
      for (let i = 0; i < expectedRender.data.length; i++) renderDiff = Math.max(renderDiff, Math.abs(got.rendered[i] - expectedRender.data[i]));
      console.log(
        `neural ${Math.sqrt(expected.length / 3)}² on onnxruntime-web ${got.provider}: sessions ${got.openMs.toFixed(0)} ms, keyframe graph ${got.keyframeMs.toFixed(0)} ms, ` +
          `first frame ${got.firstFrameMs.toFixed(0)} ms, then ${median(got.frameMs).toFixed(0)} ms median per frame (render at ${CROP}² ${got.renderMs.toFixed(0)} ms); ` +
          `onnxruntime-node cpu ${median(nodeFrameMs).toFixed(1)} ms per frame (render ${nodeRenderMs.toFixed(0)} ms); ` +
          `max |diff| to node ${maxDiff.toExponential(2)} (tolerance ${TOLERANCE}), rendered image max diff ${renderDiff} grey levels`,
      );
      expect(pageErrors).toEqual([]);
      expect(got.provider).toBe('wasm');
      expect(got.output.length).toBe(expected.length);
      // Not a blank output: the generator paints an image.
      expect(sum / expected.length).toBeGreaterThan(0.05);
      expect(maxDiff).toBeLessThan(TOLERANCE);
      expect(got.rendered.length).toBe(expectedRender.data.length);
      expect(renderDiff).toBeLessThanOrEqual(1);
    }, 300_000);
  });
}
