/**
 * Corrects two faults of werift 0.24.4's partial reliability (RFC 3758) that lose reliable messages when frame
 * messages (maxRetransmits 1) are given up beside them. Applied per association once the channels are open, before
 * any data; nothing of werift's files changes.
 *
 * 1. Receiver: on a FORWARD-TSN, werift moves its cumulative TSN to the forwarded point, then on over the chunks it
 *    already holds beyond it, and prunes every stream's reassembly queue up to where it ended: the held fragments of a
 *    reliable message that is still incomplete are thrown away though the peer will never send them again (they were
 *    acknowledged), the ordered stream then waits for a first fragment that never comes, and every later reliable
 *    message (keyframes, reports, profile changes) stays stuck for good. Measured through the relay at 30 % loss: the
 *    first keyframe 4.7-8 s late, or never, and 0 of 112 frames shown.
 * 2. Sender: `maybeAbandon(chunk)` looks the chunk up as the first DATA chunk in flight (`findIndex` by type) instead
 *    of the chunk itself, and marks from there: with a keyframe's fragments at the head of the queue, giving up a
 *    frame message gives up the keyframe.
 * 3. Sender: the bytes in flight leak (chunks given up while in flight are dropped from the queue without being
 *    taken off the count): once the count reaches the congestion window with nothing left in flight, no timer runs
 *    and nothing is ever sent again (seen at 30 % loss: 31 messages queued for good). The count is recomputed from
 *    the queue before each transmission.
 */
import type { RTCPeerConnection } from 'werift';

/** werift's DATA chunk flags (RFC 9260 3.3.1). */
const LAST_FRAGMENT = 0x01;
const FIRST_FRAGMENT = 0x02;
const TSN_MODULO = 2 ** 32;

interface DataChunkLike {
  tsn: number;
  bookSize: number;
  acked: boolean;
  flags: number;
  abandoned: boolean;
  retransmit: boolean;
  sentCount: number;
  maxRetransmits?: number;
  expiry?: number;
}

interface InboundStreamLike {
  streamSequenceNumber: number;
  pruneChunks(tsn: number): number;
  popMessages(): Iterable<[number, number, Buffer]>;
}

interface ForwardTsnLike {
  cumulativeTsn: number;
  streams: Array<[number, number]>;
}

interface AssociationLike {
  sentQueue: DataChunkLike[];
  flightSize: number;
  transmit(): Promise<void>;
  lastReceivedTsn: number;
  sackMisOrdered: Set<number>;
  sackDuplicates: number[];
  sackNeeded: boolean;
  sackImmediate: boolean;
  advertisedRwnd: number;
  inboundStreams: Record<number, InboundStreamLike>;
  maybeAbandon(chunk: DataChunkLike): boolean;
  receiveForwardTsnChunk(chunk: ForwardTsnLike): void;
  getInboundStream(streamId: number): InboundStreamLike;
  receive(streamId: number, ppId: number, data: Buffer): void;
}

/** Serial-number comparison of TSNs (RFC 1982), as werift does it. */
function tsnAfter(a: number, b: number): boolean {
  const half = 2 ** 31;
  return (a < b && b - a > half) || (a > b && a - b < half);
}

function association(pc: RTCPeerConnection): AssociationLike | undefined {
  const sctp = (pc.sctpTransport as unknown as { sctp?: Partial<AssociationLike> } | undefined)?.sctp;
  const fits =
    sctp &&
    Array.isArray(sctp.sentQueue) &&
    sctp.sackMisOrdered instanceof Set &&
    typeof sctp.inboundStreams === 'object' &&
    typeof sctp.maybeAbandon === 'function' &&
    typeof sctp.receiveForwardTsnChunk === 'function' &&
    typeof sctp.transmit === 'function' &&
    typeof sctp.flightSize === 'number' &&
    typeof sctp.getInboundStream === 'function';
  return fits ? (sctp as AssociationLike) : undefined;
}

/**
 * Replaces `maybeAbandon` and `receiveForwardTsnChunk` on `pc`'s association with corrected ones, and makes
 * `transmit` count the bytes in flight from the queue first. Returns false,
 * changing nothing, when werift's internals are not the ones this was written against.
 */
export function fixSctpPartialReliability(pc: RTCPeerConnection): boolean {
  const sctp = association(pc);
  if (!sctp) return false;

  const transmit = sctp.transmit;
  sctp.transmit = function transmitCountingFlight(this: AssociationLike): Promise<void> {
    // In flight: sent, neither acknowledged nor waiting to be sent again nor given up.
    let bytes = 0;
    for (const chunk of this.sentQueue) if (!chunk.acked && !chunk.retransmit && !chunk.abandoned) bytes += chunk.bookSize;
    this.flightSize = bytes;
    return transmit.call(this);
  };

  sctp.maybeAbandon = function maybeAbandon(this: AssociationLike, chunk: DataChunkLike): boolean {
    if (chunk.abandoned) return true;
    const expired = !!chunk.expiry && chunk.expiry < Date.now() / 1000;
    if (!((!!chunk.maxRetransmits && chunk.maxRetransmits < chunk.sentCount) || expired)) return false;
    const queue = this.sentQueue;
    const mark = (c: DataChunkLike): void => {
      c.abandoned = true;
      c.retransmit = false;
    };
    mark(chunk);
    const at = queue.indexOf(chunk);
    if (at < 0) return true;
    // Exactly this chunk's message: its fragments have consecutive TSNs, next to each other in the queue.
    for (let i = at; i > 0 && !(queue[i].flags & FIRST_FRAGMENT); i--) mark(queue[i - 1]);
    for (let i = at; i < queue.length - 1 && !(queue[i].flags & LAST_FRAGMENT); i++) mark(queue[i + 1]);
    return true;
  };

  sctp.receiveForwardTsnChunk = function receiveForwardTsnChunk(this: AssociationLike, chunk: ForwardTsnLike): void {
    this.sackNeeded = true;
    this.sackImmediate = true;
    const forwardedTsn = chunk.cumulativeTsn;
    if (this.lastReceivedTsn === forwardedTsn || tsnAfter(this.lastReceivedTsn, forwardedTsn)) return;
    this.lastReceivedTsn = forwardedTsn;
    const beyond = (tsn: number): boolean => tsnAfter(tsn, this.lastReceivedTsn);
    // On over what already arrived right after the forwarded point, as werift does.
    const held = [...this.sackMisOrdered].filter(beyond).sort((x, y) => (x === y ? 0 : tsnAfter(x, y) ? 1 : -1));
    for (const tsn of held) {
      if (tsn !== (this.lastReceivedTsn + 1) % TSN_MODULO) break;
      this.lastReceivedTsn = tsn;
    }
    this.sackMisOrdered = new Set([...this.sackMisOrdered].filter(beyond));
    this.sackDuplicates = this.sackDuplicates.filter(beyond);
    // Only what the sender gave up (up to the forwarded point) leaves the reassembly queues; held fragments stay.
    for (const stream of Object.values(this.inboundStreams)) this.advertisedRwnd += stream.pruneChunks(forwardedTsn);
    for (const [streamId, streamSequence] of chunk.streams) {
      this.getInboundStream(streamId).streamSequenceNumber = (streamSequence + 1) & 0xffff;
    }
    for (const [streamId, stream] of Object.entries(this.inboundStreams)) {
      for (const message of stream.popMessages()) {
        this.advertisedRwnd += message[2].length;
        this.receive(Number(streamId), message[1], message[2]);
      }
    }
  };
  return true;
}
