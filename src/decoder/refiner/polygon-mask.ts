/** Filled polygons and feathered edges as float masks: the region inputs of the refinement network. */

/** Integer pixel box, end exclusive (empty when x1 <= x0 or y1 <= y0). */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Sets to 1 every pixel whose centre lies inside the closed polygon `loop` (vertex ids into `vertices`, x y z
 * triples in px), by even-odd scanlines; grows `box` to cover what it may have set. Non-finite vertices leave the
 * mask untouched.
 */
export function fillPolygon(mask: Float32Array, width: number, height: number, vertices: Float32Array, loop: ArrayLike<number>, box?: PixelBox): void {
  const n = loop.length;
  if (n < 3) return;
  let minY = Infinity, maxY = -Infinity, minX = Infinity, maxX = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = vertices[loop[i] * 3], y = vertices[loop[i] * 3 + 1];
    if (!Number.isFinite(y) || !Number.isFinite(x)) return;
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
  }
  if (box) {
    box.x0 = Math.min(box.x0, Math.max(0, Math.floor(minX)));
    box.y0 = Math.min(box.y0, Math.max(0, Math.floor(minY)));
    box.x1 = Math.max(box.x1, Math.min(width, Math.ceil(maxX) + 1));
    box.y1 = Math.max(box.y1, Math.min(height, Math.ceil(maxY) + 1));
  }
  const y0 = Math.max(0, Math.ceil(minY - 0.5)), y1 = Math.min(height - 1, Math.floor(maxY - 0.5));
  const xs: number[] = [];
  for (let py = y0; py <= y1; py++) {
    const cy = py + 0.5;
    xs.length = 0;
    for (let i = 0; i < n; i++) {
      const a = loop[i] * 3, b = loop[(i + 1) % n] * 3;
      const ay = vertices[a + 1], by = vertices[b + 1];
      // Half-open in y so a vertex on the scanline counts once.
      if ((ay <= cy) === (by <= cy)) continue;
      xs.push(vertices[a] + ((cy - ay) / (by - ay)) * (vertices[b] - vertices[a]));
    }
    xs.sort((p, q) => p - q);
    const row = py * width;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k] - 0.5)), to = Math.min(width - 1, Math.floor(xs[k + 1] - 0.5));
      for (let px = from; px <= to; px++) mask[row + px] = 1;
    }
  }
}

/**
 * Softens a mask's edges in place: two passes of a (2r+1) box blur each way (about a tent of radius 2r). With `box`
 * (where the mask is non-zero), only the box grown by the blur's reach is touched: the rest is zero and stays zero,
 * which keeps small regions (eyes, mouth) nearly free. Returns the box it touched.
 */
export function featherMask(mask: Float32Array, width: number, height: number, radius: number, scratch: Float32Array, box?: PixelBox): PixelBox {
  const reach = radius > 0 ? 2 * radius + 1 : 0;
  const b = box
    ? { x0: Math.max(0, box.x0 - reach), y0: Math.max(0, box.y0 - reach), x1: Math.min(width, box.x1 + reach), y1: Math.min(height, box.y1 + reach) }
    : { x0: 0, y0: 0, x1: width, y1: height };
  if (radius <= 0 || b.x1 <= b.x0 || b.y1 <= b.y0) return b;
  for (let pass = 0; pass < 2; pass++) {
    for (let y = b.y0; y < b.y1; y++) boxBlurLine(mask, scratch, y * width, 1, b.x0, b.x1, width, radius);
    for (let x = b.x0; x < b.x1; x++) boxBlurLine(scratch, mask, x, width, b.y0, b.y1, height, radius);
  }
  return b;
}

/**
 * Box blur of samples `from`..`to` (exclusive) of one line (`base` + i * `step`, `length` samples, edges clamped)
 * from `src` into `dst`; samples outside from..to are read from `src` (zero in a box-limited feather).
 */
function boxBlurLine(src: Float32Array, dst: Float32Array, base: number, step: number, from: number, to: number, length: number, r: number): void {
  const norm = 1 / (2 * r + 1);
  const at = (i: number) => src[base + (i < 0 ? 0 : i >= length ? length - 1 : i) * step];
  let sum = 0;
  for (let i = from - r; i <= from + r; i++) sum += at(i);
  for (let i = from; i < to; i++) {
    dst[base + i * step] = sum * norm;
    sum += at(i + r + 1) - at(i - r);
  }
}
