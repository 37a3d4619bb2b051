/**
 * One participant of a Janus VideoRoom carrying facecodec streams end-to-end encrypted.
 *
 * Topology: the member publishes one PeerConnection to Janus with two data channels (reliable, frame) and
 * subscribes with one PeerConnection per other publisher; Janus relays each publisher's data-channel messages to its
 * subscribers and sees only SFrame ciphertext (../../e2ee). Janus relays nothing from a subscriber back to the
 * publisher, so what a receiver says to a sender (keyframe requests, reports) goes out on the receiver's own
 * published reliable channel, addressed to that sender inside the encrypted payload; everyone else drops it.
 *
 * Wire format: every data-channel message starts with a class byte, because Janus 1.1.2 does not keep the
 * publisher's channel labels: it relays everything of one feed on a single channel it opens itself (labelled with
 * the feed id here), reliable and ordered whatever the publisher's channel was. After the class byte:
 * - frame (0x02): one SFrame packet per frame message (plaintext = the codec's frame message);
 * - reliable (0x01): a chunk envelope of the SFrame packet of `target (u32, 0xffffffff = the stream itself) +
 *   message` (encrypt first, then chunk: one authentication per message).
 * The publisher still sends frames on an unordered channel with one retransmission, so its leg to Janus never
 * blocks behind a lost packet; the leg from Janus to each subscriber is Janus's ordered, reliable channel.
 */
import { z } from 'zod';
import { E2eeError, readHeader, type SframeContext } from '../../e2ee/index.js';
import { encodeChunks } from '../chunk-envelope.js';
import { ChunkReassembler } from '../chunk-reassembler.js';
import { FRAME_CHANNEL, RELIABLE_CHANNEL } from '../channel-config.js';
import type { LinkCloseReason, MessageClass } from '../link-types.js';
import { TransportError } from '../transport-error.js';
import { DTLS_RECORD_OVERHEAD_BYTES, UDP_IPV4_HEADER_BYTES } from '../wire-overhead.js';
import { TypedEmitter } from '../../typed-emitter.js';
import type { VideoRoomData } from './janus-messages.js';
import type { JanusPlatform, RoomChannel, RoomPeer, RoomPeerConfig } from './janus-platform.js';
import { JanusSession, type JanusHandle } from './janus-session.js';
import { RelayLink } from './relay-link.js';

/** How far ahead of this side's epoch a peer's packet may be and still make this side rotate to its epoch. */
const MAX_EPOCHS_AHEAD = 16;

/** Class bytes in front of every data-channel message. */
const CLASS_RELIABLE = 0x01;
const CLASS_FRAME = 0x02;

/** Target of a reliable message that belongs to the sender's own stream (not a control message to one sender). */
const TO_STREAM = 0xffff_ffff;

const optionsSchema = z.strictObject({
  url: z.string().regex(/^wss?:\/\//),
  token: z.string().min(1).max(4096),
  room: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  pin: z.string().min(1).max(256),
  selfId: z.number().int().min(1).max(0xff_ffff),
  display: z.string().max(128).optional(),
  e2ee: z.custom<SframeContext>((v) => typeof v === 'object' && v !== null && typeof (v as SframeContext).encrypt === 'function'),
  rekey: z.custom<(epoch: number) => Uint8Array | Promise<Uint8Array>>((v) => typeof v === 'function').optional(),
  iceAddress: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/).optional(),
  rtcConfig: z.record(z.string(), z.unknown()).optional(),
  platform: z.custom<JanusPlatform>((v) => typeof v === 'object' && v !== null && typeof (v as JanusPlatform).createPeer === 'function').optional(),
  connectTimeoutMs: z.number().min(1).max(120_000).default(15_000),
  chunkPayloadBytes: z.number().int().min(256).max(60_000).default(8 * 1024),
  maxFrameBytes: z.number().int().min(1).max(60_000).default(16 * 1024),
  maxFrameBufferedBytes: z.number().int().min(0).default(64 * 1024),
  maxReliableMessageBytes: z.number().int().min(1).max(1 << 28).default(4 * 1024 * 1024),
  wrapSend: z.custom<(messageClass: MessageClass, message: Uint8Array) => Uint8Array[]>((v) => typeof v === 'function').optional(),
  onRelayed: z.custom<(remoteId: number, messageClass: MessageClass, bytes: Uint8Array) => void>((v) => typeof v === 'function').optional(),
});

/**
 * Options of {@link JanusRoomMember.join}:
 * - `url`, `token` (a Janus-signed token from the app server, {@link issueJanusAccess}), `room` and `pin` (ditto);
 * - `selfId`: this participant's id in the room (1..2^24-1), also its E2EE sender id;
 * - `e2ee`: its {@link SframeContext} (holding the room's epoch secret, which Janus never sees);
 * - `rekey(epoch)`: the application's secret for a new epoch; called when a participant leaves (and when a peer is
 *   seen sending in the next epoch first). Without it keys never rotate.
 * - `iceAddress`: the one IPv4 address the peer connections announce (werift also gathers on it alone; tests and the
 *   sample: the private Janus's {@link JanusServer.iceAddress}); `rtcConfig`: the platform's peer-connection options
 *   (werift's config in Node, an `RTCConfiguration` in a page);
 * - `platform`: WebSocket and WebRTC to use (default: the installed one: werift and `ws` in Node, the page's own in
 *   facecodec/browser);
 * - `chunkPayloadBytes` (8192), `maxFrameBytes` (16384), `maxFrameBufferedBytes` (65536), `maxReliableMessageBytes`;
 * - `onRelayed(remoteId, class, bytes)`: sees each data-channel message as Janus delivered it, before decryption.
 * - `wrapSend(class, message)`: the data-channel messages to send instead of `message` (class byte included), the
 *   way PeerLink's `wrapChannel` injects faults: tests use it to tamper with, replay or drop what goes to Janus.
 */
export type JanusRoomMemberOptions = z.input<typeof optionsSchema>;

/** Events of a {@link JanusRoomMember}. */
export type JanusRoomMemberEvents = {
  /** Another participant's stream is subscribed and its channels may now deliver; `link` carries it. */
  remoteJoined: [remoteId: number, link: RelayLink];
  /** A participant left (or its subscription failed); its link is closed, its keys forgotten. */
  remoteLeft: [remoteId: number, reason: string];
  /** A packet from `remoteId` was refused by the E2EE layer (tampered, replayed, unknown key, truncated). */
  e2eeError: [error: E2eeError, remoteId: number];
  /** A failure not tied to a call (a subscription that failed, a rotation that failed). */
  error: [error: Error];
  /** The keys moved to a new epoch. */
  rekeyed: [epoch: number];
  /** The member left the room or lost Janus; emitted once. */
  close: [reason: string];
};

/** Counters of a {@link JanusRoomMember}. */
export interface JanusRoomMemberStats {
  /** Encrypted bytes this member published (all data-channel messages). */
  payloadBytesUp: number;
  /** Encrypted bytes received from all subscriptions. */
  payloadBytesDown: number;
  messagesUp: number;
  messagesDown: number;
  /** Datagrams and IPv4 bytes this member's PeerConnections sent (publisher: the streams; subscribers: acks). */
  wireUp: { datagrams: number; ipBytes: number };
  /** E2EE refusals by code. */
  refused: Partial<Record<E2eeError['code'], number>>;
  remotes: number;
}

interface Remote {
  id: number;
  handle: JanusHandle;
  pc: RoomPeer;
  link: RelayLink;
  reassembler: ChunkReassembler;
  /** Decryptions run one after another per remote, so messages keep their order. */
  chain: Promise<void>;
  channels: RoomChannel[];
}

function withClass(classByte: number, bytes: Uint8Array): Uint8Array {
  const message = new Uint8Array(1 + bytes.byteLength);
  message[0] = classByte;
  message.set(bytes, 1);
  return message;
}

/** A participant of a Janus VideoRoom; create with {@link JanusRoomMember.join}. */
export class JanusRoomMember extends TypedEmitter<JanusRoomMemberEvents> {
  /** This member's own stream: a codec sender runs on it; its `reliable` events are control messages to this sender. */
  readonly selfLink: RelayLink;
  private readonly remotes = new Map<number, Remote>();
  /** Remote ids being subscribed (a publisher event may name one twice). */
  private readonly subscribing = new Set<number>();
  private readonly departed = new Set<number>();
  private publisher: { handle: JanusHandle; pc: RoomPeer; reliable: RoomChannel; frame: RoomChannel } | undefined;
  private reliableChain: Promise<void> = Promise.resolve();
  private frameChain: Promise<void> = Promise.resolve();
  private pendingBytes = { reliable: 0, frame: 0 };
  private nextMessageId = 0;
  private rotation: Promise<void> = Promise.resolve();
  private readonly wire = { datagrams: 0, ipBytes: 0 };
  private readonly ports = new Set<number>();
  private readonly counters = { payloadBytesUp: 0, payloadBytesDown: 0, messagesUp: 0, messagesDown: 0 };
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly options: z.output<typeof optionsSchema>,
    private readonly session: JanusSession,
  ) {
    super();
    this.selfLink = new RelayLink({
      label: `janus-self-${options.selfId}`,
      maxFrameBytes: options.maxFrameBytes,
      sendReliable: (bytes) => this.sendReliable(TO_STREAM, bytes),
      sendFrame: (bytes) => this.sendFrame(bytes),
      bufferedBytes: () => this.buffered(),
      connection: () => ({ state: this.publisher?.pc.connectionState ?? 'new', wire: { datagramsSent: this.wire.datagrams, ipBytesSent: this.wire.ipBytes } }),
      release: () => this.close(),
    });
    session.on('close', (reason) => void this.close(`Janus session closed: ${reason}`));
  }

  /**
   * Opens a Janus session, joins `room` as a publisher, publishes the two data channels and subscribes to everyone
   * already publishing; later publishers are subscribed as they come. Resolves once this member's channels are
   * open (remote streams arrive as `remoteJoined`). Rejects with `TRANSPORT_SIGNALING_ERROR` (bad token: 403 from
   * Janus; wrong pin: the VideoRoom's 433), `TRANSPORT_CONNECT_TIMEOUT`, `TRANSPORT_BAD_ARGUMENT`.
   */
  static async join(options: JanusRoomMemberOptions): Promise<JanusRoomMember> {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid JanusRoomMember options: ${z.prettifyError(parsed.error)}`);
    const session = await JanusSession.connect(parsed.data.url, {
      token: parsed.data.token,
      requestTimeoutMs: parsed.data.connectTimeoutMs,
      ...(parsed.data.platform ? { platform: parsed.data.platform } : {}),
    });
    const member = new JanusRoomMember(parsed.data, session);
    try {
      await member.publish();
    } catch (error) {
      await member.close('join failed');
      throw error;
    }
    return member;
  }

  /** The remote streams subscribed now, by participant id. */
  remoteLinks(): Map<number, RelayLink> {
    return new Map([...this.remotes].map(([id, remote]) => [id, remote.link]));
  }

  /** The UDP ports this member's PeerConnections announced (publisher and subscriptions), for packet captures. */
  localPorts(): number[] {
    return [...this.ports];
  }

  /** Whether the member left or is leaving. */
  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  stats(): JanusRoomMemberStats {
    return {
      ...this.counters,
      wireUp: { ...this.wire },
      refused: this.options.e2ee.stats().refused,
      remotes: this.remotes.size,
    };
  }

  /** Leaves the room: closes every link, PeerConnection and handle, then the Janus session. Idempotent. */
  close(reason = 'local'): Promise<void> {
    this.closing ??= this.shutdown(reason);
    return this.closing;
  }

  private async shutdown(reason: string): Promise<void> {
    const remotes = [...this.remotes.values()];
    this.remotes.clear();
    await Promise.allSettled(remotes.map((remote) => this.dropRemote(remote, 'local')));
    if (!this.selfLink.isClosed) void this.selfLink.close('local');
    const publisher = this.publisher;
    this.publisher = undefined;
    await Promise.allSettled([publisher?.pc.close(), this.session.close()]);
    this.emit('close', reason);
    this.removeAllListeners();
  }

  private async publish(): Promise<void> {
    const handle = await this.session.attach();
    handle.on('event', (data) => this.onRoomEvent(data));
    const joined = await handle.request({
      request: 'join',
      ptype: 'publisher',
      room: this.options.room,
      pin: this.options.pin,
      id: this.options.selfId,
      ...(this.options.display ? { display: this.options.display } : {}),
    });
    const pc = this.createPeer();
    // Announced in-band (DCEP): Janus learns labels from the open messages and opens the same labels to subscribers.
    const reliable = pc.createChannel(RELIABLE_CHANNEL.label, { ordered: true });
    const frame = pc.createChannel(FRAME_CHANNEL.label, { ordered: false, maxRetransmits: FRAME_CHANNEL.maxRetransmits });
    this.publisher = { handle, pc, reliable, frame };
    const sdp = await pc.offer(this.options.connectTimeoutMs);
    this.notePorts(sdp);
    const { jsep } = await handle.request({ request: 'publish' }, { type: 'offer', sdp });
    if (jsep?.type !== 'answer') throw new TransportError('TRANSPORT_SIGNALING_ERROR', 'Janus answered the publish without an SDP answer');
    await pc.acceptAnswer(jsep.sdp);
    await Promise.all([reliable.opened(this.options.connectTimeoutMs), frame.opened(this.options.connectTimeoutMs)]);
    pc.onConnectionState((state) => {
      if (state === 'failed' || state === 'closed') void this.close(`publisher connection ${state}`);
    });
    this.selfLink.markOpen();
    this.onRoomEvent(joined.data);
  }

  private createPeer(): RoomPeer {
    const config: RoomPeerConfig = { onDatagram: (packet) => this.countWire(packet) };
    if (this.options.iceAddress) config.iceAddress = this.options.iceAddress;
    if (this.options.rtcConfig) config.rtcConfig = this.options.rtcConfig;
    return this.session.platform.createPeer(config);
  }

  private notePorts(sdp: string): void {
    for (const match of sdp.matchAll(/^a=candidate:\S+ \d+ udp \d+ \S+ (\d+) typ/gim)) this.ports.add(Number(match[1]));
  }

  private countWire(packet: Uint8Array): void {
    this.wire.datagrams++;
    this.wire.ipBytes += packet.byteLength + DTLS_RECORD_OVERHEAD_BYTES + UDP_IPV4_HEADER_BYTES;
  }

  /** Publishers arriving (`joined`, `event` with `publishers`) and leaving (`leaving`, `unpublished`, `kicked`). */
  private onRoomEvent(data: VideoRoomData): void {
    if (this.closing) return;
    for (const publisher of data.publishers ?? []) {
      if (publisher.id !== this.options.selfId && publisher.id <= 0xff_ffff) void this.subscribe(publisher.id);
    }
    for (const gone of [data.leaving, data.unpublished, data.kicked]) {
      if (typeof gone === 'number' && gone !== this.options.selfId) this.onRemoteGone(gone, data.leaving === gone ? 'left' : 'unpublished');
    }
  }

  private async subscribe(remoteId: number): Promise<void> {
    if (this.remotes.has(remoteId) || this.subscribing.has(remoteId) || this.closing) return;
    this.subscribing.add(remoteId);
    this.departed.delete(remoteId);
    let handle: JanusHandle | undefined;
    let pc: RoomPeer | undefined;
    try {
      handle = await this.session.attach();
      const attached = await handle.request({ request: 'join', ptype: 'subscriber', room: this.options.room, pin: this.options.pin, streams: [{ feed: remoteId }] });
      if (attached.jsep?.type !== 'offer') throw new TransportError('TRANSPORT_SIGNALING_ERROR', `Janus sent no offer for feed ${remoteId}`);
      pc = this.createPeer();
      const remote = this.makeRemote(remoteId, handle, pc);
      pc.onChannel((channel) => this.wireRemoteChannel(remote, channel));
      // Janus relays nothing to a subscriber until the subscriber has opened a channel of its own (its "data ready"):
      // this one carries nothing, it only says so.
      remote.channels.push(pc.createChannel('facecodec-subscriber', { ordered: true }));
      const sdp = await pc.answer(attached.jsep.sdp, this.options.connectTimeoutMs);
      this.notePorts(sdp);
      await handle.request({ request: 'start' }, { type: 'answer', sdp });
      if (this.closing || this.departed.has(remoteId)) throw new TransportError('TRANSPORT_CLOSED', `feed ${remoteId} left while subscribing`);
      pc.onConnectionState((state) => {
        if (state === 'failed' || state === 'closed') this.onRemoteGone(remoteId, `subscription ${state}`);
      });
      handle.on('hangup', (reason) => this.onRemoteGone(remoteId, `Janus hung up: ${reason}`));
      this.remotes.set(remoteId, remote);
      remote.link.markOpen();
      this.emit('remoteJoined', remoteId, remote.link);
    } catch (error) {
      await Promise.allSettled([pc?.close(), handle?.detach()]);
      if (!this.closing && !(error instanceof TransportError && error.code === 'TRANSPORT_CLOSED')) {
        this.emit('error', new TransportError('TRANSPORT_CONNECTION_FAILED', `subscribing to participant ${remoteId} failed: ${(error as Error).message}`, { cause: error }));
      }
    } finally {
      this.subscribing.delete(remoteId);
    }
  }

  private makeRemote(remoteId: number, handle: JanusHandle, pc: RoomPeer): Remote {
    const remote: Remote = {
      id: remoteId,
      handle,
      pc,
      channels: [],
      chain: Promise.resolve(),
      link: new RelayLink({
        label: `janus-remote-${remoteId}`,
        maxFrameBytes: this.options.maxFrameBytes,
        // What a receiver sends (keyframe requests, reports) goes to that sender through this member's own stream.
        sendReliable: (bytes) => this.sendReliable(remoteId, bytes),
        sendFrame: () => {
          throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'a remote participant\'s stream carries no frames from this side');
        },
        bufferedBytes: () => ({ reliable: 0, frame: 0 }),
        connection: () => ({ state: pc.connectionState, wire: { datagramsSent: 0, ipBytesSent: 0 } }),
        release: (reason) => this.unsubscribe(remoteId, reason),
      }),
      reassembler: new ChunkReassembler({
        maxMessageBytes: this.options.maxReliableMessageBytes,
        reassemblyTimeoutMs: 10_000,
        onMessage: (ciphertext, arrivalMs) => this.openInOrder(remote, 'reliable', ciphertext, arrivalMs),
        onDiscard: (error) => remote.link.deliverDiscard(error),
      }),
    };
    return remote;
  }

  private wireRemoteChannel(remote: Remote, channel: RoomChannel): void {
    remote.channels.push(channel);
    channel.onMessage((data) => {
      if (this.closing || data.byteLength < 1) return;
      const arrivalMs = performance.now();
      const messageClass: MessageClass | undefined = data[0] === CLASS_RELIABLE ? 'reliable' : data[0] === CLASS_FRAME ? 'frame' : undefined;
      const bytes = new Uint8Array(data.buffer, data.byteOffset + 1, data.byteLength - 1);
      this.counters.payloadBytesDown += data.byteLength;
      this.counters.messagesDown++;
      if (!messageClass) {
        this.emit('e2eeError', new E2eeError('E2EE_TRUNCATED', `message of unknown class 0x${data[0].toString(16)} from ${remote.id}`), remote.id);
        return;
      }
      remote.link.countChannel('received', messageClass, data.byteLength);
      this.options.onRelayed?.(remote.id, messageClass, bytes);
      if (messageClass === 'reliable') remote.reassembler.push(bytes, arrivalMs);
      else this.openInOrder(remote, 'frame', bytes, arrivalMs);
    });
  }

  /** Decrypts a message of `remote` after the ones before it and hands it on; refusals are counted and reported. */
  private openInOrder(remote: Remote, messageClass: MessageClass, ciphertext: Uint8Array, arrivalMs: number): void {
    // The chunk reassembler may reuse nothing, but the data channel's buffer can be: keep a copy for later.
    const packet = ciphertext.slice();
    remote.chain = remote.chain.then(async () => {
      if (this.closing || remote.link.isClosed) return;
      let plaintext: Uint8Array;
      try {
        plaintext = (await this.decrypt(packet, remote.id)).plaintext;
      } catch (error) {
        const refused = error instanceof E2eeError ? error : new E2eeError('E2EE_AUTH_FAILED', String(error));
        this.emit('e2eeError', refused, remote.id);
        if (messageClass === 'reliable') {
          remote.link.deliverDiscard(new TransportError('TRANSPORT_CHUNK_MALFORMED', `reliable message from ${remote.id} refused: ${refused.code}`, { cause: refused }));
        }
        return;
      }
      if (messageClass === 'frame') {
        remote.link.deliverFrame(plaintext, arrivalMs);
        return;
      }
      if (plaintext.byteLength < 4) {
        remote.link.deliverDiscard(new TransportError('TRANSPORT_CHUNK_MALFORMED', `reliable message from ${remote.id} has no target`));
        return;
      }
      const target = new DataView(plaintext.buffer, plaintext.byteOffset, 4).getUint32(0);
      const message = plaintext.subarray(4);
      if (target === TO_STREAM) remote.link.deliverReliable(message, arrivalMs);
      else if (target === this.options.selfId) this.selfLink.deliverReliable(message, arrivalMs);
    });
  }

  /**
   * Decrypts; a packet from a later epoch (a peer rotated first, or this member joined with an old epoch) waits for
   * this side's rotation to that epoch once. Up to {@link MAX_EPOCHS_AHEAD} ahead: the epoch byte wraps at 256.
   */
  private async decrypt(packet: Uint8Array, remoteId: number) {
    const e2ee = this.options.e2ee;
    try {
      return await e2ee.decrypt(packet, remoteId);
    } catch (error) {
      if (!(error instanceof E2eeError) || error.code !== 'E2EE_UNKNOWN_KEY' || !this.options.rekey) throw error;
      const header = readHeader(packet);
      const current = e2ee.currentEpoch;
      const ahead = (header.epochByte - (current & 0xff) + 256) % 256;
      if (ahead < 1 || ahead > MAX_EPOCHS_AHEAD || header.senderId !== remoteId) throw error;
      await this.rotate(current + ahead);
      return await e2ee.decrypt(packet, remoteId);
    }
  }

  /** Moves to `epoch` unless already there; one rotation at a time. */
  private rotate(epoch: number): Promise<void> {
    const rekey = this.options.rekey;
    if (!rekey) return Promise.resolve();
    this.rotation = this.rotation.then(async () => {
      if (this.closing || epoch <= this.options.e2ee.currentEpoch) return;
      try {
        await this.options.e2ee.setEpoch(epoch, await rekey(epoch));
        this.emit('rekeyed', epoch);
      } catch (error) {
        this.emit('error', new TransportError('TRANSPORT_BAD_ARGUMENT', `rotating to epoch ${epoch} failed: ${(error as Error).message}`, { cause: error }));
      }
    });
    return this.rotation;
  }

  private onRemoteGone(remoteId: number, reason: string): void {
    if (this.closing || this.departed.has(remoteId)) return;
    this.departed.add(remoteId);
    this.options.e2ee.forgetSender(remoteId);
    void this.rotate(this.options.e2ee.currentEpoch + 1);
    const remote = this.remotes.get(remoteId);
    if (!remote) return;
    this.remotes.delete(remoteId);
    void this.dropRemote(remote, 'remote').then(() => this.emit('remoteLeft', remoteId, reason));
  }

  /** The application closed a remote's link (its receiver closed): stop subscribing to it. */
  private async unsubscribe(remoteId: number, _reason: LinkCloseReason): Promise<void> {
    const remote = this.remotes.get(remoteId);
    if (!remote) return;
    this.remotes.delete(remoteId);
    await this.dropRemote(remote, 'local');
  }

  private async dropRemote(remote: Remote, reason: LinkCloseReason): Promise<void> {
    remote.reassembler.close();
    if (!remote.link.isClosed) void remote.link.close(reason).catch(() => undefined);
    await Promise.allSettled([remote.pc.close(), remote.handle.detach()]);
  }

  private buffered(): { reliable: number; frame: number } {
    const publisher = this.publisher;
    return {
      reliable: this.pendingBytes.reliable + (publisher?.reliable.bufferedAmount ?? 0),
      frame: this.pendingBytes.frame + (publisher?.frame.bufferedAmount ?? 0),
    };
  }

  private sendReliable(target: number, bytes: Uint8Array): number {
    if (bytes.byteLength > this.options.maxReliableMessageBytes) {
      throw new TransportError('TRANSPORT_MESSAGE_TOO_LARGE', `reliable message of ${bytes.byteLength} bytes exceeds maxReliableMessageBytes ${this.options.maxReliableMessageBytes}`);
    }
    const plaintext = new Uint8Array(4 + bytes.byteLength);
    new DataView(plaintext.buffer).setUint32(0, target);
    plaintext.set(bytes, 4);
    const messageId = this.nextMessageId;
    this.nextMessageId = (this.nextMessageId + 1) >>> 0;
    this.reliableChain = this.sealInOrder(this.reliableChain, plaintext, 'reliable', (packet) => {
      const channel = this.publisher?.reliable;
      if (!channel || channel.readyState !== 'open' || this.closing) return;
      for (const chunk of encodeChunks(packet, messageId, this.options.chunkPayloadBytes)) {
        this.transmit(channel, 'reliable', withClass(CLASS_RELIABLE, chunk));
      }
    });
    return messageId;
  }

  /** Seals `plaintext` at once (concurrently with earlier ones) and hands it to `send` in call order on `chain`. */
  private sealInOrder(chain: Promise<void>, plaintext: Uint8Array, kind: 'reliable' | 'frame', send: (packet: Uint8Array) => void): Promise<void> {
    this.pendingBytes[kind] += plaintext.byteLength;
    const sealing = this.options.e2ee.encrypt(plaintext);
    sealing.catch(() => undefined); // handled in the chain; this keeps Node from calling it unhandled meanwhile
    return chain.then(async () => {
      this.pendingBytes[kind] -= plaintext.byteLength;
      let packet: Uint8Array;
      try {
        packet = await sealing;
      } catch (error) {
        this.emit('error', error as Error);
        return;
      }
      send(packet);
    });
  }

  private sendFrame(bytes: Uint8Array): boolean {
    if (this.buffered().frame > this.options.maxFrameBufferedBytes) return false;
    this.frameChain = this.sealInOrder(this.frameChain, bytes.slice(), 'frame', (packet) => {
      const channel = this.publisher?.frame;
      if (!channel || channel.readyState !== 'open' || this.closing) return;
      this.transmit(channel, 'frame', withClass(CLASS_FRAME, packet));
    });
    return true;
  }

  private transmit(channel: RoomChannel, messageClass: MessageClass, message: Uint8Array): void {
    const messages = this.options.wrapSend ? this.options.wrapSend(messageClass, message) : [message];
    for (const bytes of messages) {
      channel.send(bytes);
      this.selfLink.countChannel('sent', messageClass, bytes.byteLength);
      this.counters.payloadBytesUp += bytes.byteLength;
      this.counters.messagesUp++;
    }
  }
}
