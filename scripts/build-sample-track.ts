/**
 * Builds assets/sample/talking-track.json, the built-in sample's driving sequence: a procedural motion track of the
 * built-in face model's parameters (no footage). Each named control is a landmark feature in millimetres (lip gap,
 * chin drop, the eyes' opening, brow height, mouth width); its expression vector is the minimum-norm coefficient
 * change that moves that feature by 1 mm and holds the other features still, which under the model's unit Gaussian
 * prior is the most likely expression with that change. Per frame the track gives each control's value and a head
 * rotation offset; the sample renderer adds sum(value * vector) to the portrait's fitted expression.
 *
 *   npx tsx scripts/build-sample-track.ts [--out assets/sample/talking-track.json]
 */
import '../src/node/index.js';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chinDropMm, innerLipGapMm } from '../src/controls/articulation.js';
import { loadBuiltinFaceModel } from '../src/face/builtin/index.js';
import { neutralParams } from '../src/face/face-model.js';
import { landmarkJacobian } from '../src/face/landmark-jacobian.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const FPS = 25;
const SECONDS = 4;

/** iBUG-68 (0-based) landmark features, each a linear function of the 68 landmarks (head space, mm, y up). */
type Feature = { name: string; of: (l: ArrayLike<number>) => number };
const y = (l: ArrayLike<number>, i: number) => l[i * 3 + 1];
const x = (l: ArrayLike<number>, i: number) => l[i * 3];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const FEATURES: Feature[] = [
  { name: 'inner-lip-gap-mm', of: innerLipGapMm },
  { name: 'chin-drop-mm', of: chinDropMm },
  // Both eyes' upper lid minus lower lid (iBUG 37, 38 over 41, 40 and 43, 44 over 47, 46): blinks are of both eyes,
  // and the learned basis moves the eyes together far more cheaply than one at a time.
  { name: 'eye-opening-mm', of: (l) => mean([y(l, 37), y(l, 38), y(l, 43), y(l, 44)]) - mean([y(l, 41), y(l, 40), y(l, 47), y(l, 46)]) },
  { name: 'brow-height-mm', of: (l) => mean([17, 18, 19, 20, 21, 22, 23, 24, 25, 26].map((i) => y(l, i))) - mean([36, 39, 42, 45].map((i) => y(l, i))) },
  { name: 'mouth-width-mm', of: (l) => x(l, 54) - x(l, 48) },
];

/** A deterministic generator, so rebuilding gives the same file. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Solves A x = b (n x n, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const v = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k], m[c * n + k]];
    [v[c], v[p]] = [v[p], v[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
      v[r] -= f * v[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = v[c];
    for (let k = c + 1; k < n; k++) s -= m[c * n + k] * v[k];
    v[c] = s / m[c * n + c];
  }
  return v;
}

const model = loadBuiltinFaceModel();
const at = neutralParams(model);
const { dims, mmPerUnit } = landmarkJacobian(model, at);
const base = model.landmarks68(at);
// Each feature is linear in the landmarks, so its gradient in expression space is the feature of the Jacobian's columns.
const k = FEATURES.length;
const F = new Float64Array(k * dims);
const column = new Float64Array(204);
for (let j = 0; j < dims; j++) {
  for (let r = 0; r < 204; r++) column[r] = base[r] + mmPerUnit[r * dims + j];
  for (let f = 0; f < k; f++) F[f * dims + j] = FEATURES[f].of(column) - FEATURES[f].of(base);
}
// Minimum-norm responses: B = F^T (F F^T)^-1, one column per feature (a 1 mm change, the other features held).
const gram = new Float64Array(k * k);
for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
  let s = 0;
  for (let j = 0; j < dims; j++) s += F[a * dims + j] * F[b * dims + j];
  gram[a * k + b] = s;
}
const controls = FEATURES.map((feature, f) => {
  const unit = new Float64Array(k);
  unit[f] = 1;
  const w = solve(gram, unit, k);
  const e = new Array<number>(dims).fill(0);
  for (let j = 0; j < dims; j++) for (let a = 0; a < k; a++) e[j] += F[a * dims + j] * w[a];
  return { name: feature.name, expression: e.map((c) => Number(c.toFixed(5))) };
});

// The motion: speech-like mouth opening in syllables with two pauses, two blinks, a brow raise, a smile, and a head
// that turns right and back left while nodding a little. Frame 0 is the portrait as it is (all offsets 0).
const n = FPS * SECONDS;
const rand = lcg(17);
const syllableHz = 4.2;
const syllableGain = Array.from({ length: Math.ceil(SECONDS * syllableHz) + 1 }, () => 0.45 + 0.55 * rand());
const bump = (t: number, at: number, widthS: number) => Math.exp(-(((t - at) / widthS) ** 2));
const smoothWindow = (t: number, from: number, to: number, rampS: number) =>
  Math.min(1, Math.max(0, (t - from) / rampS)) * Math.min(1, Math.max(0, (to - t) / rampS));
const neutralEyeMm = FEATURES[2].of(base);
// The learned basis has little eyelid motion: a blink as deep as the model allows within 4 prior standard deviations.
const norm = (v: number[]) => Math.hypot(...v);
const blinkMm = Math.min(0.8 * neutralEyeMm, 4 / norm(controls[2].expression));
const series: Record<string, number[]> = Object.fromEntries([...FEATURES.map((f) => f.name), 'yawDeg', 'pitchDeg', 'rollDeg'].map((name) => [name, [] as number[]]));
for (let i = 0; i < n; i++) {
  const t = i / FPS;
  const speaking = smoothWindow(t, 0.3, 1.7, 0.1) + smoothWindow(t, 2.0, 3.7, 0.1);
  const phase = t * syllableHz;
  const syllable = Math.max(0, Math.sin(2 * Math.PI * phase)) ** 0.7 * syllableGain[Math.floor(phase)];
  const lipGap = 9 * speaking * syllable;
  const blink = Math.max(bump(t, 0.95, 0.06), bump(t, 2.75, 0.06));
  const r2 = (v: number) => Number(v.toFixed(2));
  series['inner-lip-gap-mm'].push(r2(lipGap));
  series['chin-drop-mm'].push(r2(0.5 * lipGap));
  series['eye-opening-mm'].push(r2(-blinkMm * blink));
  series['brow-height-mm'].push(r2(3 * bump(t, 1.85, 0.3)));
  series['mouth-width-mm'].push(r2(4 * bump(t, 3.5, 0.35)));
  series.yawDeg.push(r2(12 * Math.sin((2 * Math.PI * t) / SECONDS)));
  series.pitchDeg.push(r2(4 * Math.sin((2 * Math.PI * t) / 2) * smoothWindow(t, 0, SECONDS, 0.5)));
  series.rollDeg.push(r2(3 * Math.sin((2 * Math.PI * t) / SECONDS)));
}

const track = {
  format: 'facecodec-motion-track',
  version: 1,
  name: 'talking-track',
  modelId: model.id,
  modelHash: model.dataHash,
  frameRateHz: FPS,
  frameCount: n,
  method:
    'Procedural (scripts/build-sample-track.ts). expression(frame) = fitted expression of the portrait + sum over controls of value(frame) * control.expression; head rotation = portrait rotation composed with yaw/pitch/roll (camera frame, degrees, as the pose-offset edits). The model has no jaw joint: the chin drop is an expression control.',
  controls,
  frames: series,
};
const out = resolve(process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : resolve(PACKAGE_ROOT, 'assets/sample/talking-track.json'));
await writeFile(out, JSON.stringify(track) + '\n');
const maxCoefficient = Math.max(...controls.map((c) => Math.max(...c.expression.map(Math.abs))));
console.log(JSON.stringify({ out, frames: n, controls: controls.map((c) => c.name), neutralEyeMm: Number(neutralEyeMm.toFixed(2)), blinkMm: Number(blinkMm.toFixed(2)), maxCoefficientPerMm: Number(maxCoefficient.toFixed(3)) }));
