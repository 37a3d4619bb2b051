/** WebSocket signaling server: pairs two peers per room and relays their offer, answer and ICE candidates. */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { TokenBucket } from './rate-limiter.js';
import { verifyRoomToken, type RoomTokenClaims, type RoomTokenRefusal, type RoomTokenVerdict } from './room-token.js';
import {
  clientMessageSchema,
  decodeSignalingMessage,
  encodeSignalingMessage,
  signalingCloseCodes,
  signalingErrorCodeSchema,
  type ClientMessage,
  type PeerRole,
  type ServerMessage,
  type SignalingErrorCode,
  type SignalingRefusalCode,
} from './signaling-messages.js';
import { signalingServerOptionsSchema, type ResolvedSignalingServerOptions, type SignalingServerOptions } from './signaling-server-options.js';
import { TransportError } from './transport-error.js';

export type { SignalingServerOptions } from './signaling-server-options.js';

/** How long a refused client has to answer the close handshake before its socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;

/** Why the server closed connections: each refusal code, and `TOO_LARGE` for messages too big to read (1009). */
export type SignalingClosure = SignalingRefusalCode | 'TOO_LARGE';

/** Counters of {@link SignalingServer.stats}, for monitoring. */
export interface SignalingServerStats {
  /** Open WebSocket connections, refused ones still closing included. */
  connections: number;
  /** Rooms with at least one participant. */
  rooms: number;
  /** Connections the server closed, by reason, since it started. */
  refused: Record<SignalingClosure, number>;
  /** `error` messages sent, by code, since it started (refusals included). */
  errors: Record<SignalingErrorCode, number>;
}

interface Participant {
  socket: WebSocket;
  /** The address the per-address cap counts. */
  address: string;
  bucket: TokenBucket;
  /** Counted in the connection caps (false for refused connections). */
  admitted: boolean;
  /** Refused or failed: nothing it sends is read any more. */
  closing: boolean;
  /** A token check of a join is in flight. */
  joining: boolean;
  /** The join deadline until the first join, then the idle deadline. */
  deadline?: NodeJS.Timeout;
  deadlineKind?: 'join' | 'idle';
  killTimer?: NodeJS.Timeout;
  room?: string;
  role?: PeerRole;
}

// Joins without a token check (no secret configured) pass with no claims.
const OPEN_ROOM: Extract<RoomTokenVerdict, { ok: true }> = { ok: true, claims: { room: '', expiresAt: Number.MAX_SAFE_INTEGER } };
const TOKEN_REFUSALS: readonly string[] = ['TOKEN_REQUIRED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_WRONG_ROOM'] satisfies RoomTokenRefusal[];

/**
 * Rooms of at most two participants, one `offerer` and one `answerer`. Every malformed, invalid or oversize message is
 * answered with an `error` message to its sender only. Clients beyond a cap, without a valid room token (when a
 * secret is configured), from a foreign origin, too fast, or idle too long get an `error` and a close; other clients
 * and rooms are never affected, and nothing a client sends throws in the server. `close()` disconnects every client
 * and releases the listening socket.
 */
export class SignalingServer {
  private readonly participants = new Set<Participant>();
  private readonly rooms = new Map<string, Map<PeerRole, Participant>>();
  private readonly perAddress = new Map<string, number>();
  private admittedCount = 0;
  private readonly refusedCounts = Object.fromEntries([...Object.keys(signalingCloseCodes), 'TOO_LARGE'].map((code) => [code, 0])) as Record<SignalingClosure, number>;
  private readonly errorCounts = Object.fromEntries(signalingErrorCodeSchema.options.map((code) => [code, 0])) as Record<SignalingErrorCode, number>;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly http: HttpServer | HttpsServer,
    private readonly wss: WebSocketServer,
    private readonly options: ResolvedSignalingServerOptions,
    private readonly ownsHttp: boolean,
  ) {
    wss.on('connection', (socket, request) => this.accept(socket, request));
    // ws re-emits errors of the HTTP server here; with no listener they would crash the process.
    wss.on('error', () => undefined);
  }

  /**
   * Starts a server; resolves once it listens. Throws `TRANSPORT_BAD_ARGUMENT` on invalid options (a bad TLS key or
   * certificate included). Without `tokenSecret` or `verifyToken` anyone who knows a room name joins it: fine for a
   * local demo, not on a network.
   */
  static async listen(options: SignalingServerOptions = {}): Promise<SignalingServer> {
    const parsed = signalingServerOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid SignalingServer options: ${z.prettifyError(parsed.error)}`);
    }
    const resolved = parsed.data;
    const refusePlainHttp = (_request: IncomingMessage, response: ServerResponse): void => {
      response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
    };
    let http: HttpServer | HttpsServer;
    if (resolved.server) http = resolved.server;
    else if (resolved.tls) {
      try {
        http = createHttpsServer({ key: resolved.tls.key, cert: resolved.tls.cert, passphrase: resolved.tls.passphrase }, refusePlainHttp);
      } catch (error) {
        throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid SignalingServer tls key or certificate: ${(error as Error).message}`, { cause: error });
      }
    } else http = createServer(refusePlainHttp);
    // Messages up to twice the cap are read so they can be answered with TOO_LARGE; beyond that ws closes with 1009.
    const wss = new WebSocketServer({ server: http, maxPayload: 2 * resolved.maxMessageBytes });
    if (!http.listening) {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(resolved.port, resolved.host, () => {
          http.off('error', reject);
          resolve();
        });
      });
    }
    return new SignalingServer(http, wss, resolved, resolved.server === undefined);
  }

  /** The port the server listens on. */
  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** `ws://host:port` (`wss://` with TLS) to hand to clients. */
  get url(): string {
    const address = this.http.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `${this.http instanceof HttpsServer ? 'wss' : 'ws'}://${host}:${address.port}`;
  }

  /** Number of connected WebSocket clients (refused ones still closing included). */
  get clientCount(): number {
    return this.participants.size;
  }

  /** Names of the rooms with at least one participant. */
  get roomNames(): string[] {
    return [...this.rooms.keys()];
  }

  /** A snapshot of the counters: open connections, rooms, closed connections by reason, errors by code. */
  stats(): SignalingServerStats {
    return { connections: this.participants.size, rooms: this.rooms.size, refused: { ...this.refusedCounts }, errors: { ...this.errorCounts } };
  }

  /** Disconnects all clients and stops listening (an HTTP server passed in as `server` is left to its owner). Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const participant of this.participants) {
        this.release(participant);
        clearTimeout(participant.killTimer);
        participant.socket.terminate();
      }
      this.participants.clear();
      this.rooms.clear();
      await new Promise<void>((resolve) => this.wss.close(() => resolve()));
      if (this.ownsHttp) {
        await new Promise<void>((resolve) => {
          this.http.close(() => resolve());
          this.http.closeAllConnections();
        });
      }
    })();
    return this.closing;
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    if (this.closing) {
      socket.terminate();
      return;
    }
    const { maxConnections, maxConnectionsPerAddress, allowedOrigins, joinTimeoutMs } = this.options;
    const participant: Participant = {
      socket,
      address: this.addressOf(request),
      bucket: new TokenBucket(this.options.messagesPerSecond, this.options.messageBurst),
      admitted: false,
      closing: false,
      joining: false,
    };
    this.participants.add(participant);
    socket.on('message', (data) => this.receive(participant, data));
    socket.on('close', () => {
      // Also stops an async token check still in flight from seating a gone client in a room.
      participant.closing = true;
      this.release(participant);
      clearTimeout(participant.killTimer);
      this.participants.delete(participant);
    });
    // A broken socket ends in 'close'; the error itself concerns only this client.
    socket.on('error', (error) => {
      if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && !participant.closing) this.refusedCounts.TOO_LARGE++;
      this.closeSoon(participant);
    });

    const origin = request.headers.origin;
    if (allowedOrigins && (origin === undefined || !allowedOrigins.includes(origin))) {
      this.refuse(participant, 'ORIGIN_NOT_ALLOWED', origin === undefined ? 'no Origin header' : `origin "${origin.slice(0, 256)}" is not allowed`);
      return;
    }
    if (this.admittedCount >= maxConnections) {
      this.refuse(participant, 'SERVER_FULL', `the server already holds ${maxConnections} connections`);
      return;
    }
    const fromAddress = this.perAddress.get(participant.address) ?? 0;
    if (fromAddress >= maxConnectionsPerAddress) {
      this.refuse(participant, 'TOO_MANY_CONNECTIONS', `already ${fromAddress} connections from this address`);
      return;
    }
    participant.admitted = true;
    this.admittedCount++;
    this.perAddress.set(participant.address, fromAddress + 1);
    if (joinTimeoutMs > 0) this.setDeadline(participant, 'join', joinTimeoutMs);
  }

  private addressOf(request: IncomingMessage): string {
    const fallback = request.socket.remoteAddress ?? 'unknown';
    let address: string | undefined;
    try {
      address = this.options.remoteAddress?.(request);
    } catch {
      address = undefined;
    }
    // An IPv4 client of a dual-stack socket shows up as ::ffff:a.b.c.d; count it as a.b.c.d.
    return (typeof address === 'string' && address.length > 0 ? address : fallback).replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  }

  private setDeadline(participant: Participant, kind: 'join' | 'idle', ms: number): void {
    clearTimeout(participant.deadline);
    participant.deadlineKind = kind;
    participant.deadline = setTimeout(() => {
      if (kind === 'join') this.refuse(participant, 'JOIN_TIMEOUT', `no join within ${ms} ms of connecting`);
      else this.refuse(participant, 'IDLE_TIMEOUT', `no message for ${ms} ms`);
    }, ms);
    participant.deadline.unref();
  }

  private receive(participant: Participant, data: RawData): void {
    if (participant.closing) {
      // Still sending after its refusal: stop reading altogether (parsing a flood costs CPU) until the kill timer.
      participant.socket.pause();
      return;
    }
    // Every message costs a token before anything is decoded, so a flood costs the server next to nothing.
    if (!participant.bucket.take()) {
      this.refuse(participant, 'RATE_LIMITED', `more than ${this.options.messageBurst} messages at once or ${this.options.messagesPerSecond} per second`);
      return;
    }
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    const decoded = decodeSignalingMessage(bytes, clientMessageSchema, this.options.maxMessageBytes);
    if (!decoded.ok) {
      this.sendError(participant, decoded.code, decoded.reason);
      return;
    }
    if (participant.deadlineKind === 'idle') participant.deadline?.refresh();
    this.handle(participant, decoded.message);
  }

  private handle(participant: Participant, message: ClientMessage): void {
    switch (message.type) {
      case 'join':
        this.join(participant, message);
        return;
      case 'ping':
        return;
      case 'leave':
        if (participant.room === undefined) {
          this.sendError(participant, 'NOT_JOINED', 'leave before join');
          return;
        }
        this.leave(participant);
        return;
      default: {
        if (participant.room === undefined) {
          this.sendError(participant, 'NOT_JOINED', `"${message.type}" before join`);
          return;
        }
        const other = this.peerOf(participant);
        if (!other) {
          this.sendError(participant, 'NO_PEER', `"${message.type}" while alone in room "${participant.room}"`);
          return;
        }
        this.send(other, message);
      }
    }
  }

  private join(participant: Participant, message: Extract<ClientMessage, { type: 'join' }>): void {
    if (participant.room !== undefined || participant.joining) {
      this.sendError(participant, 'ALREADY_JOINED', participant.joining ? 'a join is being checked' : `already in room "${participant.room}"`);
      return;
    }
    const verdict = this.checkToken(message.token, message.room);
    if (!(verdict instanceof Promise)) {
      this.enter(participant, message, verdict);
      return;
    }
    // An async verifier (the app's own): the room is looked at again once it answers, since it may have changed.
    participant.joining = true;
    verdict.then(
      (answer) => {
        participant.joining = false;
        if (!participant.closing) this.enter(participant, message, checkedVerdict(answer));
      },
      () => {
        participant.joining = false;
        if (!participant.closing) this.enter(participant, message, { ok: false, code: 'TOKEN_INVALID', reason: 'the token check failed' });
      },
    );
  }

  private checkToken(token: string | undefined, room: string): RoomTokenVerdict | Promise<RoomTokenVerdict> {
    const { tokenSecret, verifyToken } = this.options;
    if (verifyToken) {
      try {
        const answer = verifyToken(token, room);
        return answer instanceof Promise ? answer : checkedVerdict(answer);
      } catch {
        return { ok: false, code: 'TOKEN_INVALID', reason: 'the token check failed' };
      }
    }
    if (tokenSecret === undefined) return OPEN_ROOM;
    return verifyRoomToken(token, room, tokenSecret);
  }

  private enter(participant: Participant, message: Extract<ClientMessage, { type: 'join' }>, verdict: RoomTokenVerdict): void {
    const { room, role } = message;
    if (!verdict.ok) {
      this.refuse(participant, verdict.code, verdict.reason);
      return;
    }
    const existing = this.rooms.get(room);
    if (!existing && this.rooms.size >= this.options.maxRooms) {
      this.refuse(participant, 'TOO_MANY_ROOMS', `the server already holds ${this.options.maxRooms} rooms`);
      return;
    }
    const members = existing ?? new Map<PeerRole, Participant>();
    if (members.size >= this.options.maxParticipantsPerRoom) {
      this.sendError(participant, 'ROOM_FULL', `room "${room}" already has ${members.size === 1 ? 'its participant' : `${members.size} participants`}`);
      return;
    }
    if (members.has(role)) {
      this.sendError(participant, 'ROLE_TAKEN', `room "${room}" already has an ${role}`);
      return;
    }
    members.set(role, participant);
    this.rooms.set(room, members);
    participant.room = room;
    participant.role = role;
    const { idleTimeoutMs } = this.options;
    if (idleTimeoutMs > 0) this.setDeadline(participant, 'idle', idleTimeoutMs);
    else clearTimeout(participant.deadline);
    const other = this.peerOf(participant);
    this.send(participant, {
      type: 'joined',
      room,
      role,
      peerPresent: other !== undefined,
      // Three pings per timeout: one lost or late ping does not close a live call.
      ...(idleTimeoutMs > 0 ? { keepaliveMs: Math.max(1, Math.floor(idleTimeoutMs / 3)) } : {}),
    });
    if (other) this.send(other, { type: 'peer-joined', role });
  }

  private peerOf(participant: Participant): Participant | undefined {
    if (participant.room === undefined) return undefined;
    for (const [role, member] of this.rooms.get(participant.room) ?? []) {
      if (role !== participant.role) return member;
    }
    return undefined;
  }

  private leave(participant: Participant): void {
    const { room, role } = participant;
    if (room === undefined || role === undefined) return;
    const other = this.peerOf(participant);
    const members = this.rooms.get(room);
    members?.delete(role);
    if (members?.size === 0) this.rooms.delete(room);
    participant.room = undefined;
    participant.role = undefined;
    if (other) this.send(other, { type: 'peer-left' });
  }

  /** Leaves the room and frees the connection's place in the caps; idempotent. */
  private release(participant: Participant): void {
    clearTimeout(participant.deadline);
    participant.deadline = undefined;
    participant.deadlineKind = undefined;
    this.leave(participant);
    if (!participant.admitted) return;
    participant.admitted = false;
    this.admittedCount--;
    const left = (this.perAddress.get(participant.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(participant.address, left);
    else this.perAddress.delete(participant.address);
  }

  /** Sends the error, closes with the code's close code and frees the connection's place at once. */
  private refuse(participant: Participant, code: SignalingRefusalCode, message: string): void {
    if (participant.closing) return;
    this.sendError(participant, code, message);
    this.refusedCounts[code]++;
    this.release(participant);
    participant.socket.close(signalingCloseCodes[code], code);
    this.closeSoon(participant);
  }

  /** Stops reading the client and destroys its socket unless it completes the close handshake in time. */
  private closeSoon(participant: Participant): void {
    participant.closing = true;
    if (participant.killTimer) return;
    participant.killTimer = setTimeout(() => participant.socket.terminate(), CLOSE_GRACE_MS);
    participant.killTimer.unref();
  }

  private sendError(participant: Participant, code: SignalingErrorCode, message: string): void {
    this.errorCounts[code]++;
    this.send(participant, { type: 'error', code, message: message.slice(0, 1024) });
  }

  private send(participant: Participant, message: ServerMessage): void {
    if (participant.socket.readyState !== participant.socket.OPEN) return;
    participant.socket.send(encodeSignalingMessage(message));
  }
}

/** A custom verifier's answer, trusted only in its exact shape: anything else refuses the join. */
function checkedVerdict(answer: unknown): RoomTokenVerdict {
  if (typeof answer !== 'object' || answer === null) return { ok: false, code: 'TOKEN_INVALID', reason: 'the token check gave no verdict' };
  const verdict = answer as Partial<{ ok: unknown; code: unknown; reason: unknown; claims: unknown }>;
  if (verdict.ok === true) return { ok: true, claims: (verdict.claims as RoomTokenClaims | undefined) ?? OPEN_ROOM.claims };
  const code = typeof verdict.code === 'string' && TOKEN_REFUSALS.includes(verdict.code) ? (verdict.code as RoomTokenRefusal) : 'TOKEN_INVALID';
  return { ok: false, code, reason: typeof verdict.reason === 'string' ? verdict.reason : 'token refused' };
}
