// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/** Behaviour of the CPU mesh-warp renderer on a real still with the real MediaPipe mesh topology. */
import { MeshWarpRenderer, RendererError, type WarpMesh } from '../../src/decoder/renderers/index.js';
import { INNER_MOUTH_LOOP } from '../../src/face/builtin/index.js';
import { createRgbImage, type RgbImage } from '../../src/media/rgb-image.js';
import {
  blink,
  loadHappyStill,
  mediapipeMeshOnHappyStill,
  MEDIAPIPE_INNER_MOUTH,
  openMouth,
  psnr,
  rigidMotion,
  transformVertices,
} from './mesh-warp-fixtures.js';

const IDENTITY = Float32Array.of(1, 0, 0, 0, 1, 0);
const keyframe = loadHappyStill();
const face = mediapipeMeshOnHappyStill();

function render(renderer: MeshWarpRenderer, target: Float32Array, motion: Float32Array, out?: RgbImage, mesh: WarpMesh = face.mesh): RgbImage {
  const image = out ?? createRgbImage(keyframe.width, keyframe.height);
  renderer.renderFrame({ keyframe, sourceVertices: face.vertices, targetVertices: target, mesh, headMotion: { sourceToTarget: motion }, out: image });
  return image;
}

/** Pixels the last frame covered with real mesh triangles (not hole fans). */
function coveredMask(renderer: MeshWarpRenderer): (p: number) => boolean {
  const ids = (renderer as unknown as { rasterizer: { triangleIds: Int32Array } }).rasterizer.triangleIds;
  const triangleCount = face.mesh.triangles.length / 3;
  return (p) => ids[p] >= 0 && ids[p] < triangleCount;
}

describe('MeshWarpRenderer', () => {
  test('identity motion reproduces the keyframe exactly, inside the face and outside', () => {
    const renderer = new MeshWarpRenderer();
    const out = render(renderer, Float32Array.from(face.vertices), IDENTITY);
    const covered = coveredMask(renderer);
    let coveredCount = 0;
    for (let p = 0; p < 256 * 256; p++) if (covered(p)) coveredCount++;
    expect(coveredCount).toBeGreaterThan(15000); // the face is really drawn by the mesh
    expect(psnr(out, keyframe, covered)).toBeGreaterThan(40);
    expect(Buffer.compare(Buffer.from(out.data), Buffer.from(keyframe.data))).toBe(0);
    expect(renderer.lastFrameStats.mouthCavityOpacity).toBe(0);
  });

  test('an integer translation of all vertices with matching head motion shifts the image content exactly', () => {
    const [dx, dy] = [7, -5];
    const motion = Float32Array.of(1, 0, dx, 0, 1, dy);
    const target = Float32Array.from(face.vertices);
    transformVertices(target, motion);
    const renderer = new MeshWarpRenderer();
    const out = render(renderer, target, motion);
    // Face and the head around it (hair beside the cheek): out(x, y) == keyframe(x - dx, y - dy).
    let compared = 0, different = 0;
    const compare = (x0: number, x1: number, y0: number, y1: number) => {
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const o = (y * 256 + x) * 3, k = ((y - dy) * 256 + (x - dx)) * 3;
          compared++;
          if (out.data[o] !== keyframe.data[k] || out.data[o + 1] !== keyframe.data[k + 1] || out.data[o + 2] !== keyframe.data[k + 2]) different++;
        }
      }
    };
    compare(80, 188, 62, 221);
    compare(55, 80, 120, 170);
    expect(compared).toBeGreaterThan(17000);
    expect(different).toBe(0);
    // Without the matching head motion the region around the face would not move: the test can fail.
    const still = render(new MeshWarpRenderer(), target, IDENTITY);
    expect(psnr(still, out)).toBeLessThan(35);
  });

  test('z-buffer: where two triangles overlap the closer one wins, whatever the draw order', () => {
    // Vertices 0-2: a far triangle; 3-5: a near one overlapping it; both wound the same way.
    const verts = Float32Array.of(20, 20, 0, 200, 20, 0, 20, 200, 0, 60, 60, 50, 230, 60, 50, 60, 230, 50);
    const flat = createRgbImage(256, 256);
    for (let p = 0; p < 256 * 256; p++) flat.data.set([p % 256, (p >> 8) & 255, 128], p * 3);
    for (const order of [[0, 1, 2, 3, 4, 5], [3, 4, 5, 0, 1, 2]]) {
      const mesh: WarpMesh = { triangles: Uint32Array.from(order) };
      // Source: the near triangle samples a region shifted right by 30 px, so the winner is visible in the output.
      const src = Float32Array.from(verts);
      for (const v of [3, 4, 5]) src[v * 3] -= 30;
      const renderer = new MeshWarpRenderer({ frontFace: 'both' });
      const out = createRgbImage(256, 256);
      renderer.renderFrame({ keyframe: flat, sourceVertices: src, targetVertices: verts, mesh, headMotion: { sourceToTarget: IDENTITY }, out });
      const at = (x: number, y: number) => out.data[(y * 256 + x) * 3];
      expect(at(100, 100)).toBe(70); // overlap: near triangle, sampled 30 px to the left
      expect(at(30, 30)).toBe(30); // far triangle only
      expect(renderer.lastFrameStats.trianglesDrawn).toBe(2);
    }
  });

  test('back-facing and degenerate triangles are culled', () => {
    const verts = Float32Array.of(20, 20, 0, 200, 20, 0, 20, 200, 0, 50, 50, 0, 60, 60, 0, 70, 70, 0);
    const mesh: WarpMesh = { triangles: Uint32Array.of(0, 1, 2, 0, 2, 1, 3, 4, 5) };
    const renderer = new MeshWarpRenderer({ frontFace: 'positive' });
    renderer.renderFrame({
      keyframe, sourceVertices: verts, targetVertices: verts, mesh, headMotion: { sourceToTarget: IDENTITY }, out: createRgbImage(256, 256),
    });
    expect(renderer.lastFrameStats.trianglesDrawn).toBe(1);
    expect(renderer.lastFrameStats.trianglesCulled).toBe(2);
  });

  test('NaN and absurd vertices skip their triangles instead of crashing; the rest still renders', () => {
    const target = Float32Array.from(face.vertices);
    target[3 * 1] = NaN; // nose tip
    target[3 * 4 + 1] = Infinity;
    target[3 * 10] = 1e30;
    const renderer = new MeshWarpRenderer();
    const out = render(renderer, target, IDENTITY);
    expect(renderer.lastFrameStats.trianglesSkipped).toBeGreaterThan(5);
    expect(renderer.lastFrameStats.trianglesDrawn).toBeGreaterThan(800);
    expect(psnr(out, keyframe)).toBeGreaterThan(25); // far from those vertices the frame is still the keyframe
    // A fully degenerate frame (all vertices on one point) renders the head motion alone.
    const collapsed = new Float32Array(face.vertices.length).fill(128);
    expect(() => render(renderer, collapsed, IDENTITY)).not.toThrow();
  });

  test('malformed input throws RendererError with a stable code', () => {
    const renderer = new MeshWarpRenderer();
    const target = Float32Array.from(face.vertices);
    const bad = (fn: () => void, code: string) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(RendererError);
        expect((err as RendererError).code).toBe(code);
        return;
      }
      throw new Error(`expected ${code}`);
    };
    bad(() => render(renderer, target.subarray(0, 30), IDENTITY), 'RENDER_BAD_INPUT');
    bad(() => render(renderer, target, Float32Array.of(1, 0, NaN, 0, 1, 0)), 'RENDER_BAD_INPUT');
    bad(() => render(renderer, target, Float32Array.of(0, 0, 0, 0, 0, 0)), 'RENDER_BAD_INPUT');
    bad(() => render(renderer, target, IDENTITY, { width: 256, height: 256, data: new Uint8Array(10) }), 'RENDER_BAD_INPUT');
    bad(() => render(renderer, target, IDENTITY, undefined, { triangles: Uint32Array.of(0, 1, 9999) }), 'RENDER_BAD_MESH');
    bad(() => render(renderer, target, IDENTITY, undefined, { triangles: Uint32Array.of(0, 1) }), 'RENDER_BAD_MESH');
    bad(() => new MeshWarpRenderer({ headFollowRadius: [2, 1] }), 'RENDER_BAD_INPUT');
    renderer.close();
    bad(() => render(renderer, target, IDENTITY), 'RENDER_CLOSED');
  });

  test('opening a closed mouth fills the target inner-lip polygon with a dark cavity', () => {
    const target = Float32Array.from(face.vertices);
    openMouth(face, target, 14);
    const renderer = new MeshWarpRenderer();
    const out = render(renderer, target, IDENTITY);
    expect(renderer.lastFrameStats.mouthCavityOpacity).toBeGreaterThan(0.9);
    // Luma along the mouth's vertical centre line: dark in the lower half of the opening (below the teeth band).
    const top = target[13 * 3 + 1], bottom = target[14 * 3 + 1], x = Math.round(target[13 * 3]);
    const luma = (img: RgbImage, y: number) => {
      const o = (y * 256 + x) * 3;
      return 0.299 * img.data[o] + 0.587 * img.data[o + 1] + 0.114 * img.data[o + 2];
    };
    const y = Math.round(top + 0.7 * (bottom - top));
    expect(luma(out, y)).toBeLessThan(50);
    // Without the cavity the warp stretches the lips there: much lighter.
    const plain = render(new MeshWarpRenderer({ mouthCavity: false }), target, IDENTITY);
    expect(luma(plain, y)).toBeGreaterThan(80);
    // A barely parted mouth shows no cavity.
    const slit = Float32Array.from(face.vertices);
    openMouth(face, slit, 0.3);
    render(renderer, slit, IDENTITY);
    expect(renderer.lastFrameStats.mouthCavityOpacity).toBeLessThan(0.01);
    // The fixture's loop is the shipped model's inner-mouth loop (walked the other way round), so the cavity tested
    // here is the one real meshes get.
    expect([MEDIAPIPE_INNER_MOUTH[0], ...MEDIAPIPE_INNER_MOUTH.slice(1).reverse()]).toEqual([...INNER_MOUTH_LOOP]);
  });

  test('outside the face, pixels near the head follow the head and the far background stays still', () => {
    const motion = rigidMotion(0.05, 128, 150, 6, 0);
    const target = Float32Array.from(face.vertices);
    transformVertices(target, motion);
    const out = render(new MeshWarpRenderer(), target, motion);
    const shifted = (x: number, y: number) => {
      // Where the keyframe pixel lands under the rigid motion, rounded: compare the colour there.
      const tx = motion[0] * (x + 0.5) + motion[1] * (y + 0.5) + motion[2] - 0.5;
      const ty = motion[3] * (x + 0.5) + motion[4] * (y + 0.5) + motion[5] - 0.5;
      return [Math.round(tx), Math.round(ty)];
    };
    const diff = (a: RgbImage, ax: number, ay: number, b: RgbImage, bx: number, by: number) => {
      let d = 0;
      for (let c = 0; c < 3; c++) d += Math.abs(a.data[(ay * 256 + ax) * 3 + c] - b.data[(by * 256 + bx) * 3 + c]);
      return d;
    };
    // Hair beside the cheek (x=40, y=150) moves with the head (sub-pixel rounding allows a small difference).
    const [hx, hy] = shifted(40, 150);
    expect(diff(out, hx, hy, keyframe, 40, 150)).toBeLessThan(40);
    // The top-left corner is background: unchanged.
    expect(diff(out, 2, 2, keyframe, 2, 2)).toBe(0);
  });

  test('the skirt carries the jaw motion below the mesh outline as far as skirtFollow says', () => {
    // Head moved up 40 px so the neck below the chin is in frame; the jaw then opens 10 px.
    const up = 40;
    const target = Float32Array.from(face.vertices);
    for (let i = 1; i < target.length; i += 3) target[i] -= up;
    openMouth(face, target, 10);
    const chinX = target[152 * 3], chinY = target[152 * 3 + 1];
    const motion = Float32Array.of(1, 0, 0, 0, 1, -up);
    /** Vertical shift (px, beyond the rigid motion) that best matches a band 8-14 px below the output chin to the keyframe. */
    const bandShift = (options: ConstructorParameters<typeof MeshWarpRenderer>[0]): number => {
      const out = render(new MeshWarpRenderer(options), target, motion);
      let best = 0, bestErr = Infinity;
      for (let shift = -4; shift <= 14; shift++) {
        let err = 0;
        for (let y = Math.ceil(chinY + 8); y < chinY + 14; y++) {
          for (let x = Math.round(chinX - 25); x < chinX + 25; x++) {
            const d = out.data[(y * 256 + x) * 3 + 1] - keyframe.data[((y + up - shift) * 256 + x) * 3 + 1];
            err += d * d;
          }
        }
        if (err < bestErr) [bestErr, best] = [err, shift];
      }
      return best;
    };
    expect(bandShift({ skirtFollow: 1 })).toBeGreaterThanOrEqual(8);
    expect(bandShift({ skirtFollow: 0 })).toBeLessThanOrEqual(2);
  });

  test('closing the eyes keeps the frame well-formed and leaves the mouth alone', () => {
    const target = Float32Array.from(face.vertices);
    blink(target, 1);
    const renderer = new MeshWarpRenderer();
    const out = render(renderer, target, IDENTITY);
    const lowerHalf = (p: number) => p >= 256 * 160;
    expect(psnr(out, keyframe, lowerHalf)).toBeGreaterThan(40);
    expect(psnr(out, keyframe)).toBeLessThan(40); // the eyes did change
  });

  test('renders into an output of another size, reusing buffers across frames', () => {
    const renderer = new MeshWarpRenderer();
    const scale = Float32Array.of(2, 0, 0, 0, 2, 0);
    const target = Float32Array.from(face.vertices);
    transformVertices(target, scale);
    const big = createRgbImage(512, 512);
    render(renderer, target, scale, big);
    // Output pixel (X, Y) has its centre at keyframe position ((X+0.5)/2, (Y+0.5)/2): compare with a float bilinear reference.
    const ref = (sx: number, sy: number, c: number) => {
      const fx = sx - 0.5, fy = sy - 0.5, x0 = Math.floor(fx), y0 = Math.floor(fy), tx = fx - x0, ty = fy - y0;
      const k = (x: number, y: number) => keyframe.data[(y * 256 + x) * 3 + c];
      return (k(x0, y0) * (1 - tx) + k(x0 + 1, y0) * tx) * (1 - ty) + (k(x0, y0 + 1) * (1 - tx) + k(x0 + 1, y0 + 1) * tx) * ty;
    };
    let close = 0, total = 0;
    for (let y = 120; y < 480; y += 5) {
      for (let x = 140; x < 380; x += 5) {
        total++;
        const c = (y * 512 + x) % 3;
        if (Math.abs(big.data[(y * 512 + x) * 3 + c] - ref((x + 0.5) / 2, (y + 0.5) / 2, c)) <= 1) close++;
      }
    }
    expect(close).toBe(total);
    render(renderer, Float32Array.from(face.vertices), IDENTITY); // back to 256: no stale buffer size
  });
});
