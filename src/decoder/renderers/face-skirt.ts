/** A ring of extra triangles around the face outline, so the jaw's and cheeks' motion reaches past the mesh to the real outline. */

/**
 * The skirt: for each vertex of the mesh's outer loop, an outer vertex pushed radially out from the loop's centre by
 * `margin` times its distance to it; consecutive inner/outer pairs form quads (two triangles). The face mesh ends
 * a little inside the visible outline (the MediaPipe face oval sits on the cheeks and chin, not on their silhouette), so
 * without a skirt the outline itself only follows the rigid head motion. Outer vertices move rigidly plus `follow`
 * times their inner vertex's deviation from the rigid motion.
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
   * `sourceToTarget` is the rigid 2x3 head motion; z of outer vertices is copied from their inner vertex (the renderer
   * draws the skirt behind the mesh anyway).
   */
  update(
    src: Float32Array, dst: Float32Array, sourceToTarget: ArrayLike<number>, margin: number, follow: number,
    extSrc: Float32Array, extDst: Float32Array,
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
}
