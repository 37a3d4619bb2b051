/** A ring of extra triangles around the face outline, so the jaw's and cheeks' motion reaches past the mesh to the real outline. */
import type { HeadMotion3d } from './head-motion-3d.js';

/**
 * The skirt: for each vertex of the mesh's outer loop, an outer vertex pushed radially out from the loop's centre by
 * `margin` times its distance to it; consecutive inner/outer pairs form quads (two triangles). The face mesh ends
 * a little inside the visible outline (the MediaPipe face oval sits on the cheeks and chin, not on their silhouette), so
 * without a skirt the outline itself only follows the rigid head motion. Outer vertices move rigidly plus `follow`
 * times their inner vertex's deviation from the rigid motion. With the head's 3D motion, "rigid" is that motion, and the
 * outer vertices lie on the outline plane (as deep as the ears), so a head turn swings the face past a still outline.
 *
 * Vertex arrays are `(N + L)*3`: the mesh's N vertices, then the L outer vertices; triangles index into them.
 */
export class FaceSkirt {
  /** `2L*3` triangle indices into the extended vertex arrays. */
  readonly triangles: Uint32Array;

  constructor(
    /** Outer loop of the mesh, in winding order. */
    readonly loop: Uint32Array,
    /** Vertex count N of the mesh the loop indexes. */
    readonly vertexCount: number,
  ) {
    const n = loop.length;
    this.triangles = new Uint32Array(n * 6);
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const a = loop[i], b = loop[j], oa = vertexCount + i, ob = vertexCount + j;
      this.triangles.set([a, b, ob, a, ob, oa], i * 6);
    }
  }

  /**
   * Writes the outer vertices into `extSrc`/`extDst` after the copied mesh vertices (both `(N + L)*3`).
   * `sourceToTarget` is the rigid 2x3 head motion, used without `motion3d`; z of outer vertices is copied from their
   * inner vertex (the renderer draws the skirt behind the mesh anyway).
   */
  update(
    src: Float32Array, dst: Float32Array, sourceToTarget: ArrayLike<number>, margin: number, follow: number,
    extSrc: Float32Array, extDst: Float32Array, motion3d?: HeadMotion3d,
  ): void {
    const loop = this.loop, n = loop.length, base = this.vertexCount * 3;
    extSrc.set(src.subarray(0, base));
    extDst.set(dst.subarray(0, base));
    let cx = 0, cy = 0;
    for (let i = 0; i < n; i++) {
      cx += src[loop[i] * 3];
      cy += src[loop[i] * 3 + 1];
    }
    cx /= n;
    cy /= n;
    if (motion3d) {
      this.update3d(src, dst, cx, cy, margin, follow, extSrc, extDst, motion3d);
      return;
    }
    const a = sourceToTarget[0], b = sourceToTarget[1], c = sourceToTarget[2];
    const d = sourceToTarget[3], e = sourceToTarget[4], f = sourceToTarget[5];
    for (let i = 0; i < n; i++) {
      const v = loop[i] * 3, o = base + i * 3;
      const sx = src[v], sy = src[v + 1];
      const ox = sx + margin * (sx - cx), oy = sy + margin * (sy - cy);
      // Deviation of the inner vertex from the rigid motion, carried outwards with weight `follow`.
      const devX = dst[v] - (a * sx + b * sy + c), devY = dst[v + 1] - (d * sx + e * sy + f);
      extSrc[o] = ox;
      extSrc[o + 1] = oy;
      extSrc[o + 2] = src[v + 2];
      extDst[o] = a * ox + b * oy + c + follow * devX;
      extDst[o + 1] = d * ox + e * oy + f + follow * devY;
      extDst[o + 2] = dst[v + 2];
    }
  }

  private update3d(
    src: Float32Array, dst: Float32Array, cx: number, cy: number, margin: number, follow: number,
    extSrc: Float32Array, extDst: Float32Array, motion: HeadMotion3d,
  ): void {
    const loop = this.loop, n = loop.length, base = this.vertexCount * 3;
    const m = motion.sourceToTarget, p = motion.outlinePlane;
    for (let i = 0; i < n; i++) {
      const v = loop[i] * 3, o = base + i * 3;
      const sx = src[v], sy = src[v + 1], sz = src[v + 2];
      const ox = sx + margin * (sx - cx), oy = sy + margin * (sy - cy);
      // Never in front of the face's own edge (a keyframe looking down on the plane's far side).
      const oz = Math.min(sz, p[0] * ox + p[1] * oy + p[2]);
      const devX = dst[v] - (m[0] * sx + m[1] * sy + m[2] * sz + m[3]);
      const devY = dst[v + 1] - (m[4] * sx + m[5] * sy + m[6] * sz + m[7]);
      extSrc[o] = ox;
      extSrc[o + 1] = oy;
      extSrc[o + 2] = sz;
      extDst[o] = m[0] * ox + m[1] * oy + m[2] * oz + m[3] + follow * devX;
      extDst[o + 1] = m[4] * ox + m[5] * oy + m[6] * oz + m[7] + follow * devY;
      extDst[o + 2] = dst[v + 2];
    }
  }
}
