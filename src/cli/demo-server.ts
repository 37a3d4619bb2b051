/**
 * `facecodec serve`: one HTTP server for the demo page (assets/demo/), the browser bundle, the model files and
 * onnxruntime-web's wasm, with the signaling server on the same port (WebSocket upgrade), so two tabs of one page
 * can call each other and a Node peer can join the same room.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { nodeFiles } from '../node/node-files.js';
import { PACKAGE_ROOT } from '../paths.js';
import { SignalingServer } from '../transport/index.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export interface DemoServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: getUserMedia needs a secure context, which plain http has only on localhost. */
  host?: string;
  /** Folder with facecodec.js and chunks/ (the browser bundle). */
  bundleDir: string;
}

export interface DemoServer {
  /** The page, `http://host:port/`. */
  url: string;
  /** The signaling server's `ws://host:port`. */
  signalingUrl: string;
  signaling: SignalingServer;
  /** Stops the signaling server (closing every client) and the HTTP server. Idempotent. */
  close(): Promise<void>;
}

/** URL prefix -> folder; the longest prefix wins, no path leaves its folder. */
function folders(bundleDir: string): [string, string][] {
  const models = nodeFiles.root('models');
  const list: [string, string][] = [
    ['/models/landmarks/', nodeFiles.root('landmark-models')],
    ['/models/tfjs-wasm/', nodeFiles.root('tfjs-wasm')],
    ['/models/onnxruntime-web/', nodeFiles.root('onnxruntime-web')],
    ['/models/', models],
    ['/demo/', path.join(PACKAGE_ROOT, 'assets', 'demo')],
    ['/', bundleDir],
  ];
  return list.sort((a, b) => b[0].length - a[0].length);
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const routes = folders(options.bundleDir);
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const pathname = url.pathname === '/' ? '/demo/index.html' : url.pathname;
      for (const [prefix, dir] of routes) {
        if (!pathname.startsWith(prefix)) continue;
        const file = path.resolve(dir, decodeURIComponent(pathname.slice(prefix.length)));
        if (!file.startsWith(path.resolve(dir) + path.sep)) break;
        try {
          const bytes = await readFile(file);
          res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
          res.end(bytes);
          return;
        } catch {
          break;
        }
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    })();
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const signaling = await SignalingServer.listen({ server: http });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}/`,
    signalingUrl: `ws://${host}:${address.port}`,
    signaling,
    close: () =>
      (closing ??= (async () => {
        await signaling.close();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
      })()),
  };
}
