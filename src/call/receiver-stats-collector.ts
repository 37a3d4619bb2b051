/** Counts what a receiver saw per reporting interval and in total: arrivals, sequence-gap loss, drops, delay, bytes. */
import type { ReceiverStats } from '../bitstream/index.js';
import { percentile } from './percentile.js';
import { SampleReservoir } from './sample-reservoir.js';

/** Why an arrived frame was not shown. */
export type FrameDropReason = 'stale' | 'undecodable' | 'held-timeout' | 'corrupt';

/** Totals since the session started. */
export interface ReceiverTotals {
  /** Frame packets that arrived (duplicates excluded). */
  framesReceived: number;
  /** Sequence numbers never seen between the first and the newest arrival. */
  framesLost: number;
  /** Arrived but not shown, all reasons. */
  framesDropped: number;
  /** Per reason. */
  dropsByReason: Record<FrameDropReason, number>;
  /** Frames decoded and delivered. */
  framesDecoded: number;
  /** Frame payload bytes that arrived. */
  frameBytesReceived: number;
  /** Reliable payload bytes (header, keyframes, control) that arrived. */
  reliableBytesReceived: number;
  /**
   * Capture-to-decoded delays of delivered frames, ms (for the session's own percentiles): all of them up to 8192,
   * then a uniform sample of that many (an array of every delay grew by 8 bytes a frame for as long as a call ran).
   */
  delaysMs: SampleReservoir;
}

/**
 * Accumulates a receiver's counters. {@link takeInterval} closes the current interval and returns the
 * `receiver-stats` control message's fields: cumulative counts, the interval's loss fraction (from sequence gaps, as
 * RTCP's fraction lost), the interval's delay percentiles and receive rate.
 */
export class ReceiverStatsCollector {
  readonly totals: ReceiverTotals = {
    framesReceived: 0,
    framesLost: 0,
    framesDropped: 0,
    dropsByReason: { stale: 0, undecodable: 0, 'held-timeout': 0, corrupt: 0 },
    framesDecoded: 0,
    frameBytesReceived: 0,
    reliableBytesReceived: 0,
    delaysMs: new SampleReservoir(),
  };
  private firstSequence = -1;
  private newestSequence = -1;
  private newestAtIntervalStart = -1;
  private receivedInInterval = 0;
  private bytesInInterval = 0;
  private delaysInInterval: number[] = [];
  private intervalStartMs: number;
  /** Recently seen sequences, so a duplicate (SCTP retransmission of a delivered message) is not counted twice. */
  private readonly seen = new Set<number>();

  /** Starts the first interval at `nowMs`. */
  constructor(nowMs: number) {
    this.intervalStartMs = nowMs;
  }

  /** A frame packet with unwrapped `sequence` and `byteCount` payload bytes arrived. */
  frameArrived(sequence: number, byteCount: number): void {
    this.totals.frameBytesReceived += byteCount;
    this.bytesInInterval += byteCount;
    if (this.seen.has(sequence)) return;
    this.seen.add(sequence);
    if (this.seen.size > 256) this.seen.delete(this.seen.values().next().value!);
    if (this.firstSequence < 0) {
      this.firstSequence = sequence;
      this.newestAtIntervalStart = sequence - 1;
    }
    this.totals.framesReceived++;
    this.receivedInInterval++;
    if (sequence > this.newestSequence) this.newestSequence = sequence;
    this.totals.framesLost = Math.max(0, this.newestSequence - this.firstSequence + 1 - this.totals.framesReceived);
  }

  /** A reliable message of `byteCount` bytes arrived. */
  reliableArrived(byteCount: number): void {
    this.totals.reliableBytesReceived += byteCount;
    this.bytesInInterval += byteCount;
  }

  /** A frame was decoded and delivered `delayMs` after its capture. */
  frameDecoded(delayMs: number): void {
    this.totals.framesDecoded++;
    this.totals.delaysMs.add(delayMs);
    this.delaysInInterval.push(delayMs);
  }

  /** `count` arrived frames were not shown. */
  frameDropped(reason: FrameDropReason, count = 1): void {
    this.totals.framesDropped += count;
    this.totals.dropsByReason[reason] += count;
  }

  /** Closes the interval ending at `nowMs` and returns the report for it. */
  takeInterval(nowMs: number): ReceiverStats {
    const expected = this.newestSequence - this.newestAtIntervalStart;
    const lossFraction = expected > 0 ? Math.min(1, Math.max(0, (expected - this.receivedInInterval) / expected)) : 0;
    const elapsedMs = Math.max(1, nowMs - this.intervalStartMs);
    const report: ReceiverStats = {
      framesReceived: this.totals.framesReceived,
      framesLost: this.totals.framesLost,
      framesDropped: this.totals.framesDropped,
      lossFraction,
      delayMsP50: Math.max(0, percentile(this.delaysInInterval, 0.5)),
      delayMsP95: Math.max(0, percentile(this.delaysInInterval, 0.95)),
      receiveKbps: (this.bytesInInterval * 8) / elapsedMs,
    };
    this.newestAtIntervalStart = this.newestSequence;
    this.receivedInInterval = 0;
    this.bytesInInterval = 0;
    this.delaysInInterval = [];
    this.intervalStartMs = nowMs;
    return report;
  }
}
