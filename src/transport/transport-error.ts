/** The typed error every transport function throws or emits: bad arguments, closed links, lost chunks, signaling failures. */
import { FacecodecError } from '../errors.js';

/**
 * Stable codes of {@link TransportError}:
 * - `TRANSPORT_BAD_ARGUMENT`: an argument or option is invalid (wrong type, absurd size, bad probability).
 * - `TRANSPORT_CLOSED`: the link, channel or signaling object was used after `close()`.
 * - `TRANSPORT_NOT_OPEN`: a send was attempted before the data channel opened.
 * - `TRANSPORT_MESSAGE_TOO_LARGE`: a message exceeds the configured maximum for its class.
 * - `TRANSPORT_CHUNK_MISSING`: a chunk of a split reliable message never arrived; the partial message was discarded.
 * - `TRANSPORT_MESSAGE_MISSING`: a whole reliable message never arrived (gap in the envelope's message ids).
 * - `TRANSPORT_CHUNK_MALFORMED`: a received chunk envelope is unreadable or inconsistent with its siblings.
 * - `TRANSPORT_REASSEMBLY_TIMEOUT`: a split reliable message stayed incomplete for too long and was discarded.
 * - `TRANSPORT_CONNECT_TIMEOUT`: the peer connection or its channels did not open in time.
 * - `TRANSPORT_CONNECTION_FAILED`: ICE/DTLS failed or the peer connection closed unexpectedly.
 * - `TRANSPORT_SIGNALING_ERROR`: the signaling server rejected a request (room full, malformed message, ...).
 * - `TRANSPORT_SIGNALING_CLOSED`: the signaling WebSocket closed before the exchange finished.
 * - `TRANSPORT_ABORTED`: the caller's abort signal ended a connect before it finished.
 */
export type TransportErrorCode =
  | 'TRANSPORT_BAD_ARGUMENT'
  | 'TRANSPORT_CLOSED'
  | 'TRANSPORT_NOT_OPEN'
  | 'TRANSPORT_MESSAGE_TOO_LARGE'
  | 'TRANSPORT_CHUNK_MISSING'
  | 'TRANSPORT_MESSAGE_MISSING'
  | 'TRANSPORT_CHUNK_MALFORMED'
  | 'TRANSPORT_REASSEMBLY_TIMEOUT'
  | 'TRANSPORT_CONNECT_TIMEOUT'
  | 'TRANSPORT_CONNECTION_FAILED'
  | 'TRANSPORT_SIGNALING_ERROR'
  | 'TRANSPORT_SIGNALING_CLOSED'
  | 'TRANSPORT_ABORTED';

/** Error thrown or emitted by everything in `src/transport`; branch on `code`, not on the message. */
export class TransportError extends FacecodecError {
  declare readonly code: TransportErrorCode;

  /** Machine-readable context (message id, chunk counts, room name, ...), when there is any. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: TransportErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(code, message, options);
    this.details = options?.details ?? {};
  }
}
