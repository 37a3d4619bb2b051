// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  MediaError, VideoWriter, createRgbImage, probeVideo, readAllFrames, readImage, writeImage, type RgbImage,
} from '../../src/media/index.js';
import { clipD18, ffmpegChildPids, psnrDb, sameBytes } from './media-fixtures.js';

let tmp: string;
let source: RgbImage[];
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'facecodec-write-'));
  source = await readAllFrames(clipD18, { maxFrames: 10 });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('VideoWriter', () => {
  test('h264 mp4 round trip: same frame count, size, fps and PSNR > 30 dB', async () => {
    const file = path.join(tmp, 'nested/out.mp4');
    const writer = await VideoWriter.open(file, { width: 480, height: 480, fps: 30 });
    for (const frame of source) await writer.write(frame);
    expect(writer.frameCount).toBe(10);
    await writer.close();
    await writer.close(); // idempotent

    const info = await probeVideo(file);
    expect(info).toMatchObject({ width: 480, height: 480, fps: 30, frameCount: 10, codec: 'h264' });
    const back = await readAllFrames(file);
    expect(back).toHaveLength(10);
    for (let i = 0; i < 10; i++) {
      expect([back[i].width, back[i].height]).toEqual([480, 480]);
      expect(psnrDb(back[i], source[i])).toBeGreaterThan(30);
    }
    // Frames stay in order: frame 9 matches its source better than frame 0's.
    expect(psnrDb(back[9], source[9])).toBeGreaterThan(psnrDb(back[9], source[0]));
    expect(ffmpegChildPids()).toEqual([]);
  });

  test('reusing one frame buffer between writes is safe (the writer copies)', async () => {
    const file = path.join(tmp, 'reuse.mp4');
    const writer = await VideoWriter.open(file, { width: 480, height: 480, fps: 25, crf: 10, preset: 'ultrafast' });
    const scratch = createRgbImage(480, 480);
    for (const frame of source.slice(0, 4)) {
      scratch.data.set(frame.data);
      const pending = writer.write(scratch);
      scratch.data.fill(0); // clobber before the write has been flushed
      await pending;
    }
    await writer.close();
    const back = await readAllFrames(file);
    expect(back).toHaveLength(4);
    for (let i = 0; i < 4; i++) expect(psnrDb(back[i], source[i])).toBeGreaterThan(35);
  });

  test('odd sizes are padded to even for yuv420p', async () => {
    const file = path.join(tmp, 'odd.mp4');
    const writer = await VideoWriter.open(file, { width: 101, height: 77, fps: 10 });
    const frame = createRgbImage(101, 77);
    frame.data.fill(200);
    for (let i = 0; i < 3; i++) await writer.write(frame);
    await writer.close();
    expect(await probeVideo(file)).toMatchObject({ width: 102, height: 78, frameCount: 3 });
  });

  test('png-frames writes a numbered, lossless frame folder', async () => {
    const dir = path.join(tmp, 'frames');
    const writer = await VideoWriter.open(dir, { width: 480, height: 480, fps: 30, codec: 'png-frames' });
    for (const frame of source.slice(0, 3)) await writer.write(frame);
    await writer.close();
    expect(readdirSync(dir).sort()).toEqual(['00000.png', '00001.png', '00002.png']);
    const second = await readImage(path.join(dir, '00001.png'));
    expect(sameBytes(second.data, source[1].data)).toBe(true);
  });

  test('bad arguments, wrong frame sizes and use after close are MediaErrors', async () => {
    const file = path.join(tmp, 'bad.mp4');
    await expect(VideoWriter.open(file, { width: 0, height: 10, fps: 30 })).rejects.toMatchObject({ code: 'MEDIA_BAD_ARGUMENT' });
    await expect(VideoWriter.open(file, { width: 10, height: 10, fps: Number.NaN })).rejects.toMatchObject({ code: 'MEDIA_BAD_ARGUMENT' });
    await expect(VideoWriter.open(file, { width: 10, height: 10, fps: 30, crf: 60 })).rejects.toBeInstanceOf(MediaError);
    const writer = await VideoWriter.open(file, { width: 64, height: 64, fps: 30 });
    await expect(writer.write(source[0])).rejects.toMatchObject({ code: 'MEDIA_BAD_ARGUMENT' });
    await writer.write(createRgbImage(64, 64));
    await writer.close();
    await expect(writer.write(createRgbImage(64, 64))).rejects.toMatchObject({ code: 'MEDIA_CLOSED' });
  });

  test('an ffmpeg failure (unwritable output) surfaces as MediaError with its stderr, not a crash', async () => {
    // Nobody, not even root, can create files in /proc, so ffmpeg exits right after start; later writes hit EPIPE.
    const writer = await VideoWriter.open('/proc/facecodec-cannot-write.mp4', { width: 480, height: 480, fps: 30 });
    const err = await (async () => {
      for (let i = 0; i < 20; i++) await writer.write(source[i % 10]);
      await writer.close();
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe('MEDIA_FFMPEG_FAILED');
    expect((err as MediaError).message).toMatch(/facecodec-cannot-write/);
    expect(ffmpegChildPids()).toEqual([]);
  });

  test('abort stops the encoder without waiting for input to end', async () => {
    const writer = await VideoWriter.open(path.join(tmp, 'aborted.mp4'), { width: 480, height: 480, fps: 30 });
    await writer.write(source[0]);
    expect(ffmpegChildPids()).toHaveLength(1);
    await writer.abort();
    expect(ffmpegChildPids()).toEqual([]);
  });
});

describe('writeImage', () => {
  test('writes a lossless PNG that reads back identically', async () => {
    const file = path.join(tmp, 'still/frame.png');
    await writeImage(file, source[3]);
    expect(existsSync(file)).toBe(true);
    const back = await readImage(file);
    expect([back.width, back.height]).toEqual([480, 480]);
    expect(sameBytes(back.data, source[3].data)).toBe(true);
  });

  test('rejects malformed images and unwritable paths with MediaError', async () => {
    await expect(writeImage(path.join(tmp, 'x.png'), { width: 2, height: 2, data: new Uint8Array(5) })).rejects.toMatchObject({
      code: 'MEDIA_BAD_ARGUMENT',
    });
    await expect(writeImage('/proc/facecodec-no.png', source[0])).rejects.toMatchObject({ code: 'MEDIA_FFMPEG_FAILED' });
  });
});
