/** Hermite smoothstep: the soft 0-to-1 ramp behind every feathered weight of the renderers. */

/** 0 at or below `edge0`, 1 at or above `edge1`, C1-smooth between. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
