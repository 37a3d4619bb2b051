// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * A call between two pages of one headless Chromium, signaled through the project's SignalingServer: the sender's
 * camera is a shared clip played through Chromium's fake capture device (getUserMedia), each frame goes through the
 * page's tracker, fitter and encoder onto the data channel, and the other page decodes it and draws it on a canvas.
 * At least 95 % of the frames sent over 10 s must be decoded, and face-api must find a face in a screenshot of the
 * receiving page's canvas.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { buildBrowserBundle } from '../../scripts/build-browser.js';
import { FaceEvaluator } from '../../src/metrics/index.js';
import { sharedClip } from '../../src/paths.js';
import { SignalingServer } from '../../src/transport/index.js';
import { startPageReceiver, type PageWindow } from './call-pages.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, LOOPBACK_WEBRTC_FLAGS } from './chromium.js';
import { sdkFolders, startStaticServer, type StaticServer } from './static-server.js';

const CLIP = sharedClip('liveportrait_d10.mp4');
const CALL_SECONDS = 10;
/** The camera's size and rate: the fake device plays the .y4m at its own size and rate. */
const CAMERA_PX = 256;
const CAMERA_HZ = 12.5;
/** As in browser-call.test.ts: on two shared cores the receiving page runs behind while the sending page tracks. */
const STALE_AFTER_MS = 3000;

/** What the sending page reports. */
interface CameraSenderResult {
  framesGrabbed: number;
  framesSent: number;
  keyframesSent: number;
  encodeMsMedian: number;
  encodeMsMean: number;
  seconds: number;
  width: number;
  height: number;
}

/** Runs in the sending page: getUserMedia (the fake device) -> canvas -> RgbImage -> CodecSender, for `seconds`. */
async function runCameraSender(arg: { url: string; room: string; frameRateHz: number; seconds: number }): Promise<CameraSenderResult> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/' });
  type Video = { srcObject: unknown; muted: boolean; videoWidth: number; videoHeight: number; play(): Promise<void> };
  type Ctx = { drawImage(v: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  const g = globalThis as unknown as {
    navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<{ getTracks(): { stop(): void }[] }> } };
    document: { createElement(t: 'video'): Video; createElement(t: 'canvas'): { width: number; height: number; getContext(k: string, o?: object): Ctx } };
  };
  const stream = await g.navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  const video = g.document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  const width = video.videoWidth;
  const height = video.videoHeight;
  const canvas = g.document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const grab = (): unknown => {
    ctx.drawImage(video, 0, 0);
    return fc.rgbaToRgb(ctx.getImageData(0, 0, width, height).data, width, height);
  };
  const model = await fc.loadBuiltinFaceModelFromUrl();
  const tracking = await fc.createFaceTracking({ tracker: { fps: arg.frameRateHz } });
  // Compile the WASM graphs before the call (seconds on two cores).
  for (let i = 0; i < 2; i++) {
    const image = grab();
    const [box] = await tracking.landmarker.detectFaces(image);
    if (box) await tracking.landmarker.landmarks(image, box);
  }
  const encoder = new fc.Encoder({ model, fitter: fc.createFitter(model), tracker: tracking.tracker, frameRateHz: arg.frameRateHz, keyframeJpegQuality: 85, keyframeCodec: new fc.JpegImageCodec(), keyframeSwitchDelayMs: 0 });
  const link = await fc.connectBrowserPeer({ url: arg.url, room: arg.room, role: 'offerer', link: { rtcConfig: { iceServers: [] } } });
  const sender = new fc.CodecSender({ link, encoder });
  sender.own(encoder);
  sender.own(tracking);
  const periodMs = 1000 / arg.frameRateHz;
  const frameMs: number[] = [];
  const start = performance.now();
  let framesGrabbed = 0;
  // A camera at frameRateHz: each tick grabs the video's current picture; ticks missed while encoding are skipped.
  while (performance.now() - start < arg.seconds * 1000) {
    const i = Math.ceil((performance.now() - start) / periodMs);
    const waitMs = start + i * periodMs - performance.now();
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    const image = grab();
    framesGrabbed++;
    const t1 = performance.now();
    await sender.send(image, Math.round(i * periodMs));
    frameMs.push(performance.now() - t1);
  }
  sender.flushFrames();
  const seconds = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  const s = sender.stats();
  await sender.close();
  for (const track of stream.getTracks()) track.stop();
  const sorted = [...frameMs].sort((a, b) => a - b);
  return {
    framesGrabbed,
    framesSent: s.framesSent,
    keyframesSent: s.keyframesSent,
    encodeMsMedian: sorted[Math.floor(sorted.length / 2)],
    encodeMsMean: frameMs.reduce((a, b) => a + b, 0) / Math.max(1, frameMs.length),
    seconds,
    width,
    height,
  };
}

const skip = !chromiumAvailable() ? `${CHROMIUM_PATH} not found (scripts/setup.sh installs Debian's chromium)` : !existsSync(CLIP) ? `${CLIP} not found` : undefined;
if (skip) {
  const why = `two-tab browser call skipped: ${skip}`;
  process.stderr.write(`${why}\n`);
  test.skip(why, () => {});
} else {
  describe('a call between two browser tabs', () => {
    let work: string;
    let server: StaticServer;
    let signaling: SignalingServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'facecodec-two-tab-'));
      const camera = path.join(work, 'camera.y4m');
      // The fake capture device reads raw YUV only; 14 s of the clip, which it loops.
      execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', CLIP, '-t', '14', '-vf', `scale=${CAMERA_PX}:${CAMERA_PX},fps=25`, '-pix_fmt', 'yuv420p', '-y', camera]);
      const bundle = await buildBrowserBundle(path.join(work, 'bundle'));
      server = await startStaticServer(
        { '/': '<!doctype html><meta charset="utf-8"><title>facecodec two-tab call</title>' },
        sdkFolders(bundle.outdir),
      );
      signaling = await SignalingServer.listen({ port: 0 });
      browser = await launchChromium([...LOOPBACK_WEBRTC_FLAGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${camera}`]);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await signaling?.close();
      await server?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test('camera -> page encoder -> data channel -> other page decoder: at least 95 % of the frames sent decode, and the picture has a face', async () => {
      const [senderPage, receiverPage] = [await browser.context.newPage(), await browser.context.newPage()];
      for (const page of [senderPage, receiverPage]) {
        page.on('pageerror', (e) => pageErrors.push(String(e)));
        await page.goto(`${server.url}/`);
      }
      const room = 'two-tabs';
      await browser.context.grantPermissions(['camera'], { origin: server.url });
      const [sent] = await Promise.all([
        senderPage.evaluate(runCameraSender, { url: signaling.url, room, frameRateHz: CAMERA_HZ, seconds: CALL_SECONDS }),
        receiverPage.evaluate(startPageReceiver, { url: signaling.url, room, staleAfterMs: STALE_AFTER_MS }),
      ]);
      // The canvas shows the last frame received; the screenshot is what a user of the receiving tab would see.
      const png = await receiverPage.locator('#received').screenshot();
      // Kept for a look (out/ is not committed).
      await mkdir(path.resolve('out', 'two-tab-call'), { recursive: true });
      await writeFile(path.resolve('out', 'two-tab-call', 'received.png'), png);
      const got = await receiverPage.evaluate(() => (globalThis as unknown as PageWindow).__call!.stats());
      const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const evaluator = await FaceEvaluator.create({ descriptor: false, expression: false });
      const face = await evaluator.analyze({ width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
      await evaluator.close();
      console.log(
        `two tabs: camera ${sent.width}x${sent.height} at ${CAMERA_HZ} fps for ${sent.seconds.toFixed(1)} s, ${sent.framesGrabbed} frames grabbed, ${sent.framesSent} sent ` +
          `(${(sent.framesSent / sent.seconds).toFixed(1)} fps; ${sent.encodeMsMedian.toFixed(1)} ms median, ${sent.encodeMsMean.toFixed(1)} ms mean to track, fit and encode), ` +
          `${sent.keyframesSent} keyframes; receiver decoded ${got.framesDecoded} (${((100 * got.framesDecoded) / sent.framesSent).toFixed(1)} %), ` +
          `arrival -> rendered p50 ${got.decodeMsP50.toFixed(1)} ms, p95 ${got.decodeMsP95.toFixed(1)} ms, capture -> shown p50 ${got.delayMsP50.toFixed(0)} ms; ` +
          `lost ${got.framesLost}, dropped ${JSON.stringify(got.dropsByReason)}; face-api on the screenshot (${info.width}x${info.height}): ` +
          `${face ? `face, score ${face.detectionScore.toFixed(2)}` : 'no face'}`,
      );
      expect(pageErrors).toEqual([]);
      expect(sent.keyframesSent).toBeGreaterThanOrEqual(1);
      expect(sent.framesSent).toBeGreaterThanOrEqual(CALL_SECONDS * 2);
      expect(got.framesDecoded).toBeGreaterThanOrEqual(0.95 * sent.framesSent);
      expect(face).not.toBeNull();
    }, 120_000);
  });
}
