#!/usr/bin/env node
// Runs the CLI from the compiled dist/ when it exists (installed package), else from the TypeScript sources via tsx.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = resolve(root, 'dist/cli/main.js');
if (existsSync(compiled) && !process.env.FACECODEC_FROM_SOURCE) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(resolve(root, 'src/cli/main.ts')).href);
}
