/**
 * Training data for the refinement network (issue #15) from the codec's own output: each clip of one part of the
 * identity split (training/identity-split.json) is cropped like the rate-quality bench crops it, coded with the
 * default profile, and decoded by `mesh-warp+refine` without a network; every `--frame-step`th frame's network input
 * (warped RGB + face / mouth / eye masks, exactly what the renderer will feed the network) is stored beside the
 * original crop frame (self-reenactment: keyframe and target of the same person).
 *
 *   npx tsx scripts/refiner-data.ts --part train --out .cache/refiner-data [--seconds 8] [--frame-step 2] [--clips a.mp4,b.mp4]
 *
 * Output: <out>/<clip>.u8 (samples of 12 planes of 256x256 bytes: R G B face mouth eyes keyframe-R G B | target R G B) and
 * <out>/index.json. Clips already present are kept (delete a file to redo it).
 */
import '../src/node/index.js';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeProfile } from '../src/bitstream/index.js';
import { roundtrip } from '../src/cli/roundtrip.js';
import { RefinedFaceRenderer, REFINER_INPUT_CHANNELS } from '../src/decoder/refiner/index.js';
import { FaceEvaluator } from '../src/metrics/index.js';
import { prepareCropClip } from '../bench/rate-quality/crop-clip.js';
import { loadIdentitySplit, splitClipPath, splitClips } from '../bench/support/identity-split.js';

const SIZE = 256;
const FPS = 25;
const PLANES = REFINER_INPUT_CHANNELS + 3;

const { values: opts } = parseArgs({
  options: {
    part: { type: 'string', default: 'train' },
    out: { type: 'string', default: '.cache/refiner-data' },
    seconds: { type: 'string', default: '8' },
    'frame-step': { type: 'string', default: '2' },
    clips: { type: 'string' },
  },
});
if (opts.part !== 'train' && opts.part !== 'eval') throw new Error('--part must be train or eval');
const seconds = Number(opts.seconds), frameStep = Number(opts['frame-step']);
if (!(seconds > 0) || !(Number.isInteger(frameStep) && frameStep >= 1)) throw new Error('bad --seconds or --frame-step');

const split = loadIdentitySplit();
let clips = splitClips(split, opts.part);
if (opts.clips) {
  const want = new Set(opts.clips.split(','));
  clips = clips.filter((c) => want.has(c.file));
}
const out = path.resolve(opts.out);
const cropDir = path.join(out, 'crops');
await mkdir(cropDir, { recursive: true });
const indexFile = path.join(out, 'index.json');
type Entry = { clip: string; person: string; file: string; samples: number; size: number; planes: number };
const index: Entry[] = existsSync(indexFile) ? JSON.parse(await readFile(indexFile, 'utf8')) : [];
const evaluator = await FaceEvaluator.create({ descriptor: false, expression: false });

for (const clip of clips) {
  const name = path.basename(clip.file, path.extname(clip.file));
  const file = path.join(out, `${name}.u8`);
  if (existsSync(file) && index.some((e) => e.clip === name)) continue;
  const t0 = performance.now();
  let samples = 0;
  try {
    const crop = await prepareCropClip(splitClipPath(clip), cropDir, evaluator, { sizePx: SIZE, fps: FPS, maxFrames: Math.round(seconds * FPS), detectFrames: 5 });
    const handle = await open(`${file}.part`, 'w');
    const sample = new Uint8Array(PLANES * SIZE * SIZE);
    let pending = false;
    const renderer = new RefinedFaceRenderer({
      capture: ({ input, width, height }) => {
        if (width !== SIZE || height !== SIZE) return;
        for (let i = 0; i < input.length; i++) sample[i] = Math.round(input[i] * 255);
        pending = true;
      },
    });
    await roundtrip({
      input: crop.path,
      profile: makeProfile(),
      fullFrameCrop: true,
      renderer,
      progress: false,
      onFrame: async (i, _image, target) => {
        const keep = pending && i % frameStep === 0;
        pending = false;
        if (!keep || target.width !== SIZE || target.height !== SIZE) return;
        const plane = SIZE * SIZE, base = REFINER_INPUT_CHANNELS * plane, d = target.data;
        for (let p = 0, q = 0; p < plane; p++, q += 3) {
          sample[base + p] = d[q];
          sample[base + plane + p] = d[q + 1];
          sample[base + 2 * plane + p] = d[q + 2];
        }
        await handle.write(sample);
        samples++;
      },
    });
    await handle.close();
    await rename(`${file}.part`, file);
  } catch (err) {
    process.stderr.write(`${name}: skipped (${err instanceof Error ? err.message : String(err)})\n`);
    continue;
  }
  const entry: Entry = { clip: name, person: clip.person, file: path.basename(file), samples, size: SIZE, planes: PLANES };
  const at = index.findIndex((e) => e.clip === name);
  if (at >= 0) index[at] = entry;
  else index.push(entry);
  await writeFile(indexFile, JSON.stringify(index, null, 1));
  process.stderr.write(`${name}: ${samples} samples in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
process.stdout.write(JSON.stringify({ part: opts.part, clips: index.length, samples: index.reduce((n, e) => n + e.samples, 0), out }) + '\n');
