// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * Parameters coded below the camera's rate: the encoder codes every other frame of a 30 fps clip, the header tells
 * receivers the display rate, and the frames in between are rendered from the two coded neighbours, measurably
 * closer to the input than holding the earlier frame would be.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeProfile, readStreamFile, type StreamHeader } from '../../src/bitstream/index.js';
import { roundtrip } from '../../src/cli/roundtrip.js';
import { createDecoder, loadFaceModel } from '../../src/codec.js';
import { DecoderError } from '../../src/decoder/decoder-error.js';
import type { DecodedVideoFrame } from '../../src/decoder/decoder.js';
import { cropResize, type RgbImage } from '../../src/media/index.js';
import { psnr } from '../../src/metrics/psnr.js';
import { clip } from './shared-paths.js';

const FRAMES = 40;
const FACE = { x: 120, y: 80, width: 240, height: 300 };

describe('15 Hz parameters for a 30 fps camera', () => {
  let dir: string;
  let report: Awaited<ReturnType<typeof roundtrip>>;
  const outputs: RgbImage[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facecodec-rate-'));
    report = await roundtrip({
      input: clip('liveportrait_d18.mp4'),
      streamPath: join(dir, 'half.fcs'),
      maxFrames: FRAMES,
      profile: makeProfile(),
      encoder: { parameterRateHz: 15 },
      onFrame: (_i, img) => void outputs.push({ ...img, data: Uint8Array.from(img.data) }),
    });
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('codes half the frames, shows all of them, and says so in the header', async () => {
    expect(report.frames).toBe(FRAMES);
    expect(outputs).toHaveLength(FRAMES);
    const entries = [...readStreamFile(new Uint8Array(await readFile(join(dir, 'half.fcs'))))];
    const header = entries.find((e) => e.message.type === 'header')!.message as { header: StreamHeader };
    expect(header.header.frameRateHz).toBe(15);
    expect(header.header.displayRateHz).toBe(30);
    expect(entries.filter((e) => e.message.type === 'frame')).toHaveLength(FRAMES / 2);
    expect(report.framesInterpolated).toBe(FRAMES / 2 - 1);
    // The rate counts packets at 15 Hz.
    expect(report.kbps).toBeCloseTo((report.bytesPerFrame * 8 * 15) / 1000, 6);
  });

  it('an interpolated frame lies between its coded neighbours: closer to each than they are to each other', () => {
    // (Against the input, the codec's own error dwarfs one frame of motion at 30 fps; AKD in bench/rate-quality.ts
    // measures what interpolation costs.)
    const face = (img: RgbImage) => cropResize(img, FACE, 120, 150);
    let toPrevious = 0;
    let toNext = 0;
    let across = 0;
    let count = 0;
    for (let i = 3; i < FRAMES - 1; i += 2) {
      const [before, mid, after] = [face(outputs[i - 1]), face(outputs[i]), face(outputs[i + 1])];
      toPrevious += psnr(mid, before);
      toNext += psnr(mid, after);
      across += psnr(before, after);
      count++;
    }
    expect(toPrevious / count).toBeGreaterThan(across / count + 2);
    expect(toNext / count).toBeGreaterThan(across / count + 2);
  });

  it('Decoder.interpolate renders only between its latest frames, in time order', async () => {
    const model = await loadFaceModel();
    const decoder = await createDecoder({ models: [model] });
    try {
      const decoded: DecodedVideoFrame[] = [];
      for (const entry of readStreamFile(new Uint8Array(await readFile(join(dir, 'half.fcs'))))) {
        const event = await decoder.handle(entry.message);
        if (event.type === 'frame') decoded.push(event.frame);
      }
      expect(decoder.displayRateHz).toBe(30);
      const [a, b] = decoded.slice(-2);
      const t = Math.round((a.timestampMs + b.timestampMs) / 2);
      const w = (t - a.timestampMs) / (b.timestampMs - a.timestampMs);
      const mid = await decoder.interpolate(a, b, t);
      expect(mid.interpolated).toBe(true);
      for (let k = 0; k < 2; k++) {
        expect(mid.pose.translationPx[k]).toBeCloseTo(a.pose.translationPx[k] + (b.pose.translationPx[k] - a.pose.translationPx[k]) * w, 3);
      }
      expect(mid.params.expression[0]).toBeCloseTo(a.params.expression[0] + (b.params.expression[0] - a.params.expression[0]) * w, 4);
      // Extrapolation carries the motion on past the newest frame, up to one more gap, only when asked for.
      const ahead = b.timestampMs + Math.round((b.timestampMs - a.timestampMs) / 2);
      const wa = (ahead - a.timestampMs) / (b.timestampMs - a.timestampMs);
      const beyond = await decoder.interpolate(a, b, ahead, { extrapolate: true });
      expect(beyond.pose.translationPx[0]).toBeCloseTo(a.pose.translationPx[0] + (b.pose.translationPx[0] - a.pose.translationPx[0]) * wa, 3);
      await expect(decoder.interpolate(a, b, 2 * b.timestampMs - a.timestampMs + 1, { extrapolate: true })).rejects.toBeInstanceOf(DecoderError);
      const notInterpolable = expect.objectContaining({ code: 'NOT_INTERPOLABLE' });
      await expect(decoder.interpolate(a, b, ahead)).rejects.toEqual(notInterpolable);
      await expect(decoder.interpolate(decoded[0], b, b.timestampMs - 1)).rejects.toEqual(notInterpolable);
      await expect(decoder.interpolate(a, b, b.timestampMs + 10)).rejects.toEqual(notInterpolable);
      await expect(decoder.interpolate(b, a, a.timestampMs)).rejects.toBeInstanceOf(DecoderError);
    } finally {
      await decoder.close();
    }
  });
});
