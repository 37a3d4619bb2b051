/**
 * The person matte a keyframe carries: which of its pixels are the person (head, hair, neck, body) and which the
 * background, so the receiver moves the first with the head and keeps the second still. Coded as a coarse binary
 * grid, run-length per row: a face crop's matte is one or two runs a row, about 150-250 bytes at 64x64.
 *
 * Layout: grid width, grid height (one byte each, 1..255), then per row the lengths of alternating runs starting with
 * background (a row that starts with person begins with a 0-length run), each one byte; a row ends when its lengths
 * add up to the width.
 */
import { BitstreamError } from './errors.js';

/** Default grid side: 4 px cells on a 256 px crop. */
export const MATTE_GRID = 64;
/** Largest coded matte accepted (a 255x255 grid of alternating pixels, plus the header). */
export const MAX_MATTE_BYTES = 2 + 255 * 256;

/** A decoded matte grid: `cells[y * width + x]` is 1 for person, 0 for background. */
export interface MatteGrid {
  readonly width: number;
  readonly height: number;
  readonly cells: Uint8Array;
}

/**
 * Reduces a soft matte (`alpha`, `width` x `height` values 0..1, 1 = person) to a `grid` x `grid` binary grid (a cell
 * is person when most of its area is) and codes it.
 */
export function encodePersonMatte(alpha: Float32Array, width: number, height: number, grid = MATTE_GRID): Uint8Array {
  if (!(Number.isInteger(grid) && grid >= 1 && grid <= 255)) throw new BitstreamError('INVALID_INPUT', `matte grid ${grid} is not 1..255`);
  if (alpha.length !== width * height || !(width >= grid && height >= grid)) {
    throw new BitstreamError('INVALID_INPUT', `matte of ${alpha.length} values does not match ${width}x${height} (at least ${grid} each way)`);
  }
  const out: number[] = [grid, grid];
  for (let gy = 0; gy < grid; gy++) {
    const y0 = Math.floor((gy * height) / grid), y1 = Math.floor(((gy + 1) * height) / grid);
    let value = 0, run = 0;
    for (let gx = 0; gx < grid; gx++) {
      const x0 = Math.floor((gx * width) / grid), x1 = Math.floor(((gx + 1) * width) / grid);
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += alpha[y * width + x];
      const cell = sum * 2 > (y1 - y0) * (x1 - x0) ? 1 : 0;
      if (cell !== value) {
        out.push(run);
        value = cell;
        run = 0;
      }
      run++;
    }
    out.push(run);
  }
  return Uint8Array.from(out);
}

/** Decodes a coded matte; throws `BitstreamError('CORRUPT')` on a malformed one. */
export function decodePersonMatte(bytes: Uint8Array): MatteGrid {
  if (!(bytes instanceof Uint8Array) || bytes.length < 3 || bytes.length > MAX_MATTE_BYTES) {
    throw new BitstreamError('CORRUPT', `person matte of ${bytes?.length} bytes is not a coded matte`);
  }
  const width = bytes[0], height = bytes[1];
  if (width === 0 || height === 0) throw new BitstreamError('CORRUPT', `person matte grid ${width}x${height} is empty`);
  const cells = new Uint8Array(width * height);
  let at = 2;
  for (let y = 0; y < height; y++) {
    let x = 0, value = 0;
    while (x < width) {
      if (at >= bytes.length) throw new BitstreamError('CORRUPT', `person matte ends in row ${y}`);
      const run = bytes[at++];
      if (x + run > width) throw new BitstreamError('CORRUPT', `person matte row ${y} runs past its width`);
      if (value) cells.fill(1, y * width + x, y * width + x + run);
      x += run;
      value ^= 1;
    }
  }
  if (at !== bytes.length) throw new BitstreamError('CORRUPT', `person matte has ${bytes.length - at} bytes past its end`);
  return { width, height, cells };
}

/**
 * The grid as a soft matte of `width` x `height` pixels (bilinear between cell centres: the coarse cells' steps
 * become ramps about one cell wide, which hides their blockiness at the person's outline).
 */
export function matteAlpha(grid: MatteGrid, width: number, height: number, out = new Float32Array(width * height)): Float32Array {
  const sx = grid.width / width, sy = grid.height / height;
  for (let y = 0; y < height; y++) {
    const v = Math.min(grid.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const v0 = Math.floor(v), v1 = Math.min(grid.height - 1, v0 + 1), fv = v - v0;
    for (let x = 0; x < width; x++) {
      const u = Math.min(grid.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const u0 = Math.floor(u), u1 = Math.min(grid.width - 1, u0 + 1), fu = u - u0;
      const c = grid.cells, w = grid.width;
      out[y * width + x] =
        (1 - fv) * ((1 - fu) * c[v0 * w + u0] + fu * c[v0 * w + u1]) + fv * ((1 - fu) * c[v1 * w + u0] + fu * c[v1 * w + u1]);
    }
  }
  return out;
}
