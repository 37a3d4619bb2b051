/** The signaling protocol: msgpack-encoded messages validated with zod on both ends. */
import { Packr } from 'msgpackr';
import { z } from 'zod';

/** Largest signaling message accepted; larger ones are answered with a `TOO_LARGE` error. */
export const MAX_SIGNALING_MESSAGE_BYTES = 64 * 1024;

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
  z.strictObject({ type: z.literal('join'), room: roomNameSchema, role: peerRoleSchema }),
  offerSchema,
  answerSchema,
  candidateMessageSchema,
  z.strictObject({ type: z.literal('leave') }),
]);

/** A message from client to server. */
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * Stable codes of server `error` messages:
 * `MALFORMED` (not msgpack), `INVALID_MESSAGE` (fails the schema), `TOO_LARGE` (> 64 KB), `ROOM_FULL` (a third
 * participant), `ROLE_TAKEN` (the other participant has that role), `ALREADY_JOINED`, `NOT_JOINED` (relay or leave
 * before join), `NO_PEER` (relay while alone in the room).
 */
export const signalingErrorCodeSchema = z.enum(['MALFORMED', 'INVALID_MESSAGE', 'TOO_LARGE', 'ROOM_FULL', 'ROLE_TAKEN', 'ALREADY_JOINED', 'NOT_JOINED', 'NO_PEER']);

/** Code of a server `error` message. */
export type SignalingErrorCode = z.infer<typeof signalingErrorCodeSchema>;

/** Messages the server sends to a client. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('joined'), room: roomNameSchema, role: peerRoleSchema, peerPresent: z.boolean() }),
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

/** Decodes and validates one wire message against `schema`; never throws. */
export function decodeSignalingMessage<T>(bytes: Uint8Array, schema: z.ZodType<T>): DecodeResult<T> {
  if (bytes.byteLength > MAX_SIGNALING_MESSAGE_BYTES) {
    return { ok: false, code: 'TOO_LARGE', reason: `message of ${bytes.byteLength} bytes exceeds ${MAX_SIGNALING_MESSAGE_BYTES}` };
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
