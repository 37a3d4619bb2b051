/**
 * What a Janus room member needs from its platform: a WebSocket to Janus's API and WebRTC peer connections with data
 * channels. Node gives werift and `ws` (node-janus-platform.ts), a page its own WebSocket and RTCPeerConnection
 * (../../browser/browser-janus-platform.ts); the session and the room member are written against these shapes only,
 * so the same code runs in both.
 */
import { TransportError } from '../transport-error.js';

/** One text WebSocket to Janus (subprotocol `janus-protocol`). */
export interface JanusSocket {
  readonly isOpen: boolean;
  send(text: string): void;
  close(): void;
  /** Text messages; `undefined` for a binary one (Janus sends none). Set once, before any message can come. */
  onMessage(listener: (text: string | undefined) => void): void;
  /** The socket closed or failed; called at most once. */
  onClose(listener: (reason: string) => void): void;
}

/** One data channel of a {@link RoomPeer}. */
export interface RoomChannel {
  readonly label: string;
  readonly readyState: 'connecting' | 'open' | 'closing' | 'closed';
  readonly bufferedAmount: number;
  send(bytes: Uint8Array): void;
  /** Binary messages (text ones carry nothing of facecodec's and are dropped by the adapter). */
  onMessage(listener: (bytes: Uint8Array) => void): void;
  /** Resolves when open; rejects with `TRANSPORT_CONNECT_TIMEOUT` or, if it closes first, `TRANSPORT_CONNECTION_FAILED`. */
  opened(timeoutMs: number): Promise<void>;
}

/** Channel options, as the standard `RTCDataChannelInit` (announced in-band: Janus learns them from DCEP). */
export interface RoomChannelInit {
  ordered: boolean;
  maxRetransmits?: number;
}

/**
 * A peer connection to Janus. Candidates travel inside the descriptions (Janus gets no trickle from this side), so
 * {@link offer} and {@link answer} resolve once ICE gathering is complete.
 */
export interface RoomPeer {
  readonly connectionState: string;
  createChannel(label: string, init: RoomChannelInit): RoomChannel;
  /** Channels the other side opens (Janus opens one per relayed feed). */
  onChannel(listener: (channel: RoomChannel) => void): void;
  onConnectionState(listener: (state: string) => void): void;
  /** Creates and sets an offer; resolves with the local SDP after gathering. */
  offer(timeoutMs: number): Promise<string>;
  /** Sets the remote offer, creates and sets an answer; resolves with the local SDP after gathering. */
  answer(offerSdp: string, timeoutMs: number): Promise<string>;
  acceptAnswer(answerSdp: string): Promise<void>;
  close(): Promise<void>;
}

/** How a room member's peer connections are made. */
export interface RoomPeerConfig {
  /** The one IPv4 address to gather on and announce (the private Janus's address in tests and the sample). */
  iceAddress?: string;
  /** The platform's own peer-connection options (werift's config, or a page's `RTCConfiguration`), passed through. */
  rtcConfig?: Record<string, unknown>;
  /** Called with each plain SCTP packet the connection sends, where the platform can see them (werift); for wire counters. */
  onDatagram?: (packet: Uint8Array) => void;
}

/** A platform's WebSocket and WebRTC. */
export interface JanusPlatform {
  /** 'node' or 'browser', for messages. */
  readonly name: string;
  /** Opens a socket; rejects with `TRANSPORT_SIGNALING_CLOSED` when Janus cannot be reached. */
  openSocket(url: string, options: { maxMessageBytes: number; timeoutMs: number }): Promise<JanusSocket>;
  createPeer(config: RoomPeerConfig): RoomPeer;
}

let installed: JanusPlatform | undefined;

/** Installs the platform used where options name none (the Node and browser entries install theirs). */
export function setJanusPlatform(platform: JanusPlatform): void {
  installed = platform;
}

/** `given`, else the installed platform. @throws TransportError TRANSPORT_BAD_ARGUMENT when there is neither. */
export function janusPlatform(given?: JanusPlatform): JanusPlatform {
  const platform = given ?? installed;
  if (!platform) throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'no Janus platform: import facecodec (Node) or facecodec/browser, or pass `platform`');
  return platform;
}

/** `listener` called on the first of the socket's close or error only (both may come for one failure). */
export function closeOnce(listener: (reason: string) => void): { closed: () => void; failed: () => void } {
  let told = false;
  const once = (reason: string): void => {
    if (told) return;
    told = true;
    listener(reason);
  };
  return { closed: () => once('socket closed'), failed: () => once('socket error') };
}

/** Keeps only the candidate lines of `sdp` on `iceAddress` (a platform may gather on every interface). */
export function candidatesOn(sdp: string, iceAddress: string | undefined): string {
  return iceAddress ? sdp.replace(/^a=candidate:.*\r?\n/gm, (line) => (line.includes(` ${iceAddress} `) ? line : '')) : sdp;
}

/** Waits until `isDone()` after each `subscribe` callback, or rejects with `TRANSPORT_CONNECT_TIMEOUT` after `timeoutMs`. */
export function waitFor(isDone: () => boolean, subscribe: (check: () => void) => () => void, timeoutMs: number, what: string): Promise<void> {
  if (isDone()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new TransportError('TRANSPORT_CONNECT_TIMEOUT', `${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      if (!isDone()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}
