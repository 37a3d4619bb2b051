/**
 * facecodec/browser in headless Chromium: the bundle decodes a stream recorded by the Node sender, and its frames
 * equal the Node decoder's within one grey level (mesh-warp renderer, JPEG keyframes, built-in model fetched by URL).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBrowserBundle } from '../../scripts/build-browser.js';
import { loadFaceModel } from '../../src/codec.js';
import { encodeJpeg } from '../../src/media/jpeg-codec.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { decodeStreamInNode } from './decode-stream.js';
import { recordSampleStream } from './recorded-stream.js';
import { startStaticServer } from './static-server.js';

const FRAMES = 24;

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

/** Runs in the page: imports the bundle, fetches the model and the stream, decodes every message. */
async function decodeInPage(): Promise<PageResult> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/' });
  const model = await fc.loadBuiltinFaceModelFromUrl();
  const bytes = new Uint8Array(await (await fetch('/stream.fcs')).arrayBuffer());
  const decoder = new fc.Decoder({ models: [model], renderer: new fc.MeshWarpFaceRenderer(), keyframeCodec: new fc.JpegImageCodec() });
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

if (!chromiumAvailable()) {
  const why = `browser decoder test skipped: ${CHROMIUM_PATH} not found (scripts/setup.sh installs Debian's chromium)`;
  process.stderr.write(`${why}\n`);
  test.skip(why, () => {});
} else {
  test('the browser bundle decodes a recorded stream to the Node decoder\'s frames within 1 grey level', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'facecodec-browser-'));
    const bundle = await buildBrowserBundle(path.join(work, 'facecodec.js'));
    const stream = await recordSampleStream(FRAMES);
    const reference = await decodeStreamInNode(stream.bytes);
    expect(reference.length).toBe(stream.framePackets);
    expect(reference.length).toBeGreaterThan(FRAMES / 2);
    expect(stream.keyframes).toBeGreaterThanOrEqual(1);

    const server = await startStaticServer(
      {
        '/': '<!doctype html><meta charset="utf-8"><title>facecodec browser test</title>',
        '/facecodec.js': await readFile(bundle.outfile),
        '/stream.fcs': stream.bytes,
      },
      { '/models/': path.join(PACKAGE_ROOT, 'models') },
    );
    const browser = await launchChromium();
    const pageErrors: string[] = [];
    try {
      const page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`${server.url}/`);
      expect(await page.evaluate(() => (globalThis as unknown as { isSecureContext: boolean }).isSecureContext)).toBe(true);
      const result = await page.evaluate(decodeInPage);
      expect(pageErrors).toEqual([]);
      expect(result.modelHash).toBe((await loadFaceModel()).dataHash);
      expect(result.frames.length).toBe(reference.length);
      let maxDiff = 0;
      let differing = 0;
      result.frames.forEach((f, i) => {
        const ref = reference[i];
        expect([f.width, f.height]).toEqual([ref.width, ref.height]);
        const data = Buffer.from(f.base64, 'base64');
        expect(data.length).toBe(ref.data.length);
        for (let k = 0; k < data.length; k++) {
          const d = Math.abs(data[k] - ref.data[k]);
          if (d > 0) differing++;
          if (d > maxDiff) maxDiff = d;
        }
      });
      console.log(
        `browser decoder: ${result.frames.length} frames of ${reference[0].width}x${reference[0].height}, max |browser - node| = ${maxDiff} ` +
          `(${differing} channel values differ), ${result.decodeMsPerFrame.toFixed(1)} ms/frame in Chromium, bundle ${bundle.bytes} B (${bundle.gzipBytes} B gzipped)`,
      );
      expect(maxDiff).toBeLessThanOrEqual(1);
      expect(result.canvasMaxDiff).toBe(0);
      // The bundle's keyframe encoder writes the bytes Node's writes (jpeg-js runs without Buffer there).
      const last = result.frames[result.frames.length - 1];
      const lastImage = { width: last.width, height: last.height, data: new Uint8Array(Buffer.from(last.base64, 'base64')) };
      expect(Buffer.from(result.lastFrameJpegBase64, 'base64').equals(Buffer.from(encodeJpeg(lastImage, 85)))).toBe(true);
    } finally {
      await browser.close();
      await server.close();
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
}
