/**
 * @jest-environment ./test/decoder/native-typed-arrays-environment.cjs
 *
 * The shipped refiner (models/refiner, `mesh-warp+refine`) on onnxruntime-web in headless Chromium, through the
 * bundle's OnnxRefinerRunner: on the WebGPU provider (SwiftShader: a software Vulkan, so correctness here, not speed)
 * and on wasm, for one fixed input (a real mesh-warp render's network input), against onnxruntime-node's CPU
 * provider. Prints the per-frame inference times of the three. Then the whole receiver: a stream recorded by the Node
 * sender decodes in the page through `mesh-warp+refine` (wasm) to Node's frames within one grey level.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBrowserBundle } from '../../scripts/build-browser.js';
import { OnnxRefinerRunner } from '../../src/decoder/refiner/onnx-refiner-runner.js';
import { REFINER_CHANNEL, REFINER_INPUT_CHANNELS, RefinedFaceRenderer } from '../../src/decoder/refiner/index.js';
import type { RenderFrame } from '../../src/decoder/renderer.js';
import { loadBuiltinFaceModel } from '../../src/face/builtin/index.js';
import { neutralParams, type HeadPose } from '../../src/face/face-model.js';
import { readStreamFile } from '../../src/bitstream/index.js';
import { createDecoder } from '../../src/codec.js';
import { JpegImageCodec } from '../../src/media/jpeg-image-codec.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import { nodeFiles } from '../../src/node/node-files.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { recordSampleStream, type RecordedStream } from './recorded-stream.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const SIDE = 256;
/** Timed runs per provider after one warm-up (WebGPU on SwiftShader takes seconds a run on two shared cores). */
const RUNS = 3;
/**
 * Largest |difference| to onnxruntime-node's CPU output allowed, on the 0..1 scale (1/255 is one grey level).
 * Observed 2026-12-02 (Chromium 156, onnxruntime-web 1.31.1, SwiftShader): webgpu 4.2e-7, wasm 3.0e-7 (float32
 * rounding). The WebGPU provider's default NHWC layout was 0.50 off (its first convolution, 9 channels, stride 2):
 * src/browser/web-onnx-sessions.ts opens WebGPU sessions in NCHW.
 */
const TOLERANCE = { webgpu: 1e-5, wasm: 1e-5 } as const;

interface PageRun {
  provider: string;
  adapter: string | null;
  openMs: number;
  firstRunMs: number;
  runMs: number[];
  output: number[];
  /** What the page's runtime picks when a network is not told (and for a GPU-first one). */
  defaults: string[];
  gpuFirst: string[];
}

/** Runs in the page: the bundle's refiner runner on `provider`, on the served input. */
async function refineInPage(arg: { provider: 'webgpu' | 'wasm'; side: number; runs: number }): Promise<PageRun> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/', onnxWasmUrl: '/ort/' });
  const input = new Float32Array(await (await fetch('/input.f32')).arrayBuffer());
  const t0 = performance.now();
  const runner = await fc.OnnxRefinerRunner.create({ providers: [arg.provider] });
  const openMs = performance.now() - t0;
  const t1 = performance.now();
  let output: Float32Array = await runner.run(input, arg.side, arg.side);
  const firstRunMs = performance.now() - t1;
  const runMs: number[] = [];
  for (let i = 0; i < arg.runs; i++) {
    const t = performance.now();
    output = await runner.run(input, arg.side, arg.side);
    runMs.push(performance.now() - t);
  }
  const provider: string = runner.provider;
  await runner.close();
  const defaults: string[] = [...(await fc.webOnnxSessions.defaultProviders())];
  const gpuFirst: string[] = [...(await fc.webOnnxSessions.gpuProviders())];
  return { provider, adapter: await fc.webGpuAdapter(), openMs, firstRunMs, runMs, output: Array.from(output), defaults, gpuFirst };
}

/** The refiner input of a real render: the built-in model's face on a textured keyframe, the jaw open and the head turned. */
async function fixedInput(): Promise<Float32Array> {
  const model = loadBuiltinFaceModel();
  const params = neutralParams(model);
  const pose: HeadPose = { rotationRad: new Float32Array(3), translationPx: Float32Array.of(SIDE / 2, SIDE / 2), pixelsPerMm: 1.3 };
  const image = createRgbImage(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) image.data.set([(i * 7) % 256, ((i >> 8) * 5) % 256, 120], i * 3);
  const frameParams = neutralParams(model);
  frameParams.jawRad[0] = 0.2;
  const frame: RenderFrame = { params: frameParams, pose: { ...pose, rotationRad: Float32Array.of(0, 0.15, 0) }, keypointsMm: new Float32Array(0), landmarkIds: [], receivedExpressionDims: 0 };
  let input: Float32Array | undefined;
  const renderer = new RefinedFaceRenderer({ capture: (c) => void (input = c.input.slice()) });
  renderer.setKeyframe({ image, model, params, pose, keypoints68Mm: model.landmarks68(params) });
  await renderer.render(frame, createRgbImage(SIDE, SIDE));
  await renderer.close();
  return input!;
}

/** Frames of the recorded stream decoded through the refiner, in the page and in Node. */
const STREAM_FRAMES = 8;

/** Runs in the page: the bundle's Decoder with `mesh-warp+refine` on wasm decodes the served stream. */
async function decodeRefinedInPage(): Promise<{ provider: string; msPerFrame: number; frames: { width: number; height: number; base64: string }[] }> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/', onnxWasmUrl: '/ort/' });
  const model = await fc.loadBuiltinFaceModelFromUrl();
  const renderer = new fc.RefinedFaceRenderer({ runner: await fc.OnnxRefinerRunner.create({ providers: ['wasm'] }) });
  const decoder = new fc.Decoder({ models: [model], renderer, keyframeCodec: new fc.BrowserImageCodec() });
  const bytes = new Uint8Array(await (await fetch('/stream.fcs')).arrayBuffer());
  const frames: { width: number; height: number; base64: string }[] = [];
  let ms = 0;
  for (const entry of fc.readStreamFile(bytes)) {
    const t = performance.now();
    const event = await decoder.handle(entry.message);
    if (event.type !== 'frame') continue;
    ms += performance.now() - t;
    const d: Uint8Array = event.frame.image.data;
    let s = '';
    for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode(...d.subarray(i, i + 0x8000));
    frames.push({ width: event.frame.image.width, height: event.frame.image.height, base64: btoa(s) });
  }
  const provider: string = renderer.provider;
  await decoder.close();
  return { provider, msPerFrame: ms / Math.max(1, frames.length), frames };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!chromiumAvailable()) {
  const why = `browser refiner skipped: ${CHROMIUM_PATH} not found (scripts/setup.sh installs Debian's chromium)`;
  process.stderr.write(`${why}\n`);
  test.skip(why, () => {});
} else {
  describe('the refiner on onnxruntime-web', () => {
    let work: string;
    let server: StaticServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let input: Float32Array;
    let expected: Float32Array;
    let nodeRunMs: number[];
    let stream: RecordedStream;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'facecodec-browser-refiner-'));
      input = await fixedInput();
      const runner = await OnnxRefinerRunner.create();
      expected = (await runner.run(input, SIDE, SIDE)).slice();
      nodeRunMs = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await runner.run(input, SIDE, SIDE);
        nodeRunMs.push(performance.now() - t);
      }
      await runner.close();
      stream = await recordSampleStream(STREAM_FRAMES);
      const bundle = await buildBrowserBundle(path.join(work, 'bundle'));
      server = await startStaticServer(
        { '/': '<!doctype html><meta charset="utf-8"><title>facecodec refiner</title>', '/input.f32': new Uint8Array(input.buffer, input.byteOffset, input.byteLength), '/stream.fcs': stream.bytes },
        { '/ort/': nodeFiles.root('onnxruntime-web'), '/models/': path.join(PACKAGE_ROOT, 'models'), '/': bundle.outdir },
      );
      browser = await launchChromium(['--enable-unsafe-webgpu']);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test.each(['webgpu', 'wasm'] as const)('%s matches onnxruntime-node CPU on a real render input', async (provider) => {
      const page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`${server.url}/`);
      const got = await page.evaluate(refineInPage, { provider, side: SIDE, runs: RUNS });
      await page.close();
      let maxDiff = 0, maxChange = 0, outsideDiff = 0;
      const plane = SIDE * SIDE;
      for (let i = 0; i < expected.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(got.output[i] - expected[i]));
        maxChange = Math.max(maxChange, Math.abs(expected[i] - input[i]));
        // Outside the face mask the network passes the warp through: on every runtime.
        if (input[REFINER_CHANNEL.face * plane + (i % plane)] === 0) outsideDiff = Math.max(outsideDiff, Math.abs(got.output[i] - input[i]));
      }
      console.log(
        `refiner ${SIDE}² on onnxruntime-web ${got.provider}${provider === 'webgpu' ? ` (adapter ${got.adapter})` : ''}: session ${got.openMs.toFixed(0)} ms, ` +
          `first run ${got.firstRunMs.toFixed(0)} ms, then ${median(got.runMs).toFixed(1)} ms median per frame; onnxruntime-node cpu (1 thread) ` +
          `${median(nodeRunMs).toFixed(1)} ms; max |diff| to node ${maxDiff.toExponential(2)} (tolerance ${TOLERANCE[provider]}), outside the face ${outsideDiff.toExponential(2)}`,
      );
      expect(pageErrors).toEqual([]);
      expect(got.provider).toBe(provider);
      if (provider === 'webgpu') expect(got.adapter).not.toBeNull();
      // Headless Chromium's adapter is SwiftShader: used when named, never by default (6-10 s a frame against wasm's 0.1).
      expect(got.adapter).toMatch(/swiftshader/i);
      expect(got.defaults).toEqual(['wasm']);
      expect(got.gpuFirst).toEqual([]);
      expect(got.output.length).toBe(3 * plane);
      expect(expected.length).toBe(3 * plane);
      expect(input.length).toBe(REFINER_INPUT_CHANNELS * plane);
      // The network does change the face (an identity would match too).
      expect(maxChange).toBeGreaterThan(0.02);
      expect(maxDiff).toBeLessThan(TOLERANCE[provider]);
      expect(outsideDiff).toBeLessThan(1e-6);
    }, 300_000);

    test('a recorded stream decodes through mesh-warp+refine (wasm) in the page as in Node, within one grey level', async () => {
      const page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`${server.url}/`);
      const got = await page.evaluate(decodeRefinedInPage);
      await page.close();
      const decoder = await createDecoder({ renderer: 'mesh-warp+refine', keyframeCodec: new JpegImageCodec() });
      const expectedFrames: RgbImage[] = [];
      for (const entry of readStreamFile(stream.bytes)) {
        const event = await decoder.handle(entry.message);
        if (event.type === 'frame') expectedFrames.push(event.frame.image);
      }
      await decoder.close();
      let maxDiff = 0, off = 0;
      for (const [i, f] of got.frames.entries()) {
        const bytes = Buffer.from(f.base64, 'base64');
        const want = expectedFrames[i].data;
        for (let k = 0; k < want.length; k++) {
          const d = Math.abs(bytes[k] - want[k]);
          maxDiff = Math.max(maxDiff, d);
          if (d > 0) off++;
        }
      }
      console.log(`mesh-warp+refine in the page (${got.provider}): ${got.frames.length} frames, ${got.msPerFrame.toFixed(0)} ms per frame to decode; max difference to Node ${maxDiff} grey levels, ${off} values differ`);
      expect(pageErrors).toEqual([]);
      expect(got.provider).toBe('wasm');
      expect(got.frames.length).toBe(expectedFrames.length);
      expect(got.frames.length).toBeGreaterThanOrEqual(STREAM_FRAMES - 2);
      expect(maxDiff).toBeLessThanOrEqual(1);
    }, 300_000);
  });
}
