/** The typed error of the call layer (codec sessions over a PeerLink and their rate adaptation). */
import { FacecodecError } from '../errors.js';

/**
 * Stable codes of {@link CallError}:
 * - `CALL_BAD_ARGUMENT`: an option or argument is invalid.
 * - `CALL_CLOSED`: the session was used after `close()` (or after its link closed).
 * - `CALL_PROTOCOL`: the peer sent a message this side cannot use (undecodable envelope, wrong message for the role).
 * - `CALL_RECONNECT_FAILED`: the link was lost and every reconnection try failed (emitted, then the session closes).
 */
export type CallErrorCode = 'CALL_BAD_ARGUMENT' | 'CALL_CLOSED' | 'CALL_PROTOCOL' | 'CALL_RECONNECT_FAILED';

/** Error thrown or emitted by everything in `src/call`; branch on `code`. */
export class CallError extends FacecodecError {
  declare readonly code: CallErrorCode;

  constructor(code: CallErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
