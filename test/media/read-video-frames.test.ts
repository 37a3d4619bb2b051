// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MediaError, cropResize, readAllFrames, readImage, readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { clipD18, clipRetalking1, ffmpegChildPids, meanAbsDiff, sameBytes, stillJpg, stillPng } from './media-fixtures.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'facecodec-read-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Frame `index` decoded by the ffmpeg CLI directly, as the reference. */
function ffmpegFrame(file: string, index: number, width: number, height: number): Uint8Array {
  const out = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', `select=eq(n\\,${index})`, '-fps_mode', 'passthrough',
    '-frames:v', '1', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'], { maxBuffer: 64 << 20 });
  expect(out.length).toBe(width * height * 3);
  return new Uint8Array(out);
}

describe('readVideoFrames', () => {
  test('reads 10 full-size frames with changing content, identical to ffmpeg CLI output', async () => {
    const frames: RgbImage[] = [];
    for await (const f of readVideoFrames(clipD18, { maxFrames: 10 })) frames.push(f);
    expect(frames).toHaveLength(10);
    for (const f of frames) {
      expect(f.width).toBe(480);
      expect(f.height).toBe(480);
      expect(f.data.length).toBe(480 * 480 * 3);
    }
    // Every frame owns its buffer (no aliasing), and the content moves over the clip.
    expect(new Set(frames.map((f) => f.data.buffer)).size).toBe(10);
    expect(meanAbsDiff(frames[0], frames[9])).toBeGreaterThan(0.1);
    const pixels = frames[0].data;
    expect(pixels.reduce((m, v) => Math.max(m, v), 0) - pixels.reduce((m, v) => Math.min(m, v), 255)).toBeGreaterThan(100);
    expect(sameBytes(frames[7].data, ffmpegFrame(clipD18, 7, 480, 480))).toBe(true);
  });

  test('decodes every stored frame of a variable-rate clip once (no duplicates)', async () => {
    let count = 0;
    for await (const f of readVideoFrames(clipRetalking1, { size: { width: 64, height: 64 } })) {
      expect(f.width).toBe(64);
      count++;
    }
    expect(count).toBe(135);
  });

  test('crop then resize matches the same region resampled in TS, and fps resamples', async () => {
    const [full] = await readAllFrames(clipD18, { maxFrames: 1 });
    const [cropped] = await readAllFrames(clipD18, { maxFrames: 1, crop: { x: 100, y: 60, width: 200, height: 240 } });
    expect([cropped.width, cropped.height]).toEqual([200, 240]);
    expect(sameBytes(cropped.data, cropResize(full, { x: 100, y: 60, width: 200, height: 240 }, 200, 240).data)).toBe(true);
    const [small] = await readAllFrames(clipD18, { maxFrames: 1, crop: { x: 100, y: 60, width: 200, height: 240 }, size: { width: 100, height: 120 } });
    expect([small.width, small.height]).toEqual([100, 120]);
    const halfRate = await readAllFrames(clipD18, { fps: 15, size: { width: 32, height: 32 } });
    expect(Math.abs(halfRate.length - 108)).toBeLessThanOrEqual(1);
  });

  test('breaking out early kills ffmpeg and leaves no child process', async () => {
    expect(ffmpegChildPids()).toEqual([]);
    let seen = 0;
    let pidsWhileRunning: number[] = [];
    for await (const _ of readVideoFrames(clipD18)) {
      seen++;
      if (seen === 1) {
        // With backpressure ffmpeg blocks on the full pipe instead of decoding all 216 frames (~0.3 s) and exiting.
        await new Promise((r) => setTimeout(r, 600));
        pidsWhileRunning = ffmpegChildPids();
      }
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
    expect(pidsWhileRunning).toHaveLength(1);
    expect(ffmpegChildPids()).toEqual([]);
  });

  test('manual return() before the first frame never spawns, after it kills', async () => {
    const unused = readVideoFrames(clipD18);
    expect(ffmpegChildPids()).toEqual([]);
    await unused.return(undefined);
    const it = readVideoFrames(clipD18)[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    expect(ffmpegChildPids()).toHaveLength(1);
    await it.return(undefined);
    expect(ffmpegChildPids()).toEqual([]);
    expect((await it.next()).done).toBe(true);
  });

  test('bad files and bad options reject with MediaError from the iteration', async () => {
    const textFile = path.join(tmp, 'fake.mp4');
    writeFileSync(textFile, 'not a video');
    const attempts: [string, object, string][] = [
      [path.join(tmp, 'missing.mp4'), {}, 'MEDIA_NOT_FOUND'],
      [textFile, {}, 'MEDIA_UNREADABLE'],
      [clipD18, { maxFrames: 0 }, 'MEDIA_BAD_ARGUMENT'],
      [clipD18, { size: { width: 0, height: 10 } }, 'MEDIA_BAD_ARGUMENT'],
      [clipD18, { crop: { x: 400, y: 0, width: 100, height: 100 } }, 'MEDIA_BAD_ARGUMENT'],
      [clipD18, { fps: Number.NaN }, 'MEDIA_BAD_ARGUMENT'],
    ];
    for (const [file, opts, code] of attempts) {
      const err = await (async () => {
        for await (const _ of readVideoFrames(file, opts)) return null;
        return null;
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MediaError);
      expect((err as MediaError).code).toBe(code);
    }
    expect(ffmpegChildPids()).toEqual([]);
  });

  test('readAllFrames refuses inputs over maxBytes', async () => {
    const err = await readAllFrames(clipD18, { maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect((err as MediaError).code).toBe('MEDIA_TOO_LARGE');
  });
});

describe('readImage', () => {
  test('reads png and jpg stills at their size', async () => {
    const png = await readImage(stillPng);
    const jpg = await readImage(stillJpg);
    expect([jpg.width, jpg.height]).toEqual([720, 720]);
    expect(png.data.length).toBe(png.width * png.height * 3);
    expect(png.width).toBeGreaterThan(100);
    const ref = execFileSync('ffmpeg', ['-v', 'error', '-i', stillJpg, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'], { maxBuffer: 64 << 20 });
    expect(sameBytes(jpg.data, ref)).toBe(true);
  });
});
