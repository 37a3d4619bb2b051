/** Test helper: a bare WebSocket client of the signaling server that records decoded server messages and its close. */
import { WebSocket, type ClientOptions } from 'ws';
import { decodeSignalingMessage, encodeSignalingMessage, serverMessageSchema, type ClientMessage, type ServerMessage } from '../../src/transport/index.js';
import { waitFor } from './call-harness.js';

/** A connected raw client. */
export interface RawClient {
  socket: WebSocket;
  /** Every server message so far, in order. */
  messages: ServerMessage[];
  /** Resolves with the close code and reason once the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  /** The next message not yet returned by `next`; rejects after 2 s. */
  next(): Promise<ServerMessage>;
  /** Encodes and sends a protocol message. */
  send(message: ClientMessage): void;
}

/** Opens a raw client; `options` go to ws (e.g. `localAddress: '127.0.0.2'` to come from another address, `origin`). */
export async function rawClient(url: string, options: ClientOptions = {}): Promise<RawClient> {
  const socket = new WebSocket(url, options);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => {
    const decoded = decodeSignalingMessage(data as Buffer, serverMessageSchema);
    if (!decoded.ok) throw new Error(`server sent an invalid message: ${decoded.reason}`);
    messages.push(decoded.message);
  });
  // A flooding client may see its socket reset; that shows up in `closed`, not as a crash.
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let read = 0;
  return {
    socket,
    messages,
    closed,
    async next() {
      await waitFor(() => messages.length > read, 2000, 'a server message');
      return messages[read++];
    },
    send(message) {
      socket.send(encodeSignalingMessage(message));
    },
  };
}
