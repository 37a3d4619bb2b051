/** Public surface of the transport: PeerLink over werift data channels, signaling, and loss injection for tests. */
export type { ByteChannel, ByteChannelEvents } from './byte-channel.js';
export type { CodecLink } from './codec-link.js';
export { FRAME_CHANNEL, RELIABLE_CHANNEL, DEFAULT_CHUNK_PAYLOAD_BYTES, MAX_CHANNEL_MESSAGE_BYTES, type DataChannelSpec } from './channel-config.js';
export type { ChannelCounters } from './channel-counters.js';
export { CHUNK_HEADER_BYTES, decodeChunk, encodeChunks, type ChunkHeader } from './chunk-envelope.js';
export { ChunkReassembler, type ChunkReassemblerOptions } from './chunk-reassembler.js';
export { connectPeer, type ConnectPeerOptions } from './connect-peer.js';
export { LossyChannel, type LossyChannelOptions, type LossyChannelStats } from './lossy-channel.js';
export type { IceCandidate, SessionDescription } from './negotiation-types.js';
export {
  PeerLink,
  type Closable,
  type FrameFilter,
  type LinkCloseReason,
  type MessageClass,
  type PeerLinkEvents,
  type PeerLinkOptions,
  type PeerLinkStats,
} from './peer-link.js';
export { seededRandom } from './seeded-random.js';
export { SignalingClient, type JoinResult, type SignalingClientEvents, type SignalingConnectOptions } from './signaling-client.js';
export {
  MAX_SIGNALING_MESSAGE_BYTES,
  MAX_ROOM_TOKEN_CHARS,
  signalingCloseCodes,
  clientMessageSchema,
  serverMessageSchema,
  encodeSignalingMessage,
  decodeSignalingMessage,
  type ClientMessage,
  type ServerMessage,
  type PeerRole,
  type SignalingErrorCode,
  type SignalingRefusalCode,
} from './signaling-messages.js';
export { SignalingServer, type SignalingServerOptions, type SignalingServerStats, type SignalingClosure } from './signaling-server.js';
export { SIGNALING_DEFAULTS, type RoomTokenVerifier } from './signaling-server-options.js';
export {
  createRoomToken,
  verifyRoomToken,
  MIN_ROOM_TOKEN_SECRET_BYTES,
  type CreateRoomTokenOptions,
  type RoomTokenClaims,
  type RoomTokenRefusal,
  type RoomTokenSecret,
  type RoomTokenVerdict,
} from './room-token.js';
export { TokenBucket } from './rate-limiter.js';
export { TransportError, type TransportErrorCode } from './transport-error.js';
export type { EventMap, Listener, Subscribable } from '../typed-emitter.js';
export { WeriftByteChannel } from './werift-byte-channel.js';
export { estimateWireBytes, PACKET_OVERHEAD_BYTES, UDP_IPV4_HEADER_BYTES, DTLS_RECORD_OVERHEAD_BYTES } from './wire-overhead.js';
export { RtpFrameChannel, MAX_RTP_FRAME_BYTES, RTP_FRAME_PAYLOAD_TYPE } from './rtp-frame-channel.js';
export {
  applySctpAckPolicy,
  sctpAckPolicyOf,
  DEFAULT_SCTP_ACK_POLICY,
  RFC_9260_ACK_POLICY,
  type SctpAckPolicy,
} from './sctp-ack-policy.js';
export { sctpChunks, tapSctpPackets, recordSctpPackets, SCTP_CHUNK, type SctpChunk, type TappedSctpPacket } from './sctp-packet.js';
export {
  SframeContext,
  E2eeError,
  ReplayWindow,
  MIN_EPOCH_SECRET_BYTES,
  SFRAME_HEADER_BYTES,
  SFRAME_OVERHEAD_BYTES,
  MAX_SENDER_ID,
  type E2eeErrorCode,
  type OpenedPacket,
  type SframeStats,
} from '../e2ee/index.js';
export {
  startJanus,
  freePort,
  createJanusToken,
  JanusSession,
  JanusHandle,
  createJanusRoom,
  issueJanusAccess,
  janusRoomId,
  janusRoomPin,
  JanusRoomMember,
  RelayLink,
  type JanusServer,
  type StartJanusOptions,
  type JanusConnectOptions,
  type JanusRoomAccess,
  type JanusRoomMemberEvents,
  type JanusRoomMemberOptions,
  type JanusRoomMemberStats,
} from './janus/index.js';
