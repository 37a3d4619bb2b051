/** The browser's `PlatformFiles`: locations are URLs, read with fetch; synchronous reads serve what was preloaded. */
import { ModelAssetError } from '../io/model-asset-error.js';
import type { AssetRoot, PlatformFiles } from '../io/platform-files.js';

/** Where a page serves the SDK's files. Relative URLs resolve against the page. */
export interface BrowserAssetUrls {
  /** The package's models/ folder (builtin-face-v1.bin, mediapipe-topology.json, ...). */
  modelsUrl: string;
  /** @vladmandic/human's models/ folder (landmark graph models); default `<modelsUrl>/landmarks/`. */
  landmarkModelsUrl?: string;
  /** @tensorflow/tfjs-backend-wasm's dist/ folder; default `<modelsUrl>/tfjs-wasm/`. */
  tfjsWasmUrl?: string;
  /** onnxruntime-web's dist/ folder (the .wasm files of the refiner's runtime); default `<modelsUrl>/onnxruntime-web/`. */
  onnxWasmUrl?: string;
}

/** A folder URL with its trailing slash, absolute against the page (so `new URL(name, folder)` stays inside it). */
function folderUrl(url: string, base: string): string {
  const abs = new URL(url, base).href;
  return abs.endsWith('/') ? abs : `${abs}/`;
}

export class BrowserFiles implements PlatformFiles {
  readonly name = 'browser';
  private readonly preloaded = new Map<string, Uint8Array>();
  private readonly roots: Record<Exclude<AssetRoot, 'onnxruntime-cuda'>, string>;

  constructor(urls: BrowserAssetUrls, private readonly pageUrl: string) {
    const models = folderUrl(urls.modelsUrl, pageUrl);
    this.roots = {
      models,
      'landmark-models': folderUrl(urls.landmarkModelsUrl ?? 'landmarks/', models),
      'tfjs-wasm': folderUrl(urls.tfjsWasmUrl ?? 'tfjs-wasm/', models),
      'onnxruntime-web': folderUrl(urls.onnxWasmUrl ?? 'onnxruntime-web/', models),
    };
  }

  async read(location: string): Promise<Uint8Array> {
    const url = this.resolve(location);
    const hit = this.preloaded.get(url);
    if (hit) return hit;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new ModelAssetError('MODEL_ASSET_NOT_FOUND', `cannot fetch ${url}: ${(e as Error).message}`, { cause: e });
    }
    if (!response.ok) throw new ModelAssetError('MODEL_ASSET_NOT_FOUND', `cannot fetch ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  readSync(location: string): Uint8Array {
    const url = this.resolve(location);
    const hit = this.preloaded.get(url);
    if (!hit) throw new ModelAssetError('MODEL_ASSET_NOT_FOUND', `${url} was not preloaded (a browser reads files asynchronously: preloadAssets first)`);
    return hit;
  }

  /** Fetches `locations` now so that synchronous loaders (built-in face model, topology, directions) find them. */
  async preload(locations: readonly string[]): Promise<void> {
    await Promise.all(
      locations.map(async (location) => {
        const url = this.resolve(location);
        if (!this.preloaded.has(url)) this.preloaded.set(url, await this.read(url));
      }),
    );
  }

  join(dir: string, name: string): string {
    return new URL(name, folderUrl(dir, this.pageUrl)).href;
  }

  dirname(location: string): string {
    return new URL('.', this.resolve(location)).href;
  }

  resolve(location: string): string {
    return new URL(location, this.pageUrl).href;
  }

  root(root: AssetRoot): string {
    // No native provider libraries in a browser; this location never exists.
    if (root === 'onnxruntime-cuda') return new URL('onnxruntime-cuda-unavailable', this.roots.models).href;
    return this.roots[root];
  }
}
