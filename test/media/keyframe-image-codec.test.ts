// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { cropResize, readImage, type RgbImage } from '../../src/media/index.js';
import { JpegImageCodec } from '../../src/media/jpeg-image-codec.js';
import { searchQualityForBytes } from '../../src/media/keyframe-image-codec.js';
import { MediaError } from '../../src/media/media-error.js';
import { SharpImageCodec } from '../../src/media/sharp-image-codec.js';
import { psnr } from '../../src/metrics/psnr.js';
import { still } from '../codec/shared-paths.js';

let face: RgbImage;

beforeAll(async () => {
  const img = await readImage(still('sadtalker_happy.png'));
  const side = Math.min(img.width, img.height);
  face = cropResize(img, { x: (img.width - side) / 2, y: (img.height - side) / 2, width: side, height: side }, 256, 256);
});

const codecs = () => [new SharpImageCodec({ format: 'avif' }), new SharpImageCodec({ format: 'webp' }), new SharpImageCodec({ format: 'jpeg' }), new JpegImageCodec()];

describe('keyframe image codecs on a real face crop', () => {
  it.each(codecs().map((c) => [c.name, c] as const))('%s round-trips at quality 80', async (_name, codec) => {
    const e = await codec.encode(face, { quality: 80 });
    expect(e.format).toBe(codec.format);
    const back = await codec.decode(e.format, e.bytes);
    expect([back.width, back.height, back.data.length]).toEqual([256, 256, 256 * 256 * 3]);
    expect(psnr(face, back)).toBeGreaterThan(32);
  });

  it.each(codecs().map((c) => [c.name, c] as const))('%s fits a 3000-byte budget with the best quality that fits', async (_name, codec) => {
    const e = await codec.encode(face, { maxBytes: 3000 });
    expect(e.withinTarget).toBe(true);
    expect(e.bytes.length).toBeLessThanOrEqual(3000);
    if (e.quality < 100) expect((await codec.encode(face, { quality: e.quality + 1 })).bytes.length).toBeGreaterThan(3000);
    // a second keyframe starts from the first one's quality and lands on the same answer
    const again = await codec.encode(face, { maxBytes: 3000 });
    expect(again.quality).toBe(e.quality);
  });

  it('a budget below the smallest image says so and returns the smallest', async () => {
    const e = await new SharpImageCodec({ format: 'webp' }).encode(face, { maxBytes: 100 });
    expect(e.withinTarget).toBe(false);
    expect(e.quality).toBe(1);
  });

  it('the sharp decoder reads every format and refuses bad bytes with typed errors', async () => {
    const reader = new SharpImageCodec();
    for (const writer of codecs()) {
      const e = await writer.encode(face, { quality: 70 });
      expect(psnr(face, await reader.decode(e.format, e.bytes))).toBeGreaterThan(30);
      await expect(reader.decode(e.format, e.bytes.subarray(0, e.bytes.length >> 1))).rejects.toMatchObject({ code: 'MEDIA_UNREADABLE' });
    }
    const avif = (await reader.encode(face, { quality: 50 })).bytes;
    await expect(reader.decode('webp', avif)).rejects.toMatchObject({ code: 'MEDIA_UNREADABLE' }); // mislabelled
    await expect(reader.decode('avif', Uint8Array.from([1, 2, 3, 4, 5]))).rejects.toBeInstanceOf(MediaError);
    await expect(new JpegImageCodec().decode('avif', avif)).rejects.toMatchObject({ code: 'MEDIA_UNSUPPORTED_FORMAT' });
    await expect(reader.encode(face, { maxBytes: 0 })).rejects.toMatchObject({ code: 'MEDIA_BAD_ARGUMENT' });
  });
});

describe('searchQualityForBytes', () => {
  it('finds the highest fitting quality from any hint, as plain bisection does', async () => {
    const size = (q: number) => Math.round(200 + 40 * q + 0.5 * q * q);
    for (const maxBytes of [150, 300, 1234, 4000, 9000]) {
      const plain = await searchQualityForBytes(async (q) => new Uint8Array(size(q)), maxBytes);
      for (const hint of [1, 7, 50, 63, 99, 100]) {
        let calls = 0;
        const hinted = await searchQualityForBytes(async (q) => (calls++, new Uint8Array(size(q))), maxBytes, { hint });
        expect([hinted.quality, hinted.withinTarget]).toEqual([plain.quality, plain.withinTarget]);
        expect(calls).toBeLessThanOrEqual(16);
      }
    }
  });
});
