/**
 * Closed-loop predictive coding of frame packets. An intra frame is coded against the keyframe's own parameters
 * (which the receiver holds), a predicted frame against the decoded values of a named reference frame. Both sides
 * predict from quantizer indices the receiver can reproduce exactly, so there is no drift; the range coder's
 * contexts travel along the reference chain, so the coder keeps adapting from frame to frame.
 */
import { BitReader, BitWriter } from './bit-io.js';
import { BitstreamError } from './errors.js';
import { MAX_HELD_KEYFRAMES } from './messages.js';
import {
  createFrameValues,
  dequantizeValues,
  quantizeKeyframeBase,
  quantizeValues,
  type FrameValues,
  type KeyframeBase,
} from './frame-values.js';
import { compileLayout, validateProfile, type FrameLayout, type Profile } from './profile.js';
import { RangeDecoder, RangeEncoder, createContexts } from './range-coder.js';
import { predictKeypointsFromExpression, type KeypointJacobian } from './keypoint-prediction.js';
import { CONTEXTS_PER_VALUE, decodeResidual, encodeResidual } from './residual-coder.js';
import { decodeWith, pb } from './wire.js';

/** Sequence numbers travel modulo this. */
export const SEQUENCE_MODULUS = 16384;
const MAX_TIMESTAMP_MS = 2 ** 32 - 1;

export type FrameType = 'intra' | 'predicted';

/** The coded state of one frame: what a later predicted frame refers to. */
interface ChainState {
  sequence: number; // unwrapped
  profileId: number;
  keyframeId: number;
  timestampMs: number;
  indices: Int32Array;
  contexts: Uint16Array | null;
}

interface ProfileEntry {
  layout: FrameLayout;
  /** The keyframe's own indices (intra prediction base). */
  scratch: Int32Array;
  /** The prediction actually used for one payload. */
  prediction: Int32Array;
}

function compileEntry(profile: Profile): ProfileEntry {
  const layout = compileLayout(validateProfile(profile));
  return { layout, scratch: new Int32Array(layout.slotCount), prediction: new Int32Array(layout.slotCount) };
}

/**
 * Payload coding order: expression, jaw and pose first, keypoints last, so that keypoints can be predicted from the
 * expression this same packet carries.
 */

/** Codes the indices of one frame against `prediction`; `contexts` is updated in place (range coding only). */
function encodePayload(
  entry: ProfileEntry,
  indices: Int32Array,
  reference: Int32Array | null,
  jacobian: KeypointJacobian | undefined,
  contexts: Uint16Array | null,
  rc: RangeEncoder,
): Uint8Array {
  const { layout } = entry;
  if (layout.profile.coding === 'fixed' || !contexts || !reference) {
    const w = new BitWriter(layout.slotCount * 3);
    for (let s = 0; s < layout.slotCount; s++) w.write(indices[s], layout.quantizers[s].spec.bits);
    return w.finish();
  }
  const kpEnd = layout.keypointCount * 3;
  const prediction = entry.prediction;
  prediction.set(reference);
  rc.reset();
  for (let s = kpEnd; s < layout.slotCount; s++) encodeResidual(rc, contexts, s, indices[s] - prediction[s]);
  if (jacobian) predictKeypointsFromExpression(layout, jacobian, indices, reference, prediction);
  for (let s = 0; s < kpEnd; s++) encodeResidual(rc, contexts, s, indices[s] - prediction[s]);
  return rc.finish();
}

function decodePayload(
  entry: ProfileEntry,
  payload: Uint8Array,
  reference: Int32Array | null,
  jacobian: KeypointJacobian | undefined,
  contexts: Uint16Array | null,
  rd: RangeDecoder,
  out: Int32Array,
): void {
  const { layout } = entry;
  if (layout.profile.coding === 'fixed' || !contexts || !reference) {
    const r = new BitReader(payload);
    for (let s = 0; s < layout.slotCount; s++) {
      const v = r.read(layout.quantizers[s].spec.bits);
      out[s] = v;
    }
    if (r.remainingBits >= 8) throw new BitstreamError('CORRUPT', 'fixed-length payload has trailing bytes');
    return;
  }
  const kpEnd = layout.keypointCount * 3;
  const prediction = entry.prediction;
  prediction.set(reference);
  rd.reset(payload);
  const decodeSlot = (s: number) => {
    const v = prediction[s] + decodeResidual(rd, contexts, s);
    if (v < 0 || v > layout.quantizers[s].maxIndex) {
      throw new BitstreamError('CORRUPT', `decoded index ${v} of slot ${s} is outside its quantizer`);
    }
    out[s] = v;
  };
  for (let s = kpEnd; s < layout.slotCount; s++) decodeSlot(s);
  if (jacobian) predictKeypointsFromExpression(layout, jacobian, out, reference, prediction);
  for (let s = 0; s < kpEnd; s++) decodeSlot(s);
  if (rd.unreadBytes > 0) throw new BitstreamError('CORRUPT', `payload has ${rd.unreadBytes} bytes past its end`);
}

function nominalTimeMs(ref: ChainState, sequence: number, frameRateHz: number): number {
  return ref.timestampMs + Math.round(((sequence - ref.sequence) * 1000) / frameRateHz);
}

/** One frame packet, as produced by the encoder. */
export interface EncodedFrame {
  bytes: Uint8Array;
  sequence: number;
  type: FrameType;
  /** What the receiver will decode (the quantized values). */
  reconstructed: FrameValues;
}

export interface FrameEncoderOptions {
  profile: Profile;
  profileId?: number;
  frameRateHz: number;
}

/** Sender side: turns per-frame values into frame packets. */
export class FrameEncoder {
  private entry: ProfileEntry;
  private profileId: number;
  private readonly frameRateHz: number;
  private readonly keyframes = new Map<number, KeyframeBase>();
  private keyframeId = -1;
  private reference: ChainState | null = null;
  private sequence = 0;
  private framesSinceIntra = 0;
  private intraRequested = true;
  private readonly rc = new RangeEncoder(256);

  constructor(options: FrameEncoderOptions) {
    if (!(options.frameRateHz > 0 && options.frameRateHz <= 1000)) {
      throw new BitstreamError('INVALID_INPUT', `frame rate must be in (0, 1000] Hz, got ${options.frameRateHz}`);
    }
    this.entry = compileEntry(options.profile);
    this.profileId = options.profileId ?? 0;
    this.frameRateHz = options.frameRateHz;
  }

  get profile(): Profile {
    return this.entry.layout.profile;
  }

  get currentProfileId(): number {
    return this.profileId;
  }

  /** Makes `id` the keyframe that following intra frames are coded against; the next frame is intra. */
  setKeyframe(id: number, base: KeyframeBase): void {
    if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) throw new BitstreamError('INVALID_INPUT', `bad keyframe id ${id}`);
    this.keyframes.clear();
    this.keyframes.set(id, base);
    this.keyframeId = id;
    this.intraRequested = true;
  }

  /** Switches profile; the next frame is intra. */
  setProfile(profile: Profile, profileId: number): void {
    this.entry = compileEntry(profile);
    this.profileId = profileId;
    this.intraRequested = true;
  }

  /** The next frame will be intra (e.g. the receiver asked for one). */
  requestIntra(): void {
    this.intraRequested = true;
  }

  encode(values: FrameValues, timestampMs: number): EncodedFrame {
    const base = this.keyframes.get(this.keyframeId);
    if (!base) throw new BitstreamError('MISSING_KEYFRAME', 'setKeyframe must be called before the first frame');
    if (!Number.isInteger(timestampMs) || timestampMs < 0 || timestampMs > MAX_TIMESTAMP_MS) {
      throw new BitstreamError('INVALID_INPUT', `timestamp must be whole milliseconds in 0..2^32-1, got ${timestampMs}`);
    }
    const { layout } = this.entry;
    const indices = new Int32Array(layout.slotCount);
    quantizeValues(layout, values, indices);
    const interval = layout.profile.intraInterval;
    const intra =
      this.intraRequested ||
      !this.reference ||
      layout.profile.coding === 'fixed' ||
      (interval > 0 && this.framesSinceIntra >= interval);
    const sequence = this.sequence;
    const wireSeq = sequence % SEQUENCE_MODULUS;
    let contexts: Uint16Array | null = null;
    let packet: Record<string, unknown>;
    if (intra) {
      const prediction = this.entry.scratch;
      quantizeKeyframeBase(layout, base, prediction);
      contexts = layout.profile.coding === 'range' ? createContexts(layout.slotCount * CONTEXTS_PER_VALUE) : null;
      const payload = encodePayload(this.entry, indices, prediction, base.keypointJacobian, contexts, this.rc);
      packet = { sequence: wireSeq, intra: payload, keyframeId: this.keyframeId, timestampMs, profileId: this.profileId };
      this.framesSinceIntra = 0;
      this.intraRequested = false;
    } else {
      const ref = this.reference!;
      contexts = ref.contexts ? ref.contexts.slice() : null;
      const payload = encodePayload(this.entry, indices, ref.indices, base.keypointJacobian, contexts, this.rc);
      const offset = timestampMs - nominalTimeMs(ref, sequence, this.frameRateHz);
      packet = { sequence: wireSeq, predicted: payload, timeOffsetMs: offset };
    }
    this.framesSinceIntra++;
    this.reference = { sequence, profileId: this.profileId, keyframeId: this.keyframeId, timestampMs, indices, contexts };
    this.sequence++;
    // Copy out of protobufjs's shared buffer pool so callers own plain, independent bytes.
    const bytes = new Uint8Array(pb.FramePacket.encode(packet as never).finish());
    return {
      bytes,
      sequence,
      type: intra ? 'intra' : 'predicted',
      reconstructed: dequantizeValues(layout, indices, createFrameValues(layout)),
    };
  }
}

/** One decoded frame. */
export interface DecodedFrame {
  /** Unwrapped sequence number (the wire carries it modulo 16384). */
  sequence: number;
  type: FrameType;
  timestampMs: number;
  keyframeId: number;
  profileId: number;
  /** True when a newer frame was already decoded (arrived out of order or late). */
  late: boolean;
  values: FrameValues;
}

export interface FrameDecoderOptions {
  frameRateHz: number;
  /** How many decoded frames are kept as possible references (default 32). */
  history?: number;
}

/** Receiver side: frame packets to values. Errors are typed and leave the decoder ready for the next packet. */
export class FrameDecoder {
  private readonly profiles = new Map<number, ProfileEntry>();
  private readonly keyframes = new Map<number, KeyframeBase>();
  private readonly states = new Map<number, ChainState>();
  private readonly history: number;
  private readonly frameRateHz: number;
  private newest = -1;
  private readonly rd = new RangeDecoder();
  private waitingForIntra = false;

  constructor(options: FrameDecoderOptions) {
    if (!(options.frameRateHz > 0 && options.frameRateHz <= 1000)) {
      throw new BitstreamError('INVALID_INPUT', `frame rate must be in (0, 1000] Hz, got ${options.frameRateHz}`);
    }
    this.frameRateHz = options.frameRateHz;
    this.history = options.history ?? 32;
  }

  /** True after a lost reference, until an intra frame decodes: the receiver should ask for one. */
  get needsIntra(): boolean {
    return this.waitingForIntra;
  }

  setProfile(profileId: number, profile: Profile): void {
    this.profiles.set(profileId, compileEntry(profile));
    // Keep a bounded number of profiles: a peer that keeps changing profile cannot grow memory.
    if (this.profiles.size > 8) this.profiles.delete(this.profiles.keys().next().value!);
  }

  /** The profile registered under `profileId`, if the decoder still holds it. */
  profile(profileId: number): Profile | undefined {
    return this.profiles.get(profileId)?.layout.profile;
  }

  setKeyframe(id: number, base: KeyframeBase): void {
    this.keyframes.set(id, base);
    if (this.keyframes.size > MAX_HELD_KEYFRAMES) this.keyframes.delete(this.keyframes.keys().next().value!);
  }

  decode(bytes: Uint8Array): DecodedFrame {
    const msg = decodeWith('frame packet', bytes, (b) => pb.FramePacket.decode(b));
    if (msg.sequence >= SEQUENCE_MODULUS) throw new BitstreamError('CORRUPT', `sequence ${msg.sequence} out of range`);
    const sequence = this.unwrap(msg.sequence);
    if (this.states.has(sequence)) throw new BitstreamError('CORRUPT', `duplicate frame ${sequence}`);
    let state: ChainState;
    let type: FrameType;
    if (msg.payload === 'intra') {
      type = 'intra';
      const entry = this.profiles.get(msg.profileId);
      if (!entry) throw new BitstreamError('UNKNOWN_PROFILE', `frame ${sequence} uses unknown profile ${msg.profileId}`);
      const base = this.keyframes.get(msg.keyframeId);
      if (!base) throw new BitstreamError('MISSING_KEYFRAME', `frame ${sequence} needs keyframe ${msg.keyframeId}`);
      const { layout } = entry;
      const prediction = entry.scratch;
      quantizeKeyframeBase(layout, base, prediction);
      const contexts = layout.profile.coding === 'range' ? createContexts(layout.slotCount * CONTEXTS_PER_VALUE) : null;
      const indices = new Int32Array(layout.slotCount);
      decodePayload(entry, msg.intra!, prediction, base.keypointJacobian, contexts, this.rd, indices);
      state = { sequence, profileId: msg.profileId, keyframeId: msg.keyframeId, timestampMs: msg.timestampMs, indices, contexts };
    } else if (msg.payload === 'predicted') {
      type = 'predicted';
      const refSeq = sequence - 1 - msg.referenceSkip;
      const ref = this.states.get(refSeq);
      if (!ref) {
        // A late packet whose reference is gone is just stale; only a gap ahead of us means the chain broke.
        if (sequence < this.newest) throw new BitstreamError('STALE', `late frame ${sequence}: its reference ${refSeq} is gone`);
        this.waitingForIntra = true;
        throw new BitstreamError('REFERENCE_LOST', `frame ${sequence} refers to frame ${refSeq}, which was not decoded`);
      }
      const entry = this.profiles.get(ref.profileId);
      if (!entry) throw new BitstreamError('UNKNOWN_PROFILE', `reference uses unknown profile ${ref.profileId}`);
      const contexts = ref.contexts ? ref.contexts.slice() : null;
      const indices = new Int32Array(entry.layout.slotCount);
      const kfBase = this.keyframes.get(ref.keyframeId);
      decodePayload(entry, msg.predicted!, ref.indices, kfBase?.keypointJacobian, contexts, this.rd, indices);
      const timestampMs = nominalTimeMs(ref, sequence, this.frameRateHz) + msg.timeOffsetMs;
      state = { sequence, profileId: ref.profileId, keyframeId: ref.keyframeId, timestampMs, indices, contexts };
    } else {
      throw new BitstreamError('INVALID_MESSAGE', `frame packet ${sequence} has no payload`);
    }
    // Only a fully decoded frame changes state: a corrupt packet above leaves everything as it was.
    const layout = this.profiles.get(state.profileId)!.layout;
    // A decoded frame ahead of all others proves an unbroken chain back to an intra frame.
    if (type === 'intra' || sequence > this.newest) this.waitingForIntra = false;
    this.states.set(sequence, state);
    if (this.states.size > this.history) this.states.delete(this.oldestState());
    const late = sequence < this.newest;
    if (sequence > this.newest) this.newest = sequence;
    return {
      sequence,
      type,
      timestampMs: state.timestampMs,
      keyframeId: state.keyframeId,
      profileId: state.profileId,
      late,
      values: dequantizeValues(layout, state.indices, createFrameValues(layout)),
    };
  }

  private unwrap(wire: number): number {
    if (this.newest < 0) return wire;
    const half = SEQUENCE_MODULUS / 2;
    const delta = ((wire - (this.newest % SEQUENCE_MODULUS) + SEQUENCE_MODULUS + half) % SEQUENCE_MODULUS) - half;
    const seq = this.newest + delta;
    return seq < 0 ? wire : seq;
  }

  private oldestState(): number {
    let oldest = Infinity;
    for (const k of this.states.keys()) if (k < oldest) oldest = k;
    return oldest;
  }
}
