/**
 * The two data channels every PeerLink opens, and why they are configured this way on werift 0.24.4
 * (test/transport/werift-behaviour.test.ts pins the behaviours relied on here).
 */

/** Parameters passed to werift's `createDataChannel` on both peers. */
export interface DataChannelSpec {
  /** Label, for logs. */
  label: string;
  /** SCTP stream id, identical on both peers (negotiated out of band, no DCEP open message). */
  id: number;
  /** Whether messages are delivered in order. */
  ordered: boolean;
  /** Retransmissions after the first send before a message is abandoned; undefined = fully reliable. */
  maxRetransmits?: number;
}

/**
 * Keyframes, stream headers and control: ordered and fully reliable. Negotiated with a fixed id so that neither side
 * depends on werift's in-band channel announcement.
 */
export const RELIABLE_CHANNEL: DataChannelSpec = { label: 'facecodec-reliable', id: 0, ordered: true };

/**
 * Per-frame packets: unordered, one retransmission at most, so a lost packet never blocks later ones.
 * - Negotiated on both sides because werift announces a non-negotiated unordered partially-reliable channel to the
 *   peer as ordered, and the peer's sends on it then block behind any loss.
 * - `maxRetransmits: 1`, not 0: werift treats 0 as "unlimited". `maxPacketLifeTime` is not used: it never expires
 *   in werift (a milliseconds/seconds mix-up).
 * Even so a lost message may arrive 100 ms-1 s late (SCTP's 1 s minimum retransmission timeout), which is why
 * frames carry their arrival time and the link accepts a frame filter.
 */
export const FRAME_CHANNEL: DataChannelSpec = { label: 'facecodec-frame', id: 1, ordered: false, maxRetransmits: 1 };

/** Default payload bytes per reliable chunk: well under werift's 64 KB message cap, above which sends stall ~1 s. */
export const DEFAULT_CHUNK_PAYLOAD_BYTES = 16 * 1024;

/** Largest data-channel message werift handles without stalling (its advertised max-message-size). */
export const MAX_CHANNEL_MESSAGE_BYTES = 64 * 1024;
