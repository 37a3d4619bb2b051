/**
 * Blink blendshapes of the project's own for FLAME, whose 2023 Open release has none: per eye, one component that
 * slides the upper lid down onto the lower lid (coefficient 1 = closed). Built geometrically on the template from the
 * 68-point embedding's lid landmarks: the lid margin moves by the lower-minus-upper lid offset at its position along
 * the eye, and the lid skin above follows with a smooth falloff. Eyeball vertices never move.
 */
import type { LandmarkEmbedding } from './flame-landmark-embedding.js';

/** iBUG-68 ids of each eye: corners, upper lid (outer to inner), lower lid (matching order). */
const EYES = [
  { corners: [36, 39], upper: [37, 38], lower: [41, 40] },
  { corners: [42, 45], upper: [43, 44], lower: [47, 46] },
];
/** First eyeball vertex of the FLAME topology (vertices 3931..5022 are the two eyeballs). */
const EYEBALL_START = 3931;
/** How far above the lid margin the skin still follows, metres. */
const SKIN_FALLOFF_M = 0.009;
/** Height above the lid margin that moves rigidly with it (the lid's edge), metres. */
const MARGIN_BAND_M = 0.002;
/** Extra reach beyond the eye corners, as a fraction of the eye width. */
const CORNER_MARGIN = 0.18;

export const EYELID_COMPONENTS = 2;

function landmark(template: Float32Array, faces: Uint32Array, emb: LandmarkEmbedding, id: number): number[] {
  const p = [0, 0, 0];
  for (let k = 0; k < 3; k++) {
    const v = faces[emb.faceIdx[id] * 3 + k];
    for (let d = 0; d < 3; d++) p[d] += emb.baryCoords[id * 3 + k] * template[v * 3 + d];
  }
  return p;
}

const smooth = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));

/** Linear interpolation along a polyline given at parameters `ts` (increasing). */
function along(ts: number[], pts: number[][], t: number): number[] {
  let i = 0;
  while (i < ts.length - 2 && t > ts[i + 1]) i++;
  const f = Math.min(1, Math.max(0, (t - ts[i]) / (ts[i + 1] - ts[i])));
  return [0, 1, 2].map((d) => pts[i][d] + f * (pts[i + 1][d] - pts[i][d]));
}

/** The two blink components as an (N,3,2) basis in metres (FLAME layout), from the template and the 68 embedding. */
export function makeEyelidBlendshapes(template: Float32Array, faces: Uint32Array, embedding: LandmarkEmbedding): Float32Array {
  const n = template.length / 3;
  const out = new Float32Array(n * 3 * EYELID_COMPONENTS);
  EYES.forEach((eye, c) => {
    const L = (id: number) => landmark(template, faces, embedding, id);
    const [c0, c1] = eye.corners.map(L);
    const axis = [c1[0] - c0[0], c1[1] - c0[1], c1[2] - c0[2]];
    const width = Math.hypot(axis[0], axis[1], axis[2]);
    const u = axis.map((a) => a / width);
    const param = (p: number[]) => ((p[0] - c0[0]) * u[0] + (p[1] - c0[1]) * u[1] + (p[2] - c0[2]) * u[2]) / width;
    const upperPts = [c0, ...eye.upper.map(L), c1];
    const lowerPts = [c0, ...eye.lower.map(L), c1];
    const upperT = upperPts.map(param);
    const lowerT = lowerPts.map(param);
    for (let v = 0; v < Math.min(n, EYEBALL_START); v++) {
      const p = [template[v * 3], template[v * 3 + 1], template[v * 3 + 2]];
      const t = param(p);
      if (t < -CORNER_MARGIN || t > 1 + CORNER_MARGIN) continue;
      const tc = Math.min(1, Math.max(0, t));
      const up = along(upperT, upperPts, tc);
      const lo = along(lowerT, lowerPts, tc);
      // height above the upper lid margin (y up), and depth distance from the lid surface
      const above = p[1] - up[1];
      if (above < -0.004 || above > SKIN_FALLOFF_M) continue;
      if (Math.abs(p[2] - up[2]) > 0.006) continue;
      // the lid margin band moves fully, the skin above it less and less
      const wHeight = above <= MARGIN_BAND_M ? 1 : 1 - smooth((above - MARGIN_BAND_M) / (SKIN_FALLOFF_M - MARGIN_BAND_M));
      const wCorner = t < 0 ? 1 - smooth(-t / CORNER_MARGIN) : t > 1 ? 1 - smooth((t - 1) / CORNER_MARGIN) : 1;
      const w = wHeight * wCorner;
      for (let d = 0; d < 3; d++) out[(v * 3 + d) * EYELID_COMPONENTS + c] = w * (lo[d] - up[d]);
    }
  });
  return out;
}

/** Appends the eyelid components after an (N,3,E) basis (E may be 0). */
export function appendEyelids(basis: Float32Array | null, dims: number, eyelids: Float32Array, n: number): Float32Array {
  const e = dims + EYELID_COMPONENTS;
  const out = new Float32Array(n * 3 * e);
  for (let r = 0; r < n * 3; r++) {
    for (let j = 0; j < dims; j++) out[r * e + j] = basis![r * dims + j];
    for (let j = 0; j < EYELID_COMPONENTS; j++) out[r * e + dims + j] = eyelids[r * EYELID_COMPONENTS + j];
  }
  return out;
}
