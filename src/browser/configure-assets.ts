/** Installs the browser's file access for the core and loads the SDK's shipped files by URL. */
import { BUILTIN_FACE_MODEL_FILE, builtinFaceModelFromBytes } from '../face/builtin/load-builtin-face-model.js';
import type { BuiltinFaceModel } from '../face/builtin/builtin-face-model.js';
import { ModelAssetError } from '../io/model-asset-error.js';
import { setOnnxSessions } from '../decoder/inference/onnx-sessions.js';
import { assetLocation, setPlatformFiles } from '../io/platform-files.js';
import { BrowserFiles, type BrowserAssetUrls } from './browser-files.js';
import { webOnnxSessions } from './web-onnx-sessions.js';

let installed: BrowserFiles | null = null;

/** The page's URL, against which relative asset URLs resolve (a worker has no `document`). */
function pageUrl(): string {
  const g = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return g.document?.baseURI ?? g.location?.href ?? 'http://localhost/';
}

/**
 * Tells the SDK where the page serves its files (call once, before loading models); installs fetch-based file
 * access and onnxruntime-web (loaded on the first session) for the core. @returns the installed file access.
 */
export function configureAssets(urls: BrowserAssetUrls): BrowserFiles {
  installed = new BrowserFiles(urls, pageUrl());
  setPlatformFiles(installed);
  setOnnxSessions(webOnnxSessions);
  return installed;
}

function files(): BrowserFiles {
  if (!installed) throw new ModelAssetError('MODEL_ASSET_NO_PLATFORM', 'call configureAssets({ modelsUrl }) before loading models');
  return installed;
}

/** Fetches files now (URLs, or names under the models URL) so the SDK's synchronous loaders can read them. */
export async function preloadAssets(locations: readonly string[]): Promise<void> {
  const f = files();
  await f.preload(locations.map((l) => (/^[a-z]+:|^\//i.test(l) ? l : assetLocation('models', l))));
}

/**
 * Fetches and decodes the built-in face model (default: `builtin-face-v1.bin` under the models URL); the same file
 * as Node's, so its `dataHash` matches a Node sender's stream header.
 */
export async function loadBuiltinFaceModelFromUrl(url?: string): Promise<BuiltinFaceModel> {
  const f = files();
  const location = f.resolve(url ?? assetLocation('models', BUILTIN_FACE_MODEL_FILE));
  await f.preload([location]);
  return builtinFaceModelFromBytes(f.readSync(location), location);
}
