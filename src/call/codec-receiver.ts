/** The receiving half of a call: a PeerLink's messages into a Decoder, with loss recovery requests and receiver reports. */
import { z } from 'zod';
import { BitstreamError, decodeFrameBundle, decodeMessage, encodeMessage, isFrameBundle, type ControlMessage, type ReceiverStats, type StreamMessage } from '../bitstream/index.js';
import { DecoderError } from '../decoder/decoder-error.js';
import type { DecodedVideoFrame, Decoder, DecoderEvent } from '../decoder/decoder.js';
import type { CodecLink } from '../transport/codec-link.js';
import type { TransportError } from '../transport/transport-error.js';
import { CallError } from './call-error.js';
import { CallSession, type SessionCloseReason } from './call-session.js';
import { peekFrameSequence, unwrapSequence } from './frame-sequence.js';
import { keyframeRequestAction, type KeyframeRequestReason } from './keyframe-request-reason.js';
import { percentile } from './percentile.js';
import type { ReconnectEvents, ReconnectPolicy } from './reconnect-policy.js';
import { SampleReservoir } from './sample-reservoir.js';
import { WindowedMinimum } from './windowed-minimum.js';
import { ReceiverStatsCollector, type FrameDropReason, type ReceiverTotals } from './receiver-stats-collector.js';

/** A decoded frame as delivered by a {@link CodecReceiver}. */
export interface ReceivedFrame extends DecodedVideoFrame {
  /** `performance.now()` when its packet arrived. */
  arrivalMs: number;
  /** `performance.now()` when it was decoded and rendered. */
  decodedMs: number;
  /** Capture to decoded, ms (relative to the fastest frame seen when the clocks' offset is estimated). */
  delayMs: number;
}

/** Events of a {@link CodecReceiver}. */
export type CodecReceiverEvents = {
  /**
   * A frame decoded in time, or rendered between two decoded ones (`interpolated`, for streams coded below their
   * display rate; it comes just before the later frame). Its image is the receiver's to keep.
   */
  frame: [frame: ReceivedFrame];
  /** An arrived frame will not be shown (`sequence` is undefined for an unreadable packet). */
  frameDropped: [reason: FrameDropReason, sequence: number | undefined];
  /** A header, keyframe or profile change was applied. */
  streamMessage: [event: DecoderEvent];
  /** A keyframe request went to the sender. */
  keyframeRequested: [reason: KeyframeRequestReason, lastGoodSequence: number];
  /** A receiver report went to the sender. */
  statsSent: [stats: ReceiverStats];
  /** A failure not tied to a call: an unusable message, a stream for a model this receiver lacks, a failed send. */
  error: [error: Error];
  /** The session closed; emitted once, after its timers and owned resources are released. */
  close: [reason: SessionCloseReason];
} & ReconnectEvents;

/** Counters of a {@link CodecReceiver}. */
export interface CodecReceiverStats extends Omit<ReceiverTotals, 'delaysMs'> {
  /** Capture-to-decoded delay over the whole session, ms. */
  delayMsP50: number;
  delayMsP95: number;
  headersReceived: number;
  keyframesReceived: number;
  /** Frames rendered between decoded ones (streams coded below their display rate). */
  framesInterpolated: number;
  /** How long interpolated frames waited for the later frame they need, ms (their capture time to that frame's). */
  interpolationWaitMsP95: number;
  profileChangesReceived: number;
  /** Requests for an intra frame sent (`reference-lost`). */
  intraRequestsSent: number;
  /** Requests for a keyframe sent (other reasons). */
  keyframeRequestsSent: number;
  /** Receiver reports sent. */
  reportsSent: number;
  /** Reliable messages the transport discarded (lost chunks or messages). */
  reliableDiscarded: number;
  /** Local clock minus stream timestamps, ms: given, or estimated from the fastest arrival. */
  clockOffsetMs: number | undefined;
  /** The path's usual capture-to-arrival delay, ms (the smallest of the last 10-20 s; see `staleFrom`). */
  pathDelayMs: number | undefined;
}

/** Window of the path-delay minimum: the base follows a path that became slower within two of these. */
const PATH_DELAY_WINDOW_MS = 10_000;

const receiverOptionsSchema = z.strictObject({
  link: z.custom<CodecLink>((v) => typeof v === 'object' && v !== null && typeof (v as CodecLink).setFrameFilter === 'function'),
  decoder: z.custom<Decoder>((v) => typeof v === 'object' && v !== null && typeof (v as Decoder).decodeFrame === 'function'),
  clockOffsetMs: z.number().finite().optional(),
  staleAfterMs: z.number().positive().max(60_000).default(300),
  staleFrom: z.enum(['path', 'capture']).default('path'),
  statsIntervalMs: z.number().min(0).max(60_000).default(5000),
  statsOnLossMs: z.number().min(0).max(60_000).default(250),
  intraRequestIntervalMs: z.number().min(0).max(60_000).default(200),
  keyframeRequestIntervalMs: z.number().min(0).max(60_000).default(500),
  holdTimeoutMs: z.number().positive().max(60_000).default(500),
  maxHeldFrames: z.number().int().min(1).max(10_000).default(64),
  inBetween: z.enum(['interpolate', 'extrapolate', 'none']).default('interpolate'),
  maxInterpolationGapMs: z.number().positive().max(10_000).default(400),
  closeLink: z.boolean().default(true),
  reconnect: z.union([z.custom<ReconnectPolicy>((v) => typeof v === 'object' && v !== null), z.literal(false)]).default(false),
  appData: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Options of {@link CodecReceiver}:
 * - `link`: an open {@link PeerLink}; `decoder`: the {@link Decoder} (the caller's; see {@link CodecReceiver.own}).
 * - `clockOffsetMs`: `performance.now()` at the stream's timestamp 0, when sender and receiver share a clock (same
 *   process, or synchronized); default: estimated as the smallest arrival-minus-timestamp seen, so delays are
 *   relative to the fastest frame.
 * - `staleAfterMs` (300): a frame arriving this much later than the path's usual delay is decoded (to keep the
 *   reference chain) but not shown; older-than-newest packets are discarded before decoding. `staleFrom` (`path`):
 *   the usual delay is the smallest capture-to-arrival delay of the last 10 to 20 s (so a 300 ms path shows its
 *   frames, and one that becomes slower for good is followed within 20 s); `capture`: from the capture time itself
 *   (a hard bound on delay, which with `clockOffsetMs` given drops every frame of a path slower than it).
 * - `statsIntervalMs` (5000, RTCP's minimum report interval): period of `receiver-stats` reports while nothing is
 *   lost; 0 disables them. Each report is a packet and draws an acknowledgement: at 500 ms they were a fifth of a
 *   call's wire rate.
 * - `statsOnLossMs` (250): when a frame goes missing, the next report goes this soon after the previous one, so the
 *   sender's rate adapter still hears of loss within about this long.
 * - `intraRequestIntervalMs` (200) / `keyframeRequestIntervalMs` (500): at most one request of each kind per interval.
 * - `holdTimeoutMs` (500): frames waiting for a header, keyframe or profile that does not come within this are
 *   dropped and a keyframe is requested; `maxHeldFrames` (64) bounds the wait queue.
 * - `inBetween` (`interpolate`): when the header's display rate is above its coded rate, how the frames in between
 *   are made. `interpolate`: from the decoded frames on either side, so each waits for the later one (one coded
 *   period at most). `extrapolate`: from the two latest decoded frames, carrying their motion on, shown on time
 *   (no wait, some overshoot where motion turns). `none`: the picture holds. Gaps over `maxInterpolationGapMs`
 *   (400) are not filled (a loss, a pause).
 * - `closeLink` (true): `close()` closes the link too.
 * - `reconnect` (false): a {@link ReconnectPolicy}; when the link fails or the peer goes away, the session connects
 *   again, asks for a keyframe on the new link and decodes on (`reconnecting`, `reconnected` events). Without it the
 *   session closes with its link.
 * - `appData`: the application's own fields.
 */
export type CodecReceiverOptions = z.input<typeof receiverOptionsSchema>;

/** Decoder errors that mean "a reliable message this frame depends on has not arrived (yet)". */
const WAITING_CODES = new Set(['NO_HEADER', 'NO_KEYFRAME', 'MISSING_KEYFRAME', 'UNKNOWN_PROFILE']);

interface HeldFrame {
  bytes: Uint8Array;
  arrivalMs: number;
  sequence: number | undefined;
}

/**
 * Receives a stream on a link and decodes it. Frames are decoded in arrival order on one queue together with the
 * reliable messages; a packet older than the newest decoded frame is discarded by the link's frame filter. Frames
 * that need a header, keyframe or profile not received yet wait (bounded) and are replayed when one arrives. A broken
 * reference chain asks for an intra frame, a lost or overdue keyframe for a keyframe (rate-limited), and every
 * `statsIntervalMs` (sooner after a loss) a `receiver-stats` report goes back. It ignores the control messages meant for a sender, so a
 * sender may share the link.
 */
export class CodecReceiver extends CallSession<CodecReceiverEvents> {
  /** The application's own fields. */
  readonly appData: Record<string, unknown>;
  /** The decoder frames go through. */
  readonly decoder: Decoder;
  private readonly options: z.output<typeof receiverOptionsSchema>;
  private readonly collector: ReceiverStatsCollector;
  private readonly counts = {
    headersReceived: 0,
    keyframesReceived: 0,
    profileChangesReceived: 0,
    intraRequestsSent: 0,
    keyframeRequestsSent: 0,
    reportsSent: 0,
    reliableDiscarded: 0,
    framesInterpolated: 0,
  };
  private readonly interpolationWaitsMs = new SampleReservoir();
  /** The newest frame shown, the start of the next interpolation. */
  private lastShown: DecodedVideoFrame | undefined;
  private readonly extrapolationTimers = new Set<NodeJS.Timeout>();
  /** Stream time of the newest frame emitted (decoded or in between). */
  private lastEmittedMs = -Infinity;
  private clockOffsetMs: number | undefined;
  private readonly pathDelay = new WindowedMinimum(PATH_DELAY_WINDOW_MS);
  private newestArrived = -1;
  private newestDecoded = -1;
  private held: HeldFrame[] = [];
  private holdTimer: NodeJS.Timeout | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private statsDueMs = Infinity;
  private lastReportMs = performance.now();
  private lastIntraRequestMs = -Infinity;
  private lastKeyframeRequestMs = -Infinity;
  private queue: Promise<void> = Promise.resolve();

  /** Wires the session to the link and starts the report timer; throws `CALL_BAD_ARGUMENT` / `CALL_CLOSED`. */
  constructor(options: CodecReceiverOptions) {
    super('receiver');
    const parsed = receiverOptionsSchema.safeParse(options);
    if (!parsed.success) throw new CallError('CALL_BAD_ARGUMENT', `invalid CodecReceiver options: ${z.prettifyError(parsed.error)}`);
    this.options = parsed.data;
    this.decoder = parsed.data.decoder;
    this.appData = parsed.data.appData;
    this.clockOffsetMs = parsed.data.clockOffsetMs;
    const reconnect = CodecReceiver.parseReconnect(parsed.data.reconnect);
    this.collector = new ReceiverStatsCollector(performance.now());
    this.start(parsed.data.link, reconnect);
    this.scheduleReport(parsed.data.statsIntervalMs);
  }

  /** A snapshot of the counters. */
  stats(): CodecReceiverStats {
    const { delaysMs, ...totals } = this.collector.totals;
    return {
      ...totals,
      dropsByReason: { ...totals.dropsByReason },
      delayMsP50: percentile(delaysMs.values(), 0.5),
      delayMsP95: percentile(delaysMs.values(), 0.95),
      ...this.counts,
      interpolationWaitMsP95: percentile(this.interpolationWaitsMs.values(), 0.95),
      clockOffsetMs: this.clockOffsetMs,
      pathDelayMs: this.pathDelay.value,
    };
  }

  /** Resolves once every message received so far has been handled (decoded, held or dropped). */
  idle(): Promise<void> {
    return this.queue;
  }

  protected get ownsLink(): boolean {
    return this.options.closeLink;
  }

  protected bindLink(link: CodecLink): Array<() => void> {
    link.setFrameFilter((bytes, arrivalMs) => this.admitFrame(bytes, arrivalMs));
    return [
      link.on('frame', (bytes, arrivalMs) => this.onFrameMessage(bytes, arrivalMs)),
      link.on('reliable', (bytes) => {
        this.collector.reliableArrived(bytes.byteLength);
        this.enqueue(() => this.onReliable(bytes));
      }),
      link.on('reliableDiscarded', (error) => this.onReliableDiscarded(error)),
    ];
  }

  /**
   * What was in flight on the old link is gone: ask for a keyframe on the new one (the sender sends one on its own
   * too; a second request within its cooldown is ignored), without waiting out the request interval.
   */
  protected onRelinked(): void {
    this.lastKeyframeRequestMs = -Infinity;
    this.requestKeyframe('reconnected');
  }

  /** Stops the timers and the frame filter, and waits for the decode in progress. */
  protected override async stop(): Promise<void> {
    clearTimeout(this.statsTimer);
    for (const timer of this.extrapolationTimers) clearTimeout(timer);
    this.extrapolationTimers.clear();
    clearTimeout(this.holdTimer);
    this.statsTimer = undefined;
    this.holdTimer = undefined;
    this.held = [];
    if (!this.link.isClosed) this.link.setFrameFilter(undefined);
    await this.queue;
  }

  /** Sequence of the packet the filter admitted last; the link emits `frame` synchronously right after the filter. */
  private lastAdmittedSequence: number | undefined;

  /** A frame-channel message: one packet (already admitted by the filter) or a bundle, admitted packet by packet. */
  private onFrameMessage(bytes: Uint8Array, arrivalMs: number): void {
    if (!isFrameBundle(bytes)) {
      const sequence = this.lastAdmittedSequence;
      this.enqueue(() => this.onFrame({ bytes, arrivalMs, sequence }));
      return;
    }
    let packets: Uint8Array[];
    try {
      packets = decodeFrameBundle(bytes);
    } catch (error) {
      this.drop('corrupt', undefined);
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      return;
    }
    for (const packet of packets) {
      if (!this.admitPacket(packet)) continue;
      const sequence = this.lastAdmittedSequence;
      this.enqueue(() => this.onFrame({ bytes: packet, arrivalMs, sequence }));
    }
  }

  private admitFrame(bytes: Uint8Array, _arrivalMs: number): boolean {
    // A bundle's packets are admitted one by one when it is split.
    return isFrameBundle(bytes) || this.admitPacket(bytes);
  }

  private admitPacket(bytes: Uint8Array): boolean {
    const wire = peekFrameSequence(bytes);
    if (wire === undefined) {
      this.lastAdmittedSequence = undefined;
      return true; // the decoder reports what is wrong with it
    }
    const sequence = unwrapSequence(wire, this.newestArrived);
    if (this.newestArrived >= 0 && sequence > this.newestArrived + 1) this.reportSoon();
    if (sequence > this.newestArrived) this.newestArrived = sequence;
    this.collector.frameArrived(sequence, bytes.byteLength);
    if (sequence <= this.newestDecoded) {
      this.drop('stale', sequence);
      return false;
    }
    this.lastAdmittedSequence = sequence;
    return true;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error) => {
      if (!this.isClosed) this.emit('error', error instanceof Error ? error : new Error(String(error)));
    });
  }

  private async onFrame(frame: HeldFrame): Promise<void> {
    if (this.isClosed) return;
    if (this.held.length > 0) {
      this.hold(frame);
      return;
    }
    let decoded: DecodedVideoFrame;
    try {
      decoded = await this.decoder.decodeFrame(frame.bytes);
    } catch (error) {
      this.onFrameError(error, frame);
      return;
    }
    if (this.isClosed) return;
    if (decoded.sequence > this.newestDecoded) this.newestDecoded = decoded.sequence;
    if (this.options.clockOffsetMs === undefined) {
      const offsetMs = frame.arrivalMs - decoded.timestampMs;
      if (this.clockOffsetMs === undefined || offsetMs < this.clockOffsetMs) this.clockOffsetMs = offsetMs;
    }
    const captureMs = decoded.timestampMs + this.clockOffsetMs!;
    const transitMs = frame.arrivalMs - captureMs;
    this.pathDelay.add(transitMs, frame.arrivalMs);
    const overdueMs = this.options.staleFrom === 'path' ? transitMs - this.pathDelay.value! : transitMs;
    if (decoded.late || overdueMs > this.options.staleAfterMs) {
      this.drop('stale', decoded.sequence);
      return;
    }
    const previous = this.lastShown;
    // Extrapolating too: in-between frames whose time has not come yet when the later frame arrives (it came bundled
    // with the earlier one) are interpolated, which knows more.
    if (this.options.inBetween !== 'none') await this.emitInterpolated(decoded, frame.arrivalMs);
    if (this.isClosed) return;
    const shownMs = performance.now();
    const delayMs = Math.max(0, shownMs - captureMs);
    this.collector.frameDecoded(delayMs);
    this.lastShown = decoded;
    this.lastEmittedMs = decoded.timestampMs;
    this.emit('frame', { ...decoded, arrivalMs: frame.arrivalMs, decodedMs: shownMs, delayMs });
    if (this.options.inBetween === 'extrapolate' && previous) this.scheduleExtrapolated(previous, decoded, frame.arrivalMs);
  }

  /** The display periods in a gap between two decoded frames that in-between frames should fill, or 0. */
  private inBetweenPeriodMs(previous: DecodedVideoFrame, next: DecodedVideoFrame): number {
    const displayHz = this.decoder.displayRateHz;
    const codedHz = this.decoder.streamHeader?.frameRateHz;
    if (!displayHz || !codedHz || displayHz <= codedHz * 1.01) return 0;
    if (previous.keyframeId !== next.keyframeId || next.sequence <= previous.sequence) return 0;
    const gapMs = next.timestampMs - previous.timestampMs;
    const periodMs = 1000 / displayHz;
    return gapMs > this.options.maxInterpolationGapMs || gapMs < 1.5 * periodMs ? 0 : periodMs;
  }

  /**
   * Extrapolation: the display-rate frames after `latest`, carrying the motion from `previous` on, each at its own
   * time (on the receiver's queue, skipped once a newer decoded frame was shown).
   */
  private scheduleExtrapolated(previous: DecodedVideoFrame, latest: DecodedVideoFrame, arrivalMs: number): void {
    const periodMs = this.inBetweenPeriodMs(previous, latest);
    if (periodMs === 0) return;
    const gapMs = latest.timestampMs - previous.timestampMs;
    for (let k = 1; latest.timestampMs + k * periodMs < latest.timestampMs + gapMs - periodMs / 2; k++) {
      const t = Math.round(latest.timestampMs + k * periodMs);
      const timer = setTimeout(() => {
        this.extrapolationTimers.delete(timer);
        this.enqueue(async () => {
          if (this.isClosed || this.lastShown !== latest) return;
          const frame = await this.renderInBetween(previous, latest, t, true);
          if (!frame || this.isClosed || this.lastShown !== latest) return;
          const shownMs = performance.now();
          this.counts.framesInterpolated++;
          this.lastEmittedMs = t;
          this.emit('frame', { ...frame, arrivalMs, decodedMs: shownMs, delayMs: Math.max(0, shownMs - (t + this.clockOffsetMs!)) });
        });
      }, k * periodMs);
      this.extrapolationTimers.add(timer);
    }
  }

  /** One in-between frame, or undefined when the decoder has moved on (a keyframe, a profile change). */
  private async renderInBetween(from: DecodedVideoFrame, to: DecodedVideoFrame, t: number, extrapolate: boolean): Promise<DecodedVideoFrame | undefined> {
    try {
      return await this.decoder.interpolate(from, to, t, { extrapolate });
    } catch (error) {
      if (error instanceof DecoderError && (error.code === 'NOT_INTERPOLABLE' || error.code === 'CLOSED')) return undefined;
      throw error;
    }
  }

  /** Renders and emits the display-rate frames between the last shown frame and `next`, when the stream needs them. */
  private async emitInterpolated(next: DecodedVideoFrame, arrivalMs: number): Promise<void> {
    const previous = this.lastShown;
    const periodMs = previous ? this.inBetweenPeriodMs(previous, next) : 0;
    if (!previous || periodMs === 0) return;
    for (let t = previous.timestampMs + periodMs; t < next.timestampMs - periodMs / 2; t += periodMs) {
      if (Math.round(t) <= this.lastEmittedMs) continue; // shown already (extrapolated)
      const frame = await this.renderInBetween(previous, next, Math.round(t), false);
      if (!frame || this.isClosed) return;
      const shownMs = performance.now();
      const delayMs = Math.max(0, shownMs - (frame.timestampMs + this.clockOffsetMs!));
      this.counts.framesInterpolated++;
      this.interpolationWaitsMs.add(next.timestampMs - frame.timestampMs);
      this.lastEmittedMs = frame.timestampMs;
      this.emit('frame', { ...frame, arrivalMs, decodedMs: shownMs, delayMs });
    }
  }

  private onFrameError(error: unknown, frame: HeldFrame): void {
    const code = error instanceof BitstreamError || error instanceof DecoderError ? error.code : undefined;
    if (code === 'CLOSED' || this.isClosed) return;
    if (code !== undefined && WAITING_CODES.has(code)) {
      this.hold(frame);
      return;
    }
    if (code === 'REFERENCE_LOST') {
      this.drop('undecodable', frame.sequence);
    } else if (code === 'STALE') {
      this.drop('stale', frame.sequence);
    } else {
      this.drop('corrupt', frame.sequence);
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
    if (this.decoder.needsIntra) this.requestKeyframe('reference-lost');
  }

  private hold(frame: HeldFrame): void {
    if (this.held.length >= this.options.maxHeldFrames) {
      const dropped = this.held.shift()!;
      this.drop('held-timeout', dropped.sequence);
    }
    this.held.push(frame);
    if (!this.holdTimer) {
      const waitMs = Math.max(1, this.held[0].arrivalMs + this.options.holdTimeoutMs - performance.now());
      this.holdTimer = setTimeout(() => this.onHoldTimeout(), waitMs);
    }
  }

  private onHoldTimeout(): void {
    this.holdTimer = undefined;
    if (this.isClosed || this.held.length === 0) return;
    // Queued behind any decode in progress, so a keyframe that just arrived is applied before giving up.
    this.enqueue(async () => {
      if (this.held.length === 0) return;
      const overdueMs = performance.now() - this.held[0].arrivalMs;
      if (overdueMs < this.options.holdTimeoutMs) {
        this.holdTimer ??= setTimeout(() => this.onHoldTimeout(), this.options.holdTimeoutMs - overdueMs);
        return;
      }
      const dropped = this.held;
      this.held = [];
      for (const frame of dropped) this.drop('held-timeout', frame.sequence);
      this.requestKeyframe('keyframe-missing');
    });
  }

  /** Replays the held frames in arrival order after a reliable message may have made them decodable. */
  private async replayHeld(): Promise<void> {
    if (this.held.length === 0) return;
    const frames = this.held;
    this.held = [];
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    for (const frame of frames) await this.onFrame(frame);
  }

  private async onReliable(bytes: Uint8Array): Promise<void> {
    if (this.isClosed) return;
    let message: StreamMessage;
    try {
      message = decodeMessage(bytes);
    } catch (error) {
      this.emit('error', new CallError('CALL_PROTOCOL', 'an undecodable reliable message arrived', { cause: error }));
      return;
    }
    if (message.type === 'control' && message.control.type !== 'profile-change') return; // for a sender on this link
    try {
      const event = await this.decoder.handle(message);
      if (event.type === 'header') this.counts.headersReceived++;
      else if (event.type === 'keyframe') this.counts.keyframesReceived++;
      else if (event.type === 'profile-change') this.counts.profileChangesReceived++;
      else if (event.type === 'frame') this.onReliableFrame(event.frame);
      this.emit('streamMessage', event);
    } catch (error) {
      const code = error instanceof DecoderError || error instanceof BitstreamError ? error.code : undefined;
      if (code === 'CLOSED' || this.isClosed) return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      if (code === 'NO_HEADER') this.requestKeyframe('keyframe-missing');
      else if (message.type === 'keyframe') this.requestKeyframe('keyframe-invalid');
      return;
    }
    await this.replayHeld();
  }

  /** A frame sent as an envelope on the reliable channel (not what CodecSender does, but valid): shown as decoded. */
  private onReliableFrame(frame: DecodedVideoFrame): void {
    if (frame.sequence > this.newestDecoded) this.newestDecoded = frame.sequence;
    const nowMs = performance.now();
    this.emit('frame', { ...frame, arrivalMs: nowMs, decodedMs: nowMs, delayMs: 0 });
  }

  private onReliableDiscarded(_error: TransportError): void {
    if (this.isClosed) return;
    this.counts.reliableDiscarded++;
    // Whatever was lost (keyframe, header, profile change), a keyframe with the header again repairs it.
    this.requestKeyframe('reliable-discarded');
  }

  private drop(reason: FrameDropReason, sequence: number | undefined): void {
    this.collector.frameDropped(reason);
    this.emit('frameDropped', reason, sequence);
    // Late frames mean a queue on the path: the sender should hear of it as soon as of a loss.
    if (reason === 'stale') this.reportSoon();
  }

  private requestKeyframe(reason: KeyframeRequestReason): void {
    if (this.isClosed || !this.link.isOpen) return;
    const nowMs = performance.now();
    const intra = keyframeRequestAction(reason) === 'intra';
    // A keyframe brings an intra frame with it, so a recent keyframe request also covers an intra request.
    if (intra && nowMs - Math.max(this.lastIntraRequestMs, this.lastKeyframeRequestMs) < this.options.intraRequestIntervalMs) return;
    if (!intra && nowMs - this.lastKeyframeRequestMs < this.options.keyframeRequestIntervalMs) return;
    const lastGoodSequence = Math.max(0, this.newestDecoded) % 16384;
    if (!this.sendControl({ type: 'keyframe-request', reason, lastGoodSequence })) return;
    if (intra) {
      this.lastIntraRequestMs = nowMs;
      this.counts.intraRequestsSent++;
    } else {
      this.lastKeyframeRequestMs = nowMs;
      this.counts.keyframeRequestsSent++;
    }
    this.emit('keyframeRequested', reason, lastGoodSequence);
  }

  /** Arms the report timer `delayMs` from now (nothing when reports are off). */
  private scheduleReport(delayMs: number): void {
    clearTimeout(this.statsTimer);
    this.statsTimer = undefined;
    if (this.options.statsIntervalMs === 0 || this.isClosed) return;
    this.statsTimer = setTimeout(() => this.report(), Math.max(0, delayMs));
    this.statsDueMs = performance.now() + Math.max(0, delayMs);
  }

  /** A frame went missing: report within `statsOnLossMs` of the last report instead of at the full period. */
  private reportSoon(): void {
    if (this.options.statsIntervalMs === 0 || this.isClosed) return;
    const soonMs = this.lastReportMs + this.options.statsOnLossMs;
    if (soonMs < this.statsDueMs) this.scheduleReport(soonMs - performance.now());
  }

  private report(): void {
    this.statsTimer = undefined;
    if (this.isClosed) return;
    this.lastReportMs = performance.now();
    this.scheduleReport(this.options.statsIntervalMs);
    const stats = this.collector.takeInterval(performance.now());
    if (!this.link.isOpen) return;
    // The references it holds: the sender switches back only to these (closed loop).
    if (!this.sendControl({ type: 'receiver-stats', ...stats, keyframeIds: this.decoder.heldKeyframeIds })) return;
    this.counts.reportsSent++;
    this.emit('statsSent', stats);
  }

  private sendControl(control: ControlMessage): boolean {
    try {
      this.link.sendReliable(encodeMessage({ type: 'control', control }));
      return true;
    } catch (error) {
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      return false;
    }
  }
}
