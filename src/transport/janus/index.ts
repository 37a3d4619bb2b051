/** Multi-party calls through a Janus VideoRoom: the private server, its API, room access and the encrypted room member. */
export { startJanus, freePort, type JanusServer, type StartJanusOptions } from './janus-server.js';
export { createJanusToken, VIDEOROOM_PLUGIN } from './janus-token.js';
export { JanusSession, JanusHandle, type JanusConnectOptions, type JanusHandleEvents, type JanusSessionEvents } from './janus-session.js';
export type { JanusJsep, JanusMessage, VideoRoomData } from './janus-messages.js';
export { createJanusRoom, issueJanusAccess, janusRoomId, janusRoomPin, type JanusRoomAccess } from './janus-room-access.js';
export { JanusRoomMember, type JanusRoomMemberEvents, type JanusRoomMemberOptions, type JanusRoomMemberStats } from './janus-room-member.js';
export { RelayLink, type RelayLinkWiring } from './relay-link.js';
