/** The sending half of a call: an Encoder's output onto a PeerLink, answering keyframe requests and adapting the rate. */
import { z } from 'zod';
import { decodeMessage, encodeMessage, type ReceiverStats, type StreamMessage } from '../bitstream/index.js';
import type { Encoder, EncoderOutput } from '../encoder/encoder.js';
import type { RgbImage } from '../media/rgb-image.js';
import type { CodecLink } from '../transport/codec-link.js';
import { CallSession, type SessionCloseReason } from './call-session.js';
import { CallError } from './call-error.js';
import { keyframeRequestAction, type KeyframeRequestAction } from './keyframe-request-reason.js';
import { RateAdapter, type RateAdapterOptions, type RateDecision } from './rate-adapter.js';
import { RateMeter } from './rate-meter.js';
import type { ReconnectEvents, ReconnectPolicy } from './reconnect-policy.js';
import { FrameBundler } from './frame-bundler.js';
import { percentile } from './percentile.js';

/** Why a session closed: `local` = `close()`, `link` = its PeerLink closed (peer left, connection failed). */

/** A keyframe request as the sender saw it, and what it did about it. */
export interface KeyframeRequestEvent {
  reason: string;
  lastGoodSequence: number;
  /**
   * `ignored`: a keyframe went out less than `keyframeCooldownMs` ago, or is still in the link's send queue, and is
   * presumably on its way.
   */
  action: KeyframeRequestAction | 'ignored';
}

/**
 * Why the sender's frame rate changed: `congestion` (frames arrive late or get lost with the profile already at its
 * lowest rung), `cpu` (the encoder could not keep up: `send()` calls skipped as busy), `recovered` (clean for long
 * enough to take one step back).
 */
export type FrameRateChangeReason = 'congestion' | 'cpu' | 'recovered';

/** A change of the rate at which camera frames are encoded (see {@link CodecSenderOptions.frameRateControl}). */
export interface FrameRateChange {
  fromHz: number;
  toHz: number;
  /** Every `divisor`-th camera frame is encoded from now on. */
  divisor: number;
  reason: FrameRateChangeReason;
}

/** Events of a {@link CodecSender}. */
export type CodecSenderEvents = {
  /** The sender now encodes fewer (or again more) of the camera's frames. */
  frameRateChange: [change: FrameRateChange];
  /** The receiver asked for an intra frame or a keyframe. */
  keyframeRequest: [request: KeyframeRequestEvent];
  /** The receiver's periodic report arrived. */
  receiverStats: [stats: ReceiverStats];
  /** The rate adapter moved to another rung; the new profile applies from the next frame sent. */
  profileChange: [decision: RateDecision];
  /** A failure not tied to a `send()` call (an undecodable message from the peer, a failed control send). */
  error: [error: Error];
  /** The session closed; emitted once, after its timers and owned resources are released. */
  close: [reason: SessionCloseReason];
} & ReconnectEvents;

/** Counters of a {@link CodecSender}. */
export interface CodecSenderStats {
  /** Frames given to `send()`. */
  framesOffered: number;
  /** `send()` calls skipped because the previous one was still encoding. */
  framesSkippedBusy: number;
  /** `send()` calls skipped on purpose because the frame rate was lowered (see `frameRateControl`). */
  framesSkippedRate: number;
  /** The rate camera frames are encoded at now, Hz (the stream's frame rate divided by the divisor). */
  frameRateHz: number;
  /** Frame rate changes made so far. */
  frameRateChanges: number;
  /** `send()` calls skipped because the last keyframe had not reached the receiver yet (see `holdFramesForKeyframe`). */
  framesHeldForKeyframe: number;
  /** Frame packets the encoder produced. */
  framesEncoded: number;
  /** Frame packets handed to the link. */
  framesSent: number;
  /** Intra frame packets among them. */
  intraFramesSent: number;
  /** Frame packets the link refused because its frame channel was congested. */
  framesSkippedCongested: number;
  /** Keyframes sent (refinements included). */
  keyframesSent: number;
  /** Quick first pictures' full-size images sent, and left out because the path is too slow for them (`refinementMaxMs`). */
  refinementsSent: number;
  refinementsSkipped: number;
  /** Stream headers sent (first one, after profile changes, with requested keyframes). */
  headersSent: number;
  /** Profile-change control messages sent. */
  profileChangesSent: number;
  /** Frame-channel payload bytes sent (packets, and the bundle framing when bundling). */
  frameBytesSent: number;
  /** Frame-channel messages sent (one per packet, or one per bundle). */
  frameMessagesSent: number;
  /** Reliable payload bytes sent (headers, keyframes, control). */
  reliableBytesSent: number;
  /** Requests for an intra frame received. */
  intraRequestsReceived: number;
  /** Requests for a keyframe received (answered or ignored). */
  keyframeRequestsReceived: number;
  /** Keyframe requests ignored because a keyframe was just sent. */
  keyframeRequestsIgnored: number;
  /** Receiver reports received. */
  receiverReports: number;
  /** The frame stream's send rate over the meter window, when measured. */
  frameKbps: number | undefined;
  /** The adapter's current rung, when adapting. */
  profileIndex: number | undefined;
  /** The receiver's last report. */
  lastReceiverStats: ReceiverStats | undefined;
  /** How long frame packets waited to be bundled, ms (0 when each goes alone). */
  bundleHoldMsP50: number;
  bundleHoldMsP95: number;
}

/** What one `send()` did. */
export interface SendResult {
  /**
   * `busy`: an earlier `send()` was still encoding; `rate`: left out because the frame rate is lowered; `keyframe`:
   * left out while the keyframe is still on its way (`holdFramesForKeyframe`); `closed`: the session closed meanwhile.
   */
  skipped?: 'busy' | 'rate' | 'keyframe' | 'closed';
  /** The encoder's outputs (empty when skipped or when no face was found yet). */
  outputs: EncoderOutput[];
}

/** Frames per frame-channel message by default: see README "Wire cost" for the measured trade-off. */
export const DEFAULT_FRAMES_PER_MESSAGE = 3;

const senderOptionsSchema = z.strictObject({
  link: z.custom<CodecLink>((v) => typeof v === 'object' && v !== null && typeof (v as CodecLink).sendFrame === 'function'),
  encoder: z.custom<Encoder>((v) => typeof v === 'object' && v !== null && typeof (v as Encoder).encode === 'function'),
  rateAdapter: z.union([z.custom<RateAdapter>((v) => v instanceof RateAdapter), z.custom<RateAdapterOptions>((v) => typeof v === 'object' && v !== null), z.literal(false)]).default(false),
  keyframeCooldownMs: z.number().min(0).max(60_000).default(300),
  framesPerMessage: z.number().int().min(1).max(16).default(DEFAULT_FRAMES_PER_MESSAGE),
  maxBundleDelayMs: z.number().min(0).max(1000).optional(),
  rateWindowMs: z.number().min(100).max(60_000).default(2000),
  closeLink: z.boolean().default(true),
  frameRateControl: z
    .union([
      z.strictObject({
        minFrameRateHz: z.number().positive().max(1000).default(6),
        holdMs: z.number().min(0).max(60_000).default(1000),
        recoverMs: z.number().min(0).max(600_000).default(6000),
        lateFraction: z.number().min(0).max(1).default(0.2),
      }),
      z.literal(false),
    ])
    .default(false),
  refinementMaxMs: z.union([z.number().min(0).max(600_000), z.literal(false)]).default(3000),
  holdFramesForKeyframe: z
    .union([z.strictObject({ afterMs: z.number().min(0).max(60_000).default(150), maxMs: z.number().min(0).max(600_000).default(15_000) }), z.literal(false)])
    .default(false),
  reconnect: z.union([z.custom<ReconnectPolicy>((v) => typeof v === 'object' && v !== null), z.literal(false)]).default(false),
  appData: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Options of {@link CodecSender}:
 * - `link`: an open {@link PeerLink}; `encoder`: the stream's {@link Encoder} (the caller's; see {@link CodecSender.own}).
 * - `rateAdapter`: a {@link RateAdapter} or its options to adapt the profile; `false` (default) keeps the encoder's.
 *   When adapting, the encoder starts on the adapter's rung.
 * - `keyframeCooldownMs` (300): keyframe requests this soon after a keyframe went out, or while it is still in the
 *   link's send queue, are ignored (it is on its way).
 * - `framesPerMessage` (3): frame packets sent together in one message ({@link FrameBundler}); 1 sends each alone.
 *   Each packet waits for the ones after it, so the n-th frame of a message is delayed by (framesPerMessage - n)
 *   frame periods. `maxBundleDelayMs` (default: framesPerMessage - 1 periods at the encoder's frame rate, plus
 *   10 ms) bounds the wait when frames come late or stop.
 * - `rateWindowMs` (2000): window of the send-rate meter the adapter is fed with.
 * - `closeLink` (true): `close()` closes the link too (the session owns it).
 * - `frameRateControl` (false): lowers the rate camera frames are encoded at, one step (every 2nd, 3rd, ... frame) at
 *   a time and not below `minFrameRateHz` (6), at least `holdMs` (1000) apart, when the receiver reports more than
 *   `lateFraction` (0.2) of its frames late or lost with the rate adapter already on its lowest rung (a path slower
 *   than the lowest rung: each message costs about 93 B of headers, so fewer messages is what fits), or when the
 *   median of the last encodes takes longer than the frame period (the CPU cannot keep up, and skipping on a
 *   schedule beats skipping at random, `framesSkippedBusy`). One step back after `recoverMs` (6000) clean, where the
 *   encodes fit the faster rate. Each change is a `frameRateChange` event and shows in `stats()`.
 * - `holdFramesForKeyframe` (false): once a keyframe has been on its way for `afterMs` (150) and is still not
 *   acknowledged by the peer's SCTP, encode only every 4th frame until it is (at most `maxMs`, 15000): frames that need it are
 *   useless before it arrives, and on a slow path they take the bandwidth it needs (measured at 16 kbit/s: the
 *   first keyframe 5.9 s late behind 13 kbit/s of frames). Fast paths acknowledge within `afterMs` and see no change.
 * - `refinementMaxMs` (3000): with a quick first picture (`createEncoder`'s `firstPictureBytes`), the full-size image
 *   that follows is sent only if the path looks fast enough to carry it within this time: its size times how long the
 *   quick keyframe took to be acknowledged, over the quick keyframe's size. It waits for that acknowledgement; frames
 *   go on meanwhile (they need the keyframe, which the receiver has, not the better image). On a slow path (8 kbit/s:
 *   about 5 s for a 4.6 KB image, every frame behind it late) the quick picture stays until the next keyframe.
 *   `false` sends every refinement at once.
 * - `reconnect` (false): a {@link ReconnectPolicy}; when the link fails or the peer goes away, the session connects
 *   again and goes on with a keyframe and the header on the new link (`reconnecting`, `reconnected` events). Frames
 *   offered meanwhile are encoded and dropped (`skipped: 'closed'`). Without it the session closes with its link.
 * - `appData`: the application's own fields.
 */
export type CodecSenderOptions = z.input<typeof senderOptionsSchema>;

/**
 * Sends an encoder's stream over a link: frame packets raw on the frame channel, header/keyframes/control as
 * envelopes on the reliable channel. Answers the receiver's keyframe requests (`reference-lost` with an intra frame,
 * anything else with a keyframe and the header again) and, with a rate adapter, switches the encoder's profile on the
 * receiver's reports, announcing each switch with a `profile-change` control message. It only reads the reliable
 * messages meant for a sender (keyframe requests, receiver stats), so a receiver may share the link.
 */
export class CodecSender extends CallSession<CodecSenderEvents> {
  /** The application's own fields. */
  readonly appData: Record<string, unknown>;
  /** The encoder whose output is sent. */
  readonly encoder: Encoder;
  /** The rate adapter, when adapting. */
  readonly rateAdapter: RateAdapter | undefined;
  private readonly options: z.output<typeof senderOptionsSchema>;
  private readonly meter: RateMeter;
  private readonly counters: Omit<CodecSenderStats, 'frameKbps' | 'profileIndex' | 'lastReceiverStats' | 'bundleHoldMsP50' | 'bundleHoldMsP95' | 'frameRateHz'> = {
    framesOffered: 0,
    framesSkippedBusy: 0,
    framesSkippedRate: 0,
    frameRateChanges: 0,
    framesHeldForKeyframe: 0,
    framesEncoded: 0,
    framesSent: 0,
    intraFramesSent: 0,
    framesSkippedCongested: 0,
    keyframesSent: 0,
    refinementsSent: 0,
    refinementsSkipped: 0,
    headersSent: 0,
    profileChangesSent: 0,
    frameBytesSent: 0,
    frameMessagesSent: 0,
    reliableBytesSent: 0,
    intraRequestsReceived: 0,
    keyframeRequestsReceived: 0,
    keyframeRequestsIgnored: 0,
    receiverReports: 0,
  };
  private lastReceiverStats: ReceiverStats | undefined;
  private pendingProfile: RateDecision | undefined;
  private resendHeader = false;
  /** The last keyframe sent other than a refinement, and when the peer had it (for `refinementMaxMs`). */
  private lastKeyframe: { sentMs: number; bytes: number; ackedMs?: number } | undefined;
  private pendingRefinement: { bytes: Uint8Array } | undefined;
  private encoding = false;
  private readonly bundler: FrameBundler;
  /** Frame rate control: every `divisor`-th camera frame is encoded. */
  private divisor = 1;
  private cameraFrames = 0;
  private lastRateChangeMs = -Infinity;
  private rateCleanSinceMs: number | undefined;
  /** How long the last few encodes took, ms. */
  private readonly recentEncodesMs: number[] = [];
  private previousReport: ReceiverStats | undefined;
  private heldInARow = 0;

  /** Wires the session to the link; throws `CALL_BAD_ARGUMENT` on invalid options, `CALL_CLOSED` on a closed link. */
  constructor(options: CodecSenderOptions) {
    super('sender');
    const parsed = senderOptionsSchema.safeParse(options);
    if (!parsed.success) throw new CallError('CALL_BAD_ARGUMENT', `invalid CodecSender options: ${z.prettifyError(parsed.error)}`);
    this.options = parsed.data;
    this.encoder = parsed.data.encoder;
    this.appData = parsed.data.appData;
    const reconnect = CodecSender.parseReconnect(parsed.data.reconnect);
    const adapter = parsed.data.rateAdapter;
    // Every rung carries the jaw when the encoder's model has one, unless the caller said otherwise.
    this.rateAdapter =
      adapter === false
        ? undefined
        : adapter instanceof RateAdapter
          ? adapter
          : new RateAdapter({ ...adapter, base: adapter.base ?? { sendJaw: this.encoder.model.hasJaw } });
    if (this.rateAdapter) this.encoder.setProfile(this.rateAdapter.profile);
    this.meter = new RateMeter(parsed.data.rateWindowMs);
    const periodMs = 1000 / this.encoder.header().frameRateHz;
    this.bundler = new FrameBundler({
      framesPerMessage: parsed.data.framesPerMessage,
      maxDelayMs: parsed.data.maxBundleDelayMs ?? (parsed.data.framesPerMessage - 1) * periodMs + 10,
      maxMessageBytes: parsed.data.link.maxFrameBytes,
      send: (message, packetCount) => this.sendFrameMessage(message, packetCount),
    });
    this.start(parsed.data.link, reconnect);
  }

  /**
   * Encodes one camera frame captured at `timestampMs` (whole ms since the stream started, increasing) and sends what
   * the encoder produced. A call made while the previous one is still encoding is skipped (a camera drops frames
   * rather than queueing them). Throws `CALL_CLOSED` after close; encoder errors (`EncoderError`) propagate.
   */
  async send(image: RgbImage, timestampMs: number): Promise<SendResult> {
    if (this.isClosed) throw new CallError('CALL_CLOSED', 'the sender is closed');
    this.counters.framesOffered++;
    this.settleRefinement(performance.now());
    if (this.divisor > 1 && this.cameraFrames++ % this.divisor !== 0) {
      this.counters.framesSkippedRate++;
      return { skipped: 'rate', outputs: [] };
    }
    // Every 4th frame still goes while holding: later data is what draws the SACKs that report a lost fragment of the
    // keyframe (fast retransmit); with nothing behind it, each loss waits for SCTP's timer (1-3 s in werift).
    if (this.keyframeOnItsWay() && ++this.heldInARow % 4 !== 0) {
      this.counters.framesHeldForKeyframe++;
      return { skipped: 'keyframe', outputs: [] };
    }
    if (this.encoding) {
      this.counters.framesSkippedBusy++;
      return { skipped: 'busy', outputs: [] };
    }
    this.encoding = true;
    try {
      this.applyPendingProfile();
      const encodeStartMs = performance.now();
      const outputs = await this.encoder.encode(image, timestampMs);
      this.noteEncode(performance.now() - encodeStartMs);
      if (this.isClosed || !this.link.isOpen) return { skipped: 'closed', outputs };
      this.transmit(outputs);
      return { outputs };
    } finally {
      this.encoding = false;
    }
  }

  /**
   * Sends outputs this session's encoder produced outside {@link send} (encoded ahead of time, or on another
   * schedule), in order, exactly as `send` would have. Throws `CALL_CLOSED` after close.
   */
  sendOutputs(outputs: readonly EncoderOutput[]): void {
    if (this.isClosed) throw new CallError('CALL_CLOSED', 'the sender is closed');
    this.settleRefinement(performance.now());
    if (this.link.isOpen) this.transmit(outputs);
  }

  /** A copy of the counters. */
  stats(): CodecSenderStats {
    return {
      ...this.counters,
      frameKbps: this.meter.kbps(performance.now()),
      profileIndex: this.rateAdapter?.index,
      lastReceiverStats: this.lastReceiverStats,
      bundleHoldMsP50: percentile(this.bundler.counters.holdMs.values(), 0.5),
      bundleHoldMsP95: percentile(this.bundler.counters.holdMs.values(), 0.95),
      frameRateHz: this.encoder.header().frameRateHz / this.divisor,
    };
  }

  /** Sends the frame packets held for bundling now (e.g. before pausing the camera). */
  flushFrames(): void {
    if (!this.isClosed && this.link.isOpen) this.bundler.flush();
  }

  protected override stop(): void {
    this.bundler.close();
  }

  protected get ownsLink(): boolean {
    return this.options.closeLink;
  }

  protected bindLink(link: CodecLink): Array<() => void> {
    return [link.on('reliable', (bytes) => this.onReliable(bytes))];
  }

  /** The receiver may have lost anything on the old link: the next frame brings a keyframe and the header again. */
  protected onRelinked(): void {
    this.encoder.requestKeyframe('reconnected');
    this.resendHeader = true;
    this.lastKeyframe = undefined;
    this.pendingRefinement = undefined;
  }

  private transmit(outputs: readonly EncoderOutput[]): void {
    const nowMs = performance.now();
    const c = this.counters;
    // A requested keyframe travels with the header again: the header may have been what the receiver lost.
    if (this.resendHeader && outputs.some((o) => o.type === 'keyframe') && !outputs.some((o) => o.type === 'header')) {
      this.sendReliable(encodeMessage({ type: 'header', header: this.encoder.header() }));
      c.headersSent++;
    }
    for (const output of outputs) {
      if (output.type === 'header') {
        this.sendReliable(output.bytes);
        c.headersSent++;
      } else if (output.type === 'keyframe' && output.reason === 'refinement' && this.options.refinementMaxMs !== false && this.lastKeyframe) {
        // Frames need the keyframe the receiver already has, not this better image: they do not wait for it.
        this.pendingRefinement = { bytes: output.bytes };
        this.settleRefinement(nowMs);
      } else if (output.type === 'keyframe') {
        this.sendReliable(output.bytes);
        c.keyframesSent++;
        if (output.reason === 'refinement') c.refinementsSent++;
        else {
          this.lastKeyframe = { sentMs: nowMs, bytes: output.bytes.byteLength };
          this.pendingRefinement = undefined;
        }
        this.resendHeader = false;
      } else if (output.type === 'mouth-reference') {
        this.sendReliable(output.bytes);
      } else {
        c.framesEncoded++;
        if (output.frameType === 'intra') c.intraFramesSent++;
        this.bundler.add(output.bytes, nowMs);
      }
    }
  }

  private sendFrameMessage(message: Uint8Array, packetCount: number): boolean {
    const c = this.counters;
    if (this.isClosed || !this.link.isOpen || !this.link.sendFrame(message)) {
      c.framesSkippedCongested += packetCount;
      return false;
    }
    c.framesSent += packetCount;
    c.frameMessagesSent++;
    c.frameBytesSent += message.byteLength;
    this.meter.add(performance.now(), message.byteLength);
    return true;
  }

  private sendReliable(bytes: Uint8Array): void {
    this.link.sendReliable(bytes);
    this.counters.reliableBytesSent += bytes.byteLength;
  }

  /** Switches the encoder to the adapter's new rung between frames, and tells the receiver before the frame arrives. */
  private applyPendingProfile(): void {
    const decision = this.pendingProfile;
    if (!decision) return;
    this.pendingProfile = undefined;
    this.encoder.setProfile(decision.profile);
    this.meter.reset();
    if (!this.link.isOpen) return;
    const { profileId, profile } = this.encoder.header();
    this.sendReliable(encodeMessage({ type: 'control', control: { type: 'profile-change', profileId, profile } }));
    this.counters.profileChangesSent++;
  }

  private onReliable(bytes: Uint8Array): void {
    if (this.isClosed) return;
    let message: StreamMessage;
    try {
      message = decodeMessage(bytes);
    } catch (error) {
      this.emit('error', new CallError('CALL_PROTOCOL', 'an undecodable reliable message arrived', { cause: error }));
      return;
    }
    if (message.type !== 'control') return; // header/keyframes are for a receiver sharing the link
    const control = message.control;
    if (control.type === 'keyframe-request') {
      this.onKeyframeRequest(control.reason, control.lastGoodSequence);
    } else if (control.type === 'receiver-stats') {
      const { type: _type, ...stats } = control;
      this.counters.receiverReports++;
      this.lastReceiverStats = stats;
      if (stats.keyframeIds) this.encoder.acknowledgeKeyframes(stats.keyframeIds);
      this.emit('receiverStats', stats);
      // Reports carry running totals: the share of the frames that arrived since the last one and were not shown.
      const previous = this.previousReport;
      this.previousReport = stats;
      const arrived = previous ? stats.framesReceived - previous.framesReceived : 0;
      const lateFraction = previous && arrived > 0 ? Math.max(0, stats.framesDropped - previous.framesDropped) / arrived : undefined;
      this.adapt(stats.lossFraction, lateFraction);
      this.controlFrameRate(stats.lossFraction, lateFraction);
    }
  }

  private onKeyframeRequest(reason: string, lastGoodSequence: number): void {
    const action = keyframeRequestAction(reason);
    let taken: KeyframeRequestEvent['action'] = action;
    if (action === 'intra') {
      this.counters.intraRequestsReceived++;
      this.encoder.requestIntra();
    } else {
      this.counters.keyframeRequestsReceived++;
      // On a slow path a keyframe takes longer than the cooldown to go out; while it is still queued here, a new
      // one would only queue behind it, and each request answered so made the next arrive later (measured on a
      // 16-32 kbit/s path: 6-7 keyframes in 12 s, none through).
      const keyframeQueued = this.keyframeQueued();
      if (keyframeQueued || performance.now() - this.lastKeyframeSentMs < this.options.keyframeCooldownMs) {
        this.counters.keyframeRequestsIgnored++;
        taken = 'ignored';
      } else {
        this.encoder.requestKeyframe(reason);
        this.resendHeader = true;
      }
    }
    this.emit('keyframeRequest', { reason, lastGoodSequence, action: taken });
  }

  /** When the last keyframe other than a refinement went out (-Infinity: none on this link). */
  private get lastKeyframeSentMs(): number {
    return this.lastKeyframe?.sentMs ?? -Infinity;
  }

  /**
   * Notes when the peer acknowledged the last keyframe, and sends or drops a refinement waiting on that: sent when
   * its size scaled by the keyframe's delivery time fits `refinementMaxMs`, dropped once it cannot.
   */
  private settleRefinement(nowMs: number): void {
    const last = this.lastKeyframe;
    if (!last || !this.link.isOpen) return;
    if (last.ackedMs === undefined) {
      const unacknowledged = this.link.reliableUnacknowledgedBytes?.() ?? this.link.stats().bufferedBytes.reliable;
      if (unacknowledged === 0) last.ackedMs = nowMs;
    }
    const pending = this.pendingRefinement;
    const maxMs = this.options.refinementMaxMs;
    if (!pending || maxMs === false) return;
    const scale = pending.bytes.byteLength / Math.max(1, last.bytes);
    const deliveryMs = (last.ackedMs ?? nowMs) - last.sentMs;
    if (deliveryMs * scale > maxMs) {
      this.pendingRefinement = undefined;
      this.counters.refinementsSkipped++;
    } else if (last.ackedMs !== undefined) {
      this.pendingRefinement = undefined;
      this.sendReliable(pending.bytes);
      this.counters.keyframesSent++;
      this.counters.refinementsSent++;
    }
  }

  /** Whether the last keyframe is still waiting in the link's reliable send queue. */
  private keyframeQueued(): boolean {
    return this.lastKeyframeSentMs > -Infinity && this.link.isOpen && this.link.stats().bufferedBytes.reliable > 0;
  }

  /** Whether frames wait for the last keyframe (`holdFramesForKeyframe`): sent over `afterMs` ago and not acknowledged. */
  private keyframeOnItsWay(): boolean {
    const hold = this.options.holdFramesForKeyframe;
    if (!hold || this.lastKeyframeSentMs === -Infinity || !this.link.isOpen) return false;
    const ageMs = performance.now() - this.lastKeyframeSentMs;
    if (ageMs < hold.afterMs || ageMs > hold.maxMs) return false;
    const unacknowledged = this.link.reliableUnacknowledgedBytes?.() ?? this.link.stats().bufferedBytes.reliable;
    return unacknowledged > 0;
  }

  /**
   * Remembers how long an encode took; when the median of the last few exceeds the current frame period, the CPU
   * cannot keep up: lower the frame rate (the median, so one slow keyframe encode is not a starving CPU).
   */
  private noteEncode(encodeMs: number): void {
    const control = this.options.frameRateControl;
    if (!control) return;
    this.recentEncodesMs.push(encodeMs);
    if (this.recentEncodesMs.length > 7) this.recentEncodesMs.shift();
    if (this.recentEncodesMs.length < 5) return;
    const periodMs = (1000 / this.encoder.header().frameRateHz) * this.divisor;
    if (percentile(this.recentEncodesMs, 0.5) > periodMs) {
      this.rateCleanSinceMs = undefined;
      this.changeFrameRate(+1, 'cpu', performance.now());
    }
  }

  /** On a receiver report: lower the frame rate when the path is slower than the lowest rung, raise it when clean. */
  private controlFrameRate(lossFraction: number, lateFraction: number | undefined): void {
    const control = this.options.frameRateControl;
    if (!control) return;
    const nowMs = performance.now();
    const troubled = lossFraction > control.lateFraction || (lateFraction ?? 0) > control.lateFraction;
    if (troubled) {
      this.rateCleanSinceMs = undefined;
      if (!this.rateAdapter || this.rateAdapter.atLowestRung) this.changeFrameRate(+1, 'congestion', nowMs);
      return;
    }
    const clean = lossFraction <= 0.02 && (lateFraction ?? 0) <= 0.02;
    if (!clean) {
      this.rateCleanSinceMs = undefined;
      return;
    }
    this.rateCleanSinceMs ??= nowMs;
    // Back up only where the encoder has time for it: encodes within the faster rate's period.
    const fasterPeriodMs = (1000 / this.encoder.header().frameRateHz) * (this.divisor - 1);
    const cpuFits = this.recentEncodesMs.length === 0 || percentile(this.recentEncodesMs, 0.5) < fasterPeriodMs;
    if (this.divisor > 1 && cpuFits && nowMs - this.rateCleanSinceMs >= control.recoverMs && nowMs - this.lastRateChangeMs >= control.recoverMs) {
      this.changeFrameRate(-1, 'recovered', nowMs);
      this.rateCleanSinceMs = nowMs;
    }
  }

  private changeFrameRate(step: 1 | -1, reason: FrameRateChangeReason, nowMs: number): void {
    const control = this.options.frameRateControl;
    if (!control) return;
    const streamHz = this.encoder.header().frameRateHz;
    const next = this.divisor + step;
    if (next < 1 || streamHz / next < control.minFrameRateHz - 1e-9) return;
    if (step > 0 && nowMs - this.lastRateChangeMs < control.holdMs) return;
    const fromHz = streamHz / this.divisor;
    this.divisor = next;
    this.cameraFrames = 0;
    this.lastRateChangeMs = nowMs;
    this.recentEncodesMs.length = 0;
    this.counters.frameRateChanges++;
    this.emit('frameRateChange', { fromHz, toHz: streamHz / next, divisor: next, reason });
  }

  private adapt(lossFraction: number, lateFraction?: number): void {
    if (!this.rateAdapter) return;
    const nowMs = performance.now();
    const decision = this.rateAdapter.update({ nowMs, lossFraction, lateFraction, sentKbps: this.meter.kbps(nowMs) });
    if (!decision) return;
    this.pendingProfile = decision;
    this.emit('profileChange', decision);
  }
}
