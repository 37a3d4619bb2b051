/** The transport's own envelope around reliable messages, so messages above the ~64 KB data-channel limit can be split. */
import { TransportError } from './transport-error.js';

/** Envelope format version; the first byte of every reliable chunk. */
export const CHUNK_ENVELOPE_VERSION = 1;

/**
 * Bytes of the envelope header: version u8, flags u8 (reserved, 0), messageId u32, chunkIndex u16,
 * chunkCount u16, totalBytes u32 — all big-endian.
 */
export const CHUNK_HEADER_BYTES = 14;

/** Most chunks one message may have (u16 index). */
export const MAX_CHUNKS_PER_MESSAGE = 0xffff;

/** The decoded header of one chunk plus a view of its payload (no copy). */
export interface ChunkHeader {
  /** Sender-assigned id, incremented by one per reliable message (wraps at 2^32). */
  messageId: number;
  /** 0-based position of this chunk in its message. */
  chunkIndex: number;
  /** Number of chunks of the message (>= 1). */
  chunkCount: number;
  /** Size of the whole reassembled message. */
  totalBytes: number;
  /** This chunk's part of the message (a view into the received buffer). */
  payload: Uint8Array;
}

/**
 * Splits `message` into enveloped chunks of at most `chunkPayloadBytes` payload each (an empty message gives one
 * empty chunk). Each chunk is a fresh buffer: werift queues views of what it is given, so they must not be reused.
 */
export function encodeChunks(message: Uint8Array, messageId: number, chunkPayloadBytes: number): Uint8Array[] {
  if (!Number.isInteger(chunkPayloadBytes) || chunkPayloadBytes < 1) {
    throw new TransportError('TRANSPORT_BAD_ARGUMENT', `chunkPayloadBytes must be a positive integer, got ${chunkPayloadBytes}`);
  }
  const chunkCount = Math.max(1, Math.ceil(message.byteLength / chunkPayloadBytes));
  if (chunkCount > MAX_CHUNKS_PER_MESSAGE || message.byteLength > 0xffffffff) {
    throw new TransportError(
      'TRANSPORT_MESSAGE_TOO_LARGE',
      `a ${message.byteLength}-byte message needs ${chunkCount} chunks of ${chunkPayloadBytes} bytes; at most ${MAX_CHUNKS_PER_MESSAGE} fit the envelope`,
    );
  }
  const chunks: Uint8Array[] = new Array(chunkCount);
  for (let index = 0; index < chunkCount; index++) {
    const start = index * chunkPayloadBytes;
    const end = Math.min(message.byteLength, start + chunkPayloadBytes);
    const chunk = new Uint8Array(CHUNK_HEADER_BYTES + end - start);
    const view = new DataView(chunk.buffer);
    view.setUint8(0, CHUNK_ENVELOPE_VERSION);
    view.setUint8(1, 0);
    view.setUint32(2, messageId >>> 0);
    view.setUint16(6, index);
    view.setUint16(8, chunkCount);
    view.setUint32(10, message.byteLength);
    chunk.set(message.subarray(start, end), CHUNK_HEADER_BYTES);
    chunks[index] = chunk;
  }
  return chunks;
}

/** Parses one chunk's header; throws `TRANSPORT_CHUNK_MALFORMED` when it is short, of another version or inconsistent. */
export function decodeChunk(chunk: Uint8Array): ChunkHeader {
  if (chunk.byteLength < CHUNK_HEADER_BYTES) {
    throw new TransportError('TRANSPORT_CHUNK_MALFORMED', `reliable chunk of ${chunk.byteLength} bytes is shorter than its ${CHUNK_HEADER_BYTES}-byte header`);
  }
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const version = view.getUint8(0);
  if (version !== CHUNK_ENVELOPE_VERSION) {
    throw new TransportError('TRANSPORT_CHUNK_MALFORMED', `reliable chunk has envelope version ${version}, expected ${CHUNK_ENVELOPE_VERSION}`);
  }
  const header: ChunkHeader = {
    messageId: view.getUint32(2),
    chunkIndex: view.getUint16(6),
    chunkCount: view.getUint16(8),
    totalBytes: view.getUint32(10),
    payload: chunk.subarray(CHUNK_HEADER_BYTES),
  };
  if (header.chunkCount === 0 || header.chunkIndex >= header.chunkCount || header.payload.byteLength > header.totalBytes) {
    throw new TransportError(
      'TRANSPORT_CHUNK_MALFORMED',
      `inconsistent reliable chunk: index ${header.chunkIndex} of ${header.chunkCount}, ${header.payload.byteLength} payload bytes of ${header.totalBytes}`,
      { details: { messageId: header.messageId } },
    );
  }
  return header;
}
