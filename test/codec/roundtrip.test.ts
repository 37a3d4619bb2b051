// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStreamFile, makeProfile } from '../../src/bitstream/index.js';
import { roundtrip } from '../../src/cli/roundtrip.js';
import { decodeFile, streamInfo } from '../../src/cli/stream-commands.js';
import { cropResize, readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { psnr } from '../../src/metrics/psnr.js';
import { clip } from './shared-paths.js';

const FRAMES = 40;

describe('roundtrip on a real clip (built-in model, mesh-warp renderer)', () => {
  let dir: string;
  let report: Awaited<ReturnType<typeof roundtrip>>;
  const outputs: RgbImage[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facecodec-rt-'));
    report = await roundtrip({
      input: clip('liveportrait_d18.mp4'),
      streamPath: join(dir, 'rt.fcs'),
      maxFrames: FRAMES,
      profile: makeProfile(),
      onFrame: (_i, img) => void outputs.push({ ...img, data: Uint8Array.from(img.data) }),
    });
  }, 120000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('codes every frame at a few bytes and keeps the input size and count', async () => {
    expect(report.frames).toBe(FRAMES);
    expect(outputs).toHaveLength(FRAMES);
    expect(outputs[0].width).toBe(480);
    expect(report.framesWithFace).toBe(FRAMES);
    // One intra frame and 39 predicted ones: 579 B, 14.475 B/frame observed. The band leaves room for landmark
    // numerics on another CPU, not for a coder that doubles (or halves) its output.
    expect(report.intraFrames).toBe(1);
    expect(report.framePacketBytes).toBeGreaterThan(540);
    expect(report.framePacketBytes).toBeLessThan(620);
    expect(report.bytesPerFrame).toBe(report.framePacketBytes / FRAMES);
    expect(report.firstKeyframeBytes).toBeGreaterThan(2000);
  });

  it('reconstructs the face: the crop region is close to the input', async () => {
    const scores: number[] = [];
    let i = 0;
    for await (const frame of readVideoFrames(clip('liveportrait_d18.mp4'), { maxFrames: FRAMES })) {
      if (i % 10 === 5) {
        // compare the central face region, where the codec must be faithful
        const rect = { x: 120, y: 80, width: 240, height: 300 };
        scores.push(psnr(cropResize(frame, rect, 120, 150), cropResize(outputs[i], rect, 120, 150)));
      }
      i++;
    }
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeGreaterThan(29); // 31.7 dB observed (36.6, 32.1, 28.8, 29.1 at frames 5, 15, 25, 35)
  });

  it('fills the frame outside the face crop with the crop\'s own edges: no flat grey once a picture arrived', () => {
    for (const out of outputs.slice(1)) {
      let grey = 0;
      for (let o = 0; o < out.data.length; o += 3) if (out.data[o] === 128 && out.data[o + 1] === 128 && out.data[o + 2] === 128) grey++;
      // The crop covers well under half of this 480x480 frame; a grey canvas made the rest (over 100,000 px) 128.
      expect(grey).toBeLessThan(0.001 * out.width * out.height);
    }
  });

  it('the kept stream decodes again and reports its facts', async () => {
    const bytes = new Uint8Array(await readFile(join(dir, 'rt.fcs')));
    const types = [...readStreamFile(bytes)].map((e) => e.message.type);
    expect(types.slice(0, 2)).toEqual(['header', 'keyframe']);
    const info = await streamInfo(join(dir, 'rt.fcs'));
    expect(info.frames).toBe(FRAMES);
    // The default profile's intra interval is 50, so 40 frames hold only the first intra frame.
    expect(makeProfile().intraInterval).toBe(50);
    expect(info.intraFrames).toBe(1);
    expect(info.predictedFrames).toBe(FRAMES - 1);
    expect(info.framePacketBytes).toBe(report.framePacketBytes);
    expect(info.bytesPerFrame).toBeCloseTo(report.bytesPerFrame, 6);
    const decoded = await decodeFile(join(dir, 'rt.fcs'), join(dir, 'dec.mp4'));
    expect(decoded.frames).toBe(FRAMES);
    expect(decoded.errors).toBe(0);
  });
});
