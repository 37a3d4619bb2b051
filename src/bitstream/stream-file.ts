/** The `.fcs` stream file: a 4-byte magic, then length-delimited envelopes (varint length + message bytes). */
import { BitstreamError } from './errors.js';
import { MAX_MESSAGE_BYTES, decodeMessage, encodeMessage, type StreamMessage } from './messages.js';

export const STREAM_FILE_MAGIC = new Uint8Array([0x46, 0x43, 0x53, 0x31]); // "FCS1"

/** Collects messages into one `.fcs` byte buffer. */
export class StreamFileWriter {
  private readonly chunks: Uint8Array[] = [STREAM_FILE_MAGIC];
  private bytes = STREAM_FILE_MAGIC.length;

  /** Appends a message; returns the bytes it took in the file (length prefix included). */
  add(message: StreamMessage): number {
    const body = encodeMessage(message);
    const prefix = encodeVarint(body.length);
    this.chunks.push(prefix, body);
    this.bytes += prefix.length + body.length;
    return prefix.length + body.length;
  }

  get byteLength(): number {
    return this.bytes;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.bytes);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** A message read from a stream file, with the byte size it had on the wire (without the length prefix). */
export interface StreamFileEntry {
  message: StreamMessage;
  byteLength: number;
}

/** Reads every message of a `.fcs` buffer in order; throws BitstreamError on a bad magic or a truncated entry. */
export function* readStreamFile(bytes: Uint8Array): Generator<StreamFileEntry> {
  if (bytes.length < 4 || STREAM_FILE_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new BitstreamError('INVALID_MESSAGE', 'not a facecodec stream file (bad magic)');
  }
  let at = 4;
  while (at < bytes.length) {
    let length = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length) throw new BitstreamError('TRUNCATED', 'stream file ends inside a length prefix');
      const b = bytes[at++];
      length += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new BitstreamError('CORRUPT', 'length prefix too long');
    }
    if (length > MAX_MESSAGE_BYTES) throw new BitstreamError('TOO_LARGE', `entry of ${length} bytes`);
    if (at + length > bytes.length) throw new BitstreamError('TRUNCATED', 'stream file ends inside a message');
    const body = bytes.subarray(at, at + length);
    at += length;
    yield { message: decodeMessage(body), byteLength: length };
  }
}

function encodeVarint(n: number): Uint8Array {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Uint8Array.from(out);
}
