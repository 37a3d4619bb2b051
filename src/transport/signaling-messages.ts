/** The signaling protocol: msgpack-encoded messages validated with zod on both ends. */
import { Packr } from 'msgpackr';
import { z } from 'zod';

/** Largest signaling message accepted (the server's `maxMessageBytes` may lower it); larger ones get `TOO_LARGE`. */
export const MAX_SIGNALING_MESSAGE_BYTES = 64 * 1024;

/** Longest room token a `join` may carry (a real one is ~150 characters). */
export const MAX_ROOM_TOKEN_CHARS = 2048;

/** A room name: 1-64 letters, digits, `_` or `-`. */
export const roomNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'room must be 1-64 letters, digits, "_" or "-"');

/** Which side creates the offer; a room holds one of each. */
export const peerRoleSchema = z.enum(['offerer', 'answerer']);

/** Role of a participant in a room. */
export type PeerRole = z.infer<typeof peerRoleSchema>;

const sdpSchema = z.string().min(1).max(MAX_SIGNALING_MESSAGE_BYTES);

const candidateSchema = z.strictObject({
  candidate: z.string().max(2048),
  sdpMid: z.string().max(256).nullish(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullish(),
  usernameFragment: z.string().max(256).nullish(),
});

const offerSchema = z.strictObject({ type: z.literal('offer'), sdp: sdpSchema });
const answerSchema = z.strictObject({ type: z.literal('answer'), sdp: sdpSchema });
const candidateMessageSchema = z.strictObject({ type: z.literal('candidate'), candidate: candidateSchema });

/** Messages a client may send to the server. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  // `token`: a room token (room-token.ts), required by servers configured with a secret, ignored by the others.
  z.strictObject({ type: z.literal('join'), room: roomNameSchema, role: peerRoleSchema, token: z.string().max(MAX_ROOM_TOKEN_CHARS).optional() }),
  offerSchema,
  answerSchema,
  candidateMessageSchema,
  z.strictObject({ type: z.literal('leave') }),
  // Keeps a quiet connection (a call in progress) from hitting the server's idle timeout; no reply.
  z.strictObject({ type: z.literal('ping') }),
]);

/** A message from client to server. */
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * Stable codes of server `error` messages. The connection stays open after these:
 * `MALFORMED` (not msgpack), `INVALID_MESSAGE` (fails the schema), `TOO_LARGE` (over `maxMessageBytes`, 64 KB by
 * default), `ROOM_FULL` (a participant beyond `maxParticipantsPerRoom`), `ROLE_TAKEN` (the other participant has that
 * role), `ALREADY_JOINED`, `NOT_JOINED` (relay or leave before join), `NO_PEER` (relay while alone in the room).
 * The server closes the connection right after these ({@link signalingCloseCodes} gives the WebSocket close code):
 * `TOKEN_REQUIRED`, `TOKEN_INVALID` (forged or unreadable), `TOKEN_EXPIRED`, `TOKEN_WRONG_ROOM`,
 * `ORIGIN_NOT_ALLOWED`, `TOO_MANY_CONNECTIONS` (from one address), `SERVER_FULL` (all connections), `TOO_MANY_ROOMS`,
 * `RATE_LIMITED`, `JOIN_TIMEOUT`, `IDLE_TIMEOUT`.
 */
export const signalingErrorCodeSchema = z.enum([
  'MALFORMED',
  'INVALID_MESSAGE',
  'TOO_LARGE',
  'ROOM_FULL',
  'ROLE_TAKEN',
  'ALREADY_JOINED',
  'NOT_JOINED',
  'NO_PEER',
  'TOKEN_REQUIRED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_WRONG_ROOM',
  'ORIGIN_NOT_ALLOWED',
  'TOO_MANY_CONNECTIONS',
  'SERVER_FULL',
  'TOO_MANY_ROOMS',
  'RATE_LIMITED',
  'JOIN_TIMEOUT',
  'IDLE_TIMEOUT',
]);

/** Code of a server `error` message. */
export type SignalingErrorCode = z.infer<typeof signalingErrorCodeSchema>;

/** Codes after which the server closes the connection. */
export type SignalingRefusalCode = Exclude<SignalingErrorCode, 'MALFORMED' | 'INVALID_MESSAGE' | 'TOO_LARGE' | 'ROOM_FULL' | 'ROLE_TAKEN' | 'ALREADY_JOINED' | 'NOT_JOINED' | 'NO_PEER'>;

/**
 * WebSocket close code the server uses with each refusal (the close reason is the code's name): 1008 (policy
 * violation) for what the client did or lacks, 1013 (try again later) for capacity. A message beyond twice
 * `maxMessageBytes` is not read at all: the socket closes with 1009 (message too big) and no `error` message.
 */
export const signalingCloseCodes: Readonly<Record<SignalingRefusalCode, number>> = {
  TOKEN_REQUIRED: 1008,
  TOKEN_INVALID: 1008,
  TOKEN_EXPIRED: 1008,
  TOKEN_WRONG_ROOM: 1008,
  ORIGIN_NOT_ALLOWED: 1008,
  RATE_LIMITED: 1008,
  JOIN_TIMEOUT: 1008,
  IDLE_TIMEOUT: 1008,
  TOO_MANY_CONNECTIONS: 1013,
  SERVER_FULL: 1013,
  TOO_MANY_ROOMS: 1013,
};

/** Messages the server sends to a client. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  // `keepaliveMs`: how often to `ping` so the server's idle timeout does not close a quiet connection.
  z.strictObject({ type: z.literal('joined'), room: roomNameSchema, role: peerRoleSchema, peerPresent: z.boolean(), keepaliveMs: z.number().int().positive().optional() }),
  z.strictObject({ type: z.literal('peer-joined'), role: peerRoleSchema }),
  z.strictObject({ type: z.literal('peer-left') }),
  offerSchema,
  answerSchema,
  candidateMessageSchema,
  z.strictObject({ type: z.literal('error'), code: signalingErrorCodeSchema, message: z.string().max(1024) }),
]);

/** A message from server to client. */
export type ServerMessage = z.infer<typeof serverMessageSchema>;

// Plain msgpack maps (no msgpackr records extension) so any msgpack implementation can speak the protocol.
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

/** Encodes a message for the wire. */
export function encodeSignalingMessage(message: ClientMessage | ServerMessage): Uint8Array {
  return packr.pack(message);
}

/** Outcome of {@link decodeSignalingMessage}: the message, or the error code and reason. */
export type DecodeResult<T> = { ok: true; message: T } | { ok: false; code: SignalingErrorCode; reason: string };

/** Decodes and validates one wire message against `schema`, refusing more than `maxBytes`; never throws. */
export function decodeSignalingMessage<T>(bytes: Uint8Array, schema: z.ZodType<T>, maxBytes = MAX_SIGNALING_MESSAGE_BYTES): DecodeResult<T> {
  if (bytes.byteLength > maxBytes) {
    return { ok: false, code: 'TOO_LARGE', reason: `message of ${bytes.byteLength} bytes exceeds ${maxBytes}` };
  }
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch (error) {
    return { ok: false, code: 'MALFORMED', reason: `not msgpack: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, code: 'INVALID_MESSAGE', reason: z.prettifyError(parsed.error).slice(0, 512) };
  }
  return { ok: true, message: parsed.data };
}
