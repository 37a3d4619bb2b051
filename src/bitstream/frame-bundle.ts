/**
 * Several frame packets in one frame-channel message (`FrameBundle` in proto/facecodec.proto). Fewer, larger
 * messages are what brings a data-channel call's wire rate near its payload: every message pays about 100 B of
 * IP/UDP/DTLS/SCTP headers and draws an acknowledgement.
 */
import { BitstreamError } from './errors.js';
import { decodeWith, pb } from './wire.js';

/** The most packets one bundle may hold; a receiver refuses larger ones. */
export const MAX_BUNDLE_PACKETS = 64;

/** The tag byte of field 15 with wire type 2: the first byte of every non-empty bundle, and of no FramePacket. */
const BUNDLE_TAG = (15 << 3) | 2;

/** Whether a frame-channel message is a bundle (otherwise it is one FramePacket). */
export function isFrameBundle(bytes: Uint8Array): boolean {
  return bytes.byteLength > 0 && bytes[0] === BUNDLE_TAG;
}

/** Encodes `packets` (FramePacket bytes, oldest first) as one bundle; 2 bytes of framing per packet under 128 B. */
export function encodeFrameBundle(packets: readonly Uint8Array[]): Uint8Array {
  if (packets.length === 0 || packets.length > MAX_BUNDLE_PACKETS) {
    throw new BitstreamError('INVALID_INPUT', `a bundle holds 1..${MAX_BUNDLE_PACKETS} packets, not ${packets.length}`);
  }
  if (packets.some((p) => !(p instanceof Uint8Array) || p.byteLength === 0)) throw new BitstreamError('INVALID_INPUT', 'bundle packets must be non-empty bytes');
  return pb.FrameBundle.encode({ packets: packets as Uint8Array[] }).finish();
}

/** Splits a bundle into its packets; a malformed or oversized bundle throws a BitstreamError. */
export function decodeFrameBundle(bytes: Uint8Array): Uint8Array[] {
  if (!isFrameBundle(bytes)) throw new BitstreamError('INVALID_MESSAGE', 'not a frame bundle');
  const bundle = decodeWith('frame bundle', bytes, (b) => pb.FrameBundle.decode(b));
  const packets = bundle.packets;
  if (packets.length === 0 || packets.length > MAX_BUNDLE_PACKETS) {
    throw new BitstreamError('TOO_LARGE', `a bundle of ${packets.length} packets (at most ${MAX_BUNDLE_PACKETS})`);
  }
  if (packets.some((p) => p.byteLength === 0)) throw new BitstreamError('CORRUPT', 'a bundle holds an empty packet');
  return packets;
}
