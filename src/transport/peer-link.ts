/** One connection to one remote peer: a werift RTCPeerConnection with a reliable and a frame data channel. */
import { RTCPeerConnection, type RTCPeerConnectionConfig } from 'werift';
import { z } from 'zod';
import type { ByteChannel } from './byte-channel.js';
import { encodeChunks } from './chunk-envelope.js';
import { ChunkReassembler } from './chunk-reassembler.js';
import {
  DEFAULT_CHUNK_PAYLOAD_BYTES,
  FRAME_CHANNEL,
  MAX_CHANNEL_MESSAGE_BYTES,
  RELIABLE_CHANNEL,
  type DataChannelSpec,
} from './channel-config.js';
import { countChannelReceive, countChannelSend, createChannelCounters } from './channel-counters.js';
import { CHUNK_HEADER_BYTES } from './chunk-envelope.js';
import type { IceCandidate, SessionDescription } from './negotiation-types.js';
import { TransportError } from './transport-error.js';
import type { Closable, FrameFilter, LinkCloseReason, MessageClass, PeerLinkEvents, PeerLinkStats } from './link-types.js';
import { TypedEmitter } from '../typed-emitter.js';
import { WeriftByteChannel } from './werift-byte-channel.js';
import { MAX_RTP_FRAME_BYTES, RtpFrameChannel, rtpFrameCodecs } from './rtp-frame-channel.js';
import { UDP_IPV4_HEADER_BYTES, DTLS_RECORD_OVERHEAD_BYTES } from './wire-overhead.js';
import { interceptSctpPackets } from './sctp-packet.js';
import { applySctpAckPolicy, DEFAULT_SCTP_ACK_POLICY, sctpAckPolicySchema } from './sctp-ack-policy.js';
import { applySctpRtoBounds, sctpRtoBoundsSchema } from './sctp-rto.js';
import { fixSctpPartialReliability } from './sctp-partial-reliability-fix.js';

export type { Closable, FrameFilter, LinkCloseReason, MessageClass, PeerLinkEvents, PeerLinkStats } from './link-types.js';

const optionsSchema = z.strictObject({
  rtcConfig: z.custom<RTCPeerConnectionConfig>((value) => typeof value === 'object' && value !== null).optional(),
  loopbackOnly: z.boolean().default(false),
  frameTransport: z.enum(['datachannel', 'rtp']).default('datachannel'),
  sctpAck: sctpAckPolicySchema.default(DEFAULT_SCTP_ACK_POLICY),
  sctpRto: sctpRtoBoundsSchema.optional(),
  chunkPayloadBytes: z
    .number()
    .int()
    .min(1)
    .max(MAX_CHANNEL_MESSAGE_BYTES - CHUNK_HEADER_BYTES)
    .default(DEFAULT_CHUNK_PAYLOAD_BYTES),
  maxReliableMessageBytes: z.number().int().min(1).max(1 << 30).default(16 * 1024 * 1024),
  maxFrameBytes: z.number().int().min(1).max(MAX_CHANNEL_MESSAGE_BYTES).default(16 * 1024),
  maxFrameBufferedBytes: z.number().int().min(0).default(256 * 1024),
  reassemblyTimeoutMs: z.number().min(1).max(600_000).default(10_000),
  wrapChannel: z.custom<(channel: ByteChannel, messageClass: MessageClass) => ByteChannel>((v) => typeof v === 'function').optional(),
  frameFilter: z.custom<FrameFilter>((v) => typeof v === 'function').optional(),
  rewriteRemoteCandidate: z.custom<(candidate: string) => string | undefined>((v) => typeof v === 'function').optional(),
  appData: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Options of {@link PeerLink}.
 * - `rtcConfig`: passed to werift's RTCPeerConnection (ICE servers, port range, ...).
 * - `loopbackOnly`: gather and announce only 127.0.0.1 host candidates (tests, same-machine calls).
 * - `frameTransport` (`datachannel`): how frame messages travel. `rtp`: as RTP packets on a negotiated video track
 *   (SRTP, about 50 B of headers and no acknowledgements, against 93 B and half a SACK on the data channel); both
 *   peers must choose the same, and frame messages are then limited to 1100 B. Reliable messages stay on the data
 *   channel either way.
 * - `sctpAck` ({ everyPackets: 4, delayMs: 500 }): how often this peer acknowledges received data (see
 *   {@link SctpAckPolicy}); {@link RFC_9260_ACK_POLICY} is SCTP's default of every second packet or 200 ms.
 * - `chunkPayloadBytes` (16384): reliable messages are split into chunks of this payload size.
 * - `maxReliableMessageBytes` (16 MiB): larger reliable messages are refused on send and discarded on receive.
 * - `maxFrameBytes` (16384): larger frame messages are refused on send.
 * - `maxFrameBufferedBytes` (256 KiB): `sendFrame` skips a frame when this much is already queued on the frame channel.
 * - `reassemblyTimeoutMs` (10000): a split reliable message incomplete for this long is discarded.
 * - `wrapChannel`: wraps each channel after creation, e.g. in a {@link LossyChannel} for tests.
 * - `frameFilter`: see {@link FrameFilter}; replaceable later with {@link PeerLink.setFrameFilter}.
 * - `rewriteRemoteCandidate`: maps each of the remote peer's ICE candidates (`candidate:...` without `a=`, from its
 *   description and trickled) to the one to use, or to undefined to ignore it: e.g. to send everything through a
 *   relay of the application's own, or an impairing one in tests.
 * - `appData`: the application's own fields, kept on {@link PeerLink.appData}.
 */
export type PeerLinkOptions = z.input<typeof optionsSchema>;

/**
 * A connection to one peer carrying opaque byte messages of two classes: reliable (stream header, keyframes, control;
 * split into enveloped chunks and reassembled) and frame (small loss-tolerant per-frame packets, unordered, at most one
 * retransmission). Negotiation is signaling-agnostic: {@link createOffer}/{@link acceptOffer}/{@link acceptAnswer},
 * {@link addRemoteCandidate} and the `localCandidate` event; {@link connectPeer} wires them to the signaling server.
 * `close()` releases channels, connection, timers and owned resources; nothing keeps running after it.
 */
export class PeerLink extends TypedEmitter<PeerLinkEvents> {
  /** The application's own fields. */
  readonly appData: Record<string, unknown>;
  private readonly options: z.output<typeof optionsSchema>;
  private readonly pc: RTCPeerConnection;
  private readonly reliableChannel: ByteChannel;
  private readonly frameChannel: ByteChannel;
  private readonly reassembler: ChunkReassembler;
  private readonly counters = { reliable: createChannelCounters(), frame: createChannelCounters() };
  private readonly owned: Closable[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private frameFilter: FrameFilter | undefined;
  private framesSkippedCongested = 0;
  private nextMessageId = 0;
  /** Chunks not yet handed to werift; see pumpReliable. */
  private readonly reliableQueue: Uint8Array[] = [];
  private reliableQueueHead = 0;
  private reliableQueuedBytes = 0;
  private opened = false;
  private closing: Promise<void> | undefined;
  private readonly rtpFrames: RtpFrameChannel | undefined;
  private readonly wire = { sctpDatagrams: 0, sctpBytes: 0 };

  /** Creates the connection and both negotiated channels; throws `TRANSPORT_BAD_ARGUMENT` on invalid options. */
  constructor(options: PeerLinkOptions = {}) {
    super();
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid PeerLink options: ${z.prettifyError(parsed.error)}`);
    }
    // One RTP packet per frame message: the RTP transport caps the size whatever was asked.
    const maxFrameBytes = parsed.data.frameTransport === 'rtp' ? Math.min(parsed.data.maxFrameBytes, MAX_RTP_FRAME_BYTES) : parsed.data.maxFrameBytes;
    this.options = { ...parsed.data, maxFrameBytes };
    this.appData = parsed.data.appData;
    this.frameFilter = parsed.data.frameFilter;
    const loopback: RTCPeerConnectionConfig = parsed.data.loopbackOnly
      ? { iceUseIpv6: false, iceAdditionalHostAddresses: ['127.0.0.1'], iceInterfaceAddresses: { udp4: '127.0.0.1' } }
      : {};
    const rtp: RTCPeerConnectionConfig = parsed.data.frameTransport === 'rtp' ? { codecs: { video: rtpFrameCodecs() }, headerExtensions: { video: [] }, bundlePolicy: 'max-bundle' } : {};
    this.pc = new RTCPeerConnection({ ...parsed.data.rtcConfig, ...rtp, ...loopback });
    this.reliableChannel = this.createChannel(RELIABLE_CHANNEL, 'reliable');
    if (parsed.data.frameTransport === 'rtp') {
      this.rtpFrames = new RtpFrameChannel(this.pc);
      this.frameChannel = parsed.data.wrapChannel ? parsed.data.wrapChannel(this.rtpFrames, 'frame') : this.rtpFrames;
    } else {
      this.frameChannel = this.createChannel(FRAME_CHANNEL, 'frame');
    }
    this.reassembler = new ChunkReassembler({
      maxMessageBytes: parsed.data.maxReliableMessageBytes,
      reassemblyTimeoutMs: parsed.data.reassemblyTimeoutMs,
      onMessage: (bytes, arrivalMs) => {
        this.counters.reliable.messagesReceived++;
        this.counters.reliable.payloadBytesReceived += bytes.byteLength;
        this.emit('reliable', bytes, arrivalMs);
      },
      onDiscard: (error) => {
        this.counters.reliable.messagesDiscarded++;
        this.emit('reliableDiscarded', error);
      },
    });
    this.wireEvents();
  }

  /** Whether both channels are open and the link is not closed. */
  get isOpen(): boolean {
    return this.opened && !this.closing;
  }

  /**
   * The underlying werift connection, for `getStats()` and diagnostics. Do not close it or add channels to it
   * directly: the link owns it.
   */
  get rtcPeerConnection(): RTCPeerConnection {
    return this.pc;
  }

  /** The largest frame message `sendFrame` accepts (`maxFrameBytes`). */
  get maxFrameBytes(): number {
    return this.options.maxFrameBytes;
  }

  /** Whether `close()` was called or the link closed by itself. */
  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /** Creates the SDP offer and applies it locally (the offering side calls this first). */
  async createOffer(): Promise<SessionDescription> {
    this.assertNotClosed();
    return this.negotiate('create offer', async () => {
      this.rtpFrames?.addToOffer();
      const offer = await this.pc.createOffer();
      await this.pc.setLocalDescription(offer);
      return { type: 'offer', sdp: this.pc.localDescription!.sdp };
    });
  }

  /** Applies the remote offer and returns the answer to send back (the answering side). */
  async acceptOffer(offer: SessionDescription): Promise<SessionDescription> {
    this.assertNotClosed();
    if (offer?.type !== 'offer' || typeof offer.sdp !== 'string') {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'acceptOffer needs a description of type "offer" with an sdp string');
    }
    if (/^m=video /m.test(offer.sdp) !== (this.rtpFrames !== undefined)) {
      throw new TransportError('TRANSPORT_CONNECTION_FAILED', `frame transport mismatch: this peer sends frames on ${this.rtpFrames ? 'RTP' : 'the data channel'}, the offer does not`);
    }
    return this.negotiate('accept offer', async () => {
      await this.pc.setRemoteDescription(this.rewriteDescription(offer));
      await this.rtpFrames?.takeFromOffer();
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      return { type: 'answer', sdp: this.pc.localDescription!.sdp };
    });
  }

  /** Applies the remote answer (the offering side). */
  async acceptAnswer(answer: SessionDescription): Promise<void> {
    this.assertNotClosed();
    if (answer?.type !== 'answer' || typeof answer.sdp !== 'string') {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'acceptAnswer needs a description of type "answer" with an sdp string');
    }
    // An answer that does not send and receive on the video track comes from a peer on the data channel.
    if (this.rtpFrames && !/^m=video [1-9][\s\S]*?a=sendrecv/m.test(answer.sdp)) {
      throw new TransportError('TRANSPORT_CONNECTION_FAILED', 'frame transport mismatch: this peer sends frames on RTP, the answer does not take them');
    }
    await this.negotiate('accept answer', () => this.pc.setRemoteDescription(this.rewriteDescription(answer)));
  }

  /** Adds a candidate received from the peer; werift buffers candidates that arrive before the remote description. */
  async addRemoteCandidate(candidate: IceCandidate): Promise<void> {
    if (this.closing) return;
    if (typeof candidate?.candidate !== 'string') {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'addRemoteCandidate needs an object with a candidate string');
    }
    const rewrite = this.options.rewriteRemoteCandidate;
    const line = rewrite && candidate.candidate !== '' ? rewrite(candidate.candidate.replace(/^a=/, '')) : candidate.candidate;
    if (line === undefined) return;
    await this.negotiate('add remote candidate', () =>
      this.pc.addIceCandidate({
        candidate: line,
        sdpMid: candidate.sdpMid ?? undefined,
        sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
        usernameFragment: candidate.usernameFragment ?? undefined,
      }),
    );
  }

  /**
   * Resolves once both channels are open; rejects with `TRANSPORT_CONNECT_TIMEOUT` after `timeoutMs`, or with
   * `TRANSPORT_CLOSED` if the link closes first. The timer is cleared either way.
   */
  waitOpen(timeoutMs = 10_000): Promise<void> {
    if (this.opened && !this.closing) return Promise.resolve();
    if (this.closing) return Promise.reject(new TransportError('TRANSPORT_CLOSED', 'the link is closed'));
    return new Promise<void>((resolve, reject) => {
      const done = (error?: TransportError): void => {
        clearTimeout(timer);
        offOpen();
        offClose();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => done(new TransportError('TRANSPORT_CONNECT_TIMEOUT', `data channels did not open within ${timeoutMs} ms (connection ${this.pc.connectionState})`)),
        timeoutMs,
      );
      const offOpen = this.once('open', () => done());
      const offClose = this.once('close', (reason) => done(new TransportError('TRANSPORT_CLOSED', `the link closed (${reason}) before it opened`)));
    });
  }

  /**
   * Sends one reliable message (any size up to `maxReliableMessageBytes`), split into enveloped chunks.
   * Returns the envelope's message id. Throws `TRANSPORT_NOT_OPEN`, `TRANSPORT_CLOSED`, `TRANSPORT_MESSAGE_TOO_LARGE`
   * or `TRANSPORT_BAD_ARGUMENT`.
   */
  sendReliable(bytes: Uint8Array): number {
    this.assertSendable(bytes, 'sendReliable');
    if (bytes.byteLength > this.options.maxReliableMessageBytes) {
      throw new TransportError(
        'TRANSPORT_MESSAGE_TOO_LARGE',
        `reliable message of ${bytes.byteLength} bytes exceeds maxReliableMessageBytes ${this.options.maxReliableMessageBytes}`,
      );
    }
    const messageId = this.nextMessageId;
    const chunks = encodeChunks(bytes, messageId, this.options.chunkPayloadBytes);
    this.nextMessageId = (this.nextMessageId + 1) >>> 0;
    for (const chunk of chunks) {
      this.reliableQueue.push(chunk);
      this.reliableQueuedBytes += chunk.byteLength;
    }
    const counters = this.counters.reliable;
    counters.messagesSent++;
    counters.payloadBytesSent += bytes.byteLength;
    this.pumpReliable();
    return messageId;
  }

  /**
   * Sends one frame message as is (no envelope). Returns false, without sending, when more than
   * `maxFrameBufferedBytes` is already queued: a late frame is worth less than the next one. Throws
   * `TRANSPORT_NOT_OPEN`, `TRANSPORT_CLOSED`, `TRANSPORT_MESSAGE_TOO_LARGE` or `TRANSPORT_BAD_ARGUMENT`.
   */
  sendFrame(bytes: Uint8Array): boolean {
    this.assertSendable(bytes, 'sendFrame');
    if (bytes.byteLength > this.options.maxFrameBytes) {
      throw new TransportError('TRANSPORT_MESSAGE_TOO_LARGE', `frame message of ${bytes.byteLength} bytes exceeds maxFrameBytes ${this.options.maxFrameBytes}`);
    }
    if (this.frameChannel.bufferedBytes > this.options.maxFrameBufferedBytes) {
      this.framesSkippedCongested++;
      return false;
    }
    this.frameChannel.send(bytes);
    const counters = this.counters.frame;
    countChannelSend(counters, bytes.byteLength);
    counters.messagesSent++;
    counters.payloadBytesSent += bytes.byteLength;
    return true;
  }

  /** Replaces (or with undefined removes) the frame filter. */
  setFrameFilter(filter: FrameFilter | undefined): void {
    if (filter !== undefined && typeof filter !== 'function') {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'setFrameFilter needs a function or undefined');
    }
    this.frameFilter = filter;
  }

  /** A copy of the counters. */
  stats(): PeerLinkStats {
    return {
      reliable: { ...this.counters.reliable },
      frame: { ...this.counters.frame },
      framesSkippedCongested: this.framesSkippedCongested,
      bufferedBytes: { reliable: this.reliableChannel.bufferedBytes + this.reliableQueuedBytes, frame: this.frameChannel.bufferedBytes },
      connectionState: this.pc.connectionState,
      wire: this.wireSent(),
    };
  }

  /**
   * Bytes of reliable messages not yet acknowledged by the peer: queued in the link, buffered in werift, or sent by
   * SCTP and not yet acknowledged (its queues read directly; where werift's internals differ, only what is buffered).
   * Zero means every reliable message sent so far has reached the peer's SCTP stack.
   */
  reliableUnacknowledgedBytes(): number {
    const local = this.reliableChannel.bufferedBytes + this.reliableQueuedBytes;
    const sctp = (this.pc.sctpTransport as unknown as { sctp?: { outboundQueue?: unknown; sentQueue?: unknown } } | undefined)?.sctp;
    if (!sctp || !Array.isArray(sctp.outboundQueue) || !Array.isArray(sctp.sentQueue)) return local;
    const streamId = RELIABLE_CHANNEL.id;
    let bytes = local;
    for (const chunk of sctp.outboundQueue as Array<{ streamId: number; bookSize: number }>) if (chunk.streamId === streamId) bytes += chunk.bookSize;
    for (const chunk of sctp.sentQueue as Array<{ streamId: number; bookSize: number; acked: boolean; abandoned: boolean }>) {
      if (chunk.streamId === streamId && !chunk.acked && !chunk.abandoned) bytes += chunk.bookSize;
    }
    return bytes;
  }

  /** Makes the link close `resource` when it closes (closes it at once if the link is already closed). */
  own(resource: Closable): void {
    if (this.closing) {
      void Promise.resolve(resource.close()).catch(() => undefined);
      return;
    }
    this.owned.push(resource);
  }

  /**
   * Closes both channels, the peer connection, every timer and every owned resource, then emits `close` once and
   * drops all listeners. Idempotent: later calls return the same promise.
   */
  close(reason: LinkCloseReason = 'local'): Promise<void> {
    if (!this.closing) this.closing = this.shutdown(reason);
    return this.closing;
  }

  private async shutdown(reason: LinkCloseReason): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.reassembler.close();
    this.reliableQueue.length = 0;
    this.reliableQueueHead = 0;
    this.reliableQueuedBytes = 0;
    this.reliableChannel.close();
    this.frameChannel.close();
    const results = await Promise.allSettled([this.pc.close(), ...this.owned.map(async (resource) => resource.close())]);
    this.owned.length = 0;
    this.emit('close', reason);
    this.removeAllListeners();
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      throw new TransportError('TRANSPORT_CONNECTION_FAILED', 'closing the link failed', { cause: failure.reason });
    }
  }

  /** Counts every SCTP packet this peer hands to DTLS from now on (the link's close removes nothing: DTLS goes too). */
  private countWire(): void {
    try {
      interceptSctpPackets(this.pc, (packet) => {
        this.wire.sctpDatagrams++;
        this.wire.sctpBytes += packet.byteLength + DTLS_RECORD_OVERHEAD_BYTES + UDP_IPV4_HEADER_BYTES;
      });
    } catch {
      // werift internals changed: stats().wire then counts SRTP only (werift-behaviour.test.ts says so first).
    }
  }

  private wireSent(): PeerLinkStats['wire'] {
    // werift's DTLS transport counts SRTP and SRTCP (encrypted sizes) itself.
    const dtls = this.pc.dtlsTransports[0] as unknown as { bytesSent?: number; packetsSent?: number } | undefined;
    const srtpPackets = dtls?.packetsSent ?? 0;
    const srtpBytes = (dtls?.bytesSent ?? 0) + srtpPackets * UDP_IPV4_HEADER_BYTES;
    return { datagramsSent: this.wire.sctpDatagrams + srtpPackets, ipBytesSent: this.wire.sctpBytes + srtpBytes };
  }

  private createChannel(spec: DataChannelSpec, messageClass: MessageClass): ByteChannel {
    const dataChannel = this.pc.createDataChannel(spec.label, {
      negotiated: true,
      id: spec.id,
      ordered: spec.ordered,
      ...(spec.maxRetransmits === undefined ? {} : { maxRetransmits: spec.maxRetransmits }),
    });
    const channel = new WeriftByteChannel(dataChannel);
    return this.options.wrapChannel ? this.options.wrapChannel(channel, messageClass) : channel;
  }

  private wireEvents(): void {
    const candidates = this.pc.onIceCandidate.subscribe((candidate) => {
      if (!candidate || this.closing) return;
      const init = candidate.toJSON();
      // With loopbackOnly werift still lists the machine's other interfaces; never announce them.
      if (this.options.loopbackOnly && !/ 127\.0\.0\.1 /.test(init.candidate)) return;
      this.emit('localCandidate', init);
    });
    const state = this.pc.connectionStateChange.subscribe((connectionState) => {
      if (this.closing) return;
      this.emit('connectionState', connectionState);
      if (connectionState === 'failed') {
        this.emit('error', new TransportError('TRANSPORT_CONNECTION_FAILED', 'ICE/DTLS connection failed'));
        void this.close('failed').catch(() => undefined);
      } else if (connectionState === 'closed') {
        void this.close('remote').catch(() => undefined);
      }
    });
    this.unsubscribe.push(candidates.unSubscribe, state.unSubscribe);
    for (const [channel, messageClass] of [
      [this.reliableChannel, 'reliable'],
      [this.frameChannel, 'frame'],
    ] as const) {
      this.unsubscribe.push(
        channel.on('message', (bytes, arrivalMs) => this.receive(messageClass, bytes, arrivalMs)),
        channel.on('close', () => void this.close('remote').catch(() => undefined)),
      );
    }
    // Negotiated channels open together once SCTP is up; the link is usable when both are.
    const onChannelOpen = (): void => {
      if (this.opened || this.closing || !this.reliableChannel.isOpen || !this.frameChannel.isOpen) return;
      this.opened = true;
      this.countWire();
      applySctpAckPolicy(this.pc, this.options.sctpAck);
      fixSctpPartialReliability(this.pc);
      if (this.options.sctpRto) applySctpRtoBounds(this.pc, this.options.sctpRto);
      this.emit('open');
    };
    this.unsubscribe.push(
      this.reliableChannel.on('open', onChannelOpen),
      this.frameChannel.on('open', onChannelOpen),
      this.reliableChannel.on('drain', () => this.pumpReliable()),
    );
  }

  /**
   * Hands queued reliable chunks to werift while less than one chunk is buffered there. werift pushes the messages of
   * all channels through one FIFO and each waits until SCTP has transmitted the previous one, so dumping a whole
   * keyframe at once would make every frame sent meanwhile wait behind all of it (measured: frames stalled for
   * seconds at 20% packet loss); paced, a frame waits behind at most about one chunk.
   */
  private pumpReliable(): void {
    if (this.closing || !this.opened) return;
    const highWaterBytes = this.options.chunkPayloadBytes;
    while (this.reliableQueueHead < this.reliableQueue.length && this.reliableChannel.bufferedBytes < highWaterBytes) {
      const chunk = this.reliableQueue[this.reliableQueueHead++];
      this.reliableQueuedBytes -= chunk.byteLength;
      this.reliableChannel.send(chunk);
      countChannelSend(this.counters.reliable, chunk.byteLength);
    }
    if (this.reliableQueueHead === this.reliableQueue.length) {
      this.reliableQueue.length = 0;
      this.reliableQueueHead = 0;
    }
  }

  private receive(messageClass: MessageClass, bytes: Uint8Array, arrivalMs: number): void {
    if (this.closing) return;
    const counters = this.counters[messageClass];
    countChannelReceive(counters, bytes.byteLength);
    if (messageClass === 'reliable') {
      this.reassembler.push(bytes, arrivalMs);
      return;
    }
    if (this.frameFilter && !this.frameFilter(bytes, arrivalMs)) {
      counters.messagesDiscarded++;
      return;
    }
    counters.messagesReceived++;
    counters.payloadBytesReceived += bytes.byteLength;
    this.emit('frame', bytes, arrivalMs);
  }

  /** The remote description with its candidate lines passed through `rewriteRemoteCandidate` (dropped when it says so). */
  private rewriteDescription<T extends SessionDescription>(description: T): T {
    const rewrite = this.options.rewriteRemoteCandidate;
    if (!rewrite) return description;
    const lines: string[] = [];
    for (const line of description.sdp.split(/\r?\n/)) {
      if (!line.startsWith('a=candidate:')) {
        lines.push(line);
        continue;
      }
      const rewritten = rewrite(line.slice(2));
      if (rewritten !== undefined) lines.push(`a=${rewritten}`);
    }
    return { ...description, sdp: lines.join('\r\n') };
  }

  private assertNotClosed(): void {
    if (this.closing) throw new TransportError('TRANSPORT_CLOSED', 'the link is closed');
  }

  private assertSendable(bytes: Uint8Array, what: string): void {
    this.assertNotClosed();
    if (!(bytes instanceof Uint8Array)) {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', `${what} needs a Uint8Array`);
    }
    if (!this.opened) throw new TransportError('TRANSPORT_NOT_OPEN', `${what}: the data channels are not open yet`);
  }

  private async negotiate<T>(step: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof TransportError) throw error;
      throw new TransportError('TRANSPORT_CONNECTION_FAILED', `${step} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
  }
}
