/** Test helper: a signaling server on an ephemeral port and two PeerLinks connected through it on loopback. */
import { connectPeer, SignalingServer, type PeerLink, type PeerLinkOptions } from '../../src/transport/index.js';

/** A running call between `offerer` and `answerer`. */
export interface Call {
  server: SignalingServer;
  offerer: PeerLink;
  answerer: PeerLink;
  /** Closes both links and the server. */
  close(): Promise<void>;
}

let roomCounter = 0;

/** Starts a signaling server (unless given one) and connects two loopback peers in a fresh room. */
export async function startCall(
  options: { offerer?: PeerLinkOptions; answerer?: PeerLinkOptions; server?: SignalingServer; room?: string } = {},
): Promise<Call> {
  const server = options.server ?? (await SignalingServer.listen({ port: 0 }));
  const room = options.room ?? `room-${process.pid}-${roomCounter++}`;
  const [offerer, answerer] = await Promise.all([
    connectPeer({ url: server.url, room, role: 'offerer', link: { loopbackOnly: true, ...options.offerer } }),
    connectPeer({ url: server.url, room, role: 'answerer', link: { loopbackOnly: true, ...options.answerer } }),
  ]);
  return {
    server,
    offerer,
    answerer,
    async close() {
      await Promise.all([offerer.close(), answerer.close()]);
      if (!options.server) await server.close();
    },
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 10 ms until it holds; rejects after `timeoutMs` with `what` in the message. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const endMs = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > endMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** A payload whose every byte depends on `seed` and position, so corruption or mix-ups are caught. */
export function patternBytes(byteCount: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(byteCount);
  let state = (seed * 2654435761) >>> 0;
  for (let i = 0; i < byteCount; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}
