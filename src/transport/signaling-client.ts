/** WebSocket client of the signaling server: joins a room and exchanges offer, answer and candidates with the peer. */
import { WebSocket } from 'ws';
import { z } from 'zod';
import {
  decodeSignalingMessage,
  encodeSignalingMessage,
  serverMessageSchema,
  signalingCloseCodes,
  type ClientMessage,
  type PeerRole,
} from './signaling-messages.js';
import { TransportError } from './transport-error.js';
import type { JoinResult, SignalingClientEvents } from './signaling-client-types.js';
import { TypedEmitter } from '../typed-emitter.js';

export type { JoinResult, SignalingClientEvents } from './signaling-client-types.js';

const pemSchema = z.union([z.string().min(1), z.instanceof(Buffer)]);

const connectOptionsSchema = z.strictObject({
  timeoutMs: z.number().min(1).max(600_000).default(5_000),
  ca: z.union([pemSchema, z.array(pemSchema)]).optional(),
  rejectUnauthorized: z.boolean().optional(),
  origin: z.string().min(1).max(256).optional(),
});

/**
 * Options of {@link SignalingClient.connect}: `timeoutMs` to open (default 5 s); for `wss://`, `ca` (PEM, to trust a
 * private or self-signed certificate) and `rejectUnauthorized` (default true; false only in tests); `origin`, the
 * `Origin` header a browser would send, for servers with an origin allow-list.
 */
export type SignalingConnectOptions = z.input<typeof connectOptionsSchema>;

/** A connected signaling WebSocket; `close()` closes the socket. */
export class SignalingClient extends TypedEmitter<SignalingClientEvents> {
  private closed = false;
  private pendingJoin: { resolve: (result: JoinResult) => void; reject: (error: TransportError) => void } | undefined;
  private keepalive: NodeJS.Timeout | undefined;
  private closeInfo: { code: number; reason: string } | undefined;
  private refusalError: TransportError | undefined;

  private constructor(private readonly socket: WebSocket) {
    super();
    socket.on('message', (data) => this.receive(data));
    socket.on('close', (code, reason) => {
      this.closeInfo = { code, reason: reason.toString('utf8') };
      this.close();
    });
    socket.on('error', (error) => {
      this.emit('error', new TransportError('TRANSPORT_SIGNALING_CLOSED', `signaling socket error: ${error.message}`, { cause: error }));
      this.close();
    });
  }

  /**
   * Opens a WebSocket to `url` (`ws://` or `wss://`); rejects with `TRANSPORT_SIGNALING_CLOSED` if it cannot connect
   * within the timeout (or the certificate is not trusted), `TRANSPORT_BAD_ARGUMENT` on invalid options. A number
   * as `options` is the timeout in ms.
   */
  static connect(url: string, options: SignalingConnectOptions | number = {}): Promise<SignalingClient> {
    if (typeof url !== 'string' || !/^wss?:\/\//.test(url)) {
      return Promise.reject(new TransportError('TRANSPORT_BAD_ARGUMENT', `signaling url must start with ws:// or wss://, got ${String(url)}`));
    }
    const parsed = connectOptionsSchema.safeParse(typeof options === 'number' ? { timeoutMs: options } : options);
    if (!parsed.success) {
      return Promise.reject(new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid SignalingClient options: ${z.prettifyError(parsed.error)}`));
    }
    const { timeoutMs, ca, rejectUnauthorized, origin } = parsed.data;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, {
        handshakeTimeout: timeoutMs,
        ...(ca === undefined ? {} : { ca }),
        ...(rejectUnauthorized === undefined ? {} : { rejectUnauthorized }),
        ...(origin === undefined ? {} : { origin }),
      });
      const fail = (error: Error): void => {
        socket.off('open', open);
        socket.terminate();
        reject(new TransportError('TRANSPORT_SIGNALING_CLOSED', `cannot connect to signaling server ${url}: ${error.message}`, { cause: error }));
      };
      const open = (): void => {
        socket.off('error', fail);
        resolve(new SignalingClient(socket));
      };
      socket.once('open', open);
      socket.once('error', fail);
    });
  }

  /** Whether the socket is still usable. */
  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === WebSocket.OPEN;
  }

  /** Close code and reason the server's close came with (e.g. 1008 `TOKEN_EXPIRED`); undefined until it closes. */
  get closedWith(): { code: number; reason: string } | undefined {
    return this.closeInfo;
  }

  /**
   * The server's refusal (`TRANSPORT_SIGNALING_ERROR`, code such as `ORIGIN_NOT_ALLOWED` in `details.code`) when it
   * closed this connection for a reason; kept because it may arrive before anyone listens for `error`.
   */
  get refusal(): TransportError | undefined {
    return this.refusalError;
  }

  /**
   * Joins `room` as `role`, with the app's room `token` when the server requires one; rejects with
   * `TRANSPORT_SIGNALING_ERROR` (server code such as `ROOM_FULL` or `TOKEN_EXPIRED` in `details.code`) when the
   * server refuses, or `TRANSPORT_SIGNALING_CLOSED` when the socket closes first. Once joined, the client pings as
   * often as the server asks, so a quiet call is not closed as idle.
   */
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
    this.closed = true;
    clearInterval(this.keepalive);
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(encodeSignalingMessage({ type: 'leave' }));
      this.socket.close(1000);
    } else {
      this.socket.terminate();
    }
    const pending = this.pendingJoin;
    this.pendingJoin = undefined;
    pending?.reject(
      this.refusalError ??
        new TransportError('TRANSPORT_SIGNALING_CLOSED', 'the signaling socket closed before the join was answered', {
          details: this.closeInfo ? { closeCode: this.closeInfo.code, closeReason: this.closeInfo.reason } : {},
        }),
    );
    this.emit('close');
    this.removeAllListeners();
  }

  private receive(data: WebSocket.RawData): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    const decoded = decodeSignalingMessage(bytes, serverMessageSchema);
    if (!decoded.ok) {
      this.emit('error', new TransportError('TRANSPORT_SIGNALING_ERROR', `unreadable message from the server: ${decoded.reason}`, { details: { code: decoded.code } }));
      return;
    }
    const message = decoded.message;
    switch (message.type) {
      case 'joined':
        this.startKeepalive(message.keepaliveMs);
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
      case 'answer':
        this.emit(message.type, { type: message.type, sdp: message.sdp });
        return;
      case 'candidate':
        this.emit('candidate', message.candidate);
        return;
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

  private startKeepalive(intervalMs: number | undefined): void {
    clearInterval(this.keepalive);
    if (intervalMs === undefined) return;
    this.keepalive = setInterval(() => {
      if (this.isOpen) this.socket.send(encodeSignalingMessage({ type: 'ping' }));
    }, intervalMs);
    // The socket keeps the process alive while it is open; the ping timer alone must not.
    this.keepalive.unref();
  }
}
