/** Loss and delay injection around a {@link ByteChannel}, for tests and experiments (werift's own debug loss is unusable). */
import { z } from 'zod';
import type { ByteChannel, ByteChannelEvents } from './byte-channel.js';
import { seededRandom } from './seeded-random.js';
import { TransportError } from './transport-error.js';
import { TypedEmitter } from '../typed-emitter.js';

const lossyOptionsSchema = z.strictObject({
  dropProbability: z.number().min(0).max(1).default(0),
  dropIndices: z.array(z.number().int().nonnegative()).default([]),
  delayMs: z.number().min(0).max(60_000).default(0),
  jitterMs: z.number().min(0).max(60_000).default(0),
  preserveOrder: z.boolean().default(false),
  seed: z.number().int().default(1),
});

/**
 * Options of {@link LossyChannel}. Loss applies to messages *sent* through the wrapper, like a lossy uplink.
 * `dropIf` drops chosen messages by content (e.g. every chunk of the first keyframe), besides the random and
 * by-index loss.
 */
export type LossyChannelOptions = z.input<typeof lossyOptionsSchema> & {
  dropIf?: (bytes: Uint8Array, index: number) => boolean;
};

/** Counters of a {@link LossyChannel}. */
export interface LossyChannelStats {
  /** `send()` calls seen by the wrapper. */
  messagesOffered: number;
  /** Messages dropped (random or by index). */
  messagesDropped: number;
  /** Messages handed to the inner channel. */
  messagesForwarded: number;
  /** Delayed messages that could not be forwarded because the inner channel had closed meanwhile. */
  messagesLostOnClose: number;
}

/**
 * Wraps a channel and, on send, drops messages with `dropProbability` (seeded RNG) or by 0-based send index
 * (`dropIndices`), and delays the rest by `delayMs` plus uniform jitter in [0, `jitterMs`]. With jitter,
 * messages may overtake each other unless `preserveOrder` is set (use it on ordered/reliable channels).
 * Received messages pass through untouched. `close()` cancels pending delayed sends and closes the inner channel.
 */
export class LossyChannel extends TypedEmitter<ByteChannelEvents> implements ByteChannel {
  /** Counters since construction. */
  readonly stats: LossyChannelStats = { messagesOffered: 0, messagesDropped: 0, messagesForwarded: 0, messagesLostOnClose: 0 };
  private readonly options: z.output<typeof lossyOptionsSchema>;
  private readonly dropIndices: Set<number>;
  private readonly dropIf: ((bytes: Uint8Array, index: number) => boolean) | undefined;
  private readonly random: () => number;
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: Array<() => void>;
  private lastDueMs = 0;
  private delayedBytes = 0;
  private closed = false;

  /** Wraps `inner` (which the wrapper then owns); throws `TRANSPORT_BAD_ARGUMENT` on invalid options. */
  constructor(
    readonly inner: ByteChannel,
    options: LossyChannelOptions = {},
  ) {
    super();
    const { dropIf, ...rest } = options;
    this.dropIf = dropIf;
    const parsed = lossyOptionsSchema.safeParse(rest);
    if (!parsed.success) {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid LossyChannel options: ${z.prettifyError(parsed.error)}`);
    }
    this.options = parsed.data;
    this.dropIndices = new Set(parsed.data.dropIndices);
    this.random = seededRandom(parsed.data.seed);
    this.unsubscribe = [
      inner.on('open', () => this.emit('open')),
      inner.on('message', (bytes, arrivalMs) => this.emit('message', bytes, arrivalMs)),
      inner.on('drain', () => this.emit('drain')),
      inner.on('close', () => this.close()),
    ];
  }

  /** The inner channel's label. */
  get label(): string {
    return this.inner.label;
  }

  /** Whether the inner channel is open and the wrapper not closed. */
  get isOpen(): boolean {
    return !this.closed && this.inner.isOpen;
  }

  /** The inner channel's buffered bytes plus the bytes held back by the delay. */
  get bufferedBytes(): number {
    return this.inner.bufferedBytes + this.delayedBytes;
  }

  /** Offers one message to the lossy path; errors of the inner channel are thrown as for a direct send when not delayed. */
  send(bytes: Uint8Array): void {
    if (this.closed) throw new TransportError('TRANSPORT_CLOSED', `channel "${this.label}" is closed`);
    if (!this.inner.isOpen) throw new TransportError('TRANSPORT_NOT_OPEN', `channel "${this.label}" is not open`);
    const index = this.stats.messagesOffered++;
    // Draw for every message, dropped by index or not, so the random pattern does not depend on dropIndices.
    const randomDrop = this.random() < this.options.dropProbability;
    const jitterMs = this.random() * this.options.jitterMs;
    if (randomDrop || this.dropIndices.has(index) || this.dropIf?.(bytes, index)) {
      this.stats.messagesDropped++;
      return;
    }
    const { delayMs, preserveOrder } = this.options;
    if (delayMs === 0 && jitterMs === 0) {
      this.forward(bytes);
      return;
    }
    const nowMs = performance.now();
    let dueMs = nowMs + delayMs + jitterMs;
    if (preserveOrder) dueMs = Math.max(dueMs, this.lastDueMs);
    this.lastDueMs = dueMs;
    // The caller may reuse its buffer after send() returns; a delayed send must own its bytes.
    const copy = bytes.slice();
    this.delayedBytes += copy.byteLength;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      this.delayedBytes -= copy.byteLength;
      if (this.closed || !this.inner.isOpen) {
        this.stats.messagesLostOnClose++;
        return;
      }
      this.forward(copy);
      // A delayed message that left werift at once produces no werift drain event; report the drain here.
      if (this.bufferedBytes === 0) this.emit('drain');
    }, dueMs - nowMs);
    this.pending.add(timer);
  }

  /** Cancels delayed sends, closes the inner channel and emits `close` once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.stats.messagesLostOnClose += this.pending.size;
    this.pending.clear();
    for (const off of this.unsubscribe) off();
    this.inner.close();
    this.emit('close');
    this.removeAllListeners();
  }

  private forward(bytes: Uint8Array): void {
    this.inner.send(bytes);
    this.stats.messagesForwarded++;
  }
}
