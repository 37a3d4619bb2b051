/** Test helper: a LossyChannel that drops every chunk of chosen reliable messages (e.g. the first keyframe). */
import { decodeMessage, type StreamMessage } from '../../src/bitstream/index.js';
import { decodeChunk, LossyChannel, type ByteChannel } from '../../src/transport/index.js';

/** Decides from a reliable message's first chunk (its decoded envelope when it fits in one chunk) whether to drop it. */
export type DropRule = (message: StreamMessage | undefined) => boolean;

/** Wraps a reliable channel; outgoing chunks of messages matched by `rule` never reach the inner channel. */
export function droppingChannel(inner: ByteChannel, rule: DropRule): { channel: LossyChannel; dropped: string[] } {
  const dropped: string[] = [];
  let droppingId: number | undefined;
  const channel = new LossyChannel(inner, {
    dropIf: (bytes) => {
      const chunk = decodeChunk(bytes);
      if (chunk.chunkIndex === 0) {
        let message: StreamMessage | undefined;
        try {
          message = chunk.chunkCount === 1 ? decodeMessage(chunk.payload) : undefined;
        } catch {
          message = undefined;
        }
        droppingId = rule(message) ? chunk.messageId : undefined;
        if (droppingId !== undefined) dropped.push(message?.type ?? 'multi-chunk');
      }
      return chunk.messageId === droppingId;
    },
  });
  return { channel, dropped };
}
