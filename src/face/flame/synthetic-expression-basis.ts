/** A made-up, deterministic expression basis for tests and demos while FLAME's real one is unavailable. */
import { FlameParamsError } from './flame-params-error.js';

/**
 * SYNTHETIC, not FLAME's expression space: `components` smooth compact bumps (weight (1 - d²/R²)², zero beyond R)
 * on the front of the face, each centred on a seeded random vertex (R = 20-40 mm, random direction, peak
 * 4 mm · 0.85^k so earlier components carry more variance). Layout and units match FLAME's expression basis: (N,3,E) float32, metres.
 * @param templateM v_template (N*3, metres).
 */
export function makeSyntheticExpressionBasis(templateM: Float32Array, components: number, seed: number): Float32Array {
  if (!Number.isInteger(components) || components < 1 || components > 1000) {
    throw new FlameParamsError(`components must be an integer in 1..1000, got ${components}`);
  }
  if (templateM.length % 3 !== 0 || templateM.length === 0) throw new FlameParamsError('template must hold N*3 values');
  const n = templateM.length / 3;
  let state = (seed >>> 0) ^ 0x9e3779b9;
  const rand = (): number => {
    // xorshift32: tiny, deterministic across platforms.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  let zMax = -Infinity;
  for (let i = 0; i < n; i++) zMax = Math.max(zMax, templateM[3 * i + 2]);
  const front: number[] = [];
  for (let i = 0; i < n; i++) if (templateM[3 * i + 2] > zMax - 0.05) front.push(i);
  const out = new Float32Array(n * 3 * components);
  for (let k = 0; k < components; k++) {
    const c = front[Math.floor(rand() * front.length)];
    const cx = templateM[3 * c], cy = templateM[3 * c + 1], cz = templateM[3 * c + 2];
    const radius = 0.02 + 0.02 * rand();
    let dx = rand() - 0.5, dy = rand() - 0.5, dz = rand() - 0.5;
    const len = Math.hypot(dx, dy, dz) || 1;
    dx /= len; dy /= len; dz /= len;
    const peak = 0.004 * 0.85 ** k;
    const invR2 = 1 / (radius * radius);
    for (let i = 0; i < n; i++) {
      const ex = templateM[3 * i] - cx, ey = templateM[3 * i + 1] - cy, ez = templateM[3 * i + 2] - cz;
      const q = 1 - (ex * ex + ey * ey + ez * ez) * invR2;
      if (q <= 0) continue;
      const w = peak * q * q;
      out[(3 * i) * components + k] = w * dx;
      out[(3 * i + 1) * components + k] = w * dy;
      out[(3 * i + 2) * components + k] = w * dz;
    }
  }
  return out;
}
