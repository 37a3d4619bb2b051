/** How a codec session rejoins after its link fails: the caller's connect function, attempts and backoff. */
import { z } from 'zod';
import type { CodecLink } from '../transport/codec-link.js';
import type { LinkCloseReason } from '../transport/link-types.js';

/**
 * Makes a new, open link to the same peer (typically `connectPeer` with the same url, room and role, passing
 * `signal` on). It should give up when `signal` aborts: the session closed meanwhile.
 */
export type ReconnectFn = (signal: AbortSignal) => Promise<CodecLink>;

export const reconnectPolicySchema = z.strictObject({
  connect: z.custom<ReconnectFn>((v) => typeof v === 'function', 'reconnect.connect must be a function'),
  attempts: z.number().int().min(1).max(100).default(5),
  backoffMs: z.number().min(0).max(60_000).default(250),
  maxBackoffMs: z.number().min(0).max(600_000).default(4000),
});

/**
 * Options of a session's `reconnect`:
 * - `connect`: see {@link ReconnectFn}.
 * - `attempts` (5): connects tried before the session gives up and closes with reason `link`.
 * - `backoffMs` (250): wait before the first attempt, doubled after each failed one up to `maxBackoffMs` (4000).
 *   The first wait also lets the signaling server see the old connection go, so the room has a place again.
 */
export type ReconnectPolicy = z.input<typeof reconnectPolicySchema>;

/** A session's link closed under it and it is about to try connecting again. */
export interface ReconnectingEvent {
  /** 1 for the first try. */
  attempt: number;
  /** Why the link that was lost closed (`remote`: the peer left or signaling said so; `failed`: ICE/DTLS). */
  reason: LinkCloseReason;
  /** How long it waits before this try. */
  delayMs: number;
  /** Why the previous try failed (absent on the first). */
  lastError?: Error;
}

/** A session is on a new link again. */
export interface ReconnectedEvent {
  /** The try that succeeded (1 = the first). */
  attempts: number;
  /** From the old link's close to the new link's open, ms. */
  downMs: number;
}

/** The events both sessions emit when they reconnect. */
export type ReconnectEvents = {
  /** The link failed or the peer went away; a try to connect again follows. */
  reconnecting: [event: ReconnectingEvent];
  /** A new link is open; the stream resumes from a new keyframe. */
  reconnected: [event: ReconnectedEvent];
};

/** The wait before try `attempt` (1-based). */
export function reconnectDelayMs(policy: z.output<typeof reconnectPolicySchema>, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
}
