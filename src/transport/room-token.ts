/**
 * Room tokens: the app's own server signs "who may join which room until when" with a secret it shares with the
 * signaling server; the signaling server checks the signature, the expiry and the room before it lets a client in.
 *
 * Format: `base64url(JSON payload) + "." + base64url(HMAC-SHA256(secret, first part))`, payload
 * `{ v: 1, room, exp, participant? }` with `exp` in milliseconds since the epoch.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MAX_ROOM_TOKEN_CHARS, roomNameSchema } from './signaling-messages.js';
import { TransportError } from './transport-error.js';

/** Shortest secret accepted: RFC 2104 / RFC 7518 ask for an HMAC key at least as long as the hash (32 bytes). */
export const MIN_ROOM_TOKEN_SECRET_BYTES = 32;

const secretSchema = z
  .union([z.string(), z.instanceof(Uint8Array)])
  .refine((secret) => byteLength(secret) >= MIN_ROOM_TOKEN_SECRET_BYTES, `the secret must be at least ${MIN_ROOM_TOKEN_SECRET_BYTES} bytes`);

/** A token secret: a string (UTF-8) or bytes, at least 32 bytes. */
export type RoomTokenSecret = string | Uint8Array;

/** One secret, or several while rotating (tokens signed with any of them verify; new tokens use the first). */
export const roomTokenSecretsSchema = z.union([secretSchema, z.array(secretSchema).min(1).max(16)]);

const participantSchema = z.string().min(1).max(128);

const payloadSchema = z.strictObject({
  v: z.literal(1),
  room: roomNameSchema,
  exp: z.number().int().positive(),
  participant: participantSchema.optional(),
});

/** What a valid token says. */
export interface RoomTokenClaims {
  /** The only room the token admits to. */
  room: string;
  /** The app's id of the participant, when it put one in; for a custom verifier, the built-in check ignores it. */
  participant?: string;
  /** Milliseconds since the epoch after which the token is refused. */
  expiresAt: number;
}

const createOptionsSchema = z.strictObject({
  secret: secretSchema,
  room: roomNameSchema,
  participant: participantSchema.optional(),
  expiresAt: z.union([z.date(), z.number().int().positive()]),
});

/** Options of {@link createRoomToken}; `expiresAt` is a Date or milliseconds since the epoch. */
export type CreateRoomTokenOptions = z.input<typeof createOptionsSchema>;

/** Codes of a refused token, as sent to the client in the server's `error` message. */
export type RoomTokenRefusal = 'TOKEN_REQUIRED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_WRONG_ROOM';

/** Outcome of {@link verifyRoomToken} and of a custom verifier given to the signaling server. */
export type RoomTokenVerdict = { ok: true; claims: RoomTokenClaims } | { ok: false; code: RoomTokenRefusal; reason: string };

/** Signs a token for `room`, valid until `expiresAt`. Throws `TRANSPORT_BAD_ARGUMENT` on invalid options. */
export function createRoomToken(options: CreateRoomTokenOptions): string {
  const parsed = createOptionsSchema.safeParse(options);
  if (!parsed.success) throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid room token options: ${z.prettifyError(parsed.error)}`);
  const { secret, room, participant, expiresAt } = parsed.data;
  const exp = typeof expiresAt === 'number' ? expiresAt : expiresAt.getTime();
  const payload = Buffer.from(JSON.stringify({ v: 1, room, exp, ...(participant === undefined ? {} : { participant }) })).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/**
 * Checks `token` for `room`: signature (against any of `secrets`, in constant time), expiry (against `nowMs`) and
 * room, in that order, so nothing unsigned is ever interpreted. Never throws: bad input is a refusal.
 */
export function verifyRoomToken(token: unknown, room: string, secrets: RoomTokenSecret | readonly RoomTokenSecret[], nowMs = Date.now()): RoomTokenVerdict {
  if (token === undefined) return { ok: false, code: 'TOKEN_REQUIRED', reason: `room "${room}" needs a token` };
  if (typeof token !== 'string' || token.length > MAX_ROOM_TOKEN_CHARS) return invalid('not a token string');
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!match) return invalid('not of the form payload.signature');
  const [, payloadPart, macPart] = match;
  const given = Buffer.from(macPart, 'base64url');
  const list = Array.isArray(secrets) ? secrets : [secrets as RoomTokenSecret];
  // Compare against every secret even after a match, so timing says nothing about which one signed.
  let signed = false;
  for (const secret of list) {
    const expected = mac(secret, payloadPart);
    if (given.length === expected.length && timingSafeEqual(given, expected)) signed = true;
  }
  if (!signed) return invalid('bad signature');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return invalid('payload is not JSON');
  }
  const payload = payloadSchema.safeParse(json);
  if (!payload.success) return invalid('payload does not match the token schema');
  const { exp, participant } = payload.data;
  if (nowMs >= exp) return { ok: false, code: 'TOKEN_EXPIRED', reason: `token expired ${new Date(exp).toISOString()}` };
  if (payload.data.room !== room) return { ok: false, code: 'TOKEN_WRONG_ROOM', reason: `token is for another room, not "${room}"` };
  return { ok: true, claims: { room, expiresAt: exp, ...(participant === undefined ? {} : { participant }) } };
}

function invalid(reason: string): RoomTokenVerdict {
  return { ok: false, code: 'TOKEN_INVALID', reason };
}

function mac(secret: RoomTokenSecret, payloadPart: string): Buffer {
  return createHmac('sha256', secret).update(payloadPart).digest();
}

function byteLength(secret: RoomTokenSecret): number {
  return typeof secret === 'string' ? Buffer.byteLength(secret) : secret.byteLength;
}
