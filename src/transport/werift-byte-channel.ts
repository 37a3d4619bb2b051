/** Adapts a werift `RTCDataChannel` to the {@link ByteChannel} interface. */
import type { RTCDataChannel } from 'werift';
import type { ByteChannel, ByteChannelEvents } from './byte-channel.js';
import { TransportError } from './transport-error.js';
import { TypedEmitter } from '../typed-emitter.js';

/** A {@link ByteChannel} over one werift data channel; string messages from a misbehaving peer are ignored. */
export class WeriftByteChannel extends TypedEmitter<ByteChannelEvents> implements ByteChannel {
  private closed = false;
  private readonly unsubscribe: Array<() => void> = [];

  /** Wraps `channel`; the adapter owns it from now on and closes it in {@link close}. */
  constructor(readonly dataChannel: RTCDataChannel) {
    super();
    const onMessage = dataChannel.onMessage.subscribe((data) => {
      if (this.closed || typeof data === 'string') return;
      const arrivalMs = performance.now();
      // werift hands out Buffers; expose a plain Uint8Array view over the same memory (no copy).
      this.emit('message', new Uint8Array(data.buffer, data.byteOffset, data.byteLength), arrivalMs);
    });
    const onState = dataChannel.stateChanged.subscribe((state) => {
      if (state === 'open' && !this.closed) this.emit('open');
      if (state === 'closed') this.close();
    });
    // werift fires bufferedAmountLow when bufferedAmount crosses down to the threshold; 0 means "queue empty".
    dataChannel.bufferedAmountLowThreshold = 0;
    const onLow = dataChannel.bufferedAmountLow.subscribe(() => {
      if (!this.closed) this.emit('drain');
    });
    this.unsubscribe.push(onMessage.unSubscribe, onState.unSubscribe, onLow.unSubscribe);
  }

  /** The data channel's label. */
  get label(): string {
    return this.dataChannel.label;
  }

  /** Whether the data channel is open and this adapter not closed. */
  get isOpen(): boolean {
    return !this.closed && this.dataChannel.readyState === 'open';
  }

  /** werift's `bufferedAmount`. */
  get bufferedBytes(): number {
    return this.dataChannel.bufferedAmount;
  }

  /** Sends one binary message. */
  send(bytes: Uint8Array): void {
    if (this.closed) throw new TransportError('TRANSPORT_CLOSED', `channel "${this.label}" is closed`);
    if (this.dataChannel.readyState !== 'open') {
      throw new TransportError('TRANSPORT_NOT_OPEN', `channel "${this.label}" is ${this.dataChannel.readyState}, not open`);
    }
    this.dataChannel.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /** Closes the data channel and emits `close` once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe) off();
    if (this.dataChannel.readyState !== 'closed') {
      try {
        this.dataChannel.close();
      } catch {
        // The connection under it is already gone; the channel is closed either way.
      }
    }
    this.emit('close');
    this.removeAllListeners();
  }
}
