/**
 * Test helper: drops outgoing SCTP packets of a werift connection below the data channels, so SCTP's own
 * retransmission and abandonment are exercised (see src/transport/sctp-packet.ts).
 */
import type { RTCPeerConnection } from 'werift';
import { SCTP_CHUNK, tapSctpPackets, type SctpChunk } from '../../src/transport/sctp-packet.js';

/** One DATA chunk of an outgoing SCTP packet. */
export interface SctpDataChunk {
  tsn: number;
  streamId: number;
  userData: Uint8Array;
}

/**
 * Installs `shouldDrop` on every outgoing SCTP packet of `pc` (after DTLS is up); returns a function that removes it.
 * A dropped packet is silently not sent, as if the network lost it.
 */
export function filterSctpPackets(pc: RTCPeerConnection, shouldDrop: (chunks: SctpDataChunk[], packet: Uint8Array) => boolean): () => void {
  return tapSctpPackets(pc, (chunks, packet) => !shouldDrop(dataChunks(chunks), packet));
}

function dataChunks(chunks: SctpChunk[]): SctpDataChunk[] {
  return chunks.filter((c) => c.type === SCTP_CHUNK.DATA).map((c) => ({ tsn: c.tsn!, streamId: c.streamId!, userData: c.userData! }));
}
