/** Reads the sequence number of a raw frame packet without decoding it, and unwraps it against the newest one seen. */
import { SEQUENCE_MODULUS } from '../bitstream/index.js';

/**
 * The wire sequence (0..16383) of a `FramePacket` (protobuf field 1, varint), or `undefined` when the bytes are not
 * a well-formed packet prefix. proto3 omits a zero field, so a packet without field 1 has sequence 0. Used by the
 * receiver's frame filter, which runs on every arriving packet and must not pay for a full decode.
 */
export function peekFrameSequence(bytes: Uint8Array): number | undefined {
  let offset = 0;
  while (offset < bytes.length) {
    const tag = readVarint(bytes, offset);
    if (!tag) return undefined;
    offset = tag.next;
    const field = tag.value >>> 3;
    const wireType = tag.value & 7;
    if (wireType === 0) {
      const value = readVarint(bytes, offset);
      if (!value) return undefined;
      if (field === 1) return value.value < SEQUENCE_MODULUS ? value.value : undefined;
      offset = value.next;
    } else if (wireType === 2) {
      const length = readVarint(bytes, offset);
      if (!length || length.next + length.value > bytes.length) return undefined;
      offset = length.next + length.value;
    } else {
      return undefined;
    }
  }
  return 0;
}

/** Reads one varint of at most 5 bytes (all FramePacket integers are 32-bit). */
function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = 0; i < 5 && start + i < bytes.length; i++) {
    const byte = bytes[start + i];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return { value, next: start + i + 1 };
  }
  return undefined;
}

/**
 * Unwraps a wire sequence to the full counter closest to `newest` (the newest unwrapped sequence seen, or -1 before
 * the first packet), the same rule the FrameDecoder applies.
 */
export function unwrapSequence(wire: number, newest: number): number {
  if (newest < 0) return wire;
  const half = SEQUENCE_MODULUS / 2;
  const delta = ((wire - (newest % SEQUENCE_MODULUS) + SEQUENCE_MODULUS + half) % SEQUENCE_MODULUS) - half;
  const sequence = newest + delta;
  return sequence < 0 ? wire : sequence;
}
