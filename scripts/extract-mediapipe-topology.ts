/**
 * One-off: extracts MediaPipe's 468-vertex face mesh triangulation and UV map from @vladmandic/human's source
 * (node_modules/@vladmandic/human/src/face/facemeshcoords.ts, constants TRI468 and UV468; Apache-2.0, originally from
 * Google's MediaPipe canonical_face_model) and writes models/mediapipe-topology.json.
 * Run: npx tsx scripts/extract-mediapipe-topology.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const humanDir = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');
const source = path.join(humanDir, 'src', 'face', 'facemeshcoords.ts');
const text = readFileSync(source, 'utf8');
const version = (JSON.parse(readFileSync(path.join(humanDir, 'package.json'), 'utf8')) as { version: string }).version;

/** The numbers of `export const NAME ... = [ ... ];`. */
function numbersOf(name: string): number[] {
  const start = text.indexOf(`export const ${name}`);
  if (start < 0) throw new Error(`${name} not found in ${source}`);
  const open = text.indexOf('= [', start) + 2;
  const close = text.indexOf('];', open);
  const body = text.slice(open, close + 1).replace(/\/\/.*$/gm, '');
  return (body.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
}

const triangles = numbersOf('TRI468');
const uv = numbersOf('UV468');
if (triangles.length % 3 !== 0 || uv.length !== 468 * 2 || triangles.some((i) => !Number.isInteger(i) || i < 0 || i >= 468)) {
  throw new Error(`unexpected sizes: ${triangles.length} triangle indices, ${uv.length} uv values`);
}
const out = {
  source: `@vladmandic/human@${version} src/face/facemeshcoords.ts (TRI468, UV468)`,
  license: 'Apache-2.0; MediaPipe canonical face model (Google LLC), via @vladmandic/human',
  vertexCount: 468,
  triangles,
  uv,
};
const target = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'models', 'mediapipe-topology.json');
writeFileSync(target, JSON.stringify(out) + '\n');
console.log(`wrote ${target}: ${triangles.length / 3} triangles, ${uv.length / 2} uv`);
