/** Thin, typed wrappers over the generated protobuf code: every decode of outside bytes ends in a BitstreamError. */
import { facecodec } from './generated/facecodec.js';
import { BitstreamError } from './errors.js';

export const pb = facecodec.v1;
export type PbFramePacket = facecodec.v1.FramePacket;
export type PbEnvelope = facecodec.v1.Envelope;

/** Runs a generated decoder, turning its plain Errors (truncation, bad wire types) into BitstreamErrors. */
export function decodeWith<T>(what: string, bytes: Uint8Array, decode: (b: Uint8Array) => T): T {
  if (!(bytes instanceof Uint8Array)) throw new BitstreamError('INVALID_MESSAGE', `${what}: expected bytes`);
  try {
    return decode(bytes);
  } catch (err) {
    if (err instanceof BitstreamError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const code = /index out of range|premature|truncat/i.test(message) ? 'TRUNCATED' : 'CORRUPT';
    throw new BitstreamError(code, `${what}: ${message}`, { cause: err });
  }
}
