/**
 * Bundles src/browser.ts into dist/browser/facecodec.js (one ES module for pages and workers) and prints its size.
 * `npm run build:browser`; the browser tests build with the same options into their own folder.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
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

/** The bundle's esbuild options, writing `outfile`. */
export function browserBuildOptions(outfile: string): BuildOptions {
  return {
    entryPoints: [path.join(ROOT, 'src', 'browser.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    outfile,
    logLevel: 'warning',
    plugins: [jpegEncoderWithoutBuffer],
  };
}

/** Builds the bundle to `outfile`; returns its size in bytes, raw and gzipped. */
export async function buildBrowserBundle(outfile = path.join(ROOT, 'dist', 'browser', 'facecodec.js')): Promise<{ outfile: string; bytes: number; gzipBytes: number }> {
  await build(browserBuildOptions(outfile));
  return { outfile, bytes: statSync(outfile).size, gzipBytes: gzipSync(readFileSync(outfile)).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildBrowserBundle();
  console.log(JSON.stringify({ outfile: path.relative(ROOT, r.outfile), bytes: r.bytes, gzipBytes: r.gzipBytes }));
}
