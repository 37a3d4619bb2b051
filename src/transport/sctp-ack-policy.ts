/**
 * How often this peer's SCTP association acknowledges the data it receives: RFC 6458's SCTP_DELAYED_SACK
 * (`sack_freq`, `sack_delay`), which werift 0.24.4 gains from patches/werift+0.24.4.patch.
 *
 * A facecodec call sends a frame message every 80–160 ms; at RFC 9260's default (a SACK every second packet, or
 * 200 ms after one) each SACK, 93 B on the wire, costs as much as a frame message. Frame messages are loss-tolerant
 * (one retransmission at most) and gaps, duplicates and fragments are still acknowledged at once, so the only cost of
 * a longer delay is later release of the sender's buffer. RFC 9260 6.2 caps the delay at 500 ms.
 */
import type { RTCPeerConnection } from 'werift';
import { z } from 'zod';

/** Acknowledge after this many packets with new data, or this long after the first unacknowledged one. */
export const sctpAckPolicySchema = z.strictObject({
  everyPackets: z.number().int().min(1).max(16),
  delayMs: z.number().int().min(1).max(500),
});

export type SctpAckPolicy = z.infer<typeof sctpAckPolicySchema>;

/** RFC 9260's defaults: werift's behaviour without a policy. */
export const RFC_9260_ACK_POLICY: SctpAckPolicy = { everyPackets: 2, delayMs: 200 };

/**
 * facecodec's default: one SACK per four packets or 500 ms, which at the default three frames per message (a message
 * every 120 ms) halves the acknowledgements of RFC 9260's default. Measured in bench/results/wire.
 */
export const DEFAULT_SCTP_ACK_POLICY: SctpAckPolicy = { everyPackets: 4, delayMs: 500 };

interface PatchedSctp {
  sackFrequency: number;
  sackDelayMs: number;
}

function association(pc: RTCPeerConnection): PatchedSctp | undefined {
  const sctp = (pc.sctpTransport as unknown as { sctp?: Partial<PatchedSctp> } | undefined)?.sctp;
  return typeof sctp?.sackFrequency === 'number' && typeof sctp.sackDelayMs === 'number' ? (sctp as PatchedSctp) : undefined;
}

/**
 * Applies `policy` to `pc`'s SCTP association (it must exist: call once the data channels are open). Returns false
 * when werift lacks the patched fields (the patch was not applied), leaving werift's behaviour as it is.
 */
export function applySctpAckPolicy(pc: RTCPeerConnection, policy: SctpAckPolicy): boolean {
  const sctp = association(pc);
  if (!sctp) return false;
  sctp.sackFrequency = policy.everyPackets;
  sctp.sackDelayMs = policy.delayMs;
  return true;
}

/** The policy `pc`'s association follows now, or undefined without the patch. */
export function sctpAckPolicyOf(pc: RTCPeerConnection): SctpAckPolicy | undefined {
  const sctp = association(pc);
  return sctp && { everyPackets: sctp.sackFrequency, delayMs: sctp.sackDelayMs };
}
