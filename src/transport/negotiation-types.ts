/** Plain-data forms of SDP descriptions and ICE candidates, as exchanged between PeerLink and signaling. */

/** An SDP offer or answer. */
export interface SessionDescription {
  /** Which half of the exchange this is. */
  type: 'offer' | 'answer';
  /** The SDP text. */
  sdp: string;
}

/** An ICE candidate as in the W3C `RTCIceCandidateInit`. */
export interface IceCandidate {
  /** The `candidate:` attribute line. */
  candidate: string;
  /** Media id the candidate belongs to. */
  sdpMid?: string | null;
  /** Index of the m-line the candidate belongs to. */
  sdpMLineIndex?: number | null;
  /** ICE ufrag of the generation the candidate belongs to. */
  usernameFragment?: string | null;
}
