/**
 * Bundles src/browser.ts into dist/browser/facecodec.js (an ES module for pages and workers) plus chunks/ that load on
 * demand (the face tracker's TensorFlow.js), and prints the sizes. `npm run build:browser`; the browser tests build
 * with the same options into their own folder.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * jpeg-js's encoder returns `Buffer.from(bytes)` whenever CommonJS's `module` exists, which a bundle always
 * provides, and browsers have no Buffer: there it returns the Uint8Array it already returns without CommonJS.
 * The build fails if the line is not found (a jpeg-js update), rather than ship an encoder that throws.
 */
const jpegEncoderWithoutBuffer: Plugin = {
  name: 'jpeg-js-without-buffer',
  setup(b) {
    b.onLoad({ filter: /[\\/]jpeg-js[\\/]lib[\\/]encoder\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const from = 'return Buffer.from(byteout);';
      if (!text.includes(from)) throw new Error(`${args.path}: expected "${from}" (jpeg-js changed; revisit this plugin)`);
      return { contents: text.replace(from, 'return new Uint8Array(byteout);'), loader: 'js' };
    });
  },
};

/** The bundle's esbuild options, writing `<outdir>/facecodec.js` and `<outdir>/chunks/`. */
export function browserBuildOptions(outdir: string): BuildOptions {
  return {
    entryPoints: { facecodec: path.join(ROOT, 'src', 'browser.ts') },
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    outdir,
    logLevel: 'warning',
    plugins: [jpegEncoderWithoutBuffer],
  };
}

/** Sizes of the bundle: what a page loads with its import, and the chunks it loads later (the face tracker). */
export interface BrowserBundle {
  outdir: string;
  entry: string;
  /** facecodec.js and the chunks it imports statically. */
  initialBytes: number;
  initialGzipBytes: number;
  /** Chunks behind dynamic imports (createFaceTracking). */
  onDemandBytes: number;
  onDemandGzipBytes: number;
}

/** Builds the bundle into `outdir`; returns its sizes in bytes, raw and gzipped. */
export async function buildBrowserBundle(outdir = path.join(ROOT, 'dist', 'browser')): Promise<BrowserBundle> {
  // Chunk names carry content hashes: drop the last build's, or they pile up.
  rmSync(path.join(outdir, 'chunks'), { recursive: true, force: true });
  const result = await build({ ...browserBuildOptions(outdir), metafile: true });
  const outputs = result.metafile.outputs;
  const entry = path.join(outdir, 'facecodec.js');
  const key = (f: string): string => path.relative(process.cwd(), f).split(path.sep).join('/');
  // Walk the entry's static imports; every other JavaScript output is loaded on demand.
  const initial = new Set<string>();
  const todo = [key(entry)];
  while (todo.length > 0) {
    const out = todo.pop()!;
    if (initial.has(out)) continue;
    initial.add(out);
    for (const i of outputs[out]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) todo.push(i.path);
  }
  const js = Object.keys(outputs).filter((o) => o.endsWith('.js'));
  const size = (files: string[]) => ({
    bytes: files.reduce((n, f) => n + statSync(f).size, 0),
    gzip: files.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0),
  });
  const a = size(js.filter((o) => initial.has(o)));
  const b = size(js.filter((o) => !initial.has(o)));
  return { outdir, entry, initialBytes: a.bytes, initialGzipBytes: a.gzip, onDemandBytes: b.bytes, onDemandGzipBytes: b.gzip };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outdir, entry, ...sizes } = await buildBrowserBundle();
  console.log(JSON.stringify({ outdir: path.relative(ROOT, outdir), entry: path.relative(ROOT, entry), ...sizes }));
}
