/**
 * What each method's stream costs on the network, for the rate-quality report's wire column. Classical codecs go
 * over RTP/SRTP/UDP/IPv4, one packet per frame, split into packets of at most 1200 B of payload; facecodec over the
 * data channel as bench/wire.ts measures it (frames bundled, delayed SACK, receiver reports, ICE consent checks).
 */
import '../../src/node/index.js';
import { DEFAULT_SCTP_ACK_POLICY, type SctpAckPolicy } from '../../src/transport/sctp-ack-policy.js';
import { PACKET_OVERHEAD_BYTES, UDP_IPV4_HEADER_BYTES } from '../../src/transport/wire-overhead.js';

/** IPv4 20 + UDP 8 + RTP 12 + SRTP AEAD_AES_128_GCM tag 16 (the profile werift prefers); payload descriptors left out. */
export const SRTP_PACKET_HEADER_BYTES = UDP_IPV4_HEADER_BYTES + 12 + 16;
/** Largest RTP payload per packet, as browsers packetize video. */
export const RTP_MAX_PAYLOAD_BYTES = 1200;
/** One SCTP packet with one DATA chunk in a DTLS record: IPv4/UDP 28 + DTLS 37 + SCTP common header 12 + DATA 16. */
export const DATA_CHANNEL_MESSAGE_HEADER_BYTES = PACKET_OVERHEAD_BYTES;
/** A SACK alone (its 16 B chunk in place of the DATA chunk header): the same 93 B. */
export const SACK_PACKET_BYTES = PACKET_OVERHEAD_BYTES;
/**
 * Traffic of a facecodec call that does not scale with frames, both directions, kbit/s: a receiver report every 5 s
 * with the SACK it draws, and ICE consent checks (STUN, about every 5 s each way). From bench/wire.ts's capture.
 */
export const DATA_CHANNEL_FIXED_KBPS = 0.18 + 0.12 + 0.7;

/** Steady-state IP kbit/s of a classical stream whose frames after the first keyframe are `unitBytes`, shown at `fps`. */
export function rtpWireKbps(unitBytes: readonly number[], fps: number): number {
  if (unitBytes.length === 0) return 0;
  let bytes = 0;
  for (const b of unitBytes) bytes += b + Math.max(1, Math.ceil(b / RTP_MAX_PAYLOAD_BYTES)) * SRTP_PACKET_HEADER_BYTES;
  return (bytes * 8 * fps) / (unitBytes.length * 1000);
}

/** How a facecodec stream is carried. */
export interface DataChannelCarriage {
  /** Frame packets per message. */
  framesPerMessage: number;
  /** Packets per second (the parameter rate). */
  packetRateHz: number;
  /** The receiver's SCTP acknowledgement policy (PeerLink's default when absent). */
  sctpAck?: SctpAckPolicy;
}

/**
 * Steady-state IP kbit/s, both directions, of facecodec frame packets at `payloadKbps` over the data channel: each
 * message pays its headers and 2 B of bundle framing per packet (when bundled), and a SACK acknowledges
 * `everyPackets` messages, or as many as arrive within `delayMs` of the first when they are further apart.
 */
export function dataChannelWireKbps(payloadKbps: number, carriage: DataChannelCarriage): number {
  const messagesPerS = carriage.packetRateHz / carriage.framesPerMessage;
  const framingKbps = carriage.framesPerMessage > 1 ? (carriage.packetRateHz * 2 * 8) / 1000 : 0;
  const ack = carriage.sctpAck ?? DEFAULT_SCTP_ACK_POLICY;
  const messagesPerSack = Math.min(ack.everyPackets, Math.floor(ack.delayMs / (1000 / messagesPerS)) + 1);
  const sacksPerS = messagesPerS / messagesPerSack;
  return payloadKbps + framingKbps + (messagesPerS * DATA_CHANNEL_MESSAGE_HEADER_BYTES * 8) / 1000 + (sacksPerS * SACK_PACKET_BYTES * 8) / 1000 + DATA_CHANNEL_FIXED_KBPS;
}
