/**
 * The one seam between the platform-neutral core and where files come from: Node reads the package's folders from
 * disk (src/node/), a browser fetches them by URL (src/browser/). Core modules ask `platformFiles()` and never
 * import a file system or a path module.
 */
import { ModelAssetError } from './model-asset-error.js';

/** Folders the SDK's own files sit under. */
export type AssetRoot =
  /** The package's models/ (built-in face model, MediaPipe topology, expression directions, neural models). */
  | 'models'
  /** @vladmandic/human's models/ (the landmark graph models). */
  | 'landmark-models'
  /** @tensorflow/tfjs-backend-wasm's dist/ (the .wasm binaries); ends with a separator. */
  | 'tfjs-wasm'
  /** onnxruntime-node's CUDA provider library for this OS and CPU (a file, installed or not). */
  | 'onnxruntime-cuda'
  /** onnxruntime-web's dist/ (its .wasm binaries and their loaders), which a page serves; ends with a separator. */
  | 'onnxruntime-web';

/** File access of one platform; locations are paths in Node and URLs in browsers. */
export interface PlatformFiles {
  /** 'node' or 'browser', for messages. */
  readonly name: string;
  /** Bytes at `location`. @throws ModelAssetError MODEL_ASSET_NOT_FOUND when it cannot be read. */
  read(location: string): Promise<Uint8Array>;
  /**
   * The same, synchronously, for loaders whose API is synchronous: Node reads the disk; a browser answers only for
   * files it fetched beforehand (see `preloadAssets` in facecodec/browser).
   */
  readSync(location: string): Uint8Array;
  /** `name`, relative, inside folder `dir`. */
  join(dir: string, name: string): string;
  /** The folder holding `location`. */
  dirname(location: string): string;
  /** The absolute form of `location` (cache keys, messages). */
  resolve(location: string): string;
  /** Where `root` is. */
  root(root: AssetRoot): string;
  /** Names in folder `dir`; absent where a platform cannot list (URLs). */
  list?(dir: string): Promise<string[]>;
  /** Size in bytes of `location`; absent where unknown without reading it. */
  size?(location: string): Promise<number>;
  /** Whether a file is at `location`, without reading it; absent where that cannot be known. */
  exists?(location: string): boolean;
}

let current: PlatformFiles | null = null;

/** Installs the platform's file access (the Node and browser entries do this when they load). */
export function setPlatformFiles(files: PlatformFiles): void {
  current = files;
}

/** The installed file access. @throws ModelAssetError MODEL_ASSET_NO_PLATFORM when no entry installed one. */
export function platformFiles(): PlatformFiles {
  if (!current) {
    throw new ModelAssetError(
      'MODEL_ASSET_NO_PLATFORM',
      'no file access installed: import "facecodec" in Node, or call configureAssets() from "facecodec/browser"',
    );
  }
  return current;
}

/** Location of the file `name` under `root` on the installed platform. */
export function assetLocation(root: AssetRoot, name: string): string {
  const files = platformFiles();
  return files.join(files.root(root), name);
}

/** The installed platform's bytes of `location` as UTF-8 text. */
export async function readText(location: string): Promise<string> {
  return new TextDecoder().decode(await platformFiles().read(location));
}

/** The same, synchronously (see `PlatformFiles.readSync`). */
export function readTextSync(location: string): string {
  return new TextDecoder().decode(platformFiles().readSync(location));
}
