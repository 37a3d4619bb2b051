/** The mesh-warp renderer's rasterizer: watertight coverage (top-left rule) and depth order. */
import { TriangleRasterizer } from '../../src/decoder/renderers/triangle-rasterizer.js';

describe('TriangleRasterizer', () => {
  test('a fan of triangles with sub-pixel vertices covers every pixel of its polygon exactly once', () => {
    const size = 64, cx = 31.37, cy = 30.81, spokes = 17;
    const coverCount = new Uint8Array(size * size);
    const single = new TriangleRasterizer(size, size);
    let covered = 0;
    for (let k = 0; k < spokes; k++) {
      const a0 = (2 * Math.PI * k) / spokes, a1 = (2 * Math.PI * (k + 1)) / spokes;
      single.clear();
      single.drawTriangle(k, cx, cy, 0, cx + 25 * Math.cos(a0), cy + 25 * Math.sin(a0), 0, cx + 25 * Math.cos(a1), cy + 25 * Math.sin(a1), 0, 0);
      single.triangleIds.forEach((id, p) => {
        if (id >= 0) coverCount[p]++;
      });
    }
    for (let p = 0; p < size * size; p++) {
      expect(coverCount[p]).toBeLessThanOrEqual(1);
      covered += coverCount[p];
    }
    // Area of the 17-gon of radius 25 is ~1925 px^2; every pixel centre inside is covered.
    expect(Math.abs(covered - 0.5 * spokes * 625 * Math.sin((2 * Math.PI) / spokes))).toBeLessThan(40);
    // No holes: pixels near the centre and along every spoke are covered.
    expect(coverCount[31 * size + 31]).toBe(1);
  });

  test('larger depth wins regardless of order, and culling follows the requested winding', () => {
    const r = new TriangleRasterizer(16, 16);
    expect(r.drawTriangle(1, 0, 0, 5, 16, 0, 5, 0, 16, 5, 1)).toBe(true);
    expect(r.drawTriangle(2, 0, 0, 1, 16, 0, 9, 0, 16, 1, 1)).toBe(true); // tilted plane: closer towards +x
    expect(r.triangleIds[2 * 16 + 1]).toBe(1); // near x=0 the first (z=5) is in front
    expect(r.triangleIds[2 * 16 + 11]).toBe(2); // near x=11 the tilted one (z~6.5) is in front
    expect(r.drawTriangle(3, 0, 0, 9, 0, 16, 9, 16, 0, 9, 1)).toBe(false); // opposite winding: culled
    expect(r.drawTriangle(4, 1, 1, 9, 2, 2, 9, 3, 3, 9, 0)).toBe(false); // collinear: degenerate
  });
});
