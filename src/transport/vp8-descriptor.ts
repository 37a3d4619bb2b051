/**
 * The VP8 payload descriptor (RFC 7741 section 4.2) in front of frame messages sent over RTP. facecodec's RTP frame
 * track is negotiated as VP8 because browsers only carry negotiated codecs; a browser sender would put facecodec
 * bytes into it through an encoded transform, and its packetizer adds such a descriptor, so both ends read one.
 */

/** The descriptor this transport writes: one byte, S (start of partition) set, nothing extended. */
export const VP8_DESCRIPTOR = 0x10;

/** The descriptor's length at the start of `payload`, or undefined when it is malformed or leaves no data. */
export function vp8DescriptorLength(payload: Uint8Array): number | undefined {
  if (payload.byteLength < 2) return undefined;
  const first = payload[0];
  let length = 1;
  if (first & 0x80) {
    const ext = payload[1];
    length = 2;
    if (ext & 0x80) length += payload[length] !== undefined && payload[length] & 0x80 ? 2 : 1; // I: 7- or 15-bit picture id
    if (ext & 0x40) length += 1; // L: TL0PICIDX
    if (ext & 0x30) length += 1; // T or K: TID/KEYIDX
  }
  return length < payload.byteLength ? length : undefined;
}
