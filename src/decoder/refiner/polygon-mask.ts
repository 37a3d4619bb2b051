/** Filled polygons and feathered edges as float masks: the region inputs of the refinement network. */

/**
 * Sets to 1 every pixel whose centre lies inside the closed polygon `loop` (vertex ids into `vertices`, x y z
 * triples in px), by even-odd scanlines. Non-finite vertices leave the mask untouched.
 */
export function fillPolygon(mask: Float32Array, width: number, height: number, vertices: Float32Array, loop: ArrayLike<number>): void {
  const n = loop.length;
  if (n < 3) return;
  let minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const y = vertices[loop[i] * 3 + 1];
    if (!Number.isFinite(y) || !Number.isFinite(vertices[loop[i] * 3])) return;
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
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

/** Softens a mask's edges in place: two passes of a (2r+1) box blur each way (about a tent of radius 2r). */
export function featherMask(mask: Float32Array, width: number, height: number, radius: number, scratch: Float32Array): void {
  if (radius <= 0) return;
  for (let pass = 0; pass < 2; pass++) {
    boxBlur(mask, scratch, width, height, radius, 1, width);
    boxBlur(scratch, mask, height, width, radius, width, 1);
  }
}

/** One box blur along lines of `length` samples `step` apart; `lines` lines start `lineStep` apart. Edges clamp. */
function boxBlur(src: Float32Array, dst: Float32Array, length: number, lines: number, r: number, step: number, lineStep: number): void {
  const norm = 1 / (2 * r + 1);
  for (let l = 0; l < lines; l++) {
    const base = l * lineStep;
    const at = (i: number) => src[base + Math.min(length - 1, Math.max(0, i)) * step];
    let sum = 0;
    for (let i = -r; i <= r; i++) sum += at(i);
    for (let i = 0; i < length; i++) {
      dst[base + i * step] = sum * norm;
      sum += at(i + r + 1) - at(i - r);
    }
  }
}
