/** Adapts a browser `RTCDataChannel` to the {@link ByteChannel} interface, as WeriftByteChannel does in Node. */
import type { ByteChannel, ByteChannelEvents } from '../transport/byte-channel.js';
import { TransportError } from '../transport/transport-error.js';
import { TypedEmitter } from '../typed-emitter.js';
import type { RtcDataChannel } from './rtc-types.js';

/** A {@link ByteChannel} over one browser data channel; string messages from a misbehaving peer are ignored. */
export class RtcByteChannel extends TypedEmitter<ByteChannelEvents> implements ByteChannel {
  private closed = false;

  /** Wraps `dataChannel`; the adapter owns it from now on and closes it in {@link close}. */
  constructor(readonly dataChannel: RtcDataChannel) {
    super();
    dataChannel.binaryType = 'arraybuffer';
    // 'drain' means "queue empty", as with werift's bufferedAmountLow at threshold 0.
    dataChannel.bufferedAmountLowThreshold = 0;
    dataChannel.addEventListener('message', (event) => {
      if (this.closed || !(event.data instanceof ArrayBuffer)) return;
      this.emit('message', new Uint8Array(event.data), performance.now());
    });
    dataChannel.addEventListener('open', () => {
      if (!this.closed) this.emit('open');
    });
    dataChannel.addEventListener('bufferedamountlow', () => {
      if (!this.closed) this.emit('drain');
    });
    dataChannel.addEventListener('close', () => this.close());
  }

  /** The data channel's label. */
  get label(): string {
    return this.dataChannel.label;
  }

  /** Whether the data channel is open and this adapter not closed. */
  get isOpen(): boolean {
    return !this.closed && this.dataChannel.readyState === 'open';
  }

  /** The browser's `bufferedAmount`. */
  get bufferedBytes(): number {
    return this.dataChannel.bufferedAmount;
  }

  /** Sends one binary message. */
  send(bytes: Uint8Array): void {
    if (this.closed) throw new TransportError('TRANSPORT_CLOSED', `channel "${this.label}" is closed`);
    if (this.dataChannel.readyState !== 'open') {
      throw new TransportError('TRANSPORT_NOT_OPEN', `channel "${this.label}" is ${this.dataChannel.readyState}, not open`);
    }
    this.dataChannel.send(bytes);
  }

  /** Closes the data channel and emits `close` once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.dataChannel.readyState !== 'closed') this.dataChannel.close();
    this.emit('close');
    this.removeAllListeners();
  }
}
