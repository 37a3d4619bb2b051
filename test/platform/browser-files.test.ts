/** The browser's file access, run in Node (fetch and URL are the same there): URLs, preloading, typed errors. */
import path from 'node:path';
import { BrowserFiles } from '../../src/browser/browser-files.js';
import { sha256Hex } from '../../src/io/sha256.js';
import { nodeFiles } from '../../src/node/node-files.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { startStaticServer, type StaticServer } from '../browser/static-server.js';

let server: StaticServer;
beforeAll(async () => {
  server = await startStaticServer({}, { '/assets/models/': path.join(PACKAGE_ROOT, 'models') });
});
afterAll(() => server.close());

test('locations resolve against the page and stay inside their folders', () => {
  const files = new BrowserFiles({ modelsUrl: 'assets/models' }, 'http://127.0.0.1:9/app/index.html');
  expect(files.root('models')).toBe('http://127.0.0.1:9/app/assets/models/');
  expect(files.root('landmark-models')).toBe('http://127.0.0.1:9/app/assets/models/landmarks/');
  expect(files.root('tfjs-wasm')).toBe('http://127.0.0.1:9/app/assets/models/tfjs-wasm/');
  expect(files.join('http://h/a/models', 'facemesh.json')).toBe('http://h/a/models/facemesh.json');
  expect(files.join('http://h/a/models/', 'neural/frame.onnx')).toBe('http://h/a/models/neural/frame.onnx');
  expect(files.dirname('http://h/a/models/facemesh.json')).toBe('http://h/a/models/');
});

test('reads by fetch, serves preloaded files synchronously, and says what is missing', async () => {
  const files = new BrowserFiles({ modelsUrl: '/assets/models/' }, `${server.url}/index.html`);
  const url = files.join(files.root('models'), 'builtin-face-v1.bin');
  expect(() => files.readSync(url)).toThrow(expect.objectContaining({ code: 'MODEL_ASSET_NOT_FOUND', message: expect.stringMatching(/not preloaded/) }));
  await files.preload([url]);
  const onDisk = nodeFiles.readSync(path.join(PACKAGE_ROOT, 'models', 'builtin-face-v1.bin'));
  expect(sha256Hex(files.readSync(url))).toBe(sha256Hex(onDisk));
  expect((await files.read(url)).length).toBe(onDisk.length);
  await expect(files.read(files.join(files.root('models'), 'no-such-file.bin'))).rejects.toMatchObject({ code: 'MODEL_ASSET_NOT_FOUND', message: expect.stringMatching(/HTTP 404/) });
});
