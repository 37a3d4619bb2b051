/** Benchmark of the decoder: mesh-warp renderer ms per frame at 256 and 512 px (MediaPipe and FLAME meshes) on one core. */
import '../src/node/index.js';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { PACKAGE_ROOT } from '../src/paths.js';
import type { StreamMessage } from '../src/bitstream/index.js';
import { createDecoder, createEncoder } from '../src/codec.js';
import { MeshWarpRenderer, type WarpMesh } from '../src/decoder/renderers/index.js';
import { readVideoFrames } from '../src/media/index.js';
import { readFlameNpzSet } from '../src/face/flame/index.js';
import { createRgbImage, type RgbImage } from '../src/media/rgb-image.js';
import {
  blink,
  decodeImage,
  loadHappyStill,
  mediapipeMeshOnHappyStill,
  openMouth,
  rigidMotion,
  sharedDir,
  transformVertices,
  type MeshOnStill,
} from '../test/decoder/mesh-warp-fixtures.js';

const WARMUP_FRAMES = 30;
const FRAMES_256 = Number(process.env.BENCH_FRAMES ?? 300);
const FRAMES_512 = Math.max(1, Math.round(FRAMES_256 / 3));

/** One frame's target: a smooth random walk of head rotation/translation, jaw and blink, plus a low-frequency wobble. */
function deformFrame(face: MeshOnStill, frame: number, scale: number, out: Float32Array): Float32Array {
  out.set(face.vertices);
  const t = frame / 25;
  openMouth(face, out, Math.max(0, 10 * Math.sin(2.1 * t) + 3 * Math.sin(5.3 * t)));
  blink(out, Math.max(0, Math.sin(0.9 * t) * 8 - 7));
  for (let i = 0; i < out.length; i += 3) {
    const x = out[i], y = out[i + 1];
    out[i] += 1.2 * Math.sin(0.05 * y + 1.7 * t);
    out[i + 1] += 1.2 * Math.sin(0.04 * x + 1.3 * t);
  }
  const motion = rigidMotion(0.08 * Math.sin(0.7 * t), 128, 150, 6 * Math.sin(0.5 * t), 4 * Math.sin(0.8 * t));
  const scaled = Float32Array.of(
    motion[0] * scale, motion[1] * scale, motion[2] * scale,
    motion[3] * scale, motion[4] * scale, motion[5] * scale,
  );
  transformVertices(out, scaled);
  for (let i = 2; i < out.length; i += 3) out[i] *= scale;
  return scaled;
}

/** The FLAME 2023 template head projected orthographically onto the still's face (a 5023-vertex, 9976-triangle mesh). */
async function flameOnStill(mediapipe: MeshOnStill): Promise<MeshOnStill> {
  const data = await readFlameNpzSet(path.join(sharedDir, 'assets', 'flame'));
  const n = data.vTemplate.length / 3;
  // Fit by bounding box of the front-facing half to the MediaPipe face's box (a rough but realistic placement).
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, data.vTemplate[3 * i]);
    maxX = Math.max(maxX, data.vTemplate[3 * i]);
    minY = Math.min(minY, data.vTemplate[3 * i + 1]);
    maxY = Math.max(maxY, data.vTemplate[3 * i + 1]);
  }
  const pxPerM = 150 / (maxX - minX);
  const vertices = new Float32Array(n * 3);
  const uv = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    vertices[3 * i] = 128 + (data.vTemplate[3 * i] - 0.5 * (minX + maxX)) * pxPerM;
    vertices[3 * i + 1] = 130 - (data.vTemplate[3 * i + 1] - 0.5 * (minY + maxY)) * pxPerM;
    vertices[3 * i + 2] = data.vTemplate[3 * i + 2] * pxPerM;
    uv[2 * i] = (vertices[3 * i] - 28) / 200; // pseudo-UV so the jaw/blink deformations have coordinates to act on
    uv[2 * i + 1] = (vertices[3 * i + 1] - 35) / 224;
  }
  const mesh: WarpMesh = { triangles: data.faces };
  void mediapipe;
  return { mesh, vertices, uv };
}

function measure(face: MeshOnStill, keyframe: RgbImage, scale: number, frames: number): number {
  const renderer = new MeshWarpRenderer();
  const out = createRgbImage(keyframe.width, keyframe.height);
  const source = Float32Array.from(face.vertices);
  for (let i = 0; i < source.length; i++) source[i] *= scale;
  const target = new Float32Array(source.length);
  const render = (f: number) => {
    const motion = deformFrame(face, f, scale, target);
    renderer.renderFrame({ keyframe, sourceVertices: source, targetVertices: target, mesh: face.mesh, headMotion: { sourceToTarget: motion }, out });
  };
  for (let f = 0; f < WARMUP_FRAMES; f++) render(f);
  const t0 = performance.now();
  for (let f = 0; f < frames; f++) render(WARMUP_FRAMES + f);
  const msPerFrame = (performance.now() - t0) / frames;
  renderer.close();
  return msPerFrame;
}

/**
 * The whole receiver on a real stream: packet parsing, expression completion, mesh posing and rendering, for frames
 * of a shared clip encoded at a crop of `cropPx`.
 */
async function measureDecoder(cropPx: number, frames: number, renderer: 'mesh-warp' | 'mesh-warp+refine' = 'mesh-warp'): Promise<number> {
  const clipPath = path.join(sharedDir, 'clips', 'liveportrait_d10.mp4');
  const { encoder, close } = await createEncoder({ frameRateHz: 30, cropSizePx: cropPx });
  const messages: StreamMessage[] = [];
  let t = 0;
  for await (const f of readVideoFrames(clipPath, { maxFrames: frames })) {
    for (const o of await encoder.encode(f, (t += 33))) {
      if (o.type === 'header') messages.push({ type: 'header', header: o.header });
      else if (o.type === 'keyframe') messages.push({ type: 'keyframe', keyframe: o.keyframe });
      else messages.push({ type: 'frame', packet: o.bytes });
    }
  }
  close();
  const decoder = await createDecoder({ models: [encoder.model], renderer });
  let decoded = 0;
  let ms = 0;
  for (let pass = 0; pass < 2; pass++) {
    // pass 0 warms up the JIT; pass 1 is timed, on a fresh decoder state
    const d = pass === 0 ? decoder : await createDecoder({ models: [encoder.model], renderer });
    for (const m of messages) {
      if (m.type !== 'frame') {
        await d.handle(m);
        continue;
      }
      const t0 = performance.now();
      await d.decodeFrame(m.packet);
      if (pass === 1) {
        ms += performance.now() - t0;
        decoded++;
      }
    }
    await d.close();
  }
  return ms / decoded;
}

const key256 = loadHappyStill();
const key512 = decodeImage(path.join(sharedDir, 'stills', 'sadtalker_happy.png'), 512);
const mediapipe = mediapipeMeshOnHappyStill();
const flame = await flameOnStill(mediapipe);
const round = (x: number) => Math.round(x * 1000) / 1000;

const msPerFrame256 = measure(mediapipe, key256, 1, FRAMES_256);
const msPerFrame512 = measure(mediapipe, key512, 2, FRAMES_512);
const flameMs256 = measure(flame, key256, 1, FRAMES_512);
const flameMs512 = measure(flame, key512, 2, Math.max(1, Math.round(FRAMES_512 / 2)));
const decoderMs256 = await measureDecoder(256, 120);
const decoderMs512 = await measureDecoder(512, 60);
// The refiner (models/refiner, one onnxruntime thread) on top of the same decoder, when a trained one is shipped.
const refineMs256 = existsSync(path.join(PACKAGE_ROOT, 'models', 'refiner', 'refiner.json')) ? await measureDecoder(256, 120, 'mesh-warp+refine') : null;
console.log(
  JSON.stringify({
    bench: 'decoder',
    renderer: 'mesh-warp',
    note: 'msPerFrame*: the whole Decoder on a real stream (liveportrait_d10); renderer*: the renderer alone on a synthetic motion',
    msPerFrame256: round(decoderMs256),
    msPerFrame512: round(decoderMs512),
    fps256: Math.round(1000 / decoderMs256),
    fps512: Math.round(1000 / decoderMs512),
    triangles: mediapipe.mesh.triangles.length / 3,
    rendererMsPerFrame256: round(msPerFrame256),
    rendererMsPerFrame512: round(msPerFrame512),
    flameTriangles: flame.mesh.triangles.length / 3,
    flameMsPerFrame256: round(flameMs256),
    flameMsPerFrame512: round(flameMs512),
    refineMsPerFrame256: refineMs256 === null ? null : round(refineMs256),
    refineOverheadMs256: refineMs256 === null ? null : round(refineMs256 - decoderMs256),
  }),
);
