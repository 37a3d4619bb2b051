/** Real-data fixtures for the mesh-warp renderer tests and bench: a decoded still and the MediaPipe face mesh laid over it. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { RgbImage } from '../../src/media/rgb-image.js';
import type { WarpMesh } from '../../src/decoder/renderers/index.js';
import { loadMediapipeTopology } from '../../src/face/landmarks/mediapipe-topology.js';
import { sharedDir as sharedDataDir } from '../../src/paths.js';


/** The shared data folder (FACECODEC_SHARED or ../shared next to the repo). */
export const sharedDir = sharedDataDir();

/** Decodes an image file to RGB with the system ffmpeg, optionally resized to a `size` x `size` square. */
export function decodeImage(file: string, size?: number): RgbImage {
  const probe = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file], {
    encoding: 'utf8',
  });
  const [width, height] = size ? [size, size] : probe.trim().split(',').map(Number);
  const scale = size ? ['-vf', `scale=${size}:${size}:flags=bicubic`] : [];
  const data = execFileSync('ffmpeg', ['-v', 'error', '-i', file, ...scale, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    maxBuffer: width * height * 3 + 1024,
  });
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, width * height * 3) };
}

/** Encodes an RGB image to a PNG file (for looking at results). */
export function writePng(file: string, image: RgbImage): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${image.width}x${image.height}`, '-i', '-', file], {
    input: image.data,
  });
}

/** The 256x256 talking-head still used throughout. */
export function loadHappyStill(): RgbImage {
  return decodeImage(path.join(sharedDir, 'stills', 'sadtalker_happy.png'));
}

/** Inner lip contour and eyelid contours of the MediaPipe 468-point topology, in order around each opening. */
export const MEDIAPIPE_INNER_MOUTH = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95];
export const MEDIAPIPE_RIGHT_EYE = [33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7];
export const MEDIAPIPE_LEFT_EYE = [263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249];
/** Upper-lid vertices paired with the lower-lid vertex they meet in a blink. */
const BLINK_PAIRS = [
  [246, 7], [161, 163], [160, 144], [159, 145], [158, 153], [157, 154], [173, 155],
  [466, 249], [388, 390], [387, 373], [386, 374], [385, 380], [384, 381], [398, 382],
];

/** A face mesh laid over the happy still: vertices in keyframe px plus each vertex's canonical UV. */
export interface MeshOnStill {
  readonly mesh: WarpMesh;
  readonly vertices: Float32Array;
  readonly uv: Float32Array;
}

/**
 * The MediaPipe face mesh (468 vertices, 880 triangles, from the project's topology file) placed on the face of
 * sadtalker_happy.png by a hand-fitted cylindrical projection of its canonical UV layout (eye corners, mouth and chin
 * land within a few px). Depth is the cylinder's, so the nose side is closer.
 */
export function mediapipeMeshOnHappyStill(): MeshOnStill {
  const topology = loadMediapipeTopology();
  const uv = topology.uv;
  const vertices = new Float32Array(topology.vertexCount * 3);
  const radiusPx = 64.5, angularScale = 3.87, centreX = 126.5;
  for (let i = 0; i < topology.vertexCount; i++) {
    const u = uv[2 * i], v = uv[2 * i + 1];
    const angle = (u - 0.5) * angularScale;
    vertices[3 * i] = centreX + radiusPx * Math.sin(angle);
    vertices[3 * i + 1] = v < 0.693 ? 35 + 223.7 * v : 190 + 161 * (v - 0.693);
    vertices[3 * i + 2] = radiusPx * Math.cos(angle) + 30 * Math.cos((v - 0.55) * 2.5);
  }
  const mesh: WarpMesh = {
    triangles: topology.triangles,
    innerMouthLoop: Uint32Array.from(MEDIAPIPE_INNER_MOUTH),
    eyeLoops: [Uint32Array.from(MEDIAPIPE_RIGHT_EYE), Uint32Array.from(MEDIAPIPE_LEFT_EYE)],
  };
  return { mesh, vertices, uv };
}

/** Drops the jaw: lower lip and chin move down by `openPx`, fading out towards the cheeks. */
export function openMouth(face: MeshOnStill, vertices: Float32Array, openPx: number): void {
  for (let i = 0; i < face.uv.length / 2; i++) {
    const u = face.uv[2 * i], v = face.uv[2 * i + 1];
    if (v < 0.695) continue;
    const lateral = 1 - smooth(0.02, 0.2, Math.abs(u - 0.5));
    vertices[3 * i + 1] += openPx * lateral;
  }
}

/** Closes both eyes by `closure` (0 open, 1 shut): upper lids move to the lower lids. */
export function blink(vertices: Float32Array, closure: number): void {
  for (const [upper, lower] of BLINK_PAIRS) {
    vertices[3 * upper] += (vertices[3 * lower] - vertices[3 * upper]) * closure;
    vertices[3 * upper + 1] += (vertices[3 * lower + 1] - vertices[3 * upper + 1]) * closure;
  }
}

/** Applies a 2x3 affine (row-major) to the x, y of every vertex. */
export function transformVertices(vertices: Float32Array, m: ArrayLike<number>): void {
  for (let i = 0; i < vertices.length; i += 3) {
    const x = vertices[i], y = vertices[i + 1];
    vertices[i] = m[0] * x + m[1] * y + m[2];
    vertices[i + 1] = m[3] * x + m[4] * y + m[5];
  }
}

/** Rotation by `angleRad` about (cx, cy), then translation by (tx, ty), as a 2x3 affine. */
export function rigidMotion(angleRad: number, cx: number, cy: number, tx: number, ty: number): Float32Array {
  const c = Math.cos(angleRad), s = Math.sin(angleRad);
  return Float32Array.of(c, -s, cx - c * cx + s * cy + tx, s, c, cy - s * cx - c * cy + ty);
}

/** PSNR in dB between two same-size images over the pixels where `mask` is true (all when omitted). */
export function psnr(a: RgbImage, b: RgbImage, mask?: (pixel: number) => boolean): number {
  let sum = 0, n = 0;
  for (let p = 0; p < a.width * a.height; p++) {
    if (mask && !mask(p)) continue;
    for (let c = 0; c < 3; c++) {
      const d = a.data[3 * p + c] - b.data[3 * p + c];
      sum += d * d;
    }
    n += 3;
  }
  const mse = sum / Math.max(1, n);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

function smooth(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}
