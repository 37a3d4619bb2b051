/**
 * Test helper: drops outgoing SCTP packets of a werift connection below the data channels, so SCTP's own
 * retransmission and abandonment are exercised. Relies on werift internals (the DTLS transport's `sendData`),
 * which werift-behaviour.test.ts pins.
 */
import type { RTCPeerConnection } from 'werift';

/** One DATA chunk of an outgoing SCTP packet. */
export interface SctpDataChunk {
  tsn: number;
  streamId: number;
  userData: Uint8Array;
}

/** Parses the DATA chunks of one plain SCTP packet (12-byte common header, then 4-byte-aligned chunks). */
export function sctpDataChunks(packet: Uint8Array): SctpDataChunk[] {
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const chunks: SctpDataChunk[] = [];
  let offset = 12;
  while (offset + 4 <= packet.byteLength) {
    const type = view.getUint8(offset);
    const length = view.getUint16(offset + 2);
    if (length < 4) break;
    if (type === 0 && length >= 16) {
      chunks.push({
        tsn: view.getUint32(offset + 4),
        streamId: view.getUint16(offset + 8),
        userData: packet.subarray(offset + 16, offset + length),
      });
    }
    offset += (length + 3) & ~3;
  }
  return chunks;
}

/**
 * Installs `shouldDrop` on every outgoing SCTP packet of `pc` (after DTLS is up); returns a function that removes it.
 * A dropped packet is silently not sent, as if the network lost it.
 */
export function filterSctpPackets(pc: RTCPeerConnection, shouldDrop: (chunks: SctpDataChunk[], packet: Uint8Array) => boolean): () => void {
  const transport = pc.dtlsTransports[0] as unknown as { sendData: (data: Buffer) => Promise<void> };
  if (!transport || typeof transport.sendData !== 'function') throw new Error('werift internals changed: no dtlsTransport.sendData');
  const original = transport.sendData;
  transport.sendData = (data: Buffer) => (shouldDrop(sctpDataChunks(data), data) ? Promise.resolve() : original(data));
  return () => {
    transport.sendData = original;
  };
}
