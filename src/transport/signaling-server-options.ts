/** Options of the signaling server: where it listens, who it lets in (tokens, origins, TLS) and its caps. */
import { Server as HttpServer, type IncomingMessage } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import { z } from 'zod';
import { roomTokenSecretsSchema, type RoomTokenVerdict } from './room-token.js';
import { MAX_SIGNALING_MESSAGE_BYTES } from './signaling-messages.js';

/** A custom token check: gets the join's token (undefined when it has none) and room; may be async; a throw refuses. */
export type RoomTokenVerifier = (token: string | undefined, room: string) => RoomTokenVerdict | Promise<RoomTokenVerdict>;

const isFunction = (value: unknown): boolean => typeof value === 'function';
const pemSchema = z.union([z.string().min(1), z.instanceof(Buffer)]);

/** Defaults of the caps, in one place so the README and the tests can quote them. */
export const SIGNALING_DEFAULTS = {
  maxConnections: 4096,
  maxConnectionsPerAddress: 16,
  maxRooms: 1024,
  maxParticipantsPerRoom: 2,
  maxMessageBytes: MAX_SIGNALING_MESSAGE_BYTES,
  messagesPerSecond: 20,
  messageBurst: 60,
  idleTimeoutMs: 60_000,
  joinTimeoutMs: 10_000,
} as const;

// 0 turns a timeout off; below 50 ms it would only race the client's own round trip.
const timeoutSchema = z.number().int().refine((ms) => ms === 0 || (ms >= 50 && ms <= 3_600_000), 'must be 0 (off) or 50 ms to 1 h');

export const signalingServerOptionsSchema = z
  .strictObject({
    port: z.number().int().min(0).max(65535).default(0),
    host: z.string().min(1).default('127.0.0.1'),
    /** HMAC secret(s) of room tokens; when set, every join must carry a valid token for its room. */
    tokenSecret: roomTokenSecretsSchema.optional(),
    /** The app's own token check, instead of `tokenSecret`. */
    verifyToken: z.custom<RoomTokenVerifier>(isFunction, 'verifyToken must be a function').optional(),
    /** Exact `Origin` header values allowed (e.g. `https://app.example`); absent = any origin, or none. */
    allowedOrigins: z.array(z.string().min(1).max(256)).min(1).max(256).optional(),
    /** PEM key and certificate: the server then speaks `wss://`. */
    tls: z.strictObject({ key: pemSchema, cert: pemSchema, passphrase: z.string().optional() }).optional(),
    /** An existing HTTP(S) server to attach to (listened on here only if it is not listening yet). */
    server: z.custom<HttpServer | HttpsServer>((value) => value instanceof HttpServer || value instanceof HttpsServer, 'server must be an http or https Server').optional(),
    /** The client address the per-address cap counts (default: the TCP peer; behind a proxy, read its header). */
    remoteAddress: z.custom<(request: IncomingMessage) => string | undefined>(isFunction, 'remoteAddress must be a function').optional(),
    maxConnections: z.number().int().min(1).max(1_000_000).default(SIGNALING_DEFAULTS.maxConnections),
    maxConnectionsPerAddress: z.number().int().min(1).max(1_000_000).default(SIGNALING_DEFAULTS.maxConnectionsPerAddress),
    maxRooms: z.number().int().min(1).max(1_000_000).default(SIGNALING_DEFAULTS.maxRooms),
    // Rooms have one offerer and one answerer: more than two needs multi-party rooms, which do not exist yet.
    maxParticipantsPerRoom: z.number().int().min(1).max(2).default(SIGNALING_DEFAULTS.maxParticipantsPerRoom),
    maxMessageBytes: z.number().int().min(1024).max(MAX_SIGNALING_MESSAGE_BYTES).default(SIGNALING_DEFAULTS.maxMessageBytes),
    messagesPerSecond: z.number().positive().max(100_000).default(SIGNALING_DEFAULTS.messagesPerSecond),
    messageBurst: z.number().int().min(1).max(100_000).default(SIGNALING_DEFAULTS.messageBurst),
    idleTimeoutMs: timeoutSchema.default(SIGNALING_DEFAULTS.idleTimeoutMs),
    joinTimeoutMs: timeoutSchema.default(SIGNALING_DEFAULTS.joinTimeoutMs),
  })
  .refine((options) => options.tokenSecret === undefined || options.verifyToken === undefined, 'give tokenSecret or verifyToken, not both')
  .refine((options) => options.tls === undefined || options.server === undefined, 'give tls or server, not both (an https server already has its certificate)');

/** Options of {@link SignalingServer.listen}; every field is optional (see `SIGNALING_DEFAULTS` and the README). */
export type SignalingServerOptions = z.input<typeof signalingServerOptionsSchema>;

/** The options with their defaults filled in. */
export type ResolvedSignalingServerOptions = z.output<typeof signalingServerOptionsSchema>;
