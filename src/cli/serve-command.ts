/** `facecodec serve`: the demo page and the signaling server on one port, until SIGINT or SIGTERM. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FacecodecError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import { startDemoServer } from './demo-server.js';

export interface ServeFlags {
  port: string;
  host: string;
  bundle?: string;
}

/**
 * The browser bundle to serve: `--bundle`, else an installed package's dist/browser, else (a git checkout, where
 * dist/ may predate the sources) a fresh build into .cache/serve-bundle with the options of `npm run build:browser`.
 */
async function bundleDir(flag: string | undefined): Promise<string> {
  if (flag) {
    if (!existsSync(path.join(flag, 'facecodec.js'))) throw new FacecodecError('BAD_ARGUMENT', `--bundle ${flag} has no facecodec.js (npm run build:browser writes dist/browser)`);
    return path.resolve(flag);
  }
  const built = path.join(PACKAGE_ROOT, 'dist', 'browser');
  const script = path.join(PACKAGE_ROOT, 'scripts', 'build-browser.ts');
  if (!existsSync(path.join(PACKAGE_ROOT, '.git')) || !existsSync(script)) {
    if (!existsSync(path.join(built, 'facecodec.js'))) throw new FacecodecError('BAD_ARGUMENT', `no browser bundle at ${built} (npm run build:browser)`);
    return built;
  }
  // A computed specifier: scripts/ sits outside the compiled sources (tsx runs it in a checkout).
  const { buildBrowserBundle } = (await import(pathToFileURL(script).href)) as { buildBrowserBundle(outdir: string): Promise<{ outdir: string }> };
  console.error('facecodec serve: building the browser bundle from the sources (a checkout)…');
  return (await buildBrowserBundle(path.join(PACKAGE_ROOT, '.cache', 'serve-bundle'))).outdir;
}

export async function serve(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FacecodecError('BAD_ARGUMENT', `--port must be 0..65535, got ${flags.port}`);
  const server = await startDemoServer({ port, host: flags.host, bundleDir: await bundleDir(flags.bundle) });
  // One JSON line when ready (scripts and tests read the URLs from it), then the same for people.
  console.log(JSON.stringify({ url: server.url, signaling: server.signalingUrl }));
  console.error(`facecodec serve: open ${server.url}?room=demo in two tabs (camera permission asked); Ctrl-C stops`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      console.error(`facecodec serve: ${signal}, closing`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
