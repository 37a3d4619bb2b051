/** Finds a triangle mesh's outer boundary (for a face mesh: the face oval), the loop a skirt can be grown from. */

/**
 * The longest closed loop of boundary edges (edges used by exactly one triangle), in the order the triangles wind it,
 * or null when the mesh has no closed boundary (a closed surface, or a non-manifold rim the walk cannot follow).
 * Inner holes (eyes, mouth) are shorter than the outline, so the longest loop is the outline. Runs once per topology.
 */
export function outerBoundaryLoop(triangles: Uint32Array): Uint32Array | null {
  // Directed edge a->b is a boundary edge when no triangle holds b->a or a second a->b.
  const edgeCount = new Map<number, number>();
  let maxIndex = 0;
  for (let i = 0; i < triangles.length; i++) maxIndex = Math.max(maxIndex, triangles[i]);
  const stride = maxIndex + 1;
  const key = (a: number, b: number): number => (a < b ? a * stride + b : b * stride + a);
  for (let t = 0; t + 2 < triangles.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const k = key(triangles[t + e], triangles[t + ((e + 1) % 3)]);
      edgeCount.set(k, (edgeCount.get(k) ?? 0) + 1);
    }
  }
  const next = new Map<number, number>();
  let nonManifold = false;
  for (let t = 0; t + 2 < triangles.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = triangles[t + e], b = triangles[t + ((e + 1) % 3)];
      if (edgeCount.get(key(a, b)) !== 1) continue;
      if (next.has(a)) nonManifold = true;
      next.set(a, b);
    }
  }
  if (nonManifold) return null;
  const visited = new Set<number>();
  let best: number[] | null = null;
  for (const start of next.keys()) {
    if (visited.has(start)) continue;
    const loop: number[] = [];
    let v: number | undefined = start;
    while (v !== undefined && !visited.has(v)) {
      visited.add(v);
      loop.push(v);
      v = next.get(v);
    }
    if (v !== start) continue; // open chain: not a loop
    if (!best || loop.length > best.length) best = loop;
  }
  return best && best.length >= 3 ? Uint32Array.from(best) : null;
}
