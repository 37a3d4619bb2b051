/** Node's `PlatformFiles`: paths on disk, the package's folders found from this module (src/ and dist/ alike). */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ModelAssetError } from '../io/model-asset-error.js';
import type { AssetRoot, PlatformFiles } from '../io/platform-files.js';
import { PACKAGE_ROOT } from '../paths.js';

const require = createRequire(import.meta.url);

function notFound(location: string, e: unknown): ModelAssetError {
  return new ModelAssetError('MODEL_ASSET_NOT_FOUND', `cannot read ${location}: ${(e as Error).message}`, { cause: e });
}

/** A view of a Buffer as a plain Uint8Array (the core never sees Buffer). */
function bytesOf(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export const nodeFiles: PlatformFiles = {
  name: 'node',
  async read(location) {
    try {
      return bytesOf(await readFile(location));
    } catch (e) {
      throw notFound(location, e);
    }
  },
  readSync(location) {
    try {
      return bytesOf(readFileSync(location));
    } catch (e) {
      throw notFound(location, e);
    }
  },
  join: (dir, name) => path.join(dir, name),
  dirname: (location) => path.dirname(location),
  resolve: (location) => path.resolve(location),
  root(root: AssetRoot): string {
    switch (root) {
      case 'models':
        return path.resolve(PACKAGE_ROOT, 'models');
      case 'landmark-models':
        // human ships its graph models beside its dist/ folder.
        return path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
      case 'tfjs-wasm':
        // tfjs's fetch cannot read file:// URLs in Node; with a folder path the emscripten glue reads the binary with fs.
        return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
      case 'onnxruntime-web':
        // Node never runs it; a server (`facecodec serve`) serves this folder to its pages.
        return path.dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')) + path.sep;
      case 'onnxruntime-cuda': {
        // The npm package ships without it (its install script would download it) beside the binding.
        const bin = path.join(path.dirname(require.resolve('onnxruntime-node/package.json')), 'bin', 'napi-v6', process.platform, process.arch);
        return path.join(bin, process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so');
      }
    }
  },
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (e) {
      throw new ModelAssetError('MODEL_ASSET_NOT_FOUND', `cannot list folder ${dir}: ${(e as Error).message}`, { cause: e });
    }
  },
  async size(location) {
    return (await stat(location)).size;
  },
  exists: (location) => existsSync(location),
};
