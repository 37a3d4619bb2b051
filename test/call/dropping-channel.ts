/** Test helper: a ByteChannel wrapper that drops every chunk of chosen reliable messages (e.g. the first keyframe). */
import { decodeMessage, type StreamMessage } from '../../src/bitstream/index.js';
import { decodeChunk, type ByteChannel, type ByteChannelEvents } from '../../src/transport/index.js';
import { TypedEmitter } from '../../src/transport/typed-emitter.js';

/** Decides from a reliable message's first chunk (its decoded envelope when it fits in one chunk) whether to drop it. */
export type DropRule = (message: StreamMessage | undefined) => boolean;

/** Wraps a reliable channel; outgoing chunks of messages matched by `rule` never reach the inner channel. */
export class DroppingChannel extends TypedEmitter<ByteChannelEvents> implements ByteChannel {
  /** Kinds of the messages dropped, in order. */
  readonly dropped: string[] = [];
  private droppingId: number | undefined;
  private readonly offs: Array<() => void>;

  constructor(
    private readonly inner: ByteChannel,
    private readonly rule: DropRule,
  ) {
    super();
    this.offs = [
      inner.on('open', () => this.emit('open')),
      inner.on('message', (bytes, arrivalMs) => this.emit('message', bytes, arrivalMs)),
      inner.on('drain', () => this.emit('drain')),
      inner.on('close', () => this.close()),
    ];
  }

  get label(): string {
    return this.inner.label;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  get bufferedBytes(): number {
    return this.inner.bufferedBytes;
  }

  send(bytes: Uint8Array): void {
    const chunk = decodeChunk(bytes);
    if (chunk.chunkIndex === 0) {
      let message: StreamMessage | undefined;
      try {
        message = chunk.chunkCount === 1 ? decodeMessage(chunk.payload) : undefined;
      } catch {
        message = undefined;
      }
      this.droppingId = this.rule(message) ? chunk.messageId : undefined;
      if (this.droppingId !== undefined) this.dropped.push(message?.type ?? 'multi-chunk');
    }
    if (chunk.messageId === this.droppingId) return;
    this.inner.send(bytes);
  }

  close(): void {
    for (const off of this.offs) off();
    this.inner.close();
    this.emit('close');
    this.removeAllListeners();
  }
}
