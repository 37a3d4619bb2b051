/** What a receiver shows outside the face crop: the crop's border colours, blurring into its mean further out. */
import { extendAround } from '../../src/media/index.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import { MediaError } from '../../src/media/media-error.js';

/** A crop whose border has a colour per 16 px run: hard stripes that a plain extension drags across the frame. */
function stripedCrop(side: number): RgbImage {
  const crop = createRgbImage(side, side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const v = Math.floor(x / 16) % 2 === 0 ? 30 : 230;
      crop.data.set([v, 255 - v, 128], (y * side + x) * 3);
    }
  }
  return crop;
}

const rect = { x: 192, y: 192, width: 128, height: 128 };
const pixel = (img: RgbImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));

/** Spread (max - min) of the red channel along row y over the crop's columns. */
function rowSpread(img: RgbImage, y: number): number {
  let lo = 255, hi = 0;
  for (let x = rect.x; x < rect.x + rect.width; x++) {
    const r = img.data[(y * img.width + x) * 3];
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  return hi - lo;
}

describe('extendAround', () => {
  const crop = stripedCrop(128);
  const frame = extendAround(createRgbImage(512, 512), crop, rect);

  it('continues the border colours next to the crop', () => {
    expect(rowSpread(frame, rect.y - 2)).toBeGreaterThan(120);
    // Right above a dark run stays dark, above a light run light.
    expect(pixel(frame, rect.x + 8, rect.y - 2)[0]).toBeLessThan(90);
    expect(pixel(frame, rect.x + 24, rect.y - 2)[0]).toBeGreaterThan(170);
  });

  it('blurs into the crop mean a crop width away instead of streaking across the frame', () => {
    expect(rowSpread(frame, rect.y - 45)).toBeLessThan(rowSpread(frame, rect.y - 2) / 2);
    expect(rowSpread(frame, 10)).toBeLessThan(8);
    for (const [x, y] of [[5, 5], [500, 260], [256, 505]]) {
      const [r, g, b] = pixel(frame, x, y);
      expect(Math.abs(r - 130)).toBeLessThan(8);
      expect(Math.abs(g - 125)).toBeLessThan(8);
      expect(b).toBe(128);
    }
  });

  it('leaves the crop rectangle to the caller and refuses malformed input', () => {
    const marked = createRgbImage(512, 512);
    marked.data.fill(7);
    extendAround(marked, crop, rect);
    expect(pixel(marked, rect.x + 5, rect.y + 5)).toEqual([7, 7, 7]);
    expect(() => extendAround({ ...marked, data: marked.data.subarray(3) }, crop, rect)).toThrow(MediaError);
    expect(() => extendAround(marked, crop, { ...rect, width: -1 })).toThrow(MediaError);
  });
});
