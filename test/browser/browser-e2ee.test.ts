/**
 * The E2EE layer of facecodec/browser in headless Chromium against the same layer in Node: packets sealed in one open
 * in the other (WebCrypto on both sides), and the browser refuses tampered, replayed and foreign packets by code, so a
 * browser participant can share an encrypted Janus room with Node ones.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildBrowserBundle } from '../../scripts/build-browser.js';
import { SframeContext } from '../../src/e2ee/index.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const SECRET = Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

/** Runs in the page: opens Node's packets as participant 2 and seals three of its own as participant 2. */
async function inPage(arg: { secret: number[]; packets: number[][] }): Promise<{ opened: Array<number[] | string>; sealed: number[][] }> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  const context = await fc.SframeContext.create({ selfId: 2, epochSecret: new Uint8Array(arg.secret) });
  const opened: Array<number[] | string> = [];
  for (const packet of arg.packets) {
    try {
      opened.push([...(await context.decrypt(new Uint8Array(packet), 1)).plaintext]);
    } catch (error) {
      opened.push((error as { code: string }).code);
    }
  }
  const sealed: number[][] = [];
  for (let i = 0; i < 3; i++) sealed.push([...(await context.encrypt(new Uint8Array([i, 2, 3, 4, 5])))]);
  return { opened, sealed };
}

if (!chromiumAvailable()) {
  const why = `browser tests skipped: ${CHROMIUM_PATH} not found (scripts/setup.sh installs Debian's chromium)`;
  process.stderr.write(`${why}\n`);
  test.skip(why, () => {});
} else {
  describe('facecodec/browser E2EE in headless Chromium', () => {
    let work: string;
    let server: StaticServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let page: Page;

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'facecodec-browser-e2ee-'));
      const bundle = await buildBrowserBundle(work);
      server = await startStaticServer({ '/': '<!doctype html><meta charset="utf-8"><title>facecodec e2ee test</title>' }, { '/': bundle.outdir });
      browser = await launchChromium();
      page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test('Node seals, the browser opens and refuses by code; the browser seals, Node opens', async () => {
      const node = await SframeContext.create({ selfId: 1, epochSecret: new Uint8Array(SECRET) });
      const stranger = await SframeContext.create({ selfId: 1, epochSecret: new Uint8Array(32).fill(9) });
      const first = await node.encrypt(new Uint8Array([10, 20, 30]));
      const second = await node.encrypt(new Uint8Array(300).fill(7));
      const tampered = second.slice();
      tampered[40] ^= 1;
      // Under another secret, at a counter the browser has not seen (a seen one is refused as a replay first).
      for (let i = 0; i < 4; i++) await stranger.encrypt(new Uint8Array([1]));
      const foreign = await stranger.encrypt(new Uint8Array([1]));
      const packets = [first, tampered, second, second, foreign, first.subarray(0, 20)].map((p) => [...p]);
      const result = await page.evaluate(inPage, { secret: SECRET, packets });
      expect(result.opened).toEqual([[10, 20, 30], 'E2EE_AUTH_FAILED', Array(300).fill(7), 'E2EE_REPLAYED', 'E2EE_AUTH_FAILED', 'E2EE_TRUNCATED']);
      for (const [i, sealed] of result.sealed.entries()) {
        const opened = await node.decrypt(new Uint8Array(sealed), 2);
        expect([...opened.plaintext]).toEqual([i, 2, 3, 4, 5]);
        expect(opened).toMatchObject({ senderId: 2, counter: i, epoch: 0 });
      }
    });
  });
}
