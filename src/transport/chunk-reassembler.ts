/** Rebuilds reliable messages from enveloped chunks and reports, with a typed error, every message it cannot rebuild. */
import { decodeChunk } from './chunk-envelope.js';
import { TransportError } from './transport-error.js';

/** Options of {@link ChunkReassembler}. */
export interface ChunkReassemblerOptions {
  /** Largest message accepted, by the envelope's `totalBytes` (protects against absurd allocations). */
  maxMessageBytes: number;
  /** A message with no new chunk for this long is discarded with `TRANSPORT_REASSEMBLY_TIMEOUT`. */
  reassemblyTimeoutMs: number;
  /** Called with each complete message and the arrival time of its last chunk. */
  onMessage: (message: Uint8Array, arrivalMs: number) => void;
  /** Called once per discarded message (missing chunk, missing message, malformed chunk, timeout, too large). */
  onDiscard: (error: TransportError) => void;
}

interface PartialMessage {
  messageId: number;
  chunkCount: number;
  nextIndex: number;
  filledBytes: number;
  buffer: Uint8Array;
}

/**
 * Reassembler for one ordered, reliable channel. Because the channel is ordered and the sender writes the chunks of a
 * message back to back, chunks of one message arrive contiguously and in order; any other pattern means chunks were
 * lost (only possible with loss injection or a broken peer), and the partial message is discarded.
 */
export class ChunkReassembler {
  private partial: PartialMessage | undefined;
  /** Id of a message already discarded, whose remaining chunks are dropped silently (one error per message). */
  private discardedId: number | undefined;
  /** Id the next new message should carry; undefined until the first chunk arrives. */
  private expectedId: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  /** Creates an empty reassembler. */
  constructor(private readonly options: ChunkReassemblerOptions) {}

  /** Feeds one received chunk. */
  push(chunk: Uint8Array, arrivalMs: number): void {
    if (this.closed) return;
    let header;
    try {
      header = decodeChunk(chunk);
    } catch (error) {
      this.options.onDiscard(error as TransportError);
      return;
    }
    const { messageId, chunkIndex, chunkCount, totalBytes, payload } = header;
    if (messageId === this.discardedId) return;

    const partial = this.partial;
    if (partial && partial.messageId !== messageId) {
      // A new message started before the previous one completed: its tail chunks are gone.
      this.discard(
        new TransportError('TRANSPORT_CHUNK_MISSING', `reliable message ${partial.messageId} lost chunks ${partial.nextIndex}..${partial.chunkCount - 1} of ${partial.chunkCount}; discarded`, {
          details: { messageId: partial.messageId, receivedChunks: partial.nextIndex, chunkCount: partial.chunkCount },
        }),
      );
    }

    if (!this.partial) {
      this.reportSkippedMessages(messageId);
      this.expectedId = (messageId + 1) >>> 0;
      if (chunkIndex !== 0) {
        this.discardedId = messageId;
        this.options.onDiscard(
          new TransportError('TRANSPORT_CHUNK_MISSING', `reliable message ${messageId} lost its first chunk(s) (got chunk ${chunkIndex} of ${chunkCount} first); discarded`, {
            details: { messageId, receivedChunks: 0, chunkCount },
          }),
        );
        return;
      }
      if (totalBytes > this.options.maxMessageBytes) {
        this.discardedId = messageId;
        this.options.onDiscard(
          new TransportError('TRANSPORT_MESSAGE_TOO_LARGE', `reliable message ${messageId} announces ${totalBytes} bytes, more than the ${this.options.maxMessageBytes} allowed; discarded`, {
            details: { messageId, totalBytes },
          }),
        );
        return;
      }
      if (chunkCount === 1) {
        if (payload.byteLength !== totalBytes) {
          this.malformed(messageId, `single-chunk message ${messageId} carries ${payload.byteLength} of ${totalBytes} bytes`);
          return;
        }
        // A view past the header: werift gives every received message its own buffer, so nothing else aliases it.
        this.options.onMessage(payload, arrivalMs);
        return;
      }
      this.partial = { messageId, chunkCount, nextIndex: 0, filledBytes: 0, buffer: new Uint8Array(totalBytes) };
    }

    const current = this.partial!;
    if (chunkCount !== current.chunkCount || totalBytes !== current.buffer.byteLength) {
      this.malformed(messageId, `chunk ${chunkIndex} of message ${messageId} disagrees with the first chunk on its size`);
      return;
    }
    if (chunkIndex !== current.nextIndex) {
      this.discard(
        new TransportError('TRANSPORT_CHUNK_MISSING', `reliable message ${messageId} lost chunk(s) ${current.nextIndex}..${chunkIndex - 1} of ${chunkCount}; discarded`, {
          details: { messageId, receivedChunks: current.nextIndex, chunkCount, missingFrom: current.nextIndex, missingTo: chunkIndex - 1 },
        }),
      );
      return;
    }
    if (current.filledBytes + payload.byteLength > current.buffer.byteLength) {
      this.malformed(messageId, `chunks of message ${messageId} overflow its ${current.buffer.byteLength} bytes`);
      return;
    }
    current.buffer.set(payload, current.filledBytes);
    current.filledBytes += payload.byteLength;
    current.nextIndex++;
    if (current.nextIndex < current.chunkCount) {
      this.armTimer();
      return;
    }
    this.partial = undefined;
    this.clearTimer();
    if (current.filledBytes !== current.buffer.byteLength) {
      this.malformed(messageId, `message ${messageId} completed with ${current.filledBytes} of ${current.buffer.byteLength} bytes`);
      return;
    }
    this.options.onMessage(current.buffer, arrivalMs);
  }

  /** Whether a split message is partly received. */
  get hasPartialMessage(): boolean {
    return this.partial !== undefined;
  }

  /** Drops any partial message silently and stops the timeout timer. Idempotent. */
  close(): void {
    this.closed = true;
    this.partial = undefined;
    this.clearTimer();
  }

  private reportSkippedMessages(messageId: number): void {
    if (this.expectedId === undefined || messageId === this.expectedId) return;
    const skipped = (messageId - this.expectedId) >>> 0;
    // A huge forward jump is a peer restart or garbage rather than loss; report it but don't pretend to count.
    this.options.onDiscard(
      new TransportError('TRANSPORT_MESSAGE_MISSING', `reliable message(s) ${this.expectedId}..${(messageId - 1) >>> 0} never arrived (${skipped} missing)`, {
        details: { firstMissingId: this.expectedId, missingCount: skipped },
      }),
    );
  }

  private malformed(messageId: number, message: string): void {
    this.discard(new TransportError('TRANSPORT_CHUNK_MALFORMED', `${message}; discarded`, { details: { messageId } }));
  }

  private discard(error: TransportError): void {
    if (this.partial) this.discardedId = this.partial.messageId;
    const id = error.details.messageId;
    if (typeof id === 'number') this.discardedId = id;
    this.partial = undefined;
    this.clearTimer();
    this.options.onDiscard(error);
  }

  private armTimer(): void {
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const partial = this.partial;
      if (!partial || this.closed) return;
      this.discard(
        new TransportError('TRANSPORT_REASSEMBLY_TIMEOUT', `reliable message ${partial.messageId} stayed incomplete (${partial.nextIndex} of ${partial.chunkCount} chunks) for ${this.options.reassemblyTimeoutMs} ms; discarded`, {
          details: { messageId: partial.messageId, receivedChunks: partial.nextIndex, chunkCount: partial.chunkCount },
        }),
      );
    }, this.options.reassemblyTimeoutMs);
    // The timer only guards against a stalled peer; it must never keep the process alive by itself.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
