/** The page's client of the project's signaling server: the same msgpack protocol and zod schemas as SignalingClient, over the browser's WebSocket. */
import type { IceCandidate, SessionDescription } from '../transport/negotiation-types.js';
import type { SignalingClientEvents, JoinResult } from '../transport/signaling-client-types.js';
import { decodeSignalingMessage, encodeSignalingMessage, serverMessageSchema, signalingCloseCodes, type ClientMessage, type PeerRole } from '../transport/signaling-messages.js';
import { TransportError } from '../transport/transport-error.js';
import { TypedEmitter } from '../typed-emitter.js';
import { WEB_SOCKET_OPEN, type BrowserWebSocket } from './rtc-types.js';

type WebSocketClass = new (url: string) => BrowserWebSocket;

/** A connected signaling WebSocket in a page; `close()` leaves the room and closes it. Events as SignalingClient's. */
export class BrowserSignalingClient extends TypedEmitter<SignalingClientEvents> {
  private closed = false;
  private pendingJoin: { resolve: (result: JoinResult) => void; reject: (error: TransportError) => void } | undefined;
  private keepalive: ReturnType<typeof setInterval> | undefined;
  private refusalError: TransportError | undefined;

  private constructor(private readonly socket: BrowserWebSocket) {
    super();
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => this.close());
    socket.addEventListener('error', () => {
      this.emit('error', new TransportError('TRANSPORT_SIGNALING_CLOSED', 'signaling socket error'));
      this.close();
    });
  }

  /**
   * Opens a WebSocket to `url` (`ws://` or `wss://`); rejects with `TRANSPORT_SIGNALING_CLOSED` when it cannot
   * connect within `timeoutMs` (default 5 s), `TRANSPORT_BAD_ARGUMENT` on a bad url.
   */
  static connect(url: string, timeoutMs = 5_000): Promise<BrowserSignalingClient> {
    if (typeof url !== 'string' || !/^wss?:\/\//.test(url)) {
      return Promise.reject(new TransportError('TRANSPORT_BAD_ARGUMENT', `signaling url must start with ws:// or wss://, got ${String(url)}`));
    }
    const Ws = (globalThis as unknown as { WebSocket?: WebSocketClass }).WebSocket;
    if (typeof Ws !== 'function') return Promise.reject(new TransportError('TRANSPORT_SIGNALING_CLOSED', 'this platform has no WebSocket'));
    return new Promise((resolve, reject) => {
      const socket = new Ws(url);
      socket.binaryType = 'arraybuffer';
      const timer = setTimeout(() => fail(), timeoutMs);
      const fail = (): void => {
        clearTimeout(timer);
        socket.removeEventListener('open', open);
        socket.close();
        reject(new TransportError('TRANSPORT_SIGNALING_CLOSED', `cannot connect to signaling server ${url}`));
      };
      const open = (): void => {
        clearTimeout(timer);
        socket.removeEventListener('error', fail);
        resolve(new BrowserSignalingClient(socket));
      };
      socket.addEventListener('open', open);
      socket.addEventListener('error', fail);
    });
  }

  /** Whether the socket is still usable. */
  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === WEB_SOCKET_OPEN;
  }

  /** The server's refusal when it closed this connection for a reason (e.g. `ORIGIN_NOT_ALLOWED` in `details.code`). */
  get refusal(): TransportError | undefined {
    return this.refusalError;
  }

  /** Joins `room` as `role`; rejects with `TRANSPORT_SIGNALING_ERROR` (server code in `details.code`) or `TRANSPORT_SIGNALING_CLOSED`. */
  join(room: string, role: PeerRole, token?: string): Promise<JoinResult> {
    if (this.pendingJoin) return Promise.reject(new TransportError('TRANSPORT_BAD_ARGUMENT', 'a join is already pending'));
    return new Promise((resolve, reject) => {
      this.pendingJoin = { resolve, reject };
      try {
        this.send({ type: 'join', room, role, ...(token === undefined ? {} : { token }) });
      } catch (error) {
        this.pendingJoin = undefined;
        reject(this.refusalError ?? (error as TransportError));
      }
    });
  }

  /** Sends one protocol message; throws `TRANSPORT_SIGNALING_CLOSED` when the socket is closed. */
  send(message: ClientMessage): void {
    if (!this.isOpen) throw new TransportError('TRANSPORT_SIGNALING_CLOSED', 'the signaling socket is closed');
    this.socket.send(encodeSignalingMessage(message));
  }

  /** Sends `leave` if possible and closes the socket. Idempotent. */
  close(): void {
    if (this.closed) return;
    if (this.isOpen) this.socket.send(encodeSignalingMessage({ type: 'leave' }));
    this.closed = true;
    clearInterval(this.keepalive);
    this.socket.close(1000);
    const pending = this.pendingJoin;
    this.pendingJoin = undefined;
    pending?.reject(this.refusalError ?? new TransportError('TRANSPORT_SIGNALING_CLOSED', 'the signaling socket closed before the join was answered'));
    this.emit('close');
    this.removeAllListeners();
  }

  private receive(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) {
      this.emit('error', new TransportError('TRANSPORT_SIGNALING_ERROR', 'a text message from the server (the protocol is binary msgpack)', { details: { code: 'MALFORMED' } }));
      return;
    }
    const decoded = decodeSignalingMessage(new Uint8Array(data), serverMessageSchema);
    if (!decoded.ok) {
      this.emit('error', new TransportError('TRANSPORT_SIGNALING_ERROR', `unreadable message from the server: ${decoded.reason}`, { details: { code: decoded.code } }));
      return;
    }
    const message = decoded.message;
    switch (message.type) {
      case 'joined':
        clearInterval(this.keepalive);
        if (message.keepaliveMs !== undefined) {
          this.keepalive = setInterval(() => {
            if (this.isOpen) this.socket.send(encodeSignalingMessage({ type: 'ping' }));
          }, message.keepaliveMs);
        }
        this.pendingJoin?.resolve({ room: message.room, role: message.role, peerPresent: message.peerPresent });
        this.pendingJoin = undefined;
        return;
      case 'peer-joined':
        this.emit('peerJoined', message.role);
        return;
      case 'peer-left':
        this.emit('peerLeft');
        return;
      case 'offer':
      case 'answer': {
        const description: SessionDescription = { type: message.type, sdp: message.sdp };
        this.emit(message.type, description);
        return;
      }
      case 'candidate': {
        const candidate: IceCandidate = message.candidate;
        this.emit('candidate', candidate);
        return;
      }
      case 'error': {
        const error = new TransportError('TRANSPORT_SIGNALING_ERROR', `signaling server: ${message.code}: ${message.message}`, { details: { code: message.code } });
        if (message.code in signalingCloseCodes) this.refusalError = error;
        const pending = this.pendingJoin;
        this.pendingJoin = undefined;
        if (pending) pending.reject(error);
        else this.emit('error', error);
      }
    }
  }
}
