/**
 * The browser's side of a call link: the page's RTCPeerConnection with the same two negotiated data channels as the
 * Node PeerLink (ids, ordering, retransmissions from channel-config.ts) and the same chunk envelope, so a page and a
 * werift peer interoperate and CodecSender / CodecReceiver run on it unchanged.
 */
import { z } from 'zod';
import type { ByteChannel } from '../transport/byte-channel.js';
import { CHUNK_HEADER_BYTES, encodeChunks } from '../transport/chunk-envelope.js';
import { ChunkReassembler } from '../transport/chunk-reassembler.js';
import { DEFAULT_CHUNK_PAYLOAD_BYTES, FRAME_CHANNEL, MAX_CHANNEL_MESSAGE_BYTES, RELIABLE_CHANNEL, type DataChannelSpec } from '../transport/channel-config.js';
import { countChannelReceive, countChannelSend, createChannelCounters } from '../transport/channel-counters.js';
import type { CodecLink } from '../transport/codec-link.js';
import type { Closable, FrameFilter, LinkCloseReason, MessageClass, PeerLinkEvents, PeerLinkStats } from '../transport/link-types.js';
import type { IceCandidate, SessionDescription } from '../transport/negotiation-types.js';
import { TransportError } from '../transport/transport-error.js';
import { TypedEmitter } from '../typed-emitter.js';
import { RtcByteChannel } from './rtc-byte-channel.js';
import type { RtcConfiguration, RtcPeerConnection } from './rtc-types.js';

const optionsSchema = z.strictObject({
  rtcConfig: z.record(z.string(), z.unknown()).optional(),
  // The largest chunk werift takes without stalling bounds what a page may send it (channel-config.ts).
  chunkPayloadBytes: z.number().int().min(1).max(MAX_CHANNEL_MESSAGE_BYTES - CHUNK_HEADER_BYTES).default(DEFAULT_CHUNK_PAYLOAD_BYTES),
  maxReliableMessageBytes: z.number().int().min(1).max(1 << 30).default(16 * 1024 * 1024),
  maxFrameBytes: z.number().int().min(1).max(MAX_CHANNEL_MESSAGE_BYTES).default(16 * 1024),
  maxFrameBufferedBytes: z.number().int().min(0).default(256 * 1024),
  reassemblyTimeoutMs: z.number().min(1).max(600_000).default(10_000),
  frameFilter: z.custom<FrameFilter>((v) => typeof v === 'function').optional(),
  appData: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Options of {@link BrowserPeerLink}, as PeerLink's where they mean the same: `rtcConfig` (the page's
 * `RTCConfiguration`, e.g. `{ iceServers: [] }` on one machine), `chunkPayloadBytes` (16384), `maxReliableMessageBytes`
 * (16 MiB), `maxFrameBytes` (16384), `maxFrameBufferedBytes` (256 KiB), `reassemblyTimeoutMs` (10000), `frameFilter`,
 * `appData`. There is no `loopbackOnly`: which candidates a browser gathers is its own decision (and its flags').
 */
export type BrowserPeerLinkOptions = z.input<typeof optionsSchema>;

type RtcPeerConnectionClass = new (config?: RtcConfiguration) => RtcPeerConnection;

/**
 * A {@link CodecLink} over the browser's WebRTC: reliable messages (split into enveloped chunks, paced one chunk at a
 * time as in PeerLink) and frame messages (unordered, at most one retransmission). Negotiation as PeerLink's:
 * {@link createOffer}/{@link acceptOffer}/{@link acceptAnswer}, {@link addRemoteCandidate} and `localCandidate`;
 * {@link connectBrowserPeer} wires them to the signaling server. `close()` releases everything.
 */
export class BrowserPeerLink extends TypedEmitter<PeerLinkEvents> implements CodecLink {
  /** The application's own fields. */
  readonly appData: Record<string, unknown>;
  private readonly options: z.output<typeof optionsSchema>;
  private readonly pc: RtcPeerConnection;
  private readonly reliableChannel: ByteChannel;
  private readonly frameChannel: ByteChannel;
  private readonly reassembler: ChunkReassembler;
  private readonly counters = { reliable: createChannelCounters(), frame: createChannelCounters() };
  private readonly owned: Closable[] = [];
  private frameFilter: FrameFilter | undefined;
  private framesSkippedCongested = 0;
  private nextMessageId = 0;
  private readonly reliableQueue: Uint8Array[] = [];
  private reliableQueuedBytes = 0;
  private opened = false;
  /** Candidates that came before the remote description: a browser refuses them then, werift buffers them. */
  private earlyCandidates: IceCandidate[] | undefined = [];
  private closing: Promise<void> | undefined;

  /**
   * Creates the connection and both negotiated channels. Throws `TRANSPORT_BAD_ARGUMENT` on invalid options and
   * `TRANSPORT_CONNECTION_FAILED` where the platform has no `RTCPeerConnection`.
   */
  constructor(options: BrowserPeerLinkOptions = {}) {
    super();
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid BrowserPeerLink options: ${z.prettifyError(parsed.error)}`);
    }
    this.options = parsed.data;
    this.appData = parsed.data.appData;
    this.frameFilter = parsed.data.frameFilter;
    const Rtc = (globalThis as unknown as { RTCPeerConnection?: RtcPeerConnectionClass }).RTCPeerConnection;
    if (typeof Rtc !== 'function') throw new TransportError('TRANSPORT_CONNECTION_FAILED', 'this platform has no RTCPeerConnection (in Node, use PeerLink)');
    this.pc = new Rtc(parsed.data.rtcConfig);
    this.reliableChannel = this.createChannel(RELIABLE_CHANNEL);
    this.frameChannel = this.createChannel(FRAME_CHANNEL);
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

  /** Whether `close()` was called or the link closed by itself. */
  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /** The largest frame message `sendFrame` accepts. */
  get maxFrameBytes(): number {
    return this.options.maxFrameBytes;
  }

  /** The page's RTCPeerConnection, for `getStats()`; the link owns it. */
  get rtcPeerConnection(): RtcPeerConnection {
    return this.pc;
  }

  /** Creates the SDP offer and applies it locally. */
  async createOffer(): Promise<SessionDescription> {
    this.assertNotClosed();
    return this.negotiate('create offer', async () => {
      await this.pc.setLocalDescription(await this.pc.createOffer());
      return { type: 'offer', sdp: this.pc.localDescription!.sdp };
    });
  }

  /** Applies the remote offer and returns the answer to send back. */
  async acceptOffer(offer: SessionDescription): Promise<SessionDescription> {
    this.assertNotClosed();
    if (offer?.type !== 'offer' || typeof offer.sdp !== 'string') {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'acceptOffer needs a description of type "offer" with an sdp string');
    }
    // Frames on RTP (PeerLink's frameTransport 'rtp') are a werift-only option; a page takes them on the data channel.
    if (/^m=video /m.test(offer.sdp)) {
      throw new TransportError('TRANSPORT_CONNECTION_FAILED', 'frame transport mismatch: the offer sends frames on RTP, a browser link takes them on the data channel');
    }
    return this.negotiate('accept offer', async () => {
      await this.pc.setRemoteDescription(offer);
      await this.addEarlyCandidates();
      await this.pc.setLocalDescription(await this.pc.createAnswer());
      return { type: 'answer', sdp: this.pc.localDescription!.sdp };
    });
  }

  /** Applies the remote answer. */
  async acceptAnswer(answer: SessionDescription): Promise<void> {
    this.assertNotClosed();
    if (answer?.type !== 'answer' || typeof answer.sdp !== 'string') {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'acceptAnswer needs a description of type "answer" with an sdp string');
    }
    await this.negotiate('accept answer', async () => {
      await this.pc.setRemoteDescription(answer);
      await this.addEarlyCandidates();
    });
  }

  /** Adds a candidate received from the peer. */
  async addRemoteCandidate(candidate: IceCandidate): Promise<void> {
    if (this.closing) return;
    if (typeof candidate?.candidate !== 'string') {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'addRemoteCandidate needs an object with a candidate string');
    }
    if (this.earlyCandidates) {
      this.earlyCandidates.push(candidate);
      return;
    }
    await this.negotiate('add remote candidate', () => this.pc.addIceCandidate(candidate));
  }

  private async addEarlyCandidates(): Promise<void> {
    const early = this.earlyCandidates ?? [];
    this.earlyCandidates = undefined;
    for (const candidate of early) await this.pc.addIceCandidate(candidate);
  }

  /** Resolves once both channels are open; rejects with `TRANSPORT_CONNECT_TIMEOUT` or `TRANSPORT_CLOSED`. */
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

  /** Sends one reliable message (split into enveloped chunks); returns its message id. Throws as PeerLink's. */
  sendReliable(bytes: Uint8Array): number {
    this.assertSendable(bytes, 'sendReliable');
    if (bytes.byteLength > this.options.maxReliableMessageBytes) {
      throw new TransportError('TRANSPORT_MESSAGE_TOO_LARGE', `reliable message of ${bytes.byteLength} bytes exceeds maxReliableMessageBytes ${this.options.maxReliableMessageBytes}`);
    }
    const messageId = this.nextMessageId;
    this.nextMessageId = (this.nextMessageId + 1) >>> 0;
    for (const chunk of encodeChunks(bytes, messageId, this.options.chunkPayloadBytes)) {
      this.reliableQueue.push(chunk);
      this.reliableQueuedBytes += chunk.byteLength;
    }
    this.counters.reliable.messagesSent++;
    this.counters.reliable.payloadBytesSent += bytes.byteLength;
    this.pumpReliable();
    return messageId;
  }

  /** Sends one frame message as is; false, without sending, when the frame channel is congested. Throws as PeerLink's. */
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
    if (filter !== undefined && typeof filter !== 'function') throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'setFrameFilter needs a function or undefined');
    this.frameFilter = filter;
  }

  /** A copy of the counters; `wire` is zero (a page cannot see its packets: use `rtcPeerConnection.getStats()`). */
  stats(): PeerLinkStats {
    return {
      reliable: { ...this.counters.reliable },
      frame: { ...this.counters.frame },
      framesSkippedCongested: this.framesSkippedCongested,
      bufferedBytes: { reliable: this.reliableChannel.bufferedBytes + this.reliableQueuedBytes, frame: this.frameChannel.bufferedBytes },
      connectionState: this.pc.connectionState,
      wire: { datagramsSent: 0, ipBytesSent: 0 },
    };
  }

  /** Makes the link close `resource` when it closes (at once if it is already closed). */
  own(resource: Closable): void {
    if (this.closing) {
      void Promise.resolve(resource.close()).catch(() => undefined);
      return;
    }
    this.owned.push(resource);
  }

  /** Closes both channels, the connection, timers and owned resources, then emits `close` once. Idempotent. */
  close(reason: LinkCloseReason = 'local'): Promise<void> {
    if (!this.closing) this.closing = this.shutdown(reason);
    return this.closing;
  }

  private async shutdown(reason: LinkCloseReason): Promise<void> {
    this.reassembler.close();
    this.reliableQueue.length = 0;
    this.reliableQueuedBytes = 0;
    this.reliableChannel.close();
    this.frameChannel.close();
    this.pc.close();
    const results = await Promise.allSettled(this.owned.map(async (resource) => resource.close()));
    this.owned.length = 0;
    this.emit('close', reason);
    this.removeAllListeners();
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw new TransportError('TRANSPORT_CONNECTION_FAILED', 'closing the link failed', { cause: failure.reason });
  }

  private createChannel(spec: DataChannelSpec): ByteChannel {
    return new RtcByteChannel(
      this.pc.createDataChannel(spec.label, {
        negotiated: true,
        id: spec.id,
        ordered: spec.ordered,
        ...(spec.maxRetransmits === undefined ? {} : { maxRetransmits: spec.maxRetransmits }),
      }),
    );
  }

  private wireEvents(): void {
    this.pc.addEventListener('icecandidate', (event) => {
      // null marks the end of gathering; an empty candidate string is Chromium's end-of-candidates too.
      if (!event.candidate || !event.candidate.candidate || this.closing) return;
      const init = event.candidate.toJSON();
      this.emit('localCandidate', { candidate: init.candidate ?? event.candidate.candidate, sdpMid: init.sdpMid, sdpMLineIndex: init.sdpMLineIndex, usernameFragment: init.usernameFragment });
    });
    this.pc.addEventListener('connectionstatechange', () => {
      if (this.closing) return;
      const state = this.pc.connectionState;
      this.emit('connectionState', state);
      if (state === 'failed') {
        this.emit('error', new TransportError('TRANSPORT_CONNECTION_FAILED', 'ICE/DTLS connection failed'));
        void this.close('failed').catch(() => undefined);
      } else if (state === 'closed') {
        void this.close('remote').catch(() => undefined);
      }
    });
    for (const [channel, messageClass] of [
      [this.reliableChannel, 'reliable'],
      [this.frameChannel, 'frame'],
    ] as const) {
      channel.on('message', (bytes, arrivalMs) => this.receive(messageClass, bytes, arrivalMs));
      channel.on('close', () => void this.close('remote').catch(() => undefined));
    }
    const onChannelOpen = (): void => {
      if (this.opened || this.closing || !this.reliableChannel.isOpen || !this.frameChannel.isOpen) return;
      this.opened = true;
      this.emit('open');
    };
    this.reliableChannel.on('open', onChannelOpen);
    this.frameChannel.on('open', onChannelOpen);
    this.reliableChannel.on('drain', () => this.pumpReliable());
  }

  /**
   * Hands queued chunks to the browser while less than one chunk is buffered there: the SCTP association sends the
   * channels' messages in turn, and a whole keyframe queued at once would hold the frames sent meanwhile behind it.
   */
  private pumpReliable(): void {
    if (this.closing || !this.opened) return;
    while (this.reliableQueue.length > 0 && this.reliableChannel.bufferedBytes < this.options.chunkPayloadBytes) {
      const chunk = this.reliableQueue.shift()!;
      this.reliableQueuedBytes -= chunk.byteLength;
      this.reliableChannel.send(chunk);
      countChannelSend(this.counters.reliable, chunk.byteLength);
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

  private assertNotClosed(): void {
    if (this.closing) throw new TransportError('TRANSPORT_CLOSED', 'the link is closed');
  }

  private assertSendable(bytes: Uint8Array, what: string): void {
    this.assertNotClosed();
    if (!(bytes instanceof Uint8Array)) throw new TransportError('TRANSPORT_BAD_ARGUMENT', `${what} needs a Uint8Array`);
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
