/** What a signaling client (Node's SignalingClient, the page's BrowserSignalingClient) reports: its events and a join's result. */
import type { IceCandidate, SessionDescription } from './negotiation-types.js';
import type { PeerRole } from './signaling-messages.js';
import type { TransportError } from './transport-error.js';

/** Events of a signaling client. */
export type SignalingClientEvents = {
  /** The other participant joined the room. */
  peerJoined: [role: PeerRole];
  /** The other participant left the room or disconnected. */
  peerLeft: [];
  /** The peer's offer. */
  offer: [description: SessionDescription];
  /** The peer's answer. */
  answer: [description: SessionDescription];
  /** One of the peer's ICE candidates. */
  candidate: [candidate: IceCandidate];
  /** The server rejected a message (`TRANSPORT_SIGNALING_ERROR`, server code in `details.code`) or sent garbage. */
  error: [error: TransportError];
  /** The WebSocket closed; emitted once. */
  close: [];
};

/** Result of a successful join. */
export interface JoinResult {
  /** The room joined. */
  room: string;
  /** The role held in it. */
  role: PeerRole;
  /** Whether the other participant was already there. */
  peerPresent: boolean;
}
