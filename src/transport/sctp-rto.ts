/**
 * Bounds on the retransmission timeout (RTO) of a link's SCTP association. werift follows RFC 9260's RTO.Min of 1 s
 * and its RTT estimate includes the peer's delayed SACK (500 ms by default here), so after a loss or an outage the
 * data still queued moves again only 1-3 s later; on a call's short paths a lower floor and ceiling bring it back
 * sooner. werift keeps the RTO in seconds on the association; the bounds clamp every value it stores there.
 */
import type { RTCPeerConnection } from 'werift';
import { z } from 'zod';

/** The RTO stays within [`minMs`, `maxMs`]. */
export const sctpRtoBoundsSchema = z
  .strictObject({
    minMs: z.number().int().min(50).max(60_000),
    maxMs: z.number().int().min(50).max(60_000),
  })
  .refine((b) => b.minMs <= b.maxMs, 'minMs must not exceed maxMs');

export type SctpRtoBounds = z.infer<typeof sctpRtoBoundsSchema>;

/** werift 0.24.4's own bounds (RFC 9260's RTO.Min and RTO.Max). */
export const WERIFT_RTO_BOUNDS: SctpRtoBounds = { minMs: 1000, maxMs: 60_000 };

interface RtoHolder {
  rto: number;
}

/**
 * Clamps `pc`'s association's RTO to `bounds` from now on (call once the data channels are open). Returns false,
 * changing nothing, when werift keeps no numeric `rto` on the association (its internals changed).
 */
export function applySctpRtoBounds(pc: RTCPeerConnection, bounds: SctpRtoBounds): boolean {
  const sctp = (pc.sctpTransport as unknown as { sctp?: Partial<RtoHolder> } | undefined)?.sctp;
  if (!sctp || typeof sctp.rto !== 'number') return false;
  const clamp = (seconds: number): number => Math.min(bounds.maxMs / 1000, Math.max(bounds.minMs / 1000, seconds));
  let rtoSeconds = clamp(sctp.rto);
  Object.defineProperty(sctp, 'rto', {
    configurable: true,
    enumerable: true,
    get: () => rtoSeconds,
    set: (seconds: number) => {
      rtoSeconds = clamp(seconds);
    },
  });
  return true;
}

/** The association's current RTO in ms, or undefined when there is none. */
export function sctpRtoMsOf(pc: RTCPeerConnection): number | undefined {
  const rto = (pc.sctpTransport as unknown as { sctp?: Partial<RtoHolder> } | undefined)?.sctp?.rto;
  return typeof rto === 'number' ? rto * 1000 : undefined;
}
