/**
 * Splits a capture of a call's encrypted datagrams into what they carried. DTLS hides the SCTP packets, so each
 * application-data datagram is matched, in order and by size, with the plain SCTP packet the same peer handed to
 * DTLS at that time (src/transport/sctp-packet.ts records those).
 */
import '../../src/node/index.js';
import { CHUNK_HEADER_BYTES, DTLS_RECORD_OVERHEAD_BYTES, FRAME_CHANNEL, RELIABLE_CHANNEL } from '../../src/transport/index.js';
import { SCTP_CHUNK, type TappedSctpPacket } from '../../src/transport/sctp-packet.js';
import type { CapturedDatagram } from './packet-capture.js';

/** What one datagram carried. */
export type WireClass = 'frames' | 'keyframes' | 'control' | 'sack' | 'forwardTsn' | 'heartbeat' | 'sctpOther' | 'rtcp' | 'stun' | 'dtls' | 'unmatched';

export const WIRE_CLASSES: readonly WireClass[] = ['frames', 'keyframes', 'control', 'sack', 'forwardTsn', 'heartbeat', 'sctpOther', 'rtcp', 'stun', 'dtls', 'unmatched'];

/** A captured datagram with its class and direction. */
export interface ClassifiedDatagram extends CapturedDatagram {
  direction: 'up' | 'down';
  wireClass: WireClass;
}

/** The class of one plain SCTP packet; reliable fragments take the class of their message's first fragment. */
function sctpClass(packet: TappedSctpPacket, reliableState: { current: WireClass }): WireClass {
  const first = packet.chunks[0];
  if (!first) return 'sctpOther';
  switch (first.type) {
    case SCTP_CHUNK.DATA: {
      if (first.streamId === FRAME_CHANNEL.id) return 'frames';
      if (first.streamId !== RELIABLE_CHANNEL.id) return 'sctpOther';
      const beginning = (first.flags & 0x02) !== 0;
      const data = first.userData!;
      // The first fragment of the first chunk of a reliable message starts with the chunk envelope, then the
      // Envelope's first tag: 1 header, 2 keyframe, 4 control.
      if (beginning && data.byteLength > CHUNK_HEADER_BYTES + 1) {
        const chunkIndex = (data[6] << 8) | data[7];
        if (chunkIndex === 0) reliableState.current = data[CHUNK_HEADER_BYTES] >> 3 === 4 ? 'control' : 'keyframes';
      }
      return reliableState.current;
    }
    case SCTP_CHUNK.SACK:
      return 'sack';
    case SCTP_CHUNK.FORWARD_TSN:
      return 'forwardTsn';
    case SCTP_CHUNK.HEARTBEAT:
    case SCTP_CHUNK.HEARTBEAT_ACK:
      return 'heartbeat';
    default:
      return 'sctpOther';
  }
}

/**
 * Classifies the datagrams between the two peers' ports. `tapped` holds each peer's SCTP packets with
 * `performance.now()` times from `tapStartMs` on; `epochOffsetMs` turns those into capture time (performance.timeOrigin).
 */
export function classifyDatagrams(
  datagrams: readonly CapturedDatagram[],
  ports: { up: number; down: number },
  tapped: { up: readonly TappedSctpPacket[]; down: readonly TappedSctpPacket[] },
  epochOffsetMs: number,
  tapStartMs: number,
): { datagrams: ClassifiedDatagram[]; unmatched: number } {
  const cursor = { up: 0, down: 0 };
  const reliable = { up: { current: 'keyframes' as WireClass }, down: { current: 'control' as WireClass } };
  const out: ClassifiedDatagram[] = [];
  let unmatched = 0;
  for (const d of datagrams) {
    const direction = d.srcPort === ports.up && d.dstPort === ports.down ? 'up' : d.srcPort === ports.down && d.dstPort === ports.up ? 'down' : undefined;
    if (!direction) continue;
    const firstByte = d.payload[0] ?? 255;
    let wireClass: WireClass;
    if (firstByte <= 3) wireClass = 'stun';
    // RFC 7983 demultiplexing: 128-191 is (S)RTP or (S)RTCP, told apart by the payload type byte (RFC 5761).
    else if (firstByte >= 128 && firstByte <= 191) wireClass = (d.payload[1] ?? 0) >= 192 && (d.payload[1] ?? 0) <= 223 ? 'rtcp' : 'frames';
    else if (firstByte !== 23) wireClass = 'dtls';
    else if (d.atMs < tapStartMs + epochOffsetMs) wireClass = 'sctpOther'; // association set-up, before the taps
    else {
      // Application data: the next tapped packet of this peer of the same size, not sent after the datagram left.
      const list = tapped[direction];
      const size = d.payload.byteLength - DTLS_RECORD_OVERHEAD_BYTES;
      let i = cursor[direction];
      while (i < list.length && list[i].bytes !== size && list[i].atMs + epochOffsetMs <= d.atMs + 1) i++;
      if (i < list.length && list[i].bytes === size) {
        wireClass = sctpClass(list[i], reliable[direction]);
        cursor[direction] = i + 1;
      } else {
        wireClass = 'unmatched';
        unmatched++;
      }
    }
    out.push({ ...d, direction, wireClass });
  }
  return { datagrams: out, unmatched };
}

/** Per-direction totals over a time window. */
export interface DirectionTotals {
  ipBytes: number;
  packets: number;
  byClass: Record<WireClass, { ipBytes: number; packets: number }>;
}

/** Adds up the datagrams of one direction whose capture time is in [fromMs, toMs). */
export function totals(datagrams: readonly ClassifiedDatagram[], direction: 'up' | 'down', fromMs: number, toMs: number): DirectionTotals {
  const byClass = Object.fromEntries(WIRE_CLASSES.map((c) => [c, { ipBytes: 0, packets: 0 }])) as DirectionTotals['byClass'];
  const t: DirectionTotals = { ipBytes: 0, packets: 0, byClass };
  for (const d of datagrams) {
    if (d.direction !== direction || d.atMs < fromMs || d.atMs >= toMs) continue;
    t.ipBytes += d.ipBytes;
    t.packets++;
    byClass[d.wireClass].ipBytes += d.ipBytes;
    byClass[d.wireClass].packets++;
  }
  return t;
}
