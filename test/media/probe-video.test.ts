// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MediaError, probeVideo } from '../../src/media/index.js';
import { clipD18, clipRetalking1, stillJpg } from './media-fixtures.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'facecodec-probe-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** ffprobe's own answer, for comparison. */
function ffprobeStream(file: string, extra: string[] = []): Record<string, string> {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', ...extra, '-show_entries',
    'stream=width,height,r_frame_rate,avg_frame_rate,nb_frames,nb_read_packets,codec_name,duration', '-of', 'json', file]);
  return JSON.parse(out.toString()).streams[0];
}

function rate(r: string): number {
  const [n, d] = r.split('/').map(Number);
  return n / d;
}

describe('probeVideo', () => {
  test('matches ffprobe on a constant-rate clip', async () => {
    const info = await probeVideo(clipD18);
    const ref = ffprobeStream(clipD18);
    expect(info).toEqual({
      width: Number(ref.width),
      height: Number(ref.height),
      fps: rate(ref.avg_frame_rate),
      nominalFps: rate(ref.r_frame_rate),
      frameCount: Number(ref.nb_frames),
      durationS: Number(ref.duration),
      codec: ref.codec_name,
    });
    expect(info).toMatchObject({ width: 480, height: 480, fps: 30, frameCount: 216, codec: 'h264' });
  });

  test('reports the average rate of a variable-rate clip, consistent with its frame count', async () => {
    const info = await probeVideo(clipRetalking1);
    expect(info.nominalFps).toBe(30);
    expect(info.frameCount).toBe(135);
    expect(info.fps).toBeCloseTo(1350 / 61, 6);
    expect(info.frameCount / info.durationS).toBeCloseTo(info.fps, 1);
  });

  test('counts packets when the container states no frame count (mkv)', async () => {
    const mkv = path.join(tmp, 'clip.mkv');
    execFileSync('ffmpeg', ['-v', 'error', '-i', clipD18, '-frames:v', '12', '-c', 'copy', '-y', mkv]);
    expect(ffprobeStream(mkv).nb_frames).toBeUndefined();
    const info = await probeVideo(mkv);
    expect(info.frameCount).toBe(Number(ffprobeStream(mkv, ['-count_packets']).nb_read_packets));
    expect(info.frameCount).toBe(12);
    expect(info.width).toBe(480);
  });

  test('probes a still image as a one-frame video', async () => {
    const info = await probeVideo(stillJpg);
    expect(info).toMatchObject({ width: 720, height: 720, frameCount: 1, codec: 'mjpeg' });
  });

  test('missing, text-as-mp4, empty and audio-only files give typed MediaErrors', async () => {
    const textFile = path.join(tmp, 'notes.mp4');
    writeFileSync(textFile, 'this is not a video\n'.repeat(50));
    const emptyFile = path.join(tmp, 'empty.mp4');
    writeFileSync(emptyFile, '');
    const audioFile = path.join(tmp, 'tone.wav');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=0.2', '-y', audioFile]);

    const cases: [string, string][] = [
      [path.join(tmp, 'does-not-exist.mp4'), 'MEDIA_NOT_FOUND'],
      [tmp, 'MEDIA_NOT_FOUND'],
      [textFile, 'MEDIA_UNREADABLE'],
      [emptyFile, 'MEDIA_UNREADABLE'],
      [audioFile, 'MEDIA_NO_VIDEO'],
    ];
    for (const [file, code] of cases) {
      const err = await probeVideo(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MediaError);
      expect((err as MediaError).code).toBe(code);
      expect((err as MediaError).message).toContain(file);
    }
    // ffprobe's own reason is kept in the message.
    const err = (await probeVideo(textFile).catch((e: unknown) => e)) as MediaError;
    expect(err.message).toMatch(/Invalid data|moov atom/);
  });
});
