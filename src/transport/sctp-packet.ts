/**
 * Reads plain SCTP packets (before DTLS encryption) and taps the ones a werift connection sends, so a capture of
 * encrypted datagrams can be split into frames, keyframes, control and SCTP's own packets (SACK, FORWARD-TSN,
 * heartbeat). Relies on werift 0.24.4's DTLS transport `sendData` (test/transport/werift-behaviour.test.ts pins it).
 */
import type { RTCPeerConnection } from 'werift';

/** SCTP chunk type numbers (RFC 9260, RFC 3758) that a data-channel association uses. */
export const SCTP_CHUNK = { DATA: 0, INIT: 1, INIT_ACK: 2, SACK: 3, HEARTBEAT: 4, HEARTBEAT_ACK: 5, ABORT: 6, SHUTDOWN: 7, COOKIE_ECHO: 10, COOKIE_ACK: 11, RECONFIG: 130, FORWARD_TSN: 192 } as const;

/** One chunk of an SCTP packet; DATA chunks carry their stream, TSN and user data. */
export interface SctpChunk {
  type: number;
  flags: number;
  /** DATA only. */
  tsn?: number;
  streamId?: number;
  userData?: Uint8Array;
}

/** Parses the chunks of one plain SCTP packet (12-byte common header, then 4-byte-aligned chunks). */
export function sctpChunks(packet: Uint8Array): SctpChunk[] {
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const chunks: SctpChunk[] = [];
  let offset = 12;
  while (offset + 4 <= packet.byteLength) {
    const type = view.getUint8(offset);
    const flags = view.getUint8(offset + 1);
    const length = view.getUint16(offset + 2);
    if (length < 4 || offset + length > packet.byteLength) break;
    if (type === SCTP_CHUNK.DATA && length >= 16) {
      chunks.push({ type, flags, tsn: view.getUint32(offset + 4), streamId: view.getUint16(offset + 8), userData: packet.subarray(offset + 16, offset + length) });
    } else {
      chunks.push({ type, flags });
    }
    offset += (length + 3) & ~3;
  }
  return chunks;
}

/** A packet the tapped connection handed to DTLS, with the time it did so. */
export interface TappedSctpPacket {
  atMs: number;
  bytes: number;
  chunks: SctpChunk[];
}

interface DtlsSender {
  sendData: (data: Buffer) => Promise<void>;
}

function dtlsSender(pc: RTCPeerConnection): DtlsSender {
  const transport = pc.dtlsTransports[0] as unknown as DtlsSender | undefined;
  if (!transport || typeof transport.sendData !== 'function') throw new Error('werift internals changed: no dtlsTransport.sendData');
  return transport;
}

/**
 * Calls `decide` on every SCTP packet `pc` sends from now on (DTLS must be up); a `false` from it drops the packet as
 * a lossy network would. Returns a function that removes the tap. One sendData call is one DTLS record is one UDP
 * datagram, which is what lets a capture be matched packet by packet.
 */
export function tapSctpPackets(pc: RTCPeerConnection, decide: (chunks: SctpChunk[], packet: Uint8Array) => boolean | void): () => void {
  return interceptSctpPackets(pc, (packet) => decide(sctpChunks(packet), packet));
}

/** {@link tapSctpPackets} without parsing the chunks: for counters on every packet of a live link. */
export function interceptSctpPackets(pc: RTCPeerConnection, decide: (packet: Uint8Array) => boolean | void): () => void {
  const transport = dtlsSender(pc);
  const original = transport.sendData;
  transport.sendData = (data: Buffer) => (decide(data) === false ? Promise.resolve() : original.call(transport, data));
  return () => {
    transport.sendData = original;
  };
}

/** Records every SCTP packet `pc` sends into the returned list (until the returned `stop` is called). */
export function recordSctpPackets(pc: RTCPeerConnection): { packets: TappedSctpPacket[]; stop: () => void } {
  const packets: TappedSctpPacket[] = [];
  const stop = tapSctpPackets(pc, (chunks, packet) => {
    packets.push({ atMs: performance.now(), bytes: packet.byteLength, chunks });
  });
  return { packets, stop };
}
