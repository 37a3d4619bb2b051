/**
 * The browser's WebRTC and WebSocket APIs, typed as far as facecodec uses them (the project compiles without the DOM
 * library, and these are the standard shapes, so a page's real objects fit them).
 */

/** A browser `RTCDataChannel`. */
export interface RtcDataChannel {
  readonly label: string;
  readonly readyState: 'connecting' | 'open' | 'closing' | 'closed';
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: string;
  send(data: Uint8Array): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'bufferedamountlow' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'open' | 'close', listener: () => void): void;
}

/** The `RTCIceCandidate` of an `icecandidate` event (null at the end of gathering). */
export interface RtcIceCandidate {
  readonly candidate: string;
  toJSON(): { candidate?: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null };
}

/** A browser `RTCPeerConnection`. */
export interface RtcPeerConnection {
  readonly connectionState: string;
  readonly iceGatheringState: 'new' | 'gathering' | 'complete';
  readonly localDescription: { type: string; sdp: string } | null;
  createDataChannel(label: string, init: { negotiated?: boolean; id?: number; ordered: boolean; maxRetransmits?: number }): RtcDataChannel;
  createOffer(): Promise<{ type: string; sdp?: string }>;
  createAnswer(): Promise<{ type: string; sdp?: string }>;
  setLocalDescription(description?: { type: string; sdp?: string }): Promise<void>;
  setRemoteDescription(description: { type: string; sdp: string }): Promise<void>;
  addIceCandidate(candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null }): Promise<void>;
  close(): void;
  addEventListener(type: 'icecandidate', listener: (event: { candidate: RtcIceCandidate | null }) => void): void;
  addEventListener(type: 'connectionstatechange' | 'icegatheringstatechange', listener: () => void): void;
  addEventListener(type: 'datachannel', listener: (event: { channel: RtcDataChannel }) => void): void;
  removeEventListener(type: 'icegatheringstatechange', listener: () => void): void;
}

/** `RTCConfiguration`, passed through as given (`iceServers`, `iceTransportPolicy`, ...). */
export type RtcConfiguration = Record<string, unknown>;

/** A browser `WebSocket`. */
export interface BrowserWebSocket {
  readonly readyState: number;
  binaryType: string;
  send(data: Uint8Array | string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'open' | 'error', listener: () => void): void;
}

/** `WebSocket.OPEN`. */
export const WEB_SOCKET_OPEN = 1;
