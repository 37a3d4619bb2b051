#!/usr/bin/env node
// Runs the CLI from the compiled dist/ in an installed package, else (a git checkout, where dist/ may be older than
// the sources after a pull) from the TypeScript sources via tsx.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = resolve(root, 'dist/cli/main.js');
const checkout = existsSync(resolve(root, '.git'));
if (existsSync(compiled) && !checkout && !process.env.FACECODEC_FROM_SOURCE) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(resolve(root, 'src/cli/main.ts')).href);
}
