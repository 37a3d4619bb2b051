/**
 * Janus's own signed tokens (core `token_auth_secret`): `<expiry seconds>,janus,<plugin>:<signature>`, checked by Janus
 * on every request, so a participant without a current token from the app server cannot even open a session.
 */
import { createHmac } from 'node:crypto';
import { TransportError } from '../transport-error.js';

/** The plugin the tokens admit to. */
export const VIDEOROOM_PLUGIN = 'janus.plugin.videoroom';

/** Signs a Janus token valid until `expiresAt` (ms since the epoch, or a Date) for the VideoRoom plugin. */
export function createJanusToken(options: { secret: string; expiresAt: number | Date }): string {
  if (typeof options?.secret !== 'string' || options.secret.length < 32) {
    throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'a Janus token secret must be a string of at least 32 characters');
  }
  const expiresMs = typeof options.expiresAt === 'number' ? options.expiresAt : options.expiresAt?.getTime?.();
  if (typeof expiresMs !== 'number' || !Number.isFinite(expiresMs) || expiresMs <= 0) {
    throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'expiresAt must be a Date or milliseconds since the epoch');
  }
  const data = `${Math.floor(expiresMs / 1000)},janus,${VIDEOROOM_PLUGIN}`;
  return `${data}:${createHmac('sha1', options.secret).update(data).digest('base64')}`;
}
