/**
 * A {@link CodecLink} over a Janus room: what a codec session sees of one stream relayed through the SFU. The room
 * member (janus-room-member.ts) feeds it decrypted messages and gives it the functions that encrypt and send; the
 * link itself holds only the counters, the frame filter and the open/closed state.
 */
import { countChannelReceive, countChannelSend, createChannelCounters } from '../channel-counters.js';
import type { CodecLink } from '../codec-link.js';
import type { FrameFilter, LinkCloseReason, MessageClass, PeerLinkEvents, PeerLinkStats } from '../link-types.js';
import { TransportError } from '../transport-error.js';
import { TypedEmitter } from '../../typed-emitter.js';

/** What the member gives a relay link to send and report with. */
export interface RelayLinkWiring {
  label: string;
  maxFrameBytes: number;
  /** Encrypts and sends a reliable message; returns its message id. */
  sendReliable(bytes: Uint8Array): number;
  /** Encrypts and sends a frame message; false when skipped (congested). */
  sendFrame(bytes: Uint8Array): boolean;
  /** Bytes accepted and not yet sent, per class. */
  bufferedBytes(): { reliable: number; frame: number };
  /** The underlying connection's state and its sent-datagram counters. */
  connection(): { state: string; wire: PeerLinkStats['wire'] };
  /** Releases what the link stands for (a subscription, or the whole membership). */
  release(reason: LinkCloseReason): Promise<void>;
}

/** Messages kept for a link nobody listens to yet. */
const MAX_HELD_MESSAGES = 256;

export class RelayLink extends TypedEmitter<PeerLinkEvents> implements CodecLink {
  private readonly counters = { reliable: createChannelCounters(), frame: createChannelCounters() };
  private frameFilter: FrameFilter | undefined;
  private opened = false;
  private framesSkippedCongested = 0;
  private closing: Promise<void> | undefined;
  /**
   * Messages that arrived before anyone listened: a codec session is attached a moment after the link appears (its
   * decoder is made first), and the stream header and keyframe come first. Flushed once a `reliable` or `frame`
   * listener is added (after the current task, so a session binding both gets them in order).
   */
  private held: Array<{ kind: 'reliable' | 'frame'; bytes: Uint8Array; arrivalMs: number }> | undefined = [];

  constructor(private readonly wiring: RelayLinkWiring) {
    super();
  }

  override on<K extends keyof PeerLinkEvents>(name: K, listener: (...args: PeerLinkEvents[K]) => void): () => void {
    const off = super.on(name, listener);
    if ((name === 'reliable' || name === 'frame') && this.held) queueMicrotask(() => this.flushHeld());
    return off;
  }

  get label(): string {
    return this.wiring.label;
  }

  get isOpen(): boolean {
    return this.opened && !this.closing;
  }

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  get maxFrameBytes(): number {
    return this.wiring.maxFrameBytes;
  }

  sendReliable(bytes: Uint8Array): number {
    this.assertSendable(bytes, 'sendReliable');
    const id = this.wiring.sendReliable(bytes);
    this.counters.reliable.messagesSent++;
    this.counters.reliable.payloadBytesSent += bytes.byteLength;
    return id;
  }

  sendFrame(bytes: Uint8Array): boolean {
    this.assertSendable(bytes, 'sendFrame');
    if (bytes.byteLength > this.wiring.maxFrameBytes) {
      throw new TransportError('TRANSPORT_MESSAGE_TOO_LARGE', `frame message of ${bytes.byteLength} bytes exceeds maxFrameBytes ${this.wiring.maxFrameBytes}`);
    }
    if (!this.wiring.sendFrame(bytes)) {
      this.framesSkippedCongested++;
      return false;
    }
    this.counters.frame.messagesSent++;
    this.counters.frame.payloadBytesSent += bytes.byteLength;
    return true;
  }

  setFrameFilter(filter: FrameFilter | undefined): void {
    if (filter !== undefined && typeof filter !== 'function') throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'setFrameFilter needs a function or undefined');
    this.frameFilter = filter;
  }

  stats(): PeerLinkStats {
    const connection = this.wiring.connection();
    return {
      reliable: { ...this.counters.reliable },
      frame: { ...this.counters.frame },
      framesSkippedCongested: this.framesSkippedCongested,
      bufferedBytes: this.wiring.bufferedBytes(),
      connectionState: connection.state,
      wire: connection.wire,
    };
  }

  close(reason: LinkCloseReason = 'local'): Promise<void> {
    this.closing ??= (async () => {
      const released = await Promise.allSettled([this.wiring.release(reason)]);
      this.emit('close', reason);
      this.removeAllListeners();
      if (released[0].status === 'rejected') throw new TransportError('TRANSPORT_CONNECTION_FAILED', 'closing the relay link failed', { cause: released[0].reason });
    })();
    return this.closing;
  }

  /** The member: the channels under the link are open. */
  markOpen(): void {
    if (this.opened || this.closing) return;
    this.opened = true;
    this.emit('open');
  }

  /** The member: a decrypted reliable message of this stream. */
  deliverReliable(bytes: Uint8Array, arrivalMs: number): void {
    if (this.closing) return;
    if (this.held) {
      this.hold('reliable', bytes, arrivalMs);
      return;
    }
    this.counters.reliable.messagesReceived++;
    this.counters.reliable.payloadBytesReceived += bytes.byteLength;
    this.emit('reliable', bytes, arrivalMs);
  }

  /** The member: a decrypted frame message of this stream. */
  deliverFrame(bytes: Uint8Array, arrivalMs: number): void {
    if (this.closing) return;
    if (this.held) {
      this.hold('frame', bytes, arrivalMs);
      return;
    }
    if (this.frameFilter && !this.frameFilter(bytes, arrivalMs)) {
      this.counters.frame.messagesDiscarded++;
      return;
    }
    this.counters.frame.messagesReceived++;
    this.counters.frame.payloadBytesReceived += bytes.byteLength;
    this.emit('frame', bytes, arrivalMs);
  }

  /** The member: one data-channel message (a chunk, or an encrypted frame message) of this stream left or arrived. */
  countChannel(direction: 'sent' | 'received', messageClass: MessageClass, channelBytes: number): void {
    if (direction === 'sent') countChannelSend(this.counters[messageClass], channelBytes);
    else countChannelReceive(this.counters[messageClass], channelBytes);
  }

  /** The member: a reliable message of this stream could not be used (refused by the E2EE layer, lost chunks). */
  deliverDiscard(error: TransportError): void {
    if (this.closing) return;
    this.counters.reliable.messagesDiscarded++;
    this.emit('reliableDiscarded', error);
  }

  private hold(kind: 'reliable' | 'frame', bytes: Uint8Array, arrivalMs: number): void {
    const held = this.held!;
    // Bounded: a link nobody attaches to keeps the first messages (header, keyframe), not an unbounded backlog.
    if (held.length < MAX_HELD_MESSAGES) held.push({ kind, bytes, arrivalMs });
  }

  private flushHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    for (const message of held) {
      if (message.kind === 'reliable') this.deliverReliable(message.bytes, message.arrivalMs);
      else this.deliverFrame(message.bytes, message.arrivalMs);
    }
  }

  private assertSendable(bytes: Uint8Array, what: string): void {
    if (this.closing) throw new TransportError('TRANSPORT_CLOSED', `${this.label} is closed`);
    if (!(bytes instanceof Uint8Array)) throw new TransportError('TRANSPORT_BAD_ARGUMENT', `${what} needs a Uint8Array`);
    if (!this.opened) throw new TransportError('TRANSPORT_NOT_OPEN', `${what}: ${this.label} is not open yet`);
  }
}

