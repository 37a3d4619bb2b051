/**
 * facecodec/browser in headless Chromium. Receiver: the bundle decodes streams recorded by the Node sender; with JPEG
 * keyframes its frames equal the Node decoder's within one grey level (mesh-warp renderer, built-in model fetched by
 * URL), with the Node default, AVIF keyframes, the browser's own AV1 decoder is measured against sharp's. Sender: the
 * page tracks (MediaPipe on tfjs WASM, a chunk loaded on demand), fits and encodes the same frames as the Node sender.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildBrowserBundle } from '../../scripts/build-browser.js';
import { createKeyframeCodec, loadFaceModel } from '../../src/codec.js';
import { encodeJpeg } from '../../src/media/jpeg-codec.js';
import type { RgbImage } from '../../src/media/rgb-image.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { decodeStreamInNode } from './decode-stream.js';
import { recordSampleStream, type RecordedStream } from './recorded-stream.js';
import { sdkFolders, startStaticServer, type StaticServer } from './static-server.js';

const JPEG_FRAMES = 24;
const AVIF_FRAMES = 12;

/** What the page reports back. */
interface PageResult {
  modelHash: string;
  frames: { width: number; height: number; base64: string }[];
  decodeMsPerFrame: number;
  /** Largest difference between the last frame and what drawRgbImage put on a canvas. */
  canvasMaxDiff: number;
  /** The bundle's JPEG encoding (q85) of the last frame: a browser sender's keyframe image. */
  lastFrameJpegBase64: string;
}

/** What the page's sender reports back. */
interface SenderResult {
  streamBase64: string;
  encodeMsPerFrame: number;
  trackerStartMs: number;
  framePackets: number;
}

/** Runs in the page: the MediaPipe tracker (tfjs chunk), fitter and encoder code the served frames into a stream file. */
async function encodeInPage(arg: { frames: number; width: number; height: number; frameRateHz: number }): Promise<SenderResult> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/' });
  const model = await fc.loadBuiltinFaceModelFromUrl();
  const all = new Uint8Array(await (await fetch('/frames.rgb')).arrayBuffer());
  const t0 = performance.now();
  const tracking = await fc.createFaceTracking({ tracker: { fps: arg.frameRateHz } });
  const trackerStartMs = performance.now() - t0;
  // As the Node sender's createEncoder wires it for JPEG keyframes at a fixed quality.
  const encoder = new fc.Encoder({ model, fitter: fc.createFitter(model), tracker: tracking.tracker, frameRateHz: arg.frameRateHz, keyframeJpegQuality: 85, keyframeCodec: new fc.JpegImageCodec(), keyframeSwitchDelayMs: 0 });
  const file = new fc.StreamFileWriter();
  const size = arg.width * arg.height * 3;
  let ms = 0;
  let framePackets = 0;
  for (let i = 0; i < arg.frames; i++) {
    const image = { width: arg.width, height: arg.height, data: all.subarray(i * size, (i + 1) * size) };
    const t1 = performance.now();
    const outputs = await encoder.encode(image, Math.round((i * 1000) / arg.frameRateHz));
    ms += performance.now() - t1;
    for (const o of outputs) {
      if (o.type === 'header') file.add({ type: 'header', header: o.header });
      else if (o.type === 'keyframe') file.add({ type: 'keyframe', keyframe: o.keyframe });
      else {
        file.add({ type: 'frame', packet: o.bytes });
        framePackets++;
      }
    }
  }
  encoder.close();
  tracking.close();
  const bytes: Uint8Array = file.finish();
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { streamBase64: btoa(s), encodeMsPerFrame: ms / arg.frames, trackerStartMs, framePackets };
}

/** Runs in the page: imports the bundle, fetches the model and the stream, decodes every message. */
async function decodeInPage(arg: { stream: string; codec: 'jpeg-js' | 'browser' }): Promise<PageResult> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/' });
  const model = await fc.loadBuiltinFaceModelFromUrl();
  const bytes = new Uint8Array(await (await fetch(arg.stream)).arrayBuffer());
  const keyframeCodec = arg.codec === 'browser' ? new fc.BrowserImageCodec() : new fc.JpegImageCodec();
  const decoder = new fc.Decoder({ models: [model], renderer: new fc.MeshWarpFaceRenderer(), keyframeCodec });
  const images: { width: number; height: number; data: Uint8Array }[] = [];
  let frameMs = 0;
  for (const entry of fc.readStreamFile(bytes)) {
    const t0 = performance.now();
    const event = await decoder.handle(entry.message);
    if (event.type === 'frame') {
      frameMs += performance.now() - t0;
      images.push(event.frame.image);
    }
  }
  await decoder.close();
  const last = images[images.length - 1];
  // `document` exists in the page; typed loosely because the project compiles without the DOM library.
  const doc = (globalThis as unknown as { document: { createElement(t: string): { width: number; height: number; getContext(k: string): unknown } } }).document;
  const canvas = doc.createElement('canvas');
  canvas.width = last.width;
  canvas.height = last.height;
  const ctx = canvas.getContext('2d') as { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  fc.drawRgbImage(ctx, last);
  const rgba = ctx.getImageData(0, 0, last.width, last.height).data;
  let canvasMaxDiff = 0;
  for (let i = 0, j = 0; i < last.data.length; i += 3, j += 4) {
    for (let c = 0; c < 3; c++) canvasMaxDiff = Math.max(canvasMaxDiff, Math.abs(rgba[j + c] - last.data[i + c]));
  }
  const base64 = (data: Uint8Array): string => {
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return btoa(s);
  };
  return {
    modelHash: model.dataHash,
    frames: images.map((im) => ({ width: im.width, height: im.height, base64: base64(im.data) })),
    decodeMsPerFrame: frameMs / Math.max(1, images.length),
    canvasMaxDiff,
    lastFrameJpegBase64: base64(fc.encodeJpeg(last, 85)),
  };
}

function imageOf(f: PageResult['frames'][number]): RgbImage {
  return { width: f.width, height: f.height, data: new Uint8Array(Buffer.from(f.base64, 'base64')) };
}

/** Largest and mean absolute channel difference, how many channel values differ, and the share over 3 levels. */
function compare(browser: RgbImage[], node: RgbImage[]): { max: number; mean: number; differing: number; over3: number } {
  let max = 0;
  let sum = 0;
  let differing = 0;
  let over3 = 0;
  let n = 0;
  browser.forEach((b, i) => {
    expect([b.width, b.height]).toEqual([node[i].width, node[i].height]);
    for (let k = 0; k < b.data.length; k++) {
      const d = Math.abs(b.data[k] - node[i].data[k]);
      sum += d;
      if (d > 0) differing++;
      if (d > 3) over3++;
      if (d > max) max = d;
    }
    n += b.data.length;
  });
  return { max, mean: sum / n, differing, over3: over3 / n };
}

if (!chromiumAvailable()) {
  const why = `browser tests skipped: ${CHROMIUM_PATH} not found (scripts/setup.sh installs Debian's chromium)`;
  process.stderr.write(`${why}\n`);
  test.skip(why, () => {});
} else {
  describe('facecodec/browser in headless Chromium', () => {
    let work: string;
    let bundle: Awaited<ReturnType<typeof buildBrowserBundle>>;
    let jpegStream: RecordedStream;
    let avifStream: RecordedStream;
    let server: StaticServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'facecodec-browser-'));
      bundle = await buildBrowserBundle(work);
      jpegStream = await recordSampleStream(JPEG_FRAMES);
      // The Node sender's defaults: AVIF keyframes with a person matte (the page's decoder draws the layers too).
      avifStream = await recordSampleStream(AVIF_FRAMES, { keyframeFormat: 'avif', keyframeBytes: 3500, personMatte: true });
      server = await startStaticServer(
        {
          '/': '<!doctype html><meta charset="utf-8"><title>facecodec browser test</title>',
          '/jpeg.fcs': jpegStream.bytes,
          '/avif.fcs': avifStream.bytes,
          '/frames.rgb': Buffer.concat(jpegStream.video.map((f) => f.data)),
        },
        sdkFolders(bundle.outdir),
      );
      browser = await launchChromium();
      page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`${server.url}/`);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test('the page is a secure context (WebGPU and other APIs need one)', async () => {
      expect(await page.evaluate(() => (globalThis as unknown as { isSecureContext: boolean }).isSecureContext)).toBe(true);
    });

    test("JPEG keyframes: the browser's frames equal the Node decoder's within 1 grey level", async () => {
      const reference = await decodeStreamInNode(jpegStream.bytes);
      expect(reference.length).toBe(jpegStream.framePackets);
      expect(reference.length).toBeGreaterThan(JPEG_FRAMES / 2);
      expect(jpegStream.keyframes).toBeGreaterThanOrEqual(1);
      const result = await page.evaluate(decodeInPage, { stream: '/jpeg.fcs', codec: 'jpeg-js' as const });
      expect(pageErrors).toEqual([]);
      expect(result.modelHash).toBe((await loadFaceModel()).dataHash);
      expect(result.frames.length).toBe(reference.length);
      const frames = result.frames.map(imageOf);
      const diff = compare(frames, reference);
      console.log(
        `browser decoder, JPEG keyframes: ${frames.length} frames of ${reference[0].width}x${reference[0].height}, max |browser - node| = ${diff.max} ` +
          `(${diff.differing} channel values differ), ${result.decodeMsPerFrame.toFixed(1)} ms/frame in Chromium; bundle ${bundle.initialBytes} B ` +
          `(${bundle.initialGzipBytes} B gzipped) + tracker chunks ${bundle.onDemandBytes} B (${bundle.onDemandGzipBytes} B gzipped)`,
      );
      expect(diff.max).toBeLessThanOrEqual(1);
      expect(result.canvasMaxDiff).toBe(0);
      // The bundle's keyframe encoder writes the bytes Node's writes (jpeg-js runs without Buffer there).
      const last = frames[frames.length - 1];
      expect(Buffer.from(result.lastFrameJpegBase64, 'base64').equals(Buffer.from(encodeJpeg(last, 85)))).toBe(true);
    });

    test("AVIF keyframes (the Node sender's default): the browser's AV1 decoder against sharp's", async () => {
      const reference = await decodeStreamInNode(avifStream.bytes, await createKeyframeCodec());
      expect(reference.length).toBe(avifStream.framePackets);
      const result = await page.evaluate(decodeInPage, { stream: '/avif.fcs', codec: 'browser' as const });
      expect(pageErrors).toEqual([]);
      expect(result.frames.length).toBe(reference.length);
      const diff = compare(result.frames.map(imageOf), reference);
      console.log(
        `browser decoder, AVIF keyframes: ${reference.length} frames, max |browser - node| = ${diff.max}, mean ${diff.mean.toFixed(3)} ` +
          `(${diff.differing} channel values differ, ${(diff.over3 * 100).toFixed(3)} % by more than 3), ${result.decodeMsPerFrame.toFixed(1)} ms/frame`,
      );
      expect(diff.mean).toBeLessThan(1);
      expect(diff.over3).toBeLessThan(0.01);
    });

    test("browser sender: the page's tracker, fitter and encoder code the frames as the Node sender does", async () => {
      const [first] = jpegStream.video;
      const result = await page.evaluate(encodeInPage, { frames: jpegStream.video.length, width: first.width, height: first.height, frameRateHz: jpegStream.frameRateHz });
      expect(pageErrors).toEqual([]);
      const browserStream = new Uint8Array(Buffer.from(result.streamBase64, 'base64'));
      const same = Buffer.from(browserStream).equals(Buffer.from(jpegStream.bytes));
      const fromBrowser = await decodeStreamInNode(browserStream);
      const fromNode = await decodeStreamInNode(jpegStream.bytes);
      const diff = compare(fromBrowser, fromNode.slice(0, fromBrowser.length));
      console.log(
        `browser sender: ${result.framePackets} frame packets (Node: ${jpegStream.framePackets}), stream ${browserStream.length} B (Node: ${jpegStream.bytes.length} B), ` +
          `byte-identical: ${same}; decoded max |browser - node| = ${diff.max}, mean ${diff.mean.toFixed(3)}; ` +
          `${result.encodeMsPerFrame.toFixed(1)} ms/frame to track, fit and encode in Chromium (tracker start ${result.trackerStartMs.toFixed(0)} ms)`,
      );
      expect(result.framePackets).toBe(jpegStream.framePackets);
      expect(fromBrowser.length).toBe(fromNode.length);
      // The same WASM landmark graphs, the same float fitting and the same JPEG coder: the very same bytes.
      expect(same).toBe(true);
    });
  });
}
