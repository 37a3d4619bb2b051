/**
 * A Janus API session over its WebSockets transport: one socket, request/response matching by transaction, the
 * keepalives Janus needs (it drops a silent session after `session_timeout`), and plugin handles whose asynchronous
 * events are dispatched to them. Every message from Janus is validated (janus-messages.ts) before it is used.
 */
import { z } from 'zod';
import { TransportError } from '../transport-error.js';
import { TypedEmitter } from '../../typed-emitter.js';
import { janusPlatform, type JanusPlatform, type JanusSocket } from './janus-platform.js';
import { janusMessageSchema, videoRoomDataSchema, type JanusJsep, type JanusMessage, type VideoRoomData } from './janus-messages.js';

/** Largest message accepted from Janus (SDP offers are a few KB; anything near this is hostile). */
const MAX_JANUS_MESSAGE_BYTES = 512 * 1024;

/** Events of a {@link JanusHandle}. */
export type JanusHandleEvents = {
  /** A VideoRoom event not answering a request of this handle (publishers joining or leaving, ...). */
  event: [data: VideoRoomData, jsep: JanusJsep | undefined];
  /** Janus hung up the handle's PeerConnection or detached the handle. */
  hangup: [reason: string];
  /** The handle's PeerConnection is up, as Janus sees it. */
  webrtcup: [];
};

/** Events of a {@link JanusSession}. */
export type JanusSessionEvents = {
  /** The socket closed or Janus ended the session; emitted once. */
  close: [reason: string];
  /** A message Janus sent that failed validation or named nothing this side knows; it was ignored. */
  protocolError: [error: TransportError];
};

interface Pending {
  resolve: (message: JanusMessage) => void;
  reject: (error: TransportError) => void;
  /** Whether the answer is an `event` after an `ack` (plugin messages) rather than `success`. */
  async: boolean;
  timer: ReturnType<typeof setTimeout>;
}

/** Options of {@link JanusSession.connect}. */
export interface JanusConnectOptions {
  /** A token signed for Janus (see {@link createJanusToken}); sent with every request. */
  token?: string;
  /** Timeout of each request, ms (default 10000). */
  requestTimeoutMs?: number;
  /** Keepalive period, ms (default 10000; keep it well under the server's session timeout). */
  keepaliveMs?: number;
  /** WebSocket and WebRTC of the platform (default: the installed one, see {@link setJanusPlatform}). */
  platform?: JanusPlatform;
}

/** A transaction id: 12 random bytes as hex (WebCrypto, in Node as in pages). */
function transactionId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A plugin handle: requests to the VideoRoom plugin, and its events. */
export class JanusHandle extends TypedEmitter<JanusHandleEvents> {
  private detached = false;

  constructor(
    private readonly session: JanusSession,
    readonly id: number,
  ) {
    super();
  }

  /**
   * Sends a plugin request and resolves with the plugin's answer (and JSEP, when Janus sent one). A synchronous
   * request (create, exists, list) is answered by `success`; `join`, `publish`, `start`, ... by an `event` after an
   * `ack`. Rejects with `TRANSPORT_SIGNALING_ERROR` when Janus or the plugin refuses (`details.code`).
   */
  async request(body: Record<string, unknown>, jsep?: JanusJsep): Promise<{ data: VideoRoomData; jsep: JanusJsep | undefined }> {
    if (this.detached) throw new TransportError('TRANSPORT_CLOSED', `Janus handle ${this.id} is detached`);
    const answer = await this.session.send({ janus: 'message', handle_id: this.id, body, ...(jsep ? { jsep } : {}) }, { async: true });
    const parsed = videoRoomDataSchema.safeParse(answer.plugindata?.data);
    if (!parsed.success) throw new TransportError('TRANSPORT_SIGNALING_ERROR', `unexpected VideoRoom answer to "${String(body.request)}"`);
    if (parsed.data.error_code !== undefined) {
      throw new TransportError('TRANSPORT_SIGNALING_ERROR', `VideoRoom refused "${String(body.request)}": ${parsed.data.error ?? 'no reason'}`, {
        details: { code: parsed.data.error_code },
      });
    }
    return { data: parsed.data, jsep: answer.jsep };
  }

  /** Ends the handle's PeerConnection on Janus's side and detaches the handle. Idempotent; never throws. */
  async detach(): Promise<void> {
    if (this.detached) return;
    this.detached = true;
    if (this.session.isOpen) await this.session.send({ janus: 'detach', handle_id: this.id }).catch(() => undefined);
    this.session.forget(this.id);
    this.removeAllListeners();
  }

  /** Called by the session with a message addressed to this handle. */
  deliver(message: JanusMessage): void {
    if (this.detached) return;
    if (message.janus === 'hangup' || message.janus === 'detached') {
      this.emit('hangup', message.reason ?? message.janus);
      return;
    }
    if (message.janus === 'webrtcup') {
      this.emit('webrtcup');
      return;
    }
    if (message.janus !== 'event') return;
    const parsed = videoRoomDataSchema.safeParse(message.plugindata?.data);
    if (parsed.success) this.emit('event', parsed.data, message.jsep);
  }
}

/** One Janus session on one WebSocket. */
export class JanusSession extends TypedEmitter<JanusSessionEvents> {
  private readonly pending = new Map<string, Pending>();
  private readonly handles = new Map<number, JanusHandle>();
  private sessionId: number | undefined;
  private keepalive: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  private constructor(
    private readonly socket: JanusSocket,
    private readonly options: { token?: string; requestTimeoutMs: number; keepaliveMs: number },
    /** The platform the session was opened on; room members make their peer connections with it. */
    readonly platform: JanusPlatform,
  ) {
    super();
    socket.onMessage((text) => this.receive(text));
    socket.onClose((reason) => this.shutdown(reason));
  }

  /** Opens the socket and creates a session. Rejects with `TRANSPORT_SIGNALING_CLOSED` or `TRANSPORT_SIGNALING_ERROR` (e.g. 403 for a bad token). */
  static async connect(url: string, options: JanusConnectOptions = {}): Promise<JanusSession> {
    if (typeof url !== 'string' || !/^wss?:\/\//.test(url)) throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'the Janus url must start with ws:// or wss://');
    const parsed = z
      .object({
        token: z.string().min(1).max(4096).optional(),
        requestTimeoutMs: z.number().min(1).max(120_000).default(10_000),
        keepaliveMs: z.number().min(100).max(120_000).default(10_000),
        platform: z.custom<JanusPlatform>((v) => typeof v === 'object' && v !== null && typeof (v as JanusPlatform).openSocket === 'function').optional(),
      })
      .safeParse(options);
    if (!parsed.success) throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid Janus options: ${z.prettifyError(parsed.error)}`);
    const { platform: given, ...settings } = parsed.data;
    const platform = janusPlatform(given);
    const socket = await platform.openSocket(url, { maxMessageBytes: MAX_JANUS_MESSAGE_BYTES, timeoutMs: settings.requestTimeoutMs });
    const session = new JanusSession(socket, settings, platform);
    try {
      const created = await session.send({ janus: 'create' });
      if (created.data?.id === undefined) throw new TransportError('TRANSPORT_SIGNALING_ERROR', 'Janus created a session without an id');
      session.sessionId = created.data.id;
    } catch (error) {
      session.shutdown('create failed');
      throw error;
    }
    session.keepalive = setInterval(() => {
      session.send({ janus: 'keepalive' }).catch(() => undefined);
    }, parsed.data.keepaliveMs);
    session.keepalive.unref?.();
    return session;
  }

  /** Janus's id of the session. */
  get id(): number {
    return this.sessionId ?? 0;
  }

  /** Whether the socket is open and the session not closed. */
  get isOpen(): boolean {
    return !this.closed && this.socket.isOpen;
  }

  /** Attaches a handle to the VideoRoom plugin. */
  async attach(): Promise<JanusHandle> {
    const answer = await this.send({ janus: 'attach', plugin: 'janus.plugin.videoroom' });
    if (answer.data?.id === undefined) throw new TransportError('TRANSPORT_SIGNALING_ERROR', 'Janus attached a handle without an id');
    const handle = new JanusHandle(this, answer.data.id);
    this.handles.set(handle.id, handle);
    return handle;
  }

  /** Sends one API request and resolves with its answer; see {@link JanusHandle.request}. */
  send(request: Record<string, unknown>, options: { async?: boolean } = {}): Promise<JanusMessage> {
    if (this.closed || !this.socket.isOpen) return Promise.reject(new TransportError('TRANSPORT_CLOSED', 'the Janus session is closed'));
    const transaction = transactionId();
    const message = { ...request, transaction, ...(this.sessionId === undefined ? {} : { session_id: this.sessionId }), ...(this.options.token ? { token: this.options.token } : {}) };
    return new Promise<JanusMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new TransportError('TRANSPORT_CONNECT_TIMEOUT', `Janus did not answer "${String(request.janus)}" in ${this.options.requestTimeoutMs} ms`));
      }, this.options.requestTimeoutMs);
      this.pending.set(transaction, { resolve, reject, async: options.async === true, timer });
      this.socket.send(JSON.stringify(message));
    });
  }

  /** Drops a detached handle. */
  forget(handleId: number): void {
    this.handles.delete(handleId);
  }

  /** Detaches every handle, destroys the session on Janus and closes the socket. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.handles.values()].map((handle) => handle.detach()));
    if (this.isOpen && this.sessionId !== undefined) await this.send({ janus: 'destroy' }).catch(() => undefined);
    this.shutdown('local');
  }

  private shutdown(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    for (const [, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new TransportError('TRANSPORT_SIGNALING_CLOSED', `the Janus session closed (${reason})`));
    }
    this.pending.clear();
    for (const handle of this.handles.values()) handle.deliver({ janus: 'hangup', reason });
    this.handles.clear();
    try {
      this.socket.close();
    } catch {
      // Already closing.
    }
    this.emit('close', reason);
    this.removeAllListeners();
  }

  private receive(text: string | undefined): void {
    if (this.closed) return;
    let json: unknown;
    try {
      // A browser's socket has no size limit of its own: the same bound as Node's `maxPayload`.
      if (text === undefined || text.length > MAX_JANUS_MESSAGE_BYTES) throw new Error('binary or too large');
      json = JSON.parse(text);
    } catch {
      this.emit('protocolError', new TransportError('TRANSPORT_SIGNALING_ERROR', 'Janus sent something that is not a JSON text message'));
      return;
    }
    const parsed = janusMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.emit('protocolError', new TransportError('TRANSPORT_SIGNALING_ERROR', `Janus sent a message of the wrong shape: ${z.prettifyError(parsed.error)}`));
      return;
    }
    const message = parsed.data;
    if (message.janus === 'timeout') {
      this.shutdown('Janus timed the session out');
      return;
    }
    const pending = message.transaction === undefined ? undefined : this.pending.get(message.transaction);
    if (pending) {
      if (message.janus === 'ack' && pending.async) return;
      this.pending.delete(message.transaction!);
      clearTimeout(pending.timer);
      if (message.janus === 'error') {
        pending.reject(
          new TransportError('TRANSPORT_SIGNALING_ERROR', `Janus refused the request: ${message.error?.reason ?? 'no reason'}`, { details: { code: message.error?.code } }),
        );
      } else pending.resolve(message);
      return;
    }
    if (message.sender !== undefined) this.handles.get(message.sender)?.deliver(message);
  }
}
