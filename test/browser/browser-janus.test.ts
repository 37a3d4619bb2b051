/**
 * A browser participant in an encrypted Janus room: headless Chromium runs facecodec/browser's MultipartyCall (the
 * page's WebSocket to Janus's API, its RTCPeerConnection to the VideoRoom, its tracker and encoder, one mesh-warp
 * decoder per remote drawn on a canvas grid) with two Node participants (werift) through a real Janus on loopback.
 * Each side decodes the other's frames through the SFU, which sees only SFrame ciphertext; when a Node participant
 * leaves, the page drops its tile and moves to the next key epoch. Frames come from the built-in sample: no ../shared.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildBrowserBundle } from '../../scripts/build-browser.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { createJanusToken, janusRoomPin } from '../../src/transport/janus/index.js';
import type { RgbImage } from '../../src/media/rgb-image.js';
import { decodedFrom, joinParticipant, JANUS_SECRET, startJanusRoom, type JanusRoomFixture, type Participant } from '../janus/janus-room-harness.js';
import { sleep, waitFor } from '../transport/call-harness.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, LOOPBACK_WEBRTC_FLAGS } from './chromium.js';
import { joinPageParticipant, type PageRoomStats, type RoomPageWindow } from './janus-page.js';
import { renderSampleVideo } from './recorded-stream.js';
import { sdkFolders, startStaticServer, type StaticServer } from './static-server.js';

const PAGE_ID = 3;
/** Frames each side must decode of the other (the page's camera runs at 10 Hz, its tracker at 6-14 fps on two cores). */
const MIN_DECODED = 10;

if (!chromiumAvailable()) {
  const why = `browser tests skipped: ${CHROMIUM_PATH} not found (scripts/setup.sh installs Debian's chromium)`;
  process.stderr.write(`${why}\n`);
  test.skip(why, () => {});
} else {
  describe('a browser participant in a Janus room', () => {
    let work: string;
    let server: StaticServer;
    let fixture: JanusRoomFixture;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let page: Page;
    let video: RgbImage[];
    const nodes: Participant[] = [];
    const pageErrors: string[] = [];
    let frameIndex = 0;
    const startMs = performance.now();

    const pageStats = (): Promise<PageRoomStats> => page.evaluate(() => (globalThis as unknown as RoomPageWindow).__room!.stats());

    /** One round: every Node participant sends the next sample frame, stamped with the real time. */
    async function round(): Promise<void> {
      const image = video[frameIndex++ % video.length];
      const timestampMs = Math.round(performance.now() - startMs);
      await Promise.all(nodes.filter((p) => !p.call.member.isClosed).map((p) => p.call.sender.send(image, timestampMs)));
      await sleep(40);
    }

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'facecodec-browser-janus-'));
      const [bundle, sample, room] = await Promise.all([buildBrowserBundle(work), renderSampleVideo(60), startJanusRoom()]);
      video = sample.video;
      fixture = room;
      server = await startStaticServer(
        { '/': '<!doctype html><meta charset="utf-8"><title>facecodec Janus room test</title>', '/frames.rgb': Buffer.concat(video.map((f) => f.data)) },
        sdkFolders(bundle.outdir),
      );
      // Host candidates by address (not mDNS names, which Janus cannot resolve).
      browser = await launchChromium(LOOPBACK_WEBRTC_FLAGS);
      page = await browser.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`${server.url}/`);
    }, 120_000);

    afterAll(async () => {
      await Promise.allSettled(nodes.map((p) => p.call.close()));
      await browser?.close();
      await fixture?.close();
      await server?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test('the page and two Node participants decode each other through Janus', async () => {
      nodes.push(await joinParticipant(fixture, 1, { fps: 25 }), await joinParticipant(fixture, 2, { fps: 25 }));
      const [first] = video;
      await page.evaluate(joinPageParticipant, {
        url: fixture.janus.url,
        token: createJanusToken({ secret: JANUS_SECRET, expiresAt: Date.now() + 600_000 }),
        room: fixture.room,
        pin: janusRoomPin(JANUS_SECRET, fixture.roomName),
        selfId: PAGE_ID,
        secrets: Array.from({ length: 8 }, (_, epoch) => [...fixture.epochSecret(epoch)]),
        iceAddress: fixture.janus.iceAddress,
        width: first.width,
        height: first.height,
        frames: video.length,
      });
      await waitFor(() => nodes.every((p) => p.call.receivers.size === 2), 60_000, 'both Node participants receiving the page and each other');
      let stats = await pageStats();
      for (let i = 0; stats.remotes.length < 2 && i < 300; i++) {
        await sleep(100);
        stats = await pageStats();
      }
      expect(stats.remotes.sort()).toEqual([1, 2]);
      // The page's camera runs meanwhile; Node plays until both directions decoded enough (or 120 s).
      const camera = page.evaluate(() => (globalThis as unknown as RoomPageWindow).__room!.play(30, 10));
      camera.catch(() => undefined);
      const endMs = performance.now() + 120_000;
      const done = (s: PageRoomStats): boolean => [1, 2].every((id) => (s.decoded[id] ?? 0) >= MIN_DECODED) && nodes.every((p) => decodedFrom(p, PAGE_ID) >= MIN_DECODED);
      while (!done(stats) && performance.now() < endMs) {
        for (let i = 0; i < 5; i++) await round();
        stats = await pageStats();
      }
      await page.evaluate(() => (globalThis as unknown as RoomPageWindow).__room!.stopCamera());
      await camera;
      stats = await pageStats();
      const shots = path.join(PACKAGE_ROOT, 'out', 'browser-janus');
      await mkdir(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'grid.png') });
      const nodeView = nodes.map((p) => `${p.id}: decoded ${decodedFrom(p, PAGE_ID)} of the page's, ${decodedFrom(p, 3 - p.id)} of ${3 - p.id}'s`).join('; ');
      console.log(
        `page: sent ${stats.framesSent} frames (${stats.keyframesSent} keyframes, ${stats.cameraSkipped} camera frames skipped, encode median ${stats.encodeMsMedian.toFixed(0)} ms), ` +
          `decoded ${JSON.stringify(stats.decoded)}, capture -> drawn p50 ${stats.delayMsP50.toFixed(0)} ms, p95 ${stats.delayMsP95.toFixed(0)} ms, ` +
          `payload up ${stats.payloadBytesUp} B, down ${stats.payloadBytesDown} B; Node ${nodeView}; grid in ${path.relative(PACKAGE_ROOT, shots)}/grid.png`,
      );
      expect(pageErrors).toEqual([]);
      expect(stats.errors).toEqual([]);
      expect(stats.e2eeErrors).toEqual([]);
      expect(stats.tiles).toBe(2);
      for (const id of [1, 2]) {
        expect(stats.keyframesReceived[id]).toBeGreaterThanOrEqual(1);
        expect(stats.decoded[id]).toBeGreaterThanOrEqual(MIN_DECODED);
      }
      for (const p of nodes) {
        expect(decodedFrom(p, PAGE_ID)).toBeGreaterThanOrEqual(MIN_DECODED);
        expect(p.e2eeErrors).toEqual([]);
        // werift's tap counts what the Node side put on the wire (publisher stream and subscription acks).
        expect(p.call.member.stats().wireUp.datagrams).toBeGreaterThan(p.call.sender.stats().framesSent);
      }
    }, 240_000);

    test('a Node participant leaves: the page drops its tile and rotates to the next epoch, and still decodes the other', async () => {
      const [stays, leaves] = nodes;
      const before = await pageStats();
      await leaves.call.close();
      let stats = before;
      for (let i = 0; i < 150 && (stats.remotes.includes(leaves.id) || stats.epoch < 1); i++) {
        await round();
        stats = await pageStats();
      }
      expect(stats.left).toEqual([leaves.id]);
      expect(stats.remotes).toEqual([stays.id]);
      expect(stats.tiles).toBe(1);
      expect(stats.epoch).toBeGreaterThanOrEqual(1);
      // Frames of the one who stayed, sealed under the new epoch, still decode in the page.
      const decodedBefore = stats.decoded[stays.id] ?? 0;
      for (let i = 0; i < 150 && (stats.decoded[stays.id] ?? 0) < decodedBefore + 5; i++) {
        await round();
        stats = await pageStats();
      }
      expect(stats.decoded[stays.id]).toBeGreaterThanOrEqual(decodedBefore + 5);
      expect(stats.e2eeErrors).toEqual([]);
      await page.evaluate(() => (globalThis as unknown as RoomPageWindow).__room!.leave());
      await waitFor(() => stays.left.some((l) => l.id === PAGE_ID), 30_000, 'the Node participant seeing the page leave');
      expect(stays.call.receivers.size).toBe(0);
    }, 120_000);
  });
}
