// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
// Real ffmpeg and face-api on a real clip: the crop step, x264 encodings with their packet bookkeeping, the PNG plot.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeClassical, encoderArgs, probePackets } from '../../bench/rate-quality/classical-codecs.js';
import { prepareCropClip, type CropClip } from '../../bench/rate-quality/crop-clip.js';
import { renderPlotSvg } from '../../bench/rate-quality/plot-svg.js';
import { svgToPng } from '../../bench/rate-quality/svg-to-png.js';
import { readAllFrames, readImage } from '../../src/media/index.js';
import { FaceEvaluator } from '../../src/metrics/index.js';
import { sharedDir as sharedDataDir } from '../../src/paths.js';

const sharedDir = sharedDataDir();
/** 480x480, 30 fps: exercises the resampling to 25 fps. */
const clipD18 = path.join(sharedDir, 'clips/liveportrait_d18.mp4');
const FRAMES = 25;

let work: string;
let evaluator: FaceEvaluator;
let clip: CropClip;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'facecodec-bench-test-'));
  evaluator = await FaceEvaluator.create({ descriptor: false, expression: false });
  clip = await prepareCropClip(clipD18, work, evaluator, { sizePx: 256, fps: 25, maxFrames: FRAMES, detectFrames: 3 });
});

afterAll(async () => {
  await evaluator?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('prepareCropClip', () => {
  it('writes a 256x256 25 fps clip of a fixed square inside the source, with the face in the middle', async () => {
    expect(clip.frames).toBe(FRAMES);
    expect(clip.crop.width).toBe(clip.crop.height);
    expect(clip.crop.x + clip.crop.width).toBeLessThanOrEqual(480);
    expect(clip.crop.y + clip.crop.height).toBeLessThanOrEqual(480);
    const frames = await readAllFrames(clip.path);
    expect(frames).toHaveLength(FRAMES);
    expect(frames[0].width).toBe(256);
    const face = await evaluator.analyze(frames[0]);
    expect(face).not.toBeNull();
    let cx = 0;
    for (let i = 0; i < 136; i += 2) cx += face!.landmarks68[i] / 68;
    expect(Math.abs(cx - 128)).toBeLessThan(40);
  });
});

describe('encodeClassical', () => {
  it('encodes x264 2-pass near its target with one keyframe and counts its bytes', async () => {
    const enc = await encodeClassical(clip.path, 'libx264', { targetKbps: 24 }, FRAMES, 25, path.join(work, 'enc'));
    const { units, extradataBytes } = await probePackets(enc.path);
    expect(units).toHaveLength(FRAMES);
    expect(units.filter((u) => u.key)).toHaveLength(1);
    expect(units[0].key).toBe(true);
    expect(enc.stats.firstKeyframeBytes).toBe(units[0].bytes);
    expect(enc.stats.steadyBytes).toBe(units.slice(1).reduce((s, u) => s + u.bytes, 0));
    expect(extradataBytes).toBeGreaterThan(0);
    // 2-pass rate control hits the target over the whole clip: 25.05 kbit/s observed for 24. In a 1 s clip the first
    // keyframe (1,495 B) takes half of that, so the frames after it run at 13.26 kbit/s.
    expect(enc.stats.totalKbps).toBeGreaterThan(24 * 0.85);
    expect(enc.stats.totalKbps).toBeLessThan(24 * 1.15);
    expect(enc.stats.kbps).toBeGreaterThan(10);
    expect(enc.stats.kbps).toBeLessThan(17);
    expect(enc.stats.totalKbps).toBeGreaterThan(enc.stats.kbps);
    // On the network: 56 B of RTP/SRTP/UDP/IPv4 headers per packet on top.
    expect(enc.stats.wireKbps! - enc.stats.kbps).toBeGreaterThanOrEqual((56 * 8 * 25) / 1000 - 1e-9);
    expect((await readAllFrames(enc.path)).length).toBe(FRAMES);
    // Its coarsest quantizer spends fewer bits than a generous target.
    const qmax = await encodeClassical(clip.path, 'libx264', 'qmax', FRAMES, 25, path.join(work, 'enc'));
    const rich = await encodeClassical(clip.path, 'libx264', { targetKbps: 200 }, FRAMES, 25, path.join(work, 'enc'));
    expect(qmax.stats.kbps).toBeLessThan(rich.stats.kbps);
  });

  it('asks every encoder for no B-frames and no periodic keyframes', () => {
    for (const codec of ['libx264', 'libx265', 'libaom-av1'] as const) {
      const args = encoderArgs(codec, { targetKbps: 10 }, 2, '/tmp/x').join(' ');
      expect(args).toMatch(/-bf 0|bframes=0|lag-in-frames 0/);
      expect(args).toMatch(/keyint(_min)?[= ]100000/);
      expect(args).toMatch(/pass[= ]2/);
    }
  });

  it('turns an encoder refusal into a typed error', async () => {
    // x264 refuses 2-pass targets below ~6 kbit/s at 256x256 25 fps.
    await expect(encodeClassical(clip.path, 'libx264', { targetKbps: 1 }, FRAMES, 25, path.join(work, 'enc'))).rejects.toMatchObject({
      code: 'BENCH_ENCODER_FAILED',
    });
  });
});

describe('svgToPng', () => {
  it('rasterises the plot at the SVG size', async () => {
    const svg = renderPlotSvg([{ title: 'AKD', yLabel: 'px', series: [{ name: 'a', color: '#f00', points: [{ x: 2, y: 1 }, { x: 8, y: 2 }] }] }], {
      title: 't',
      xLabel: 'kbit/s',
      panelWidthPx: 320,
      panelHeightPx: 240,
    });
    const svgPath = path.join(work, 'plot.svg');
    await writeFile(svgPath, svg);
    await svgToPng(svgPath, path.join(work, 'plot.png'));
    expect((await stat(path.join(work, 'plot.png'))).size).toBeGreaterThan(1000);
    const png = await readImage(path.join(work, 'plot.png'));
    expect([png.width, png.height]).toEqual([320, 240 + 34 + 28]);
    // The polyline is drawn in red somewhere.
    let red = 0;
    for (let i = 0; i < png.data.length; i += 3) if (png.data[i] > 200 && png.data[i + 1] < 60 && png.data[i + 2] < 60) red++;
    expect(red).toBeGreaterThan(20);
  });
});
