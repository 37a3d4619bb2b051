/**
 * Multi-party calls through a Janus VideoRoom (Node): the private server, its API, room access and the encrypted room
 * member. Importing this module installs werift and `ws` as the room member's platform; the session and the member
 * themselves are platform-neutral (facecodec/browser installs the page's WebSocket and RTCPeerConnection instead).
 */
import { setJanusPlatform } from './janus-platform.js';
import { nodeJanusPlatform } from './node-janus-platform.js';

setJanusPlatform(nodeJanusPlatform);

export { startJanus, freePort, type JanusServer, type StartJanusOptions } from './janus-server.js';
export { createJanusToken, VIDEOROOM_PLUGIN } from './janus-token.js';
export { JanusSession, JanusHandle, type JanusConnectOptions, type JanusHandleEvents, type JanusSessionEvents } from './janus-session.js';
export type { JanusJsep, JanusMessage, VideoRoomData } from './janus-messages.js';
export { createJanusRoom, issueJanusAccess, janusRoomId, janusRoomPin, type JanusRoomAccess } from './janus-room-access.js';
export { JanusRoomMember, type JanusRoomMemberEvents, type JanusRoomMemberOptions, type JanusRoomMemberStats } from './janus-room-member.js';
export { RelayLink, type RelayLinkWiring } from './relay-link.js';
export { setJanusPlatform, janusPlatform, type JanusPlatform, type JanusSocket, type RoomPeer, type RoomChannel, type RoomChannelInit, type RoomPeerConfig } from './janus-platform.js';
export { nodeJanusPlatform } from './node-janus-platform.js';
