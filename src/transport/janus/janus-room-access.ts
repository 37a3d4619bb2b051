/**
 * Room access for Janus rooms, the app server's side. Two checks, both by Janus itself:
 * - every API request carries a Janus-signed token (HMAC with the secret in Janus's config, with an expiry), so an
 *   expired or forged token cannot open a session at all (janus-token.ts);
 * - each room has a pin derived from the same secret and the room name (HMAC-SHA-256), so a token for one room's
 *   participant does not admit to another room whose pin it was not given.
 * The E2EE epoch secret is separate and never sent to Janus. The pin travels to Janus inside the signaling socket:
 * use wss:// off loopback.
 *
 * {@link issueJanusAccess} turns one of the project's room tokens (room-token.ts) into these credentials, after
 * verifying it, so the same signed, expiring tokens gate the signaling server and Janus rooms.
 */
import { createHash, createHmac } from 'node:crypto';
import { verifyRoomToken, type RoomTokenSecret } from '../room-token.js';
import { TransportError } from '../transport-error.js';
import { createJanusToken } from './janus-token.js';
import type { JanusSession } from './janus-session.js';

/** What a participant needs to join a Janus room: its numeric id, the pin and a current Janus token. */
export interface JanusRoomAccess {
  room: number;
  pin: string;
  token: string;
  /** When the Janus token stops working (the room token's own expiry). */
  expiresAt: number;
}

/** The Janus room number for a room name (Janus's VideoRoom rooms are numbered): 48 bits of SHA-256 of the name. */
export function janusRoomId(roomName: string): number {
  if (typeof roomName !== 'string' || roomName.length === 0 || roomName.length > 256) throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'a room name is 1-256 characters');
  const digest = createHash('sha256').update(`facecodec janus room\0${roomName}`).digest();
  return digest.readUIntBE(0, 6) || 1;
}

/** The pin of a room: HMAC-SHA-256 of its name under the Janus secret, base64url. */
export function janusRoomPin(secret: string, roomName: string): string {
  if (typeof secret !== 'string' || secret.length < 32) throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'the Janus secret must be at least 32 characters');
  return createHmac('sha256', secret).update(`facecodec janus pin\0${roomName}`).digest('base64url');
}

/**
 * The app server's exchange: verifies `roomToken` (the project's token for `roomName`, signed with `roomTokenSecret`)
 * and returns Janus credentials valid until the token's own expiry. Throws `TRANSPORT_SIGNALING_ERROR` with
 * `details.code` = the refusal (`TOKEN_EXPIRED`, `TOKEN_INVALID`, ...).
 */
export function issueJanusAccess(options: {
  roomToken: string;
  roomName: string;
  roomTokenSecret: RoomTokenSecret | readonly RoomTokenSecret[];
  janusSecret: string;
  nowMs?: number;
}): JanusRoomAccess {
  const verdict = verifyRoomToken(options.roomToken, options.roomName, options.roomTokenSecret, options.nowMs);
  if (!verdict.ok) throw new TransportError('TRANSPORT_SIGNALING_ERROR', `room token refused: ${verdict.reason}`, { details: { code: verdict.code } });
  const expiresAt = verdict.claims.expiresAt;
  return {
    room: janusRoomId(options.roomName),
    pin: janusRoomPin(options.janusSecret, options.roomName),
    token: createJanusToken({ secret: options.janusSecret, expiresAt }),
    expiresAt,
  };
}

/**
 * Creates the room on Janus with its derived pin (the app server's job; needs the VideoRoom's admin key). Data
 * channels only: no audio or video is published in these rooms. Resolves with the room number; an existing room is
 * left as it is.
 */
export async function createJanusRoom(session: JanusSession, options: { roomName: string; janusSecret: string; adminKey: string; maxPublishers?: number }): Promise<number> {
  const room = janusRoomId(options.roomName);
  const handle = await session.attach();
  try {
    const exists = await handle.request({ request: 'exists', room });
    if (exists.data.exists) return room;
    await handle.request({
      request: 'create',
      room,
      admin_key: options.adminKey,
      pin: janusRoomPin(options.janusSecret, options.roomName),
      secret: createHmac('sha256', options.janusSecret).update(`facecodec janus room secret\0${options.roomName}`).digest('base64url'),
      is_private: true,
      publishers: options.maxPublishers ?? 16,
      permanent: false,
      description: options.roomName.slice(0, 64),
    });
    return room;
  } finally {
    await handle.detach();
  }
}
