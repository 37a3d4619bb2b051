/**
 * What a codec session (CodecSender, CodecReceiver) needs of the link under it. {@link PeerLink} is one (a direct
 * connection to one peer); the Janus room's relayed, end-to-end encrypted links are others (janus/relay-link.ts).
 */
import type { Subscribable } from '../typed-emitter.js';
import type { FrameFilter, LinkCloseReason, PeerLinkEvents, PeerLinkStats } from './link-types.js';

export interface CodecLink extends Subscribable<PeerLinkEvents> {
  /** Whether sends are possible now. */
  readonly isOpen: boolean;
  /** Whether the link closed or is closing. */
  readonly isClosed: boolean;
  /** The largest frame message {@link sendFrame} accepts. */
  readonly maxFrameBytes: number;
  /** Sends one reliable message of any size; returns its message id. */
  sendReliable(bytes: Uint8Array): number;
  /** Sends one frame message; false when it was skipped for congestion. */
  sendFrame(bytes: Uint8Array): boolean;
  /** Replaces the filter received frames pass before `frame` is emitted. */
  setFrameFilter(filter: FrameFilter | undefined): void;
  /** Counters; `bufferedBytes.reliable` is the sender's "keyframe still queued" signal. */
  stats(): PeerLinkStats;
  /** Reliable bytes sent and not yet acknowledged by the peer, where the link can tell (see PeerLink). */
  reliableUnacknowledgedBytes?(): number;
  /** Closes the link; idempotent. */
  close(reason?: LinkCloseReason): Promise<void>;
}
