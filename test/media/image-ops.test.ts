// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import {
  MediaError, createRgbImage, cropResize, pasteBack, readImage, sideBySide, toGray, type RgbImage,
} from '../../src/media/index.js';
import { psnrDb, sameBytes, stillPng } from './media-fixtures.js';

let photo: RgbImage;
beforeAll(async () => {
  photo = await readImage(stillPng);
});

function copyOf(img: RgbImage): RgbImage {
  return { width: img.width, height: img.height, data: img.data.slice() };
}

function px(img: RgbImage, x: number, y: number): number[] {
  const o = (y * img.width + x) * 3;
  return [img.data[o], img.data[o + 1], img.data[o + 2]];
}

/** A horizontal ramp: red = 10 * x, green = 10 * y, blue = 7. */
function ramp(width: number, height: number): RgbImage {
  const img = createRgbImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) img.data.set([10 * x, 10 * y, 7], (y * width + x) * 3);
  }
  return img;
}

describe('cropResize', () => {
  test('identity rect reproduces a real image exactly', () => {
    const out = cropResize(photo, { x: 0, y: 0, width: photo.width, height: photo.height }, photo.width, photo.height);
    expect(sameBytes(out.data, photo.data)).toBe(true);
  });

  test('an integer same-size crop equals copying the rows', () => {
    const rect = { x: 37, y: 51, width: 120, height: 90 };
    const out = cropResize(photo, rect, 120, 90);
    for (const [x, y] of [[0, 0], [119, 0], [60, 45], [119, 89]]) expect(px(out, x, y)).toEqual(px(photo, rect.x + x, rect.y + y));
  });

  test('sub-pixel offsets interpolate linearly', () => {
    const out = cropResize(ramp(20, 20), { x: 2.5, y: 3.25, width: 10, height: 10 }, 10, 10);
    // Pixel (0,0) of the crop samples source position (2.5, 3.25).
    expect(px(out, 0, 0)).toEqual([25, 33, 7]);
    expect(px(out, 4, 6)).toEqual([65, 93, 7]);
  });

  test('2x downscale averages each 2x2 block (no aliasing)', () => {
    const src = createRgbImage(4, 2);
    // Checkerboard of 0/200: plain point or bilinear sampling at block centres would still work, but a 1-px stripe tests averaging.
    for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) src.data.fill(x % 2 === 0 ? 200 : 0, (y * 4 + x) * 3, (y * 4 + x) * 3 + 3);
    const out = cropResize(src, { x: 0, y: 0, width: 4, height: 2 }, 2, 1);
    expect(px(out, 0, 0)).toEqual([100, 100, 100]);
    expect(px(out, 1, 0)).toEqual([100, 100, 100]);
    // Downscaled real image stays close to ffmpeg-free expectations: mean colour is preserved.
    const small = cropResize(photo, { x: 0, y: 0, width: photo.width, height: photo.height }, 64, 64);
    const mean = (img: RgbImage) => img.data.reduce((s, v) => s + v, 0) / img.data.length;
    expect(Math.abs(mean(small) - mean(photo))).toBeLessThan(1.5);
  });

  test('outside the image: clamp repeats the edge, black fills zeros', () => {
    const src = ramp(10, 10);
    const rect = { x: -5, y: -5, width: 10, height: 10 };
    const clamped = cropResize(src, rect, 10, 10);
    expect(px(clamped, 0, 0)).toEqual(px(src, 0, 0));
    expect(px(clamped, 9, 0)).toEqual(px(src, 4, 0));
    const black = cropResize(src, rect, 10, 10, undefined, { border: 'black' });
    expect(px(black, 0, 0)).toEqual([0, 0, 0]);
    expect(px(black, 9, 9)).toEqual(px(src, 4, 4));
    const far = cropResize(src, { x: 100, y: 100, width: 5, height: 5 }, 3, 3, undefined, { border: 'black' });
    expect(far.data.every((v) => v === 0)).toBe(true);
  });

  test('writes into a supplied output and validates its arguments', () => {
    const out = createRgbImage(32, 24);
    expect(cropResize(photo, { x: 10.3, y: 4.6, width: 100, height: 75 }, 32, 24, out)).toBe(out);
    expect(out.data.some((v) => v > 0)).toBe(true);
    const bad: [() => unknown, string][] = [
      [() => cropResize(photo, { x: Number.NaN, y: 0, width: 10, height: 10 }, 8, 8), 'rect'],
      [() => cropResize(photo, { x: 0, y: 0, width: 0, height: 10 }, 8, 8), 'rect'],
      [() => cropResize(photo, { x: 0, y: 0, width: 10, height: 10 }, 8.5, 8), 'output size'],
      [() => cropResize(photo, { x: 0, y: 0, width: 10, height: 10 }, 8, 8, out), 'out'],
      [() => cropResize({ width: 4, height: 4, data: new Uint8Array(3) }, { x: 0, y: 0, width: 2, height: 2 }, 2, 2), 'src'],
    ];
    for (const [call, word] of bad) {
      expect(call).toThrow(MediaError);
      expect(call).toThrow(word);
    }
  });
});

describe('pasteBack', () => {
  test('pasting a same-size crop of an image back into it changes nothing', () => {
    const rect = { x: 120, y: 90, width: 200, height: 160 };
    const patch = cropResize(photo, rect, 200, 160);
    const dst = copyOf(photo);
    expect(pasteBack(dst, patch, rect, 12)).toBe(dst);
    expect(sameBytes(dst.data, photo.data)).toBe(true);
  });

  test('a resampled sub-pixel crop pastes back in register (no shift)', () => {
    const rect = { x: 150.4, y: 100.7, width: 300.3, height: 300.3 };
    const patch = cropResize(photo, rect, 512, 512);
    const dst = copyOf(photo);
    pasteBack(dst, patch, rect, 0);
    const inner = { x: 160, y: 110, width: 280, height: 280 };
    const got = cropResize(dst, inner, 280, 280);
    const want = cropResize(photo, inner, 280, 280);
    expect(psnrDb(got, want)).toBeGreaterThan(35);
    // A one-pixel misregistration would be far worse on this detailed photo.
    const shifted = cropResize(photo, { ...inner, x: inner.x + 1 }, 280, 280);
    expect(psnrDb(got, shifted)).toBeLessThan(psnrDb(got, want) - 5);
  });

  test('feathering ramps opacity from the rect edge inward and leaves outside pixels untouched', () => {
    const dst = createRgbImage(100, 60);
    const white = createRgbImage(40, 40);
    white.data.fill(255);
    pasteBack(dst, white, { x: 30, y: 10, width: 40, height: 40 }, 8);
    expect(px(dst, 29, 30)).toEqual([0, 0, 0]);
    expect(px(dst, 70, 30)).toEqual([0, 0, 0]);
    expect(px(dst, 50, 30)).toEqual([255, 255, 255]);
    const row = [30, 31, 33, 35, 37, 38].map((x) => px(dst, x, 30)[0]);
    expect(row[0]).toBeGreaterThan(0);
    expect(row[0]).toBeLessThan(20);
    for (let i = 1; i < row.length; i++) expect(row[i]).toBeGreaterThan(row[i - 1]);
    expect(row[row.length - 1]).toBe(255);
  });

  test('a mask limits the paste; rects partly outside the frame are clipped', () => {
    const dst = createRgbImage(20, 20);
    const patch = createRgbImage(10, 10);
    patch.data.fill(100);
    const mask = new Float32Array(100);
    mask.fill(1, 0, 70); // patch rows 0..6 opaque
    // Only patch rows/columns 5..9 land inside the frame, at dst 0..4.
    pasteBack(dst, patch, { x: -5, y: -5, width: 10, height: 10 }, 0, { mask });
    expect(px(dst, 2, 1)).toEqual([100, 100, 100]);
    expect(px(dst, 2, 3)).toEqual([0, 0, 0]);
    expect(px(dst, 6, 1)).toEqual([0, 0, 0]);
    expect(() => pasteBack(dst, patch, { x: 0, y: 0, width: 10, height: 10 }, -1)).toThrow(MediaError);
    expect(() => pasteBack(dst, patch, { x: 0, y: 0, width: 10, height: 10 }, 0, { mask: new Float32Array(3) })).toThrow(MediaError);
  });
});

describe('sideBySide and toGray', () => {
  test('sideBySide places a left of b and pads the shorter one with black', () => {
    const a = ramp(3, 2);
    const b = createRgbImage(2, 4);
    b.data.fill(9);
    const out = sideBySide(a, b);
    expect([out.width, out.height]).toEqual([5, 4]);
    expect(px(out, 2, 1)).toEqual(px(a, 2, 1));
    expect(px(out, 0, 3)).toEqual([0, 0, 0]);
    expect(px(out, 3, 3)).toEqual([9, 9, 9]);
  });

  test('toGray uses BT.601 luma', () => {
    const img = createRgbImage(4, 1);
    img.data.set([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const gray = toGray(img);
    expect(Array.from(gray.data)).toEqual([77, 149, 29, 255]);
    const fromPhoto = toGray(photo);
    const o = (50 * photo.width + 50) * 3;
    const expected = 0.299 * photo.data[o] + 0.587 * photo.data[o + 1] + 0.114 * photo.data[o + 2];
    expect(Math.abs(fromPhoto.data[50 * photo.width + 50] - expected)).toBeLessThanOrEqual(1);
  });
});
