/**
 * The keyframe split into layers: the person (moves with the head) and the background (stays still). Where the head
 * moves away, the background behind it shows: that comes from a background plate, the keyframe with the person
 * filled in from the surrounding background (pull-push), made once per keyframe.
 */
import { createRgbImage, type RgbImage } from '../../media/rgb-image.js';

/** The keyframe's layers, both keyframe-sized. */
export interface KeyframeLayers {
  /** Person probability per keyframe pixel (row-major, 0..1). */
  readonly matte: Float32Array;
  /** The keyframe with the person replaced by the background around it. */
  readonly background: RgbImage;
}

/** Pixels count as known background below this person probability... */
const BACKGROUND_BELOW = 0.05;
/**
 * ...and this far (px) from any pixel above it: the coded matte is coarse (4 px cells), so the person's own colours
 * reach a few pixels past its outline, and a plate made from them would show a ghost of the person.
 */
const OUTLINE_MARGIN_PX = 5;

/** Bilinear person probability at a continuous keyframe position (pixel centres at +0.5), edges repeated. */
export function sampleMatte(matte: Float32Array, width: number, height: number, x: number, y: number): number {
  const u = Math.min(width - 1, Math.max(0, x - 0.5)), v = Math.min(height - 1, Math.max(0, y - 0.5));
  const u0 = Math.floor(u), v0 = Math.floor(v);
  const u1 = Math.min(width - 1, u0 + 1), v1 = Math.min(height - 1, v0 + 1);
  const fu = u - u0, fv = v - v0;
  return (1 - fv) * ((1 - fu) * matte[v0 * width + u0] + fu * matte[v0 * width + u1]) + fv * ((1 - fu) * matte[v1 * width + u0] + fu * matte[v1 * width + u1]);
}

/**
 * The background plate: the keyframe's background pixels as they are, the person's pixels filled smoothly from the
 * background around them (a weighted pyramid: pulled up by 2x2 averaging of the known pixels, pushed down by bilinear
 * interpolation into the unknown ones). With no background pixel at all it is the keyframe's mean colour.
 */
export function backgroundPlate(image: RgbImage, matte: Float32Array): RgbImage {
  const { width, height } = image;
  type Level = { w: number; h: number; rgb: Float32Array; weight: Float32Array };
  const base: Level = { w: width, h: height, rgb: new Float32Array(width * height * 3), weight: new Float32Array(width * height) };
  const near = personNearby(matte, width, height);
  for (let i = 0; i < width * height; i++) {
    const known = near[i] ? 0 : 1;
    base.weight[i] = known;
    for (let c = 0; c < 3; c++) base.rgb[i * 3 + c] = image.data[i * 3 + c] * known;
  }
  // Pull: each level sums 2x2 blocks of the one below (colour premultiplied by weight).
  const levels = [base];
  while (levels[levels.length - 1].w > 1 || levels[levels.length - 1].h > 1) {
    const f = levels[levels.length - 1];
    const w = Math.ceil(f.w / 2), h = Math.ceil(f.h / 2);
    const next: Level = { w, h, rgb: new Float32Array(w * h * 3), weight: new Float32Array(w * h) };
    for (let y = 0; y < f.h; y++) {
      for (let x = 0; x < f.w; x++) {
        const i = y * f.w + x, j = (y >> 1) * w + (x >> 1);
        next.weight[j] += f.weight[i];
        for (let c = 0; c < 3; c++) next.rgb[j * 3 + c] += f.rgb[i * 3 + c];
      }
    }
    levels.push(next);
  }
  // Normalize to colours, keeping each level's confidence (weight capped at 1).
  for (const l of levels) {
    for (let i = 0; i < l.w * l.h; i++) {
      const wt = l.weight[i];
      if (wt > 0) for (let c = 0; c < 3; c++) l.rgb[i * 3 + c] /= wt;
      l.weight[i] = Math.min(1, wt);
    }
  }
  const top = levels[levels.length - 1];
  if (top.weight[0] === 0) {
    // No background known: the mean colour of the whole keyframe.
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      for (let i = 0; i < width * height; i++) sum += image.data[i * 3 + c];
      top.rgb[c] = sum / (width * height);
    }
    top.weight[0] = 1;
  }
  // Push: fill each level's uncertain cells from the level above, bilinearly.
  for (let k = levels.length - 2; k >= 0; k--) {
    const l = levels[k], up = levels[k + 1];
    for (let y = 0; y < l.h; y++) {
      const v = Math.min(up.h - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
      const v0 = Math.floor(v), v1 = Math.min(up.h - 1, v0 + 1), fv = v - v0;
      for (let x = 0; x < l.w; x++) {
        const i = y * l.w + x, wt = l.weight[i];
        if (wt >= 1) continue;
        const u = Math.min(up.w - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
        const u0 = Math.floor(u), u1 = Math.min(up.w - 1, u0 + 1), fu = u - u0;
        for (let c = 0; c < 3; c++) {
          const a = up.rgb[(v0 * up.w + u0) * 3 + c], b = up.rgb[(v0 * up.w + u1) * 3 + c];
          const d = up.rgb[(v1 * up.w + u0) * 3 + c], e = up.rgb[(v1 * up.w + u1) * 3 + c];
          const pushed = (1 - fv) * ((1 - fu) * a + fu * b) + fv * ((1 - fu) * d + fu * e);
          l.rgb[i * 3 + c] = wt * l.rgb[i * 3 + c] + (1 - wt) * pushed;
        }
        l.weight[i] = 1;
      }
    }
  }
  const out = createRgbImage(width, height);
  for (let i = 0; i < width * height * 3; i++) out.data[i] = Math.round(base.rgb[i]);
  return out;
}

/** 1 where a pixel within OUTLINE_MARGIN_PX (a square) is at least BACKGROUND_BELOW person (a separable max filter). */
function personNearby(matte: Float32Array, width: number, height: number): Uint8Array {
  const r = OUTLINE_MARGIN_PX;
  const rows = new Uint8Array(width * height), out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    // Two passes per row: distance to the nearest person pixel on the left, then on the right.
    let last = -Infinity;
    for (let x = 0; x < width; x++) {
      if (matte[y * width + x] >= BACKGROUND_BELOW) last = x;
      if (x - last <= r) rows[y * width + x] = 1;
    }
    last = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (matte[y * width + x] >= BACKGROUND_BELOW) last = x;
      if (last - x <= r) rows[y * width + x] = 1;
    }
  }
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height; y++) {
      if (rows[y * width + x]) last = y;
      if (y - last <= r) out[y * width + x] = 1;
    }
    last = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (rows[y * width + x]) last = y;
      if (last - y <= r) out[y * width + x] = 1;
    }
  }
  return out;
}
