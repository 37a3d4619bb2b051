/** The channel abstraction the transport is built on: opaque byte messages out, byte messages in, an explicit close. */
import type { Subscribable } from '../typed-emitter.js';

/** Events of a {@link ByteChannel}. */
export type ByteChannelEvents = {
  /** The channel became open (sends possible); emitted once. */
  open: [];
  /** A whole message arrived; `arrivalMs` is `performance.now()` when the underlying channel delivered it. */
  message: [bytes: Uint8Array, arrivalMs: number];
  /** Everything handed to {@link ByteChannel.send} has left werift's send queue (buffered bytes fell to 0). */
  drain: [];
  /** The channel closed (locally or because the peer went away); emitted once. */
  close: [];
};

/**
 * One direction-agnostic message channel. {@link WeriftByteChannel} implements it over a werift data channel;
 * {@link LossyChannel} wraps any implementation to inject loss and delay in tests.
 */
export interface ByteChannel extends Subscribable<ByteChannelEvents> {
  /** Name for logs and errors. */
  readonly label: string;
  /** Whether {@link send} can be called now. */
  readonly isOpen: boolean;
  /** Bytes queued locally and not yet handed to the network (werift's `bufferedAmount`). */
  readonly bufferedBytes: number;
  /** Sends one message; throws `TransportError` when the channel is closed or not open yet. */
  send(bytes: Uint8Array): void;
  /** Stops delivering messages and releases the underlying channel and any timers. Idempotent. */
  close(): void;
}
