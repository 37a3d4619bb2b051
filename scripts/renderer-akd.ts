/**
 * Measures the mesh-warp renderer's landmark fidelity per clip and per iBUG-68 group: (a) the oracle warp driven by the
 * detected MediaPipe meshes (no fitting, no coding) and (b) the real codec roundtrip, both against the input frames.
 *
 * Usage: npx tsx scripts/renderer-akd.ts [--clips a,b] [--clips-dir dir] [--stride 2] [--no-codec] [--no-oracle] [--options '{"json":1}']
 * (--clips-dir: another folder of clips, e.g. the evaluation identities; --clips then names files in it, default all.)
 * Crops, detected meshes and the inputs' landmarks are cached under $RENDERER_AKD_CACHE (default /tmp/renderer-akd).
 * Prints one JSON line per clip and a mean line last.
 */
import '../src/node/index.js';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeProfile } from '../src/bitstream/index.js';
import { roundtrip } from '../src/cli/roundtrip.js';
import { fitSimilarity2d } from '../src/decoder/mesh-warp-face-renderer.js';
import { MeshWarpRenderer, type MeshWarpRendererOptions, type WarpMesh } from '../src/decoder/renderers/index.js';
import { loadBuiltinFaceModel } from '../src/face/builtin/index.js';
import { FaceLandmarker, FaceTracker, loadMediapipeTopology } from '../src/face/landmarks/index.js';
import { createRgbImage, readVideoFrames, type RgbImage } from '../src/media/index.js';
import { akd, akdMouth, FaceEvaluator, psnr, ssim } from '../src/metrics/index.js';
import { sharedDir as sharedDataDir } from '../src/paths.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..');
const sharedDir = sharedDataDir();
const cacheDir = process.env.RENDERER_AKD_CACHE ?? '/tmp/renderer-akd';
const DEFAULT_CLIPS = ['liveportrait_d10', 'liveportrait_d18', 'liveportrait_d3', 'sadtalker_katiehill'];
const CROP_PX = 256;
const FPS = 25;
const SECONDS = 4;
/** iBUG-68 index ranges of the landmark groups reported separately. */
const GROUPS: Record<string, readonly [number, number]> = {
  contour: [0, 17], brows: [17, 27], nose: [27, 36], eyes: [36, 48], mouth: [48, 68],
};

interface Args { clips: string[]; clipsDir: string; stride: number; codec: boolean; oracle: boolean; options: MeshWarpRendererOptions }

function parseArgs(argv: string[]): Args {
  const args: Args = { clips: [], clipsDir: path.join(sharedDir, 'clips'), stride: 2, codec: true, oracle: true, options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--clips') args.clips = argv[++i].split(',');
    else if (a === '--clips-dir') args.clipsDir = path.resolve(argv[++i]);
    else if (a === '--stride') args.stride = Number(argv[++i]);
    else if (a === '--no-codec') args.codec = false;
    else if (a === '--no-oracle') args.oracle = false;
    else if (a === '--options') args.options = JSON.parse(argv[++i]) as MeshWarpRendererOptions;
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.clips.length === 0) {
    args.clips = args.clipsDir === path.join(sharedDir, 'clips') ? DEFAULT_CLIPS : readdirSync(args.clipsDir).filter((f) => f.endsWith('.mp4')).map((f) => f.slice(0, -4)).sort();
  }
  return args;
}

/** Mean distances of one output's landmarks to the reference, per group and overall. */
class GroupAccumulator {
  readonly sums: Record<string, number> = { akd: 0, akdM: 0, psnr: 0, ssim: 0 };
  frames = 0;
  failures = 0;

  add(ref: Float32Array, out: Float32Array | null, refImage: RgbImage, outImage: RgbImage): void {
    this.sums.psnr += Math.min(psnr(refImage, outImage), 60);
    this.sums.ssim += ssim(refImage, outImage);
    if (!out) {
      this.failures++;
      return;
    }
    this.frames++;
    this.sums.akd += akd(ref, out);
    this.sums.akdM += akdMouth(ref, out);
    for (const [name, [first, end]] of Object.entries(GROUPS)) {
      let d = 0;
      for (let p = first; p < end; p++) d += Math.hypot(ref[2 * p] - out[2 * p], ref[2 * p + 1] - out[2 * p + 1]);
      this.sums[name] = (this.sums[name] ?? 0) + d / (end - first);
    }
  }

  summary(): Record<string, number> {
    const all = this.frames + this.failures;
    const res: Record<string, number> = { frames: this.frames, failures: this.failures };
    for (const [k, v] of Object.entries(this.sums)) {
      const n = k === 'psnr' || k === 'ssim' ? all : this.frames;
      res[k] = +(v / Math.max(1, n)).toFixed(k === 'ssim' ? 4 : 3);
    }
    return res;
  }
}

async function cropClip(clipsDir: string, clip: string): Promise<string> {
  const out = path.join(cacheDir, `${clip}.mp4`);
  if (existsSync(out)) return out;
  await run('ffmpeg', ['-y', '-loglevel', 'error', '-i', path.join(clipsDir, `${clip}.mp4`), '-t', String(SECONDS),
    '-vf', `scale=${CROP_PX}:${CROP_PX},fps=${FPS}`, '-c:v', 'libx264', '-crf', '0', out]);
  return out;
}

async function readFrames(file: string): Promise<RgbImage[]> {
  const frames: RgbImage[] = [];
  for await (const f of readVideoFrames(file)) frames.push(f);
  return frames;
}

/** Detected MediaPipe meshes (z negated: the renderer wants larger = closer), cached. */
async function detectMeshes(clip: string, frames: RgbImage[]): Promise<Float32Array[]> {
  const file = path.join(cacheDir, `${clip}.meshes.f32`);
  const per = 468 * 3;
  if (existsSync(file)) {
    const buf = await readFile(file);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    return frames.map((_, i) => all.slice(i * per, (i + 1) * per));
  }
  const landmarker = await FaceLandmarker.create();
  const tracker = new FaceTracker(landmarker, { fps: FPS });
  const meshes: Float32Array[] = [];
  for (const f of frames) {
    const r = await tracker.track(f);
    if (!r.mesh) throw new Error(`${clip}: no face in a frame`);
    meshes.push(Float32Array.from(r.mesh.points.subarray(0, per), (v, i) => (i % 3 === 2 ? -v : v)));
  }
  tracker.close();
  landmarker.close();
  const all = new Float32Array(meshes.length * per);
  meshes.forEach((m, i) => all.set(m, i * per));
  await writeFile(file, Buffer.from(all.buffer));
  return meshes;
}

/** The inputs' landmarks (null where face-api found no face), cached. */
async function referenceLandmarks(clip: string, frames: RgbImage[], ev: FaceEvaluator, stride: number): Promise<(Float32Array | null)[]> {
  const file = path.join(cacheDir, `${clip}.ref${stride}.json`);
  if (existsSync(file)) {
    return (JSON.parse(await readFile(file, 'utf8')) as (number[] | null)[]).map((a) => (a ? Float32Array.from(a) : null));
  }
  const res: (Float32Array | null)[] = [];
  for (let t = 0; t < frames.length; t++) res.push(t % stride === 0 ? ((await ev.analyze(frames[t]))?.landmarks68 ?? null) : null);
  await writeFile(file, JSON.stringify(res.map((a) => (a ? Array.from(a) : null))));
  return res;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await mkdir(cacheDir, { recursive: true });
  const ev = await FaceEvaluator.create({ descriptor: false, expression: false });
  const topology = loadMediapipeTopology();
  const model = loadBuiltinFaceModel();
  const mesh: WarpMesh = { triangles: topology.triangles, innerMouthLoop: model.innerMouthLoop, eyeLoops: model.eyeLoops };
  const totals: Record<string, Record<string, number>[]> = { oracle: [], codec: [] };
  for (const clip of args.clips) {
    const file = await cropClip(args.clipsDir, clip);
    const frames = await readFrames(file);
    const refs = await referenceLandmarks(clip, frames, ev, args.stride);
    const line: Record<string, unknown> = { clip };
    if (args.oracle) {
      const meshes = await detectMeshes(clip, frames);
      const renderer = new MeshWarpRenderer(args.options);
      const out = createRgbImage(CROP_PX, CROP_PX);
      const affine = new Float64Array(6);
      const acc = new GroupAccumulator();
      for (let t = 1; t < frames.length; t++) {
        const ref = refs[t];
        if (!ref) continue;
        fitSimilarity2d(meshes[0], meshes[t], affine);
        renderer.renderFrame({ keyframe: frames[0], sourceVertices: meshes[0], targetVertices: meshes[t], mesh, headMotion: { sourceToTarget: affine }, out });
        acc.add(ref, (await ev.analyze(out))?.landmarks68 ?? null, frames[t], out);
      }
      renderer.close();
      line.oracle = acc.summary();
      totals.oracle.push(acc.summary());
    }
    if (args.codec) {
      const acc = new GroupAccumulator();
      let kbps = 0;
      const report = await roundtrip({
        input: file, profile: makeProfile(), fullFrameCrop: true, progress: false,
        onFrame: async (index, image) => {
          const ref = refs[index];
          if (index === 0 || !ref) return;
          acc.add(ref, (await ev.analyze(image))?.landmarks68 ?? null, frames[index], image);
        },
      });
      kbps = report.kbps;
      line.codec = { ...acc.summary(), kbps: +kbps.toFixed(2) };
      totals.codec.push(acc.summary());
    }
    console.log(JSON.stringify(line));
  }
  const mean = (rows: Record<string, number>[]): Record<string, number> | undefined => {
    if (rows.length === 0) return undefined;
    const res: Record<string, number> = {};
    for (const k of Object.keys(rows[0])) res[k] = +(rows.reduce((s, r) => s + r[k], 0) / rows.length).toFixed(k === 'ssim' ? 4 : 3);
    return res;
  };
  console.log(JSON.stringify({ clip: 'mean', options: args.options, oracle: mean(totals.oracle), codec: mean(totals.codec) }));
  await ev.close();
}

await main();
