/** The typed error of the end-to-end encryption layer: every packet it refuses says why, by code. */
import { FacecodecError } from '../errors.js';

/**
 * Stable codes of {@link E2eeError}:
 * - `E2EE_BAD_ARGUMENT`: an option or argument is invalid (short secret, sender id out of range, ...).
 * - `E2EE_TRUNCATED`: the packet is shorter than a header and an authentication tag, or its header is unreadable.
 * - `E2EE_UNKNOWN_KEY`: the packet's key id names an epoch or a sender this side has no key for (not in the room,
 *   rotated out, or from a sender that is not the one the packet arrived from).
 * - `E2EE_AUTH_FAILED`: AES-GCM refused the packet: its header or ciphertext was altered, or it was sealed with
 *   another room secret.
 * - `E2EE_REPLAYED`: the packet's counter was already accepted, or is older than the replay window.
 * - `E2EE_COUNTER_EXHAUSTED`: this sender used every counter of its epoch; it needs a new epoch before it sends again.
 */
export type E2eeErrorCode = 'E2EE_BAD_ARGUMENT' | 'E2EE_TRUNCATED' | 'E2EE_UNKNOWN_KEY' | 'E2EE_AUTH_FAILED' | 'E2EE_REPLAYED' | 'E2EE_COUNTER_EXHAUSTED';

/** Error thrown by the E2EE layer; branch on `code`. */
export class E2eeError extends FacecodecError {
  declare readonly code: E2eeErrorCode;

  /** The packet's key id, sender and counter when the header could be read. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: E2eeErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(code, message, options);
    this.details = options?.details ?? {};
  }
}
