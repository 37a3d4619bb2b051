/**
 * The plain types every link shares (events, stats, close reasons), apart from PeerLink so that platform-neutral code
 * (the call layer, the browser's link) can name them without reaching werift.
 */
import type { ChannelCounters } from './channel-counters.js';
import type { IceCandidate } from './negotiation-types.js';
import type { TransportError } from './transport-error.js';

/** The two message classes a link carries. */
export type MessageClass = 'reliable' | 'frame';

/** Why a link closed: `local` = `close()` was called, `remote` = the peer left or closed, `failed` = ICE/DTLS failure. */
export type LinkCloseReason = 'local' | 'remote' | 'failed';

/**
 * Decides whether a received frame is delivered. `arrivalMs` is `performance.now()` at arrival. The codec layer
 * installs one that reads the packet's sequence number to drop stale (late-retransmitted) frames.
 */
export type FrameFilter = (bytes: Uint8Array, arrivalMs: number) => boolean;

/** Something a link owns and closes when it closes (e.g. the signaling client that set it up). */
export interface Closable {
  /** Releases the resource. */
  close(): void | Promise<void>;
}

/** Events of a link ({@link PeerLink}, the browser's `BrowserPeerLink`, Janus relay links). */
export type PeerLinkEvents = {
  /** Both data channels are open; sends are possible from now on. */
  open: [];
  /** A complete reliable message (reassembled if it was split); `arrivalMs` is when its last chunk arrived. */
  reliable: [bytes: Uint8Array, arrivalMs: number];
  /** A frame message that passed the frame filter; `arrivalMs` is `performance.now()` at arrival. */
  frame: [bytes: Uint8Array, arrivalMs: number];
  /** A reliable message could not be rebuilt (missing/malformed chunk, timeout) and was discarded. */
  reliableDiscarded: [error: TransportError];
  /** A local ICE candidate to hand to the remote peer through signaling. */
  localCandidate: [candidate: IceCandidate];
  /** The RTCPeerConnection's connection state changed. */
  connectionState: [state: string];
  /** A failure that is not tied to a send call (negotiation or connection failure). */
  error: [error: TransportError];
  /** The link closed; emitted once, after channels, connection and timers are released. */
  close: [reason: LinkCloseReason];
};

/** Snapshot of a link's counters. */
export interface PeerLinkStats {
  /** Counters of the reliable class. */
  reliable: ChannelCounters;
  /** Counters of the frame class. */
  frame: ChannelCounters;
  /** Frames `sendFrame` skipped because the frame channel's send buffer was over `maxFrameBufferedBytes`. */
  framesSkippedCongested: number;
  /** Bytes accepted by the link and not yet sent (werift's queue plus the link's reliable pacing queue), per class: a congestion signal for adaptation. */
  bufferedBytes: { reliable: number; frame: number };
  /** The RTCPeerConnection's connection state. */
  connectionState: string;
  /**
   * What this peer sent on the network since it opened, counted packet by packet below werift (SCTP packets in DTLS
   * records, SRTP and SRTCP), with IPv4/UDP headers: every datagram but STUN's consent checks. A browser link, which
   * cannot see its packets, reports zeros.
   */
  wire: { datagramsSent: number; ipBytesSent: number };
}
