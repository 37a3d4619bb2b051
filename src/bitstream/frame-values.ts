/** The per-frame values a packet carries, and their mapping to and from quantizer indices. */
import { BitstreamError } from './errors.js';
import type { KeypointJacobian } from './keypoint-prediction.js';
import { EYE_STATE_SLOTS, LEARNED_KEYPOINT_SCALE, type FrameLayout } from './profile.js';

/** Decoded or to-be-coded values of one frame. */
export interface FrameValues {
  /**
   * The profile's keypoints in head space, millimetres, x y z per point (keypointCount * 3); for learned-keypoint
   * profiles, the learned keypoints' normalized coordinates times LEARNED_KEYPOINT_SCALE.
   */
  keypointsMm: Float32Array;
  /** Expression prefix (profile.expressionDims values). */
  expression: Float32Array;
  /** Jaw rotation, axis-angle radians (3; zeros when the profile does not send it). */
  jawRad: Float32Array;
  /** Head rotation, axis-angle radians (3). */
  rotationRad: Float32Array;
  /** Head position in the crop, pixels (2). */
  translationPx: Float32Array;
  scalePxPerMm: number;
  /** Lid apertures and gaze (EYE_STATE_SLOTS values): required by profiles that send them; decoded values always have it (zeros when not sent). */
  eyeState?: Float32Array;
}

/** What both ends know of a keyframe: its full-precision parameters. Intra frames are coded against them. */
export interface KeyframeBase {
  /** All 68 iBUG landmarks of the keyframe in head space, mm (204 values), computed from its own parameters. */
  keypoints68Mm: Float32Array;
  /** The learned detector's keypoints of the keyframe (normalized, K x 3): needed by learned-keypoint profiles. */
  learnedKeypoints?: Float32Array;
  /** The keyframe's full expression vector (any length; missing entries count as zero). */
  expression: Float32Array;
  jawRad: Float32Array;
  rotationRad: Float32Array;
  translationPx: Float32Array;
  scalePxPerMm: number;
  /** The keyframe's eye state, when it has one (intra frames of eye-carrying profiles predict from it, else from zeros). */
  eyeState?: Float32Array;
  /**
   * The face model's landmark Jacobian at this keyframe (both ends compute it from the model and the keyframe's
   * parameters). With it, keypoints are predicted from the expression the packet carries; without, from the
   * reference alone. Sender and receiver must agree on whether it is used.
   */
  keypointJacobian?: KeypointJacobian;
}

export function createFrameValues(layout: FrameLayout): FrameValues {
  return {
    keypointsMm: new Float32Array(layout.keypointCount * 3),
    expression: new Float32Array(layout.profile.expressionDims),
    jawRad: new Float32Array(3),
    rotationRad: new Float32Array(3),
    translationPx: new Float32Array(2),
    scalePxPerMm: 0,
    eyeState: new Float32Array(EYE_STATE_SLOTS),
  };
}

/** Quantizes `values` into `out` (one index per slot). Throws on wrong lengths or NaN. */
export function quantizeValues(layout: FrameLayout, values: FrameValues, out: Int32Array): void {
  const p = layout.profile;
  expectLength('keypointsMm', values.keypointsMm, layout.keypointCount * 3);
  if (values.expression.length < p.expressionDims) {
    throw new BitstreamError('INVALID_INPUT', `expression has ${values.expression.length} values, profile sends ${p.expressionDims}`);
  }
  expectLength('rotationRad', values.rotationRad, 3);
  expectLength('translationPx', values.translationPx, 2);
  if (p.sendJaw) expectLength('jawRad', values.jawRad, 3);
  if (p.sendEyes) {
    if (!values.eyeState) throw new BitstreamError('INVALID_INPUT', 'the profile sends eye state; the frame has none');
    expectLength('eyeState', values.eyeState, EYE_STATE_SLOTS);
  }
  const q = layout.quantizers;
  let s = 0;
  for (let i = 0; i < values.keypointsMm.length; i++, s++) out[s] = q[s].quantize(values.keypointsMm[i]);
  for (let i = 0; i < p.expressionDims; i++, s++) out[s] = q[s].quantize(values.expression[i]);
  if (p.sendJaw) for (let i = 0; i < 3; i++, s++) out[s] = q[s].quantize(values.jawRad[i]);
  for (let i = 0; i < 3; i++, s++) out[s] = q[s].quantize(values.rotationRad[i]);
  for (let i = 0; i < 2; i++, s++) out[s] = q[s].quantize(values.translationPx[i]);
  out[s] = q[s].quantize(values.scalePxPerMm);
  s++;
  if (p.sendEyes) for (let i = 0; i < EYE_STATE_SLOTS; i++, s++) out[s] = q[s].quantize(values.eyeState![i]);
}

/** Indices of the keyframe's own values under `layout`: the prediction of intra frames. */
export function quantizeKeyframeBase(layout: FrameLayout, base: KeyframeBase, out: Int32Array): void {
  const kp = keyframeKeypointSlots(layout, base);
  const expression = new Float32Array(layout.profile.expressionDims);
  expression.set(base.expression.subarray(0, Math.min(base.expression.length, expression.length)));
  quantizeValues(
    layout,
    {
      keypointsMm: kp,
      expression,
      jawRad: base.jawRad.length === 3 ? base.jawRad : new Float32Array(3),
      rotationRad: base.rotationRad,
      translationPx: base.translationPx,
      scalePxPerMm: base.scalePxPerMm,
      eyeState: base.eyeState?.length === EYE_STATE_SLOTS ? base.eyeState : new Float32Array(EYE_STATE_SLOTS),
    },
    out,
  );
}

/** The keyframe's values of the keypoint slots: its landmarks the profile names, or its scaled learned keypoints. */
function keyframeKeypointSlots(layout: FrameLayout, base: KeyframeBase): Float32Array {
  const p = layout.profile;
  if (p.learnedKeypoints > 0) {
    const learned = base.learnedKeypoints;
    if (!learned || learned.length !== p.learnedKeypoints * 3) {
      throw new BitstreamError(
        'INVALID_INPUT',
        `the profile carries ${p.learnedKeypoints} learned keypoints; the keyframe has ${learned ? learned.length / 3 : 'none'}`,
      );
    }
    return learnedKeypointSlots(learned);
  }
  const ids = p.landmarkIds;
  const kp = new Float32Array(ids.length * 3);
  for (let i = 0; i < ids.length; i++) {
    kp[i * 3] = base.keypoints68Mm[ids[i] * 3];
    kp[i * 3 + 1] = base.keypoints68Mm[ids[i] * 3 + 1];
    kp[i * 3 + 2] = base.keypoints68Mm[ids[i] * 3 + 2];
  }
  return kp;
}

/** Normalized learned keypoints -> keypoint slot values (x LEARNED_KEYPOINT_SCALE); `out` defaults to a new array. */
export function learnedKeypointSlots(normalized: Float32Array, out = new Float32Array(normalized.length)): Float32Array {
  for (let i = 0; i < normalized.length; i++) out[i] = normalized[i] * LEARNED_KEYPOINT_SCALE;
  return out;
}

/** Keypoint slot values -> normalized learned keypoints (the inverse of `learnedKeypointSlots`). */
export function slotsToLearnedKeypoints(slots: Float32Array, out = new Float32Array(slots.length)): Float32Array {
  for (let i = 0; i < slots.length; i++) out[i] = slots[i] / LEARNED_KEYPOINT_SCALE;
  return out;
}

/** Dequantizes indices into `out`. */
export function dequantizeValues(layout: FrameLayout, indices: Int32Array, out: FrameValues): FrameValues {
  const p = layout.profile;
  const q = layout.quantizers;
  let s = 0;
  for (let i = 0; i < out.keypointsMm.length; i++, s++) out.keypointsMm[i] = q[s].dequantize(indices[s]);
  for (let i = 0; i < p.expressionDims; i++, s++) out.expression[i] = q[s].dequantize(indices[s]);
  if (p.sendJaw) for (let i = 0; i < 3; i++, s++) out.jawRad[i] = q[s].dequantize(indices[s]);
  else out.jawRad.fill(0);
  for (let i = 0; i < 3; i++, s++) out.rotationRad[i] = q[s].dequantize(indices[s]);
  for (let i = 0; i < 2; i++, s++) out.translationPx[i] = q[s].dequantize(indices[s]);
  out.scalePxPerMm = q[s].dequantize(indices[s]);
  s++;
  const eyes = (out.eyeState ??= new Float32Array(EYE_STATE_SLOTS));
  if (p.sendEyes) for (let i = 0; i < EYE_STATE_SLOTS; i++, s++) eyes[i] = q[s].dequantize(indices[s]);
  else eyes.fill(0);
  return out;
}

function expectLength(name: string, a: Float32Array, n: number): void {
  if (a.length !== n) throw new BitstreamError('INVALID_INPUT', `${name} has ${a.length} values, expected ${n}`);
}

/**
 * The values an intra frame with zero residual decodes to: the keyframe's own parameters after quantization. A
 * receiver renders the keyframe's mesh from these, so a frame equal to the keyframe reproduces it exactly.
 */
export function keyframeFrameValues(layout: FrameLayout, base: KeyframeBase): FrameValues {
  const indices = new Int32Array(layout.slotCount);
  quantizeKeyframeBase(layout, base, indices);
  return dequantizeValues(layout, indices, createFrameValues(layout));
}
