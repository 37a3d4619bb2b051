/** A small HTTP server on 127.0.0.1 (a secure context for the page) serving fixed routes and folders. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

const require = createRequire(import.meta.url);

/**
 * The folders a page running the SDK loads (the face tracker's graph models and TensorFlow.js's wasm, the package's
 * models/) and the bundle at `/`, in the order the server matches them (longest prefix first).
 */
export function sdkFolders(bundleDir: string): Record<string, string> {
  return {
    '/models/landmarks/': path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'models'),
    '/models/tfjs-wasm/': path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')),
    '/models/': path.join(PACKAGE_ROOT, 'models'),
    '/': bundleDir,
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `routes` (exact paths to bytes) and `folders` (URL prefix -> folder on disk, no path escapes). */
export async function startStaticServer(routes: Record<string, Uint8Array | string>, folders: Record<string, string>): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = routes[url.pathname];
      const type = TYPES[path.extname(url.pathname)] ?? 'application/octet-stream';
      if (body !== undefined) {
        res.writeHead(200, { 'content-type': url.pathname === '/' ? TYPES['.html'] : type });
        res.end(body);
        return;
      }
      for (const [prefix, dir] of Object.entries(folders)) {
        if (!url.pathname.startsWith(prefix)) continue;
        const file = path.resolve(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
        if (!file.startsWith(path.resolve(dir) + path.sep)) break;
        try {
          const bytes = await readFile(file);
          res.writeHead(200, { 'content-type': type });
          res.end(bytes);
          return;
        } catch {
          break;
        }
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
