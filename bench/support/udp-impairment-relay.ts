/**
 * A userspace UDP relay between two peers that impairs what it forwards (loss, Gilbert-Elliott bursts, delay with
 * jitter, reordering, a token-bucket rate cap with a bounded queue, outages): the path conditions of
 * bench/support/netns.ts for kernels without sch_netem. Each peer is told (through its remote ICE candidates, see
 * {@link relayCandidateRewrite}) that the other sits at the relay's port for it, so every datagram of the call goes
 * through here; the counters say how many did. Node `dgram`: bench and test code, never the browser core.
 */
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { seededRandom } from '../../src/transport/seeded-random.js';
import { pathConditionSchema, type PathCondition } from './netns.js';

/** Errors of the relay, with a code to branch on. */
export class RelayError extends Error {
  constructor(
    readonly code: 'RELAY_BAD_ARGUMENT' | 'RELAY_CLOSED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RelayError';
  }
}

const relayOptionsSchema = z.strictObject({
  host: z.string().default('127.0.0.1'),
  condition: pathConditionSchema.default({}),
  /** Seeds the loss, jitter and reordering draws (each direction gets its own stream). */
  seed: z.number().int().default(1),
  /**
   * Bytes a rate-capped direction may hold waiting for the link (tail drop beyond), when the condition has a rate;
   * default: one second at the rate, at least 4500 B, as the tbf queue of the netns bench.
   */
  queueBytes: z.number().int().min(0).optional(),
});

/** Options of {@link UdpImpairmentRelay.start}. */
export type RelayOptions = z.input<typeof relayOptionsSchema>;

/** One direction's counters. */
export interface RelayDirectionStats {
  /** Datagrams that arrived from the sending peer. */
  received: number;
  /** Of those, STUN (ICE connectivity checks and consent); the rest is DTLS/SCTP and SRTP, what a PeerLink counts. */
  receivedStun: number;
  receivedBytes: number;
  /** Datagrams handed on to the other peer, and their UDP payload bytes. */
  delivered: number;
  deliveredBytes: number;
  droppedLoss: number;
  droppedQueue: number;
  droppedOutage: number;
  /** Arrived before the other peer had sent anything, so there was nowhere to send them yet. */
  droppedNoPeer: number;
  /** Delivered after a datagram that arrived after them (overtaken). */
  reordered: number;
  /** Most bytes waiting in the rate cap's queue at once. */
  maxQueuedBytes: number;
}

/** Which peer a relay socket faces. */
export type RelaySide = 'a' | 'b';

/** One direction's impairment state: the loss model's state, the rate cap's virtual clock, order bookkeeping. */
class Direction {
  readonly stats: RelayDirectionStats = {
    received: 0,
    receivedStun: 0,
    receivedBytes: 0,
    delivered: 0,
    deliveredBytes: 0,
    droppedLoss: 0,
    droppedQueue: 0,
    droppedOutage: 0,
    droppedNoPeer: 0,
    reordered: 0,
    maxQueuedBytes: 0,
  };
  private readonly random: () => number;
  private bad = false;
  /** When the capped link finishes sending what it already holds (performance.now() ms). */
  private linkFreeMs = 0;
  /** Latest delivery time handed out to an in-order datagram: jitter alone does not reorder. */
  private lastDeliveryMs = 0;
  private arrivals = 0;
  private lastDeliveredArrival = -1;

  constructor(
    private readonly condition: z.output<typeof pathConditionSchema>,
    private readonly queueBytes: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** Decides a datagram's fate: undefined when dropped, else when it is delivered (performance.now() ms). */
  admit(bytes: number, nowMs: number, outage: boolean): { atMs: number; arrival: number } | undefined {
    const c = this.condition;
    const arrival = this.arrivals++;
    if (outage) {
      this.stats.droppedOutage++;
      return undefined;
    }
    if (this.lost()) {
      this.stats.droppedLoss++;
      return undefined;
    }
    let departMs = nowMs;
    if (c.rateKbit !== undefined) {
      const queuedBytes = Math.max(0, ((this.linkFreeMs - nowMs) * c.rateKbit) / 8);
      if (queuedBytes + bytes > this.queueBytes + 1e-6) {
        this.stats.droppedQueue++;
        return undefined;
      }
      this.stats.maxQueuedBytes = Math.max(this.stats.maxQueuedBytes, Math.round(queuedBytes + bytes));
      // The datagram's IP and UDP headers take link time too (28 B on IPv4), as they do under tbf.
      this.linkFreeMs = Math.max(this.linkFreeMs, nowMs) + ((bytes + 28) * 8) / c.rateKbit;
      departMs = this.linkFreeMs;
    }
    let deliverMs = departMs;
    // netem's reorder: that share of datagrams skips the delay, overtaking the ones still waiting.
    const jumps = c.reorder !== undefined && this.random() * 100 < c.reorder;
    if (!jumps && c.delayMs !== undefined) {
      deliverMs += Math.max(0, c.delayMs + (c.jitterMs ? c.jitterMs * this.normal() : 0));
      deliverMs = Math.max(deliverMs, this.lastDeliveryMs);
      this.lastDeliveryMs = deliverMs;
    }
    return { atMs: deliverMs, arrival };
  }

  delivered(bytes: number, arrival: number): void {
    this.stats.delivered++;
    this.stats.deliveredBytes += bytes;
    if (arrival < this.lastDeliveredArrival) this.stats.reordered++;
    else this.lastDeliveredArrival = arrival;
  }

  private lost(): boolean {
    const c = this.condition;
    if (c.burstLoss) {
      // Gilbert-Elliott as netem's gemodel: move between the states first, then lose with the state's probability.
      if (this.bad) {
        if (this.random() * 100 < c.burstLoss.r) this.bad = false;
      } else if (this.random() * 100 < c.burstLoss.p) {
        this.bad = true;
      }
      if (this.bad && this.random() * 100 < c.burstLoss.lossInBad) return true;
    }
    return c.loss !== undefined && this.random() * 100 < c.loss;
  }

  /** A standard normal draw (Box-Muller). */
  private normal(): number {
    const u = Math.max(this.random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
  }
}

/**
 * Two UDP sockets on `host`: peer A talks to {@link port}('a'), peer B to {@link port}('b'). What arrives on A's
 * socket goes out of B's to the address B last sent from, and the other way round, so each peer sees the other at
 * the relay port it was told about. Each direction is impaired independently by the same condition.
 */
export class UdpImpairmentRelay {
  private readonly sockets: Record<RelaySide, dgram.Socket>;
  private readonly peers: Record<RelaySide, { address: string; port: number } | undefined> = { a: undefined, b: undefined };
  /** a: datagrams from peer A towards B; b: from B towards A. */
  private directions: Record<RelaySide, Direction>;
  private readonly seed: number;
  private readonly queueBytesOption: number | undefined;
  /** Datagrams to send out of each socket, by delivery time. */
  private readonly pending: Record<RelaySide, Pending[]> = { a: [], b: [] };
  private readonly timers: Record<RelaySide, NodeJS.Timeout | undefined> = { a: undefined, b: undefined };
  private outage = false;
  private closed = false;

  private constructor(sockets: Record<RelaySide, dgram.Socket>, condition: z.output<typeof pathConditionSchema>, queueBytes: number | undefined, seed: number) {
    this.sockets = sockets;
    this.seed = seed;
    this.queueBytesOption = queueBytes;
    this.directions = this.makeDirections(condition);
    for (const side of ['a', 'b'] as const) sockets[side].on('message', (bytes, from) => this.onDatagram(side, bytes, from));
  }

  /** Binds both sockets on ephemeral ports of `host`; throws `RELAY_BAD_ARGUMENT` on invalid options. */
  static async start(options: RelayOptions = {}): Promise<UdpImpairmentRelay> {
    const parsed = relayOptionsSchema.safeParse(options);
    if (!parsed.success) throw new RelayError('RELAY_BAD_ARGUMENT', `invalid relay options: ${z.prettifyError(parsed.error)}`);
    const { host, condition, seed } = parsed.data;
    checkCondition(condition);
    const bind = (): Promise<dgram.Socket> =>
      new Promise((resolve, reject) => {
        const socket = dgram.createSocket('udp4');
        socket.once('error', reject);
        socket.bind(0, host, () => {
          socket.off('error', reject);
          resolve(socket);
        });
      });
    const [a, b] = await Promise.all([bind(), bind()]);
    return new UdpImpairmentRelay({ a, b }, condition, parsed.data.queueBytes, seed);
  }

  /**
   * Applies another condition from now on (fresh loss state, rate queue and counters' order bookkeeping; the
   * counters go on). werift's ICE and DTLS setup are fragile under heavy loss (at 30 % a call took 10 s or did not
   * open within 15 s), so benches connect on a clean path and then impair it.
   */
  setCondition(condition: PathCondition): void {
    const parsed = pathConditionSchema.safeParse(condition);
    if (!parsed.success) throw new RelayError('RELAY_BAD_ARGUMENT', `invalid path condition: ${z.prettifyError(parsed.error)}`);
    checkCondition(parsed.data);
    const stats = this.stats();
    this.directions = this.makeDirections(parsed.data);
    Object.assign(this.directions.a.stats, stats.aToB);
    Object.assign(this.directions.b.stats, stats.bToA);
  }

  private makeDirections(condition: z.output<typeof pathConditionSchema>): Record<RelaySide, Direction> {
    // Default queue: one second at the rate, at least 4500 B, as the tbf queue of the netns bench.
    const queueBytes = this.queueBytesOption ?? (condition.rateKbit === undefined ? 0 : Math.max(4500, Math.round((condition.rateKbit * 1000) / 8)));
    return { a: new Direction(condition, queueBytes, this.seed * 2 + 1), b: new Direction(condition, queueBytes, this.seed * 2 + 2) };
  }

  /** The host both sockets are bound to. */
  get host(): string {
    return this.sockets.a.address().address;
  }

  /** The port peer `side` sends to (the port it must believe the other peer has). */
  port(side: RelaySide): number {
    return (this.sockets[side].address() as AddressInfo).port;
  }

  /** Drops everything both ways while on (datagrams already on their way still arrive). */
  setOutage(on: boolean): void {
    this.outage = on;
  }

  /** Counters per direction: `aToB` counts what peer A sent, `bToA` what peer B sent. */
  stats(): { aToB: RelayDirectionStats; bToA: RelayDirectionStats } {
    return { aToB: { ...this.directions.a.stats }, bToA: { ...this.directions.b.stats } };
  }

  /** Closes both sockets and drops what is still delayed; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const side of ['a', 'b'] as const) {
      clearTimeout(this.timers[side]);
      this.pending[side].length = 0;
    }
    await Promise.all(Object.values(this.sockets).map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  }

  private onDatagram(from: RelaySide, bytes: Buffer, sender: dgram.RemoteInfo): void {
    if (this.closed) return;
    // The latest source: a peer that reconnects comes from a new port.
    this.peers[from] = { address: sender.address, port: sender.port };
    const direction = this.directions[from];
    const stats = direction.stats;
    stats.received++;
    stats.receivedBytes += bytes.byteLength;
    // RFC 7983: STUN's first byte is 0-3, DTLS 20-63, RTP/RTCP 128-191.
    if (bytes.byteLength > 0 && bytes[0] <= 3) stats.receivedStun++;
    const to: RelaySide = from === 'a' ? 'b' : 'a';
    if (!this.peers[to]) {
      stats.droppedNoPeer++;
      return;
    }
    const fate = direction.admit(bytes.byteLength, performance.now(), this.outage);
    if (!fate) return;
    this.schedule(to, { atMs: fate.atMs, bytes, arrival: fate.arrival, direction });
  }

  /**
   * Queues a datagram for delivery at its time. One queue and one timer per outgoing socket, in delivery-time order
   * (ties in arrival order): separate timers of about the same time may fire in either order, which would reorder
   * datagrams the condition meant to keep in order.
   */
  private schedule(to: RelaySide, item: Pending): void {
    const queue = this.pending[to];
    let i = queue.length;
    while (i > 0 && queue[i - 1].atMs > item.atMs) i--;
    queue.splice(i, 0, item);
    if (i === 0) this.arm(to);
  }

  private arm(to: RelaySide): void {
    clearTimeout(this.timers[to]);
    this.timers[to] = undefined;
    const queue = this.pending[to];
    if (queue.length === 0 || this.closed) return;
    this.timers[to] = setTimeout(() => this.flush(to), Math.max(0, queue[0].atMs - performance.now()));
  }

  private flush(to: RelaySide): void {
    this.timers[to] = undefined;
    const queue = this.pending[to];
    const nowMs = performance.now();
    let n = 0;
    // Timers fire up to a millisecond early or late; what is due within half a millisecond goes now.
    while (n < queue.length && queue[n].atMs <= nowMs + 0.5) n++;
    const peer = this.peers[to];
    for (const item of queue.splice(0, n)) {
      if (this.closed || !peer) break;
      this.sockets[to].send(item.bytes, peer.port, peer.address);
      item.direction.delivered(item.bytes.byteLength, item.arrival);
    }
    this.arm(to);
  }
}

function checkCondition(condition: z.output<typeof pathConditionSchema>): void {
  if (condition.reorder !== undefined && !condition.delayMs) throw new RelayError('RELAY_BAD_ARGUMENT', 'reorder needs delayMs (reordered datagrams are the ones not delayed)');
}

/** A datagram waiting for its delivery time. */
interface Pending {
  atMs: number;
  bytes: Buffer;
  arrival: number;
  direction: Direction;
}

/**
 * A PeerLink `rewriteRemoteCandidate` that points every UDP candidate of the remote peer on `onlyAddress` at the
 * relay (`host`:`port`) and drops every other candidate, so the direct path is never tried.
 */
export function relayCandidateRewrite(host: string, port: number, onlyAddress = '127.0.0.1'): (candidate: string) => string | undefined {
  return (candidate) => {
    // candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...
    const fields = candidate.split(' ');
    if (fields.length < 8 || fields[2].toLowerCase() !== 'udp' || fields[4] !== onlyAddress) return undefined;
    fields[4] = host;
    fields[5] = String(port);
    return fields.join(' ');
  };
}

export type { PathCondition };
