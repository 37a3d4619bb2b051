/**
 * The clear header in front of every encrypted packet, SFrame-style (RFC 9605 in spirit, fixed-size here):
 * `version (1 B) | key id (4 B, big-endian) | counter (6 B, big-endian)`, then AES-GCM ciphertext and 16-byte tag.
 * The key id is `epoch mod 256` in its top byte and the sender id in the low 24 bits; the whole header is the
 * AEAD's associated data, so changing any bit of it fails authentication.
 */
import { E2eeError } from './e2ee-error.js';

/** Format version in the first byte; a receiver refuses any other. */
export const SFRAME_VERSION = 0x5f;
/** Header bytes before the ciphertext. */
export const SFRAME_HEADER_BYTES = 11;
/** AES-GCM tag bytes after the ciphertext. */
export const SFRAME_TAG_BYTES = 16;
/** Bytes an encrypted packet adds to its plaintext. */
export const SFRAME_OVERHEAD_BYTES = SFRAME_HEADER_BYTES + SFRAME_TAG_BYTES;
/** Largest sender id (24 bits). */
export const MAX_SENDER_ID = 0xff_ffff;
/** Largest counter (48 bits): a sender needs a new epoch after this many packets. */
export const MAX_COUNTER = 2 ** 48 - 1;

/** The fields of a packet header. */
export interface SframeHeader {
  /** `epoch mod 256`. */
  epochByte: number;
  senderId: number;
  counter: number;
}

/** Key id of a sender in an epoch. */
export function keyIdOf(epoch: number, senderId: number): number {
  return (((epoch & 0xff) << 24) | senderId) >>> 0;
}

/** Writes the header into the first {@link SFRAME_HEADER_BYTES} of `out`. */
export function writeHeader(out: Uint8Array, header: SframeHeader): void {
  const view = new DataView(out.buffer, out.byteOffset, SFRAME_HEADER_BYTES);
  view.setUint8(0, SFRAME_VERSION);
  view.setUint32(1, keyIdOf(header.epochByte, header.senderId));
  // 48-bit counter as 16 + 32 bits: DataView has no 48-bit setter and BigInt is slower on the per-frame path.
  view.setUint16(5, Math.floor(header.counter / 2 ** 32));
  view.setUint32(7, header.counter >>> 0);
}

/** Reads a packet's header; throws `E2EE_TRUNCATED` when the packet cannot hold a header and a tag or has another version. */
export function readHeader(packet: Uint8Array): SframeHeader {
  if (!(packet instanceof Uint8Array)) throw new E2eeError('E2EE_BAD_ARGUMENT', 'an encrypted packet must be a Uint8Array');
  if (packet.byteLength < SFRAME_OVERHEAD_BYTES) {
    throw new E2eeError('E2EE_TRUNCATED', `encrypted packet of ${packet.byteLength} bytes is shorter than its ${SFRAME_OVERHEAD_BYTES}-byte header and tag`);
  }
  const view = new DataView(packet.buffer, packet.byteOffset, SFRAME_HEADER_BYTES);
  const version = view.getUint8(0);
  if (version !== SFRAME_VERSION) throw new E2eeError('E2EE_TRUNCATED', `not an encrypted facecodec packet (version byte 0x${version.toString(16)})`);
  const keyId = view.getUint32(1);
  return { epochByte: keyId >>> 24, senderId: keyId & MAX_SENDER_ID, counter: view.getUint16(5) * 2 ** 32 + view.getUint32(7) };
}

/** The 12-byte AES-GCM nonce: the key's salt XOR the counter in its last 6 bytes (unique per key while the counter is). */
export function nonceOf(salt: Uint8Array, counter: number): Uint8Array {
  const nonce = salt.slice(0, 12);
  const high = Math.floor(counter / 2 ** 32);
  nonce[6] ^= (high >>> 8) & 0xff;
  nonce[7] ^= high & 0xff;
  nonce[8] ^= (counter >>> 24) & 0xff;
  nonce[9] ^= (counter >>> 16) & 0xff;
  nonce[10] ^= (counter >>> 8) & 0xff;
  nonce[11] ^= counter & 0xff;
  return nonce;
}
