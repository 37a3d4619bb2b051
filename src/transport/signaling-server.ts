/** WebSocket signaling server: pairs two peers per room and relays their offer, answer and ICE candidates. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import {
  clientMessageSchema,
  decodeSignalingMessage,
  encodeSignalingMessage,
  MAX_SIGNALING_MESSAGE_BYTES,
  type ClientMessage,
  type PeerRole,
  type ServerMessage,
  type SignalingErrorCode,
} from './signaling-messages.js';
import { TransportError } from './transport-error.js';

const listenOptionsSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
});

/** Options of {@link SignalingServer.listen}: `port` (0 = ephemeral, the default) and `host` (default 127.0.0.1). */
export type SignalingServerOptions = z.input<typeof listenOptionsSchema>;

interface Participant {
  socket: WebSocket;
  room?: string;
  role?: PeerRole;
}

/**
 * Rooms of exactly two participants, one `offerer` and one `answerer`. Every malformed, invalid or oversize message is
 * answered with an `error` message to its sender only; other clients and rooms are never affected. `close()`
 * disconnects every client and releases the listening socket.
 */
export class SignalingServer {
  private readonly participants = new Set<Participant>();
  private readonly rooms = new Map<string, Map<PeerRole, Participant>>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
  ) {
    wss.on('connection', (socket) => this.accept(socket));
  }

  /** Starts a server; resolves once it listens. Throws `TRANSPORT_BAD_ARGUMENT` on invalid options. */
  static async listen(options: SignalingServerOptions = {}): Promise<SignalingServer> {
    const parsed = listenOptionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid SignalingServer options: ${z.prettifyError(parsed.error)}`);
    }
    const http = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
    });
    // Messages up to 1 MiB are read so the oversize ones can be answered with an error; beyond that ws closes the socket.
    const wss = new WebSocketServer({ server: http, maxPayload: 16 * MAX_SIGNALING_MESSAGE_BYTES });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(parsed.data.port, parsed.data.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    return new SignalingServer(http, wss);
  }

  /** The port the server listens on. */
  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** `ws://host:port` to hand to clients. */
  get url(): string {
    const address = this.http.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `ws://${host}:${address.port}`;
  }

  /** Number of connected WebSocket clients. */
  get clientCount(): number {
    return this.participants.size;
  }

  /** Names of the rooms with at least one participant. */
  get roomNames(): string[] {
    return [...this.rooms.keys()];
  }

  /** Disconnects all clients and stops listening. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const participant of this.participants) participant.socket.terminate();
      this.participants.clear();
      this.rooms.clear();
      await new Promise<void>((resolve) => this.wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        this.http.close(() => resolve());
        this.http.closeAllConnections();
      });
    })();
    return this.closing;
  }

  private accept(socket: WebSocket): void {
    if (this.closing) {
      socket.terminate();
      return;
    }
    const participant: Participant = { socket };
    this.participants.add(participant);
    socket.on('message', (data) => this.receive(participant, data));
    socket.on('close', () => {
      this.leave(participant);
      this.participants.delete(participant);
    });
    // A broken socket ends in 'close'; the error itself concerns only this client.
    socket.on('error', () => socket.terminate());
  }

  private receive(participant: Participant, data: RawData): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    const decoded = decodeSignalingMessage(bytes, clientMessageSchema);
    if (!decoded.ok) {
      this.sendError(participant, decoded.code, decoded.reason);
      return;
    }
    this.handle(participant, decoded.message);
  }

  private handle(participant: Participant, message: ClientMessage): void {
    switch (message.type) {
      case 'join': {
        if (participant.room !== undefined) {
          this.sendError(participant, 'ALREADY_JOINED', `already in room "${participant.room}"`);
          return;
        }
        const members = this.rooms.get(message.room) ?? new Map<PeerRole, Participant>();
        if (members.size >= 2) {
          this.sendError(participant, 'ROOM_FULL', `room "${message.room}" already has two participants`);
          return;
        }
        if (members.has(message.role)) {
          this.sendError(participant, 'ROLE_TAKEN', `room "${message.room}" already has an ${message.role}`);
          return;
        }
        members.set(message.role, participant);
        this.rooms.set(message.room, members);
        participant.room = message.room;
        participant.role = message.role;
        const other = this.peerOf(participant);
        this.send(participant, { type: 'joined', room: message.room, role: message.role, peerPresent: other !== undefined });
        if (other) this.send(other, { type: 'peer-joined', role: message.role });
        return;
      }
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

  private sendError(participant: Participant, code: SignalingErrorCode, message: string): void {
    this.send(participant, { type: 'error', code, message: message.slice(0, 1024) });
  }

  private send(participant: Participant, message: ServerMessage): void {
    if (participant.socket.readyState !== participant.socket.OPEN) return;
    participant.socket.send(encodeSignalingMessage(message));
  }
}
