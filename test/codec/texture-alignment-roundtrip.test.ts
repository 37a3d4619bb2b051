// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * Texture alignment through the whole codec on a real clip: the same frames coded with and without it; with it the
 * decoded face is closer to the camera's (the sender only chose better parameters: same format, same receiver).
 */
import { makeProfile } from '../../src/bitstream/index.js';
import { createEncoder } from '../../src/codec.js';
import { EncoderError } from '../../src/encoder/encoder-error.js';
import { roundtrip } from '../../src/cli/roundtrip.js';
import { readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { psnr } from '../../src/metrics/psnr.js';
import { clip } from './shared-paths.js';

const FRAMES = 40;
const INPUT = clip('liveportrait_d18.mp4');

async function decoded(textureAlignment: boolean): Promise<{ frames: RgbImage[]; bytes: number }> {
  const frames: RgbImage[] = [];
  const report = await roundtrip({
    input: INPUT,
    maxFrames: FRAMES,
    profile: makeProfile(),
    progress: false,
    encoder: { textureAlignment },
    onFrame: (_i, img) => void frames.push({ ...img, data: Uint8Array.from(img.data) }),
  });
  return { frames, bytes: report.framePacketBytes };
}

describe('texture alignment through the codec', () => {
  it('brings the decoded frames closer to the input at about the same rate', async () => {
    const input: RgbImage[] = [];
    for await (const f of readVideoFrames(INPUT, { maxFrames: FRAMES })) input.push(f);
    const off = await decoded(false);
    const on = await decoded(true);
    expect(on.frames).toHaveLength(FRAMES);
    // Past the first frames (both start from the same keyframe) the aligned stream should win on most frames.
    let wins = 0, gain = 0;
    for (let i = 10; i < FRAMES; i++) {
      const d = psnr(input[i], on.frames[i]) - psnr(input[i], off.frames[i]);
      gain += d / (FRAMES - 10);
      if (d > 0) wins++;
    }
    // Measured: +1.04 dB mean over frames 10..39, 28 of 30 frames better, 545 B of frames against 579.
    expect(gain).toBeGreaterThan(0.4);
    expect(wins).toBeGreaterThan((FRAMES - 10) * 0.6);
    // Better parameters, not more of them.
    expect(on.bytes).toBeLessThan(off.bytes * 1.1);
  }, 180_000);

  it('refuses settings out of range with BAD_CONFIG', async () => {
    for (const textureAlignment of [{ passes: 0 }, { radiusPx: 0.5 }, { minCorrelation: 1 }, { maxShiftPx: -1 }, { speed: 2 } as object]) {
      await expect(createEncoder({ frameRateHz: 25, textureAlignment })).rejects.toThrow(EncoderError);
    }
  });
});
