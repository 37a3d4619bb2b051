/** Estimates the bytes a data-channel message costs on the wire (IP/UDP/DTLS/SCTP headers), for bandwidth accounting. */

/** IPv4 (20) and UDP (8) headers of every datagram. */
export const UDP_IPV4_HEADER_BYTES = 28;

/** A DTLS 1.2 AES-GCM record around one SCTP packet: 13 B header, 8 B explicit nonce, 16 B tag. */
export const DTLS_RECORD_OVERHEAD_BYTES = 13 + 8 + 16;

/** werift's SCTP fragment size: user messages are cut into DATA chunks of at most this many bytes. */
export const SCTP_FRAGMENT_BYTES = 1200;

/**
 * Per-packet overhead when each DATA chunk travels in its own packet: IPv4 20 + UDP 8 + DTLS record header 13 +
 * AES-GCM explicit nonce 8 and tag 16 + SCTP common header 12 + DATA chunk header 16. SACKs, retransmissions,
 * bundling and IPv6 (+20) are not modelled, so this is an estimate of the sender's cost, not a measurement.
 */
export const PACKET_OVERHEAD_BYTES = UDP_IPV4_HEADER_BYTES + DTLS_RECORD_OVERHEAD_BYTES + 12 + 16;

/** Estimated on-the-wire bytes of one data-channel message of `messageBytes` bytes (DATA chunks are padded to 4). */
export function estimateWireBytes(messageBytes: number): number {
  const fragments = Math.max(1, Math.ceil(messageBytes / SCTP_FRAGMENT_BYTES));
  const paddingBytes = (4 - (messageBytes % 4)) % 4;
  return messageBytes + paddingBytes + fragments * PACKET_OVERHEAD_BYTES;
}
