/**
 * What the fuzzers feed: every parser of outside bytes (frame packets, stream messages, bundles, person mattes,
 * stream files, chunk envelopes and their reassembly, signaling messages both ways, room tokens, SFrame headers),
 * each with valid seeds made by the real encoders, and a run function that throws only what the parser throws.
 * Synchronous and deterministic, so the jazzer targets (fuzz/) share it with bench/fuzz.ts.
 */
import {
  FrameDecoder,
  FrameEncoder,
  MAX_MESSAGE_BYTES,
  StreamFileWriter,
  decodeFrameBundle,
  decodeMessage,
  decodePersonMatte,
  encodeFrameBundle,
  encodeMessage,
  encodePersonMatte,
  makeProfile,
  readStreamFile,
  type FrameValues,
  type Profile,
  type StreamMessage,
} from '../../src/bitstream/index.js';
import { readHeader } from '../../src/e2ee/sframe-header.js';
import { FacecodecError } from '../../src/errors.js';
import {
  ChunkReassembler,
  clientMessageSchema,
  createRoomToken,
  decodeChunk,
  decodeSignalingMessage,
  encodeChunks,
  encodeSignalingMessage,
  serverMessageSchema,
  verifyRoomToken,
} from '../../src/transport/index.js';
import { RandomWalk } from './random-walk.js';

export const FUZZ_TARGETS = [
  'frame-packet',
  'stream-message',
  'frame-bundle',
  'person-matte',
  'stream-file',
  'chunk-envelope',
  'chunk-reassembly',
  'signaling-client',
  'signaling-server',
  'room-token',
  'sframe-header',
] as const;
export type FuzzTargetName = (typeof FUZZ_TARGETS)[number];

/** 'accepted': parsed; 'typed': refused with a typed error (or the parser's typed refusal result). */
export type FuzzOutcome = 'accepted' | 'typed';

export interface FuzzTarget {
  name: FuzzTargetName;
  seeds: Uint8Array[];
  /** Parses `bytes`; returns the outcome, or throws what the parser threw when that was not a typed refusal. */
  run(bytes: Uint8Array): FuzzOutcome;
  /** Checks the target's state is still sound (a valid input still decodes as it should); throws if not. */
  checkState?(): void;
  close?(): void;
}

/** Whether an error is one the SDK throws on purpose (every typed error derives from FacecodecError). */
export function isTypedError(error: unknown): boolean {
  return error instanceof FacecodecError;
}

function typed<T>(f: () => T): FuzzOutcome {
  try {
    f();
    return 'accepted';
  } catch (error) {
    if (isTypedError(error)) return 'typed';
    throw error;
  }
}

const FPS = 25;
const ROOM = 'fuzz-room';
const TOKEN_SECRET = new Uint8Array(32).fill(7);

interface Stream {
  profile: Profile;
  profileId: number;
  keyframeId: number;
  packets: Uint8Array[];
  /** What the encoder says each packet decodes to (its keypoints). */
  keypoints: Float32Array[];
}

/** A keyframe base and packets of `frames` frames of smooth random motion, coded by the real FrameEncoder. */
function codedStream(profile: Profile, profileId: number, keyframeId: number, frames: number, seed: number) {
  const walk = new RandomWalk({ keypointCount: profile.landmarkIds.length, expressionDims: profile.expressionDims, seed });
  walk.placeKeyframe(profile.landmarkIds);
  const encoder = new FrameEncoder({ profile, frameRateHz: FPS });
  encoder.setProfile(profile, profileId);
  encoder.setKeyframe(keyframeId, walk.keyframe);
  const packets: Uint8Array[] = [];
  const keypoints: Float32Array[] = [];
  const eyes = Float32Array.from([0.8, 0.8, 0.1, -0.1]);
  for (let i = 0; i < frames; i++) {
    const v: FrameValues = walk.next();
    if (profile.sendEyes) v.eyeState = eyes;
    if (i === Math.floor(frames / 2)) encoder.requestIntra();
    const coded = encoder.encode(v, Math.round((i * 1000) / FPS));
    packets.push(coded.bytes);
    keypoints.push(coded.reconstructed.keypointsMm);
  }
  return { base: walk.keyframe, stream: { profile, profileId, keyframeId, packets, keypoints } as Stream };
}

const PROFILES: Profile[] = [
  makeProfile(),
  makeProfile({ keypoints: 68, expressionDims: 50, sendJaw: true, coding: 'fixed', sendEyes: true }),
  makeProfile({ keypoints: 4, expressionDims: 0, intraInterval: 0 }),
];

function streams() {
  return PROFILES.map((p, i) => codedStream(p, i, i, 60, 11 + i));
}

function pattern(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) out[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
  return out;
}

/** Valid messages of every kind: header, keyframes (with and without optional parts), mouth reference, controls. */
export function streamMessages(): StreamMessage[] {
  const matte = new Float32Array(64 * 64);
  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) matte[y * 64 + x] = (x - 32) ** 2 + (y - 40) ** 2 < 600 ? 1 : 0;
  const f32 = (n: number, k = 0.01) => Float32Array.from({ length: n }, (_, i) => Math.sin(i + 1) * k);
  const params = {
    shape: f32(100, 0.5),
    expression: f32(50, 0.3),
    jawRad: f32(3),
    eyesRad: f32(6),
    rotationRad: f32(3, 0.1),
    translationPx: Float32Array.from([128, 130]),
    scalePxPerMm: 1.6,
  };
  const header = {
    formatVersion: 1,
    profile: PROFILES[0],
    profileId: 0,
    faceModelId: 'builtin-mediapipe-v1',
    faceModelHash: pattern(32, 3),
    modelExpressionDims: 50,
    frameRateHz: 25,
    displayRateHz: 50,
    cropWidth: 256,
    cropHeight: 256,
  };
  const { stream } = codedStream(PROFILES[0], 0, 0, 3, 5);
  return [
    { type: 'header', header },
    { type: 'header', header: { ...header, profile: PROFILES[1], profileId: 1, displayRateHz: undefined } },
    { type: 'keyframe', keyframe: { id: 0, width: 256, height: 256, format: 'avif', image: pattern(600, 1), timestampMs: 0, params } },
    {
      type: 'keyframe',
      keyframe: {
        id: 7,
        width: 256,
        height: 256,
        format: 'jpeg',
        image: pattern(300, 2),
        timestampMs: 40_000,
        personMatte: encodePersonMatte(matte, 64, 64),
        params: { ...params, keypoints68Mm: f32(204, 30), learnedKeypoints: f32(30, 0.5), eyeState: Float32Array.from([0.8, 0.7, 0, 0]) },
      },
    },
    {
      type: 'mouth-reference',
      mouth: { keyframeId: 0, format: 'webp', image: pattern(200, 4), x: 90, y: 150, width: 70, height: 40, innerLip: f32(40, 100).map((v) => Math.abs(v) + 90) },
    },
    { type: 'frame', packet: stream.packets[1] },
    { type: 'control', control: { type: 'keyframe-request', lastGoodSequence: 41, reason: 'reference-lost' } },
    { type: 'control', control: { type: 'profile-change', profileId: 2, profile: PROFILES[2] } },
    {
      type: 'control',
      control: { type: 'receiver-stats', keyframeIds: [0, 1], framesReceived: 900, framesLost: 3, framesDropped: 5, lossFraction: 0.01, delayMsP50: 80, delayMsP95: 140, receiveKbps: 11.2 },
    },
  ];
}

/** Packets of a seed stream decoded before the fuzzed ones (one decoder each), so fuzzed packets meet it mid-stream. */
const PRIMED_DEPTHS = [5, 25, 45];

/**
 * FrameDecoders that each hold the first n frames of one seed stream (n in PRIMED_DEPTHS): the seeds are the packets
 * that come next, so a mutated packet reaches the payload decoding instead of stopping at "duplicate frame". A
 * decoder a fuzzed packet changed (it was accepted) is primed again from scratch; one that only refused packets is
 * kept, and `checkState` proves it still decodes its next frame to what the encoder made (refusals change nothing).
 */
class PrimedDecoders {
  private readonly slots: { stream: number; depth: number }[];
  private readonly decoders: (FrameDecoder | null)[];

  constructor(private readonly made: ReturnType<typeof streams>) {
    this.slots = made.flatMap((_, stream) => PRIMED_DEPTHS.map((depth) => ({ stream, depth })));
    this.decoders = this.slots.map(() => null);
  }

  get seeds(): Uint8Array[] {
    return this.slots.map(({ stream, depth }) => this.made[stream].stream.packets[depth]);
  }

  private decoder(k: number): FrameDecoder {
    let d = this.decoders[k];
    if (!d) {
      const { stream, depth } = this.slots[k];
      const m = this.made[stream];
      d = new FrameDecoder({ frameRateHz: FPS });
      for (const other of this.made) d.setProfile(other.stream.profileId, other.stream.profile);
      d.setKeyframe(m.stream.keyframeId, m.base);
      for (const p of m.stream.packets.slice(0, depth)) d.decode(p);
      this.decoders[k] = d;
    }
    return d;
  }

  private readonly changed = new Set<number>();

  /**
   * Decodes `bytes` on every decoder; accepted when one of them takes it. The decoders that took it are primed again
   * now, or with `later`, at the next `reset()` (the packets of one bundle follow each other).
   */
  run(bytes: Uint8Array, later = false): FuzzOutcome {
    let outcome: FuzzOutcome = 'typed';
    for (let k = 0; k < this.slots.length; k++) {
      if (typed(() => this.decoder(k).decode(bytes)) === 'accepted') {
        outcome = 'accepted';
        this.changed.add(k);
      }
    }
    if (!later) this.reset();
    return outcome;
  }

  reset(): void {
    for (const k of this.changed) this.decoders[k] = null;
    this.changed.clear();
  }

  checkState(): void {
    for (let k = 0; k < this.slots.length; k++) {
      const { stream, depth } = this.slots[k];
      const { packets, keypoints } = this.made[stream].stream;
      const got = this.decoder(k).decode(packets[depth]).values.keypointsMm;
      const want = keypoints[depth];
      this.decoders[k] = null;
      if (got.length !== want.length || got.some((v, i) => v !== want[i])) {
        throw new Error(`state corruption: after refused packets, frame ${depth} of stream ${stream} decoded to other values`);
      }
    }
  }
}

/** Frame packets into decoders mid-stream (see PrimedDecoders). */
function framePacketTarget(): FuzzTarget {
  const decoders = new PrimedDecoders(streams());
  return { name: 'frame-packet', seeds: decoders.seeds, run: (b) => decoders.run(b), checkState: () => decoders.checkState() };
}

function reassemblyTarget(): FuzzTarget {
  let messages = 0;
  const reassembler = new ChunkReassembler({
    maxMessageBytes: MAX_MESSAGE_BYTES,
    reassemblyTimeoutMs: 10_000,
    onMessage: (m) => {
      messages++;
      // What a link does with a rebuilt message: parse it (typed errors only).
      typed(() => decodeMessage(m));
    },
    onDiscard: (error) => {
      if (!isTypedError(error)) throw error;
    },
  });
  const keyframe = encodeMessage(streamMessages()[3]);
  return {
    name: 'chunk-reassembly',
    seeds: [...encodeChunks(keyframe, 1, 200), ...encodeChunks(encodeMessage(streamMessages()[0]), 2, 64), ...encodeChunks(new Uint8Array(0), 3, 100)],
    run(bytes) {
      const before = messages;
      reassembler.push(bytes, performance.now());
      return messages > before ? 'accepted' : 'typed';
    },
    close: () => reassembler.close(),
  };
}

function signalingTarget(name: 'signaling-client' | 'signaling-server'): FuzzTarget {
  const sdp = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n';
  const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };
  const token = createRoomToken({ secret: TOKEN_SECRET, room: ROOM, expiresAt: Date.UTC(2030, 0, 1) });
  const client = [
    { type: 'join', room: ROOM, role: 'offerer', token },
    { type: 'join', room: 'r', role: 'answerer' },
    { type: 'offer', sdp },
    { type: 'answer', sdp },
    { type: 'candidate', candidate },
    { type: 'leave' },
    { type: 'ping' },
  ] as const;
  const server = [
    { type: 'joined', room: ROOM, role: 'answerer', peerPresent: true, keepaliveMs: 15000 },
    { type: 'peer-joined', role: 'offerer' },
    { type: 'peer-left' },
    { type: 'offer', sdp },
    { type: 'candidate', candidate },
    { type: 'error', code: 'ROOM_FULL', message: 'room fuzz-room is full' },
  ] as const;
  const schema = name === 'signaling-client' ? clientMessageSchema : serverMessageSchema;
  return {
    name,
    seeds: (name === 'signaling-client' ? client : server).map((m) => encodeSignalingMessage(m as never)),
    // Never throws by contract: a refusal is its typed result.
    run: (bytes) => (decodeSignalingMessage(bytes, schema as never).ok ? 'accepted' : 'typed'),
  };
}

const latin1 = new TextDecoder('latin1');

/** Every fuzz target with its seeds. */
export function fuzzTargets(): FuzzTarget[] {
  const messages = streamMessages().map(encodeMessage);
  const made = streams();
  // A bundle of a primed depth's next three packets: the first decodes on that depth's decoder, the next two after it.
  const bundles = made.flatMap((m) => PRIMED_DEPTHS.map((d) => encodeFrameBundle(m.stream.packets.slice(d, d + 3))));
  const file = new StreamFileWriter();
  for (const m of streamMessages()) file.add(m);
  const matte = new Float32Array(256 * 256).map((_, i) => ((i % 256) - 128) ** 2 + (Math.floor(i / 256) - 150) ** 2 < 90 * 90 ? 1 : 0);
  const token = createRoomToken({ secret: TOKEN_SECRET, room: ROOM, expiresAt: Date.UTC(2030, 0, 1), participant: 'alice' });
  const sframe = new Uint8Array(11 + 16 + 40);
  sframe.set([0x5f, 0x01, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02]);
  const bundleDecoders = new PrimedDecoders(made);
  return [
    framePacketTarget(),
    { name: 'stream-message', seeds: messages, run: (b) => typed(() => decodeMessage(b)) },
    {
      name: 'frame-bundle',
      seeds: bundles,
      checkState: () => bundleDecoders.checkState(),
      run: (b) =>
        typed(() => {
          try {
            for (const p of decodeFrameBundle(b)) bundleDecoders.run(p, true);
          } finally {
            bundleDecoders.reset();
          }
        }),
    },
    { name: 'person-matte', seeds: [encodePersonMatte(matte, 256, 256), encodePersonMatte(new Float32Array(64 * 64), 64, 64)], run: (b) => typed(() => decodePersonMatte(b)) },
    { name: 'stream-file', seeds: [file.finish()], run: (b) => typed(() => [...readStreamFile(b)]) },
    { name: 'chunk-envelope', seeds: [...encodeChunks(messages[3], 9, 500), ...encodeChunks(messages[0], 0xffffffff, 4096)], run: (b) => typed(() => decodeChunk(b)) },
    reassemblyTarget(),
    signalingTarget('signaling-client'),
    signalingTarget('signaling-server'),
    {
      name: 'room-token',
      seeds: [new TextEncoder().encode(token)],
      // Tokens arrive as strings inside a signaling message: any bytes as a string, verdicts only, never a throw.
      run: (b) => (verifyRoomToken(latin1.decode(b), ROOM, TOKEN_SECRET, Date.UTC(2029, 0, 1)).ok ? 'accepted' : 'typed'),
    },
    { name: 'sframe-header', seeds: [sframe], run: (b) => typed(() => readHeader(b)) },
  ];
}
