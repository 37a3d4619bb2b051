// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * `facecodec serve` as a process: its demo page in two tabs of headless Chromium (both cameras are a shared clip
 * through Chromium's fake capture device) joins one room, and each tab sends its camera and decodes the other's.
 * Both tabs must decode frames and update the stats element; SIGTERM must stop the server cleanly (exit code 0, the
 * port closed).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { sharedClip } from '../../src/paths.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, LOOPBACK_WEBRTC_FLAGS } from './chromium.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLIP = sharedClip('liveportrait_d10.mp4');
/** Low enough that two tabs, each tracking, encoding and decoding, keep up on two shared cores. */
const CAMERA_HZ = 8;
/** Frames each tab must decode from the other (about 2.5 s of the call at CAMERA_HZ). */
const FRAMES_EACH = 20;

interface Snapshot {
  phase: string;
  role: string | null;
  statsUpdates: number;
  errors: string[];
  last: null | {
    sent: { framesSent: number; payloadKbps: number; wireKbps: number; fps: number; referencesHeld: number; encodeMsMean: number };
    received: { framesDecoded: number; payloadKbps: number; wireKbps: number; fps: number; delayMsP50: number; referencesHeld: number; framesDropped: number };
  };
}

const snapshot = (page: Page): Promise<Snapshot> => page.evaluate(() => (globalThis as unknown as { facecodecDemo: { snapshot(): Snapshot } }).facecodecDemo.snapshot());

/** Resolves with the first stdout line of `child` (the server's ready line). */
function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no ready line in ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const i = out.indexOf('\n');
      if (i >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, i));
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready; stderr: ${err}`)));
  });
}

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const skip = !chromiumAvailable() ? `${CHROMIUM_PATH} not found (scripts/setup.sh installs Debian's chromium)` : !existsSync(CLIP) ? `${CLIP} not found` : undefined;
if (skip) {
  const why = `facecodec serve demo skipped: ${skip}`;
  process.stderr.write(`${why}\n`);
  test.skip(why, () => {});
} else {
  describe('facecodec serve', () => {
    let work: string;
    let server: ChildProcess | undefined;
    let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'facecodec-serve-'));
    });

    afterAll(async () => {
      await browser?.close();
      if (server && server.exitCode === null) server.kill('SIGKILL');
      if (work) await rm(work, { recursive: true, force: true });
    });

    test('two tabs of the demo page call each other; SIGTERM stops the server', async () => {
      const camera = path.join(work, 'camera.y4m');
      // The fake capture device reads raw YUV; 14 s of the clip, which it loops.
      execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', CLIP, '-t', '14', '-vf', 'scale=256:256,fps=25', '-pix_fmt', 'yuv420p', '-y', camera]);
      server = spawn(process.execPath, [path.join(repo, 'bin', 'facecodec.js'), 'serve', '--port', '0'], {
        cwd: repo,
        env: { ...process.env, FACECODEC_FROM_SOURCE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
      const ready = JSON.parse(await firstLine(server, 120_000)) as { url: string; signaling: string };
      const port = Number(new URL(ready.url).port);
      expect(ready.signaling).toBe(`ws://127.0.0.1:${port}`);

      browser = await launchChromium([...LOOPBACK_WEBRTC_FLAGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${camera}`]);
      await browser.context.grantPermissions(['camera'], { origin: new URL(ready.url).origin });
      const pageErrors: string[] = [];
      const pages = [await browser.context.newPage(), await browser.context.newPage()];
      for (const page of pages) {
        page.on('pageerror', (e) => pageErrors.push(String(e)));
        await page.goto(`${ready.url}?room=serve-test&fps=${CAMERA_HZ}&staleAfterMs=3000`);
      }
      // Both tabs in the call, each decoding the other, and the stats line updated a few times since.
      const deadline = Date.now() + 150_000;
      let snaps: Snapshot[] = [];
      for (;;) {
        snaps = await Promise.all(pages.map(snapshot));
        const done = snaps.every((s) => (s.last?.received.framesDecoded ?? 0) >= FRAMES_EACH && s.statsUpdates >= 3);
        if (done || Date.now() > deadline || snaps.some((s) => s.errors.length > 0)) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      const statsText = await pages[0].locator('#stats').textContent();
      const updates = Number(await pages[0].locator('#stats').getAttribute('data-updates'));
      for (const [i, s] of snaps.entries()) {
        const o = s.last?.sent, r = s.last?.received;
        console.log(
          `serve demo tab ${i} (${s.role}): sent ${o?.framesSent} frames (${o?.payloadKbps.toFixed(2)} kbit/s payload, ${o?.wireKbps.toFixed(1)} wire est., ` +
            `${o?.encodeMsMean.toFixed(0)} ms/frame to encode), decoded ${r?.framesDecoded} (${r?.fps.toFixed(1)} fps last second, ` +
            `${r?.payloadKbps.toFixed(2)} kbit/s payload, ${r?.wireKbps.toFixed(1)} wire est.), latency p50 ${r?.delayMsP50.toFixed(0)} ms, ` +
            `dropped ${r?.framesDropped}, references held ${r?.referencesHeld}; ${s.statsUpdates} stats updates; errors ${JSON.stringify(s.errors)}`,
        );
      }
      expect(pageErrors).toEqual([]);
      expect(snaps.map((s) => s.errors)).toEqual([[], []]);
      expect(snaps.map((s) => s.phase)).toEqual(['in-call', 'in-call']);
      expect(snaps.map((s) => s.role).sort()).toEqual(['answerer', 'offerer']);
      for (const s of snaps) {
        expect(s.last!.received.framesDecoded).toBeGreaterThanOrEqual(FRAMES_EACH);
        expect(s.last!.received.referencesHeld).toBeGreaterThanOrEqual(1);
        expect(s.statsUpdates).toBeGreaterThanOrEqual(3);
      }
      expect(statsText).toMatch(/payload kbit\/s/);
      expect(updates).toBeGreaterThanOrEqual(3);

      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await portOpen(port)).toBe(false);
    }, 300_000);
  });
}
