/** The face's bounding ellipse in the output frame, a smooth yardstick for how far a pixel lies from the face. */

/**
 * Ellipse aligned with the principal axes of the projected vertices, inscribed in their bounding box along those axes.
 * `normalizedRadius(x, y)` is 1 on the ellipse, 0 at its centre, and grows linearly outwards, so
 * weights built on it are smooth and follow the face's size and tilt.
 */
export class FaceEllipse {
  centerX = 0;
  centerY = 0;
  /** Unit major-axis direction; the minor axis is (-axisY, axisX). */
  axisX = 1;
  axisY = 0;
  /** Reciprocal semi-axis lengths (1/px). */
  invSemiMajor = 0;
  invSemiMinor = 0;
  /** False when fewer than 3 finite vertices were given; radius is then 0 everywhere. */
  valid = false;

  /** Fits the ellipse to the finite (x, y) of `vertices` (`N*3`: x, y, z). */
  fit(vertices: Float32Array): void {
    let n = 0, mx = 0, my = 0;
    for (let i = 0; i + 2 < vertices.length; i += 3) {
      const x = vertices[i], y = vertices[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      n++;
      mx += x;
      my += y;
    }
    this.valid = n >= 3;
    if (!this.valid) return;
    mx /= n;
    my /= n;
    let sxx = 0, sxy = 0, syy = 0;
    for (let i = 0; i + 2 < vertices.length; i += 3) {
      const x = vertices[i] - mx, y = vertices[i + 1] - my;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      sxx += x * x;
      sxy += x * y;
      syy += y * y;
    }
    // Major axis angle of the 2x2 covariance.
    const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
    const ux = Math.cos(angle), uy = Math.sin(angle);
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (let i = 0; i + 2 < vertices.length; i += 3) {
      const x = vertices[i], y = vertices[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const u = x * ux + y * uy, v = -x * uy + y * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const cu = 0.5 * (minU + maxU), cv = 0.5 * (minV + maxV);
    this.centerX = cu * ux - cv * uy;
    this.centerY = cu * uy + cv * ux;
    this.axisX = ux;
    this.axisY = uy;
    // The ellipse inscribed in the vertices' bounding box: it touches the face outline at its extremes, so radius 1 ~ outline.
    this.invSemiMajor = 1 / Math.max(1, 0.5 * (maxU - minU));
    this.invSemiMinor = 1 / Math.max(1, 0.5 * (maxV - minV));
  }

  /** 0 at the centre, 1 on the ellipse. */
  normalizedRadius(x: number, y: number): number {
    if (!this.valid) return 0;
    const dx = x - this.centerX, dy = y - this.centerY;
    const u = (dx * this.axisX + dy * this.axisY) * this.invSemiMajor;
    const v = (dy * this.axisX - dx * this.axisY) * this.invSemiMinor;
    return Math.sqrt(u * u + v * v);
  }
}
