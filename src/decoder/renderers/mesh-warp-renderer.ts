/** CPU renderer that re-renders each frame from the keyframe by warping it with the projected face mesh. */
import { z } from 'zod';
import type { RgbImage } from '../../media/rgb-image.js';
import { invertAffine2x3 } from './affine-2d.js';
import { sampleBilinear } from './bilinear-sampler.js';
import { FaceEllipse } from './face-ellipse.js';
import { FaceSkirt } from './face-skirt.js';
import type { HeadMotion3d } from './head-motion-3d.js';
import { IrisPainter, type IrisPlacement, type WarpLookup } from './iris-painter.js';
import { sampleMatte, type KeyframeLayers } from './background-layer.js';
import { outerBoundaryLoop } from './mesh-boundary.js';
import { loopAreaPx2, loopWidthPx, MouthCavityPainter, mouthCavityOpacity, paintMouthFromReference, type MouthInterior } from './mouth-cavity.js';
import { PullPushFill } from './pull-push-fill.js';
import { RendererError } from './renderer-error.js';
import { smoothstep } from './smoothstep.js';
import { HOLE_FILL_DEPTH, TriangleRasterizer } from './triangle-rasterizer.js';
import { validateWarpMesh, type WarpMesh } from './warp-mesh.js';

/** Rigid 2D motion of the whole head between keyframe and output, for what the mesh does not cover (hair, ears, neck). */
export interface HeadMotion2d {
  /** 2x3 affine, row-major `[a b c; d e f]`, mapping keyframe px to output px. */
  readonly sourceToTarget: ArrayLike<number>;
  /** The head's 3D motion and outline plane, when the caller knows the poses: the face skirt then moves with them. */
  readonly motion3d?: HeadMotion3d;
}

/** Everything one output frame needs. Positions are continuous pixels: pixel (x, y) has its centre at (x+0.5, y+0.5). */
export interface MeshWarpFrameInput {
  /** The keyframe image the frame is warped from. */
  readonly keyframe: RgbImage;
  /** `N*3`: where each vertex sits in the keyframe (x px, y px, z px; larger z = closer to the viewer). */
  readonly sourceVertices: Float32Array;
  /** `N*3`: where each vertex must be in the output frame (same units). */
  readonly targetVertices: Float32Array;
  /** Topology shared by both vertex sets. */
  readonly mesh: WarpMesh;
  /** Rigid head motion for pixels outside the mesh. */
  readonly headMotion: HeadMotion2d;
  /** Preallocated output; any size (a different size than the keyframe scales the still background accordingly). */
  readonly out: RgbImage;
  /** Gaze: each eye's iris moved from its keyframe place to this frame's (absent: irises move with the warp). */
  readonly irises?: readonly IrisPlacement[];
  /**
   * The keyframe's person matte and background plate (keyframe-sized): outside the face, only the person follows the
   * head; the background stays still and shows the plate where the head moved away. Absent: a radial blend.
   */
  readonly layers?: KeyframeLayers;
  /** A real open mouth to draw the mouth interior from (absent: the synthetic cavity). */
  readonly mouthInterior?: MouthInterior;
}

/** Counters of the last rendered frame, for monitoring. */
export interface MeshWarpFrameStats {
  /** Triangles that passed culling (including the fans that fill eye/mouth loops). */
  trianglesDrawn: number;
  /** Triangles skipped for a non-finite or far off-screen vertex. */
  trianglesSkipped: number;
  /** Triangles culled as back-facing or degenerate. */
  trianglesCulled: number;
  /** Opacity of the synthetic mouth cavity, 0..1. */
  mouthCavityOpacity: number;
}

const radiusRange = z
  .tuple([z.number().nonnegative(), z.number().positive()])
  .refine(([inner, outer]) => inner < outer, { message: 'inner radius must be below outer radius' });

/**
 * Options of {@link MeshWarpRenderer}; radii are in units of the bounding ellipse of the face mesh plus its skirt
 * (1 = the skirt's outer edge, or the face outline when `skirtMargin` is 0).
 */
export const meshWarpRendererOptionsSchema = z
  .object({
    /**
     * Which winding faces the viewer, as the sign of `(v1-v0) x (v2-v0)` in image coordinates (y down):
     * `auto` takes the orientation covering most of the keyframe, `both` disables back-face culling.
     */
    frontFace: z.enum(['auto', 'positive', 'negative', 'both']).default('auto'),
    /** Outside the mesh, pixels move fully with the head up to the inner radius and stay still beyond the outer one. */
    headFollowRadius: radiusRange.default([1.1, 1.8]),
    /**
     * With a person matte (frame input `layers`): the person moves fully with the head down to the first distance below
     * the face's centre (hair, headphones, ears: however far to the side) and stays still past the second (the
     * shoulders), in units of the ellipse's half-height; the background never moves.
     */
    personFollowBelow: radiusRange.default([0.85, 1.5]),
    /** The mesh's own deviation from rigid motion fades out between these radii, so the face boundary shows no seam. */
    seamFeatherRadius: radiusRange.default([1.0, 1.4]),
    /** Paint a synthetic mouth interior when the target mouth opens wider than the keyframe's. */
    mouthCavity: z.boolean().default(true),
    /**
     * Width of the skirt grown outwards from the mesh's outer boundary (the face oval), as a fraction of each boundary
     * vertex's distance to the boundary's centre; 0 disables it. The skirt carries the jaw and cheek motion past the
     * mesh to the visible outline.
     */
    skirtMargin: z.number().min(0).max(2).default(0.3),
    /** How much of the boundary's deviation from the rigid head motion the skirt's outer edge keeps, 0..1. */
    skirtFollow: z.number().min(0).max(1).default(0.6),
  })
  .strict();

/** Options accepted by the {@link MeshWarpRenderer} constructor (all optional). */
export type MeshWarpRendererOptions = z.input<typeof meshWarpRendererOptionsSchema>;

/** Largest output accepted, to fail clearly instead of allocating gigabytes. */
const MAX_OUTPUT_PIXELS = 8192 * 8192;
/** Triangles with a vertex further than this many output sizes off-screen are dropped (keeps fixed-point math exact). */
const GUARD_BAND_SIZES = 16;
/** Coefficients per triangle of the target-pixel -> keyframe-position affine map. */
const COEFS = 6;
/** Fewest outline vertices that get a skirt: a face outline has dozens; toy meshes (a few triangles) get none. */
const MIN_SKIRT_LOOP_VERTICES = 8;
/** Depth of skirt triangles: behind every mesh triangle, in front of the hole fans (which lie inside the face anyway). */
const SKIRT_DEPTH = HOLE_FILL_DEPTH / 10;

/**
 * Mesh-warp renderer: rasterizes the target mesh with a z-buffer and, for each covered pixel, samples the keyframe at the
 * same barycentric position in the source triangle. Pixels outside the mesh follow the rigid head motion near the face,
 * continued smoothly from the mesh so no seam shows, and fade to the still background far away. An opened mouth gets a
 * synthetic cavity. All buffers are allocated per output size and reused; a frame allocates nothing.
 *
 * Non-finite vertices do not throw: the triangles that use them are skipped (counted in {@link lastFrameStats}),
 * so one bad landmark degrades a frame instead of dropping it. Malformed inputs (sizes, indices, head motion) throw
 * {@link RendererError}.
 */
export class MeshWarpRenderer {
  private readonly options: z.output<typeof meshWarpRendererOptionsSchema>;
  private rasterizer: TriangleRasterizer | null = null;
  private residualFill: PullPushFill | null = null;
  private coefs = new Float64Array(0);
  private readonly targetToSourceRigid = new Float64Array(6);
  private readonly residual = new Float64Array(2);
  private readonly ellipse = new FaceEllipse();
  private readonly mouthPainter = new MouthCavityPainter();
  private readonly irisPainter = new IrisPainter();
  /** Where the warp sampled the keyframe for an output pixel centre (valid during renderFrame). */
  private readonly warpLookup: WarpLookup = (x, y, o) => {
    const raster = this.rasterizer!;
    const id = raster.triangleIds[Math.floor(y) * raster.width + Math.floor(x)];
    if (id < 0) return false;
    const k = id * COEFS, c = this.coefs;
    o[0] = c[k] * x + c[k + 1] * y + c[k + 2];
    o[1] = c[k + 3] * x + c[k + 4] * y + c[k + 5];
    return true;
  };
  /** Skirt of the last topology seen (rebuilt only when `mesh.triangles` changes), and its extended vertex arrays. */
  private skirt: FaceSkirt | null = null;
  private skirtTopology: Uint32Array | null = null;
  private skirtSource = new Float32Array(0);
  private skirtTarget = new Float32Array(0);
  /** Triangle ids of the last frame's skirt, [first, end): background may show through them. */
  private skirtIds: [number, number] = [0, 0];
  private readonly personRgb = new Uint8Array(3);
  private readonly stillRgb = new Uint8Array(3);
  private readonly plateRgb = new Uint8Array(3);
  private closed = false;
  /** Counters of the last {@link renderFrame} call. */
  readonly lastFrameStats: MeshWarpFrameStats = { trianglesDrawn: 0, trianglesSkipped: 0, trianglesCulled: 0, mouthCavityOpacity: 0 };

  constructor(options: MeshWarpRendererOptions = {}) {
    const parsed = meshWarpRendererOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new RendererError('RENDER_BAD_INPUT', `invalid MeshWarpRenderer options: ${z.prettifyError(parsed.error)}`);
    }
    this.options = parsed.data;
  }

  /** Renders one frame into `input.out`. */
  renderFrame(input: MeshWarpFrameInput): void {
    if (this.closed) throw new RendererError('RENDER_CLOSED', 'MeshWarpRenderer.renderFrame called after close()');
    const { keyframe, sourceVertices, targetVertices, mesh, headMotion, out } = input;
    validateImage('keyframe', keyframe);
    validateImage('out', out);
    if (out.data === keyframe.data) throw new RendererError('RENDER_BAD_INPUT', 'out must not share its pixel buffer with keyframe');
    validateVertices(sourceVertices, targetVertices);
    validateWarpMesh(mesh, sourceVertices.length / 3);
    if (!headMotion || headMotion.sourceToTarget === undefined) {
      throw new RendererError('RENDER_BAD_INPUT', 'headMotion.sourceToTarget is required');
    }
    invertAffine2x3(headMotion.sourceToTarget, this.targetToSourceRigid, 'headMotion.sourceToTarget');

    const raster = this.buffersFor(out.width, out.height);
    const fill = this.residualFill!;
    raster.clear();
    const stats = this.lastFrameStats;
    stats.trianglesDrawn = stats.trianglesSkipped = stats.trianglesCulled = 0;
    const skirt = this.skirtFor(mesh.triangles, sourceVertices.length / 3);
    if (skirt) {
      skirt.update(sourceVertices, targetVertices, headMotion.sourceToTarget, this.options.skirtMargin, this.options.skirtFollow,
        this.skirtSource, this.skirtTarget, headMotion.motion3d);
    }
    this.rasterizeMesh(raster, sourceVertices, targetVertices, mesh, skirt);
    // The feathering yardstick includes the skirt, so the warp continues smoothly from the skirt's outer edge.
    this.ellipse.fit(skirt ? this.skirtTarget : targetVertices);
    this.warpPixels(raster, fill, keyframe, out, input.layers);
    for (const eye of input.irises ?? []) {
      validateLoop(eye.loop, targetVertices.length / 3);
      this.irisPainter.paint(out, keyframe, targetVertices, eye, this.warpLookup);
    }

    stats.mouthCavityOpacity = 0;
    if (this.options.mouthCavity && mesh.innerMouthLoop) {
      const loop = mesh.innerMouthLoop;
      const opacity = mouthCavityOpacity(
        loopAreaPx2(sourceVertices, loop),
        loopAreaPx2(targetVertices, loop),
        loopWidthPx(targetVertices, loop),
      );
      stats.mouthCavityOpacity = opacity;
      if (input.mouthInterior) paintMouthFromReference(out, targetVertices, loop, opacity, input.mouthInterior);
      else this.mouthPainter.paint(out, targetVertices, loop, opacity);
    }
  }

  /** Releases the buffers; the renderer cannot be used afterwards. Idempotent. */
  close(): void {
    this.closed = true;
    this.rasterizer = null;
    this.residualFill = null;
    this.coefs = new Float64Array(0);
    this.skirt = null;
    this.skirtTopology = null;
  }

  /** The skirt for this topology and vertex count, built on first use; null when disabled or the mesh has no outline. */
  private skirtFor(triangles: Uint32Array, vertexCount: number): FaceSkirt | null {
    if (this.options.skirtMargin <= 0) return null;
    if (this.skirtTopology !== triangles || (this.skirt && this.skirt.vertexCount !== vertexCount)) {
      this.skirtTopology = triangles;
      const loop = outerBoundaryLoop(triangles);
      this.skirt = loop && loop.length >= MIN_SKIRT_LOOP_VERTICES ? new FaceSkirt(loop, vertexCount) : null;
      const extended = this.skirt ? (vertexCount + this.skirt.loop.length) * 3 : 0;
      this.skirtSource = new Float32Array(extended);
      this.skirtTarget = new Float32Array(extended);
    }
    return this.skirt;
  }

  private buffersFor(width: number, height: number): TriangleRasterizer {
    if (!this.rasterizer || this.rasterizer.width !== width || this.rasterizer.height !== height) {
      this.rasterizer = new TriangleRasterizer(width, height);
      this.residualFill = new PullPushFill(width, height);
    }
    return this.rasterizer;
  }

  /** Draws mesh triangles, then fans over the eye and mouth loops that only fill pixels the mesh left empty. */
  private rasterizeMesh(raster: TriangleRasterizer, src: Float32Array, dst: Float32Array, mesh: WarpMesh, skirt: FaceSkirt | null): void {
    const tris = mesh.triangles;
    const triangleCount = tris.length / 3;
    let fanCount = (mesh.innerMouthLoop?.length ?? 0) + (skirt ? skirt.triangles.length / 3 : 0);
    for (const loop of mesh.eyeLoops ?? []) fanCount += loop.length;
    if (this.coefs.length < (triangleCount + fanCount) * COEFS) this.coefs = new Float64Array((triangleCount + fanCount) * COEFS);

    const frontSign = this.frontSign(src, tris);
    const guard = GUARD_BAND_SIZES * Math.max(raster.width, raster.height);
    const stats = this.lastFrameStats;
    for (let t = 0; t < triangleCount; t++) {
      const a = tris[3 * t] * 3, b = tris[3 * t + 1] * 3, c = tris[3 * t + 2] * 3;
      const x0 = dst[a], y0 = dst[a + 1], z0 = dst[a + 2];
      const x1 = dst[b], y1 = dst[b + 1], z1 = dst[b + 2];
      const x2 = dst[c], y2 = dst[c + 1], z2 = dst[c + 2];
      // Written so NaN fails the test too.
      if (
        !(Math.abs(x0) <= guard && Math.abs(y0) <= guard && Math.abs(x1) <= guard &&
          Math.abs(y1) <= guard && Math.abs(x2) <= guard && Math.abs(y2) <= guard &&
          Number.isFinite(z0 + z1 + z2) && Number.isFinite(src[a] + src[a + 1] + src[b] + src[b + 1] + src[c] + src[c + 1]))
      ) {
        stats.trianglesSkipped++;
        continue;
      }
      if (raster.drawTriangle(t, x0, y0, z0, x1, y1, z1, x2, y2, z2, frontSign)) {
        stats.trianglesDrawn++;
        setTriangleMap(this.coefs, t, x0, y0, x1, y1, x2, y2, src[a], src[a + 1], src[b], src[b + 1], src[c], src[c + 1]);
      } else {
        stats.trianglesCulled++;
      }
    }

    let nextId = triangleCount;
    if (skirt) nextId = this.rasterizeSkirt(raster, skirt, nextId, guard);
    this.skirtIds = [triangleCount, nextId];
    if (mesh.innerMouthLoop) nextId = this.rasterizeLoopFan(raster, src, dst, mesh.innerMouthLoop, nextId, guard);
    for (const loop of mesh.eyeLoops ?? []) nextId = this.rasterizeLoopFan(raster, src, dst, loop, nextId, guard);
  }

  /** Draws the skirt's triangles behind the mesh, both windings (its outer edge may fold as the jaw moves). Returns the next free id. */
  private rasterizeSkirt(raster: TriangleRasterizer, skirt: FaceSkirt, firstId: number, guard: number): number {
    const tris = skirt.triangles, src = this.skirtSource, dst = this.skirtTarget, d = SKIRT_DEPTH;
    const count = tris.length / 3;
    const stats = this.lastFrameStats;
    for (let t = 0; t < count; t++) {
      const a = tris[3 * t] * 3, b = tris[3 * t + 1] * 3, c = tris[3 * t + 2] * 3;
      const x0 = dst[a], y0 = dst[a + 1], x1 = dst[b], y1 = dst[b + 1], x2 = dst[c], y2 = dst[c + 1];
      if (
        !(Math.abs(x0) <= guard && Math.abs(y0) <= guard && Math.abs(x1) <= guard &&
          Math.abs(y1) <= guard && Math.abs(x2) <= guard && Math.abs(y2) <= guard &&
          Number.isFinite(src[a] + src[a + 1] + src[b] + src[b + 1] + src[c] + src[c + 1]))
      ) {
        stats.trianglesSkipped++;
        continue;
      }
      const id = firstId + t;
      if (raster.drawTriangle(id, x0, y0, d, x1, y1, d, x2, y2, d, 0)) {
        stats.trianglesDrawn++;
        setTriangleMap(this.coefs, id, x0, y0, x1, y1, x2, y2, src[a], src[a + 1], src[b], src[b + 1], src[c], src[c + 1]);
      } else {
        stats.trianglesCulled++;
      }
    }
    return firstId + count;
  }

  /**
   * Fills a polygonal hole (open mouth, eye without triangles) with a fan around the loop's centroid, mapped to the same fan
   * in the keyframe; drawn at the farthest depth so real triangles always win. Returns the next free triangle id.
   */
  private rasterizeLoopFan(
    raster: TriangleRasterizer, src: Float32Array, dst: Float32Array, loop: Uint32Array, firstId: number, guard: number,
  ): number {
    const n = loop.length;
    let tcx = 0, tcy = 0, scx = 0, scy = 0;
    for (let i = 0; i < n; i++) {
      const v = loop[i] * 3;
      tcx += dst[v];
      tcy += dst[v + 1];
      scx += src[v];
      scy += src[v + 1];
    }
    tcx /= n;
    tcy /= n;
    scx /= n;
    scy /= n;
    if (!(Math.abs(tcx) <= guard && Math.abs(tcy) <= guard && Number.isFinite(scx + scy))) {
      this.lastFrameStats.trianglesSkipped += n;
      return firstId + n;
    }
    const d = HOLE_FILL_DEPTH;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const id = firstId + i;
      const a = loop[j] * 3, b = loop[i] * 3;
      if (raster.drawTriangle(id, tcx, tcy, d, dst[a], dst[a + 1], d, dst[b], dst[b + 1], d, 0)) {
        this.lastFrameStats.trianglesDrawn++;
        setTriangleMap(this.coefs, id, tcx, tcy, dst[a], dst[a + 1], dst[b], dst[b + 1], scx, scy, src[a], src[a + 1], src[b], src[b + 1]);
      }
    }
    return firstId + n;
  }

  /** Sign of front-facing triangles' area (see the `frontFace` option); `auto` measures the keyframe mesh. */
  private frontSign(src: Float32Array, tris: Uint32Array): number {
    switch (this.options.frontFace) {
      case 'positive':
        return 1;
      case 'negative':
        return -1;
      case 'both':
        return 0;
      case 'auto': {
        let total = 0;
        for (let t = 0; t < tris.length; t += 3) {
          const a = tris[t] * 3, b = tris[t + 1] * 3, c = tris[t + 2] * 3;
          const area = (src[b] - src[a]) * (src[c + 1] - src[a + 1]) - (src[b + 1] - src[a + 1]) * (src[c] - src[a]);
          if (Number.isFinite(area)) total += area;
        }
        return total > 0 ? 1 : total < 0 ? -1 : 0;
      }
    }
  }

  /**
   * Computes every output pixel's keyframe position and samples it. Covered pixels use their triangle's map; their
   * deviation from the rigid head motion is collected and smoothly extrapolated to the uncovered pixels, which blend
   * from (rigid + deviation) near the face to the still background far away.
   */
  private warpPixels(raster: TriangleRasterizer, fill: PullPushFill, keyframe: RgbImage, out: RgbImage, layers?: KeyframeLayers): void {
    const w = out.width, h = out.height;
    const ids = raster.triangleIds, coefs = this.coefs, dst = out.data;
    const src = keyframe.data, kw = keyframe.width, kh = keyframe.height;
    const m = this.targetToSourceRigid;
    const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5];

    const [skirtFirst, skirtEnd] = this.skirtIds;
    const stillScaleX = keyframe.width / w, stillScaleY = keyframe.height / h;
    fill.reset();
    const stride = fill.sampleStride;
    for (let y = 0, i = 0; y < h; y++) {
      const yc = y + 0.5;
      const feedRow = y % stride === 0;
      for (let x = 0; x < w; x++, i++) {
        const id = ids[i];
        if (id < 0) continue;
        const xc = x + 0.5, k = id * COEFS;
        const sx = coefs[k] * xc + coefs[k + 1] * yc + coefs[k + 2];
        const sy = coefs[k + 3] * xc + coefs[k + 4] * yc + coefs[k + 5];
        if (layers && id >= skirtFirst && id < skirtEnd) this.sampleLayered(keyframe, layers, sx, sy, xc * stillScaleX, yc * stillScaleY, dst, i * 3);
        else sampleBilinear(src, kw, kh, sx, sy, dst, i * 3);
        if (feedRow && x % stride === 0) fill.add(x, y, sx - (m0 * xc + m1 * yc + m2), sy - (m3 * xc + m4 * yc + m5));
      }
    }
    fill.solve();

    const [headInner, headOuter] = this.options.headFollowRadius;
    const [personInner, personOuter] = this.options.personFollowBelow;
    const [seamInner, seamOuter] = this.options.seamFeatherRadius;
    const ellipse = this.ellipse;
    // With no usable vertices there is no face to measure distance from: let everything follow the head.
    const faceKnown = ellipse.valid;
    const sameSize = kw === w && kh === h;
    // Ellipse coordinates are affine in the pixel position: u = uX*x + uY*y + uC (likewise v), stepped per pixel.
    const uX = ellipse.axisX * ellipse.invSemiMajor, uY = ellipse.axisY * ellipse.invSemiMajor;
    const vX = -ellipse.axisY * ellipse.invSemiMinor, vY = ellipse.axisX * ellipse.invSemiMinor;
    const uC = -(uX * ellipse.centerX + uY * ellipse.centerY), vC = -(vX * ellipse.centerX + vY * ellipse.centerY);
    // Far pixels are a plain copy of the keyframe, except with layers: the person moves there too.
    const headOuter2 = layers ? Infinity : headOuter * headOuter;
    // The ellipse's major axis runs along the face; its image-down end is the chin's.
    const downSign = ellipse.axisY >= 0 ? 1 : -1;
    const residual = this.residual;
    for (let y = 0, i = 0; y < h; y++) {
      const yc = y + 0.5;
      for (let x = 0; x < w; x++, i++) {
        if (ids[i] >= 0) continue;
        const xc = x + 0.5;
        let headWeight = 1, seamWeight = 0;
        if (faceKnown) {
          const u = uX * xc + uY * yc + uC, v = vX * xc + vY * yc + vC;
          const radius2 = u * u + v * v;
          if (radius2 >= headOuter2) {
            // Far background: the keyframe's own pixel (a plain copy when the sizes match).
            if (sameSize) {
              const o = i * 3;
              dst[o] = src[o];
              dst[o + 1] = src[o + 1];
              dst[o + 2] = src[o + 2];
            } else {
              sampleBilinear(src, kw, kh, xc * stillScaleX, yc * stillScaleY, dst, i * 3);
            }
            continue;
          }
          const radius = Math.sqrt(radius2);
          headWeight = layers ? 1 - smoothstep(personInner, personOuter, downSign * u) : 1 - smoothstep(headInner, headOuter, radius);
          seamWeight = 1 - smoothstep(seamInner, seamOuter, radius);
        }
        const stillX = xc * stillScaleX, stillY = yc * stillScaleY;
        const rigidX = m0 * xc + m1 * yc + m2, rigidY = m3 * xc + m4 * yc + m5;
        let sx = stillX + headWeight * (rigidX - stillX);
        let sy = stillY + headWeight * (rigidY - stillY);
        if (seamWeight > 0) {
          fill.sample(xc, yc, residual);
          sx += seamWeight * residual[0];
          sy += seamWeight * residual[1];
        }
        if (layers) this.sampleLayered(keyframe, layers, sx, sy, stillX, stillY, dst, i * 3);
        else sampleBilinear(src, kw, kh, sx, sy, dst, i * 3);
      }
    }
  }

  /**
   * One output pixel outside the face from the layers: the person where the head-following position `(px, py)`
   * lands on the person, else the still background at `(bx, by)`, which is the background plate where the person
   * stood in the keyframe (uncovered by the motion). Straight background lines stay straight.
   */
  private sampleLayered(keyframe: RgbImage, layers: KeyframeLayers, px: number, py: number, bx: number, by: number, dst: Uint8Array, o: number): void {
    const kw = keyframe.width, kh = keyframe.height;
    // The coded matte is a binary grid, so most pixels are all person or all background: those take one sample
    // (the same bytes as the blend below gives them), the matte's edges all five.
    const person = sampleMatte(layers.matte, kw, kh, px, py);
    if (person === 1) return sampleBilinear(keyframe.data, kw, kh, px, py, dst, o);
    const stood = sampleMatte(layers.matte, kw, kh, bx, by);
    if (person === 0 && stood === 0) return sampleBilinear(keyframe.data, kw, kh, bx, by, dst, o);
    if (person === 0 && stood === 1) return sampleBilinear(layers.background.data, kw, kh, bx, by, dst, o);
    const p = this.personRgb, b = this.stillRgb, q = this.plateRgb;
    sampleBilinear(keyframe.data, kw, kh, px, py, p, 0);
    sampleBilinear(keyframe.data, kw, kh, bx, by, b, 0);
    sampleBilinear(layers.background.data, kw, kh, bx, by, q, 0);
    for (let c = 0; c < 3; c++) {
      const background = (1 - stood) * b[c] + stood * q[c];
      dst[o + c] = Math.round(person * p[c] + (1 - person) * background);
    }
  }
}

/**
 * Stores the affine map from output pixel position to keyframe position for triangle `id`, i.e. barycentric
 * coordinates in the target triangle (t0, t1, t2) applied to the source triangle (s0, s1, s2).
 */
function setTriangleMap(
  coefs: Float64Array, id: number,
  tx0: number, ty0: number, tx1: number, ty1: number, tx2: number, ty2: number,
  sx0: number, sy0: number, sx1: number, sy1: number, sx2: number, sy2: number,
): void {
  const ex1 = tx1 - tx0, ey1 = ty1 - ty0, ex2 = tx2 - tx0, ey2 = ty2 - ty0;
  const det = ex1 * ey2 - ey1 * ex2;
  const k = id * COEFS;
  if (det === 0) {
    // Cannot happen for a drawn triangle at float precision, but keep the map defined: collapse to the first vertex.
    coefs.fill(0, k, k + COEFS);
    coefs[k + 2] = sx0;
    coefs[k + 5] = sy0;
    return;
  }
  const inv = 1 / det;
  // Barycentric weights of vertices 1 and 2 as affine functions u = ux*X + uy*Y + uc, v = vx*X + vy*Y + vc.
  const ux = ey2 * inv, uy = -ex2 * inv, uc = -(ux * tx0 + uy * ty0);
  const vx = -ey1 * inv, vy = ex1 * inv, vc = -(vx * tx0 + vy * ty0);
  const fx1 = sx1 - sx0, fx2 = sx2 - sx0, fy1 = sy1 - sy0, fy2 = sy2 - sy0;
  coefs[k] = ux * fx1 + vx * fx2;
  coefs[k + 1] = uy * fx1 + vy * fx2;
  coefs[k + 2] = sx0 + uc * fx1 + vc * fx2;
  coefs[k + 3] = ux * fy1 + vx * fy2;
  coefs[k + 4] = uy * fy1 + vy * fy2;
  coefs[k + 5] = sy0 + uc * fy1 + vc * fy2;
}

function validateImage(name: string, image: RgbImage): void {
  if (!image || !(image.data instanceof Uint8Array)) throw new RendererError('RENDER_BAD_INPUT', `${name} must be an RgbImage`);
  const { width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || width * height > MAX_OUTPUT_PIXELS) {
    throw new RendererError('RENDER_BAD_INPUT', `${name} size ${width}x${height} is not a valid image size`);
  }
  if (image.data.length !== width * height * 3) {
    throw new RendererError('RENDER_BAD_INPUT', `${name}.data has ${image.data.length} bytes, expected ${width * height * 3} for ${width}x${height} RGB`);
  }
}

function validateLoop(loop: Uint32Array, vertexCount: number): void {
  if (!(loop instanceof Uint32Array) || loop.length < 3 || loop.some((i) => i >= vertexCount)) {
    throw new RendererError('RENDER_BAD_INPUT', `an iris placement's loop must be a Uint32Array of at least 3 vertex indices below ${vertexCount}`);
  }
}

function validateVertices(src: Float32Array, dst: Float32Array): void {
  if (!(src instanceof Float32Array) || !(dst instanceof Float32Array)) {
    throw new RendererError('RENDER_BAD_INPUT', 'sourceVertices and targetVertices must be Float32Array');
  }
  if (src.length % 3 !== 0 || src.length !== dst.length) {
    throw new RendererError(
      'RENDER_BAD_INPUT',
      `sourceVertices (${src.length}) and targetVertices (${dst.length}) must have the same length, a multiple of 3`,
    );
  }
}
