// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
// PSNR and SSIM against values computed by hand from their definitions.
import { createRgbImage, readImage, type RgbImage } from '../../src/media/index.js';
import { MetricsError, psnr, ssim } from '../../src/metrics/index.js';
import { stillPath } from './shared-data.js';

function gray(width: number, height: number, level: (x: number, y: number) => number): RgbImage {
  const img = createRgbImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) img.data.fill(level(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  }
  return img;
}

const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

describe('psnr', () => {
  it('is Infinity for identical images', async () => {
    const img = await readImage(stillPath('sadtalker_happy.png'));
    expect(psnr(img, { ...img, data: img.data.slice() })).toBe(Infinity);
  });

  it('gives 10*log10(255^2) = 48.13 dB for a constant difference of one level', () => {
    const a = gray(32, 24, (x, y) => (x * 7 + y * 3) % 250);
    const b = gray(32, 24, (x, y) => ((x * 7 + y * 3) % 250) + 1);
    expect(psnr(a, b)).toBeCloseTo(48.1308036, 6);
  });

  it('gives 10*log10(255^2 / 2) when half the samples differ by 2', () => {
    const a = gray(16, 16, () => 100);
    const b = gray(16, 16, (x) => (x % 2 === 0 ? 102 : 100));
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10((255 * 255) / 2), 9);
  });

  it('rejects images of different sizes with a typed error', () => {
    expect(() => psnr(gray(16, 16, () => 0), gray(16, 17, () => 0))).toThrow(
      expect.objectContaining({ code: 'METRICS_SIZE_MISMATCH' }) as MetricsError,
    );
  });

  it('rejects an image whose data length does not match its size', () => {
    const bad: RgbImage = { width: 4, height: 4, data: new Uint8Array(10) };
    expect(() => psnr(bad, bad)).toThrow(MetricsError);
  });
});

describe('ssim', () => {
  it('is 1 for identical real images', async () => {
    const img = await readImage(stillPath('sadtalker_happy.png'));
    expect(ssim(img, img)).toBeCloseTo(1, 12);
  });

  it('reduces to the luminance term for two flat images: (2*100*110 + C1) / (100^2 + 110^2 + C1)', () => {
    const expected = (2 * 100 * 110 + C1) / (100 * 100 + 110 * 110 + C1); // 0.995476...
    expect(ssim(gray(20, 20, () => 100), gray(20, 20, () => 110))).toBeCloseTo(expected, 9);
  });

  it('gives (C2 - 2*20^2) / (C2 + 2*20^2) = -0.8637 for a checkerboard against its inverse', () => {
    // Levels 100/140 around mean 120: every window has mean 120 and variance 20^2 (the Gaussian taps of a 1-px
    // checkerboard balance to within 1e-8), and the inverse has covariance -20^2, so only the structure term remains.
    const a = gray(40, 40, (x, y) => ((x + y) % 2 === 0 ? 100 : 140));
    const b = gray(40, 40, (x, y) => ((x + y) % 2 === 0 ? 140 : 100));
    expect(ssim(a, b)).toBeCloseTo((C2 - 800) / (C2 + 800), 5);
  });

  it('drops as a real image is degraded more', async () => {
    const img = await readImage(stillPath('sadtalker_happy.png'));
    const noisy = (amp: number): RgbImage => {
      const out = { ...img, data: img.data.slice() };
      for (let i = 0; i < out.data.length; i++) out.data[i] = Math.max(0, Math.min(255, out.data[i] + ((i * 2654435761) % 2 === 0 ? amp : -amp)));
      return out;
    };
    const light = ssim(img, noisy(4));
    const heavy = ssim(img, noisy(30));
    expect(light).toBeLessThan(1);
    expect(heavy).toBeLessThan(light - 0.1);
  });

  it('rejects images smaller than the 11x11 window', () => {
    expect(() => ssim(gray(10, 30, () => 0), gray(10, 30, () => 0))).toThrow(
      expect.objectContaining({ code: 'METRICS_BAD_ARGUMENT' }) as MetricsError,
    );
  });
});
