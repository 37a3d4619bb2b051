/** Headless Debian Chromium through playwright-core, with the flags this machine needs (shared/notes/platform-facts.md). */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's package (scripts/setup.sh installs it); never a browser downloaded by Playwright. */
export const CHROMIUM_PATH = process.env.FACECODEC_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

/** Without these it stalls on refused connections to Google's services (no network here). */
const FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** What WebRTC between peers on one machine needs: host candidates on 127.0.0.1, with addresses instead of mDNS names. */
export const LOOPBACK_WEBRTC_FLAGS = ['--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns'];

/** A headless Chromium with a fresh profile; `close()` ends it and removes the profile. */
export async function launchChromium(extraArgs: string[] = []): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'facecodec-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: [...FLAGS, ...extraArgs] });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
