/**
 * Load test from one process on loopback, bounded in count and time: abusive clients (message floods, oversize
 * messages, a message too big to read, a connection flood) are closed with their codes while two honest clients in
 * another room keep exchanging offers and answers at normal speed and a real call connects. Default caps throughout.
 */
import { pack } from 'msgpackr';
import { WebSocket } from 'ws';
import { SIGNALING_DEFAULTS, SignalingClient, SignalingServer, type TransportError } from '../../src/transport/index.js';
import { rawClient, type RawClient } from './raw-signaling-client.js';
import { sleep, startCall, waitFor } from './call-harness.js';

// Abusers come from other loopback addresses, so the per-address cap they hit is not the honest clients' one.
const FLOODER = { localAddress: '127.0.0.2' };
const CONNECTION_FLOODER = { localAddress: '127.0.0.3' };
const FLOOD_MS = 1500;
const { messageBurst, messagesPerSecond, maxConnectionsPerAddress, maxMessageBytes } = SIGNALING_DEFAULTS;

/** Sends one offer from `from` and the answer back; resolves with the round trip in ms. */
async function roundTrip(from: SignalingClient, to: SignalingClient, n: number): Promise<number> {
  const started = performance.now();
  const offered = new Promise<void>((resolve) => to.once('offer', () => resolve()));
  const answered = new Promise<void>((resolve) => from.once('answer', () => resolve()));
  from.send({ type: 'offer', sdp: `v=0 offer ${n}` });
  await offered;
  to.send({ type: 'answer', sdp: `v=0 answer ${n}` });
  await answered;
  return performance.now() - started;
}

/** Floods `client` with `payload` until the server closes it or `limit` messages went out, yielding every `batch`. */
async function flood(client: RawClient, payload: Uint8Array, limit: number, batch: number): Promise<number> {
  let sent = 0;
  while (sent < limit && client.socket.readyState === WebSocket.OPEN) {
    client.socket.send(payload);
    sent++;
    if (sent % batch === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return sent;
}

test('one abusive client does not slow another room: floods are closed with their codes, the honest call goes on', async () => {
  const server = await SignalingServer.listen();
  const offerer = await SignalingClient.connect(server.url);
  const answerer = await SignalingClient.connect(server.url);
  const honestErrors: TransportError[] = [];
  for (const client of [offerer, answerer]) client.on('error', (error) => honestErrors.push(error));
  await offerer.join('room-b', 'offerer');
  await answerer.join('room-b', 'answerer');
  const baseline: number[] = [];
  for (let n = 0; n < 5; n++) baseline.push(await roundTrip(offerer, answerer, n));

  const endMs = performance.now() + FLOOD_MS;
  const flooders: RawClient[] = [];
  const oversizers: RawClient[] = [];
  const candidate = pack({ type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.2 9 typ host' } });
  const oversize = pack({ type: 'offer', sdp: 'x'.repeat(maxMessageBytes + 1024) });
  // A new abuser as soon as the last one is closed, for the whole flood.
  const messageFlood = (async () => {
    while (performance.now() < endMs) {
      const client = await rawClient(server.url, FLOODER);
      flooders.push(client);
      client.send({ type: 'join', room: `room-a-${flooders.length}`, role: 'offerer' });
      await flood(client, candidate, 5000, 100);
      await client.closed;
    }
  })();
  const oversizeFlood = (async () => {
    while (performance.now() < endMs) {
      const client = await rawClient(server.url, FLOODER);
      oversizers.push(client);
      await flood(client, oversize, 100, 5);
      await client.closed;
    }
  })();
  const unreadable = await rawClient(server.url, FLOODER);
  unreadable.socket.send(Buffer.alloc(2 * maxMessageBytes + 1));
  const connectionFlood = Promise.all(Array.from({ length: maxConnectionsPerAddress + 24 }, () => rawClient(server.url, CONNECTION_FLOODER)));
  // A real call in a third room, set up in the middle of it all.
  const call = startCall({ server, room: 'room-c' });

  const during: number[] = [];
  for (let n = 0; performance.now() < endMs || n < 10; n++) {
    during.push(await roundTrip(offerer, answerer, 100 + n));
    await sleep(100); // 10 offers a second: an honest client stays under the rate cap
  }
  await Promise.all([messageFlood, oversizeFlood]);
  const connections = await connectionFlood;
  const established = await call;

  // The honest room saw nothing of it: every round trip completed, at normal speed, without an error.
  const slowest = Math.max(...during);
  const sorted = [...during].sort((a, b) => a - b);
  console.log(
    `signaling flood: ${flooders.length} message flooders, ${oversizers.length} oversize flooders, ${connections.length} connections; ` +
      `room-b round trips ${during.length}, p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${slowest.toFixed(1)} ms (before: max ${Math.max(...baseline).toFixed(1)} ms)`,
  );
  expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(100);
  expect(slowest).toBeLessThan(1000);
  expect(honestErrors).toEqual([]);
  expect(offerer.isOpen && answerer.isOpen).toBe(true);
  expect(server.roomNames).toContain('room-b');
  const got = new Promise<Uint8Array>((resolve) => established.answerer.once('reliable', resolve));
  established.offerer.sendReliable(new Uint8Array([1, 2, 3]));
  expect([...(await got)]).toEqual([1, 2, 3]);

  // Each message flooder: its join, then NO_PEER answers up to about the burst, then RATE_LIMITED and a 1008 close.
  expect(flooders.length).toBeGreaterThan(1);
  for (const client of flooders) {
    expect(await client.closed).toEqual({ code: 1008, reason: 'RATE_LIMITED' });
    const codes = client.messages.map((message) => (message.type === 'error' ? message.code : message.type));
    expect(codes[0]).toBe('joined');
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(new Set(codes.slice(1, -1))).toEqual(new Set(['NO_PEER']));
    // The bucket refills while a flood runs, so a few more than the burst may pass; never many.
    expect(codes.length - 2).toBeGreaterThanOrEqual(messageBurst - 1);
    expect(codes.length - 2).toBeLessThanOrEqual(messageBurst + messagesPerSecond);
  }
  for (const client of oversizers) {
    expect(await client.closed).toEqual({ code: 1008, reason: 'RATE_LIMITED' });
    const codes = client.messages.map((message) => (message.type === 'error' ? message.code : message.type));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(new Set(codes.slice(0, -1))).toEqual(new Set(['TOO_LARGE']));
  }
  // Too big to read: ws closes with 1009 (message too big) before any of it is decoded.
  expect(await unreadable.closed).toEqual({ code: 1009, reason: '' });
  // The connection flood: the first ones in, the rest refused with 1013 (try again later).
  const refused = await Promise.all(connections.map(async (client) => (client.socket.readyState === WebSocket.OPEN && client.messages.length === 0 ? 'open' : (await client.closed).reason)));
  expect(refused.filter((state) => state === 'open')).toHaveLength(maxConnectionsPerAddress);
  expect(refused.filter((state) => state === 'TOO_MANY_CONNECTIONS')).toHaveLength(24);
  for (const client of connections.filter((each) => each.messages.length > 0)) {
    expect(client.messages).toEqual([{ type: 'error', code: 'TOO_MANY_CONNECTIONS', message: `already ${maxConnectionsPerAddress} connections from this address` }]);
    expect(await client.closed).toEqual({ code: 1013, reason: 'TOO_MANY_CONNECTIONS' });
  }

  expect(server.stats().refused).toMatchObject({
    RATE_LIMITED: flooders.length + oversizers.length,
    TOO_MANY_CONNECTIONS: 24,
    TOO_LARGE: 1,
  });
  for (const client of connections) client.socket.close();
  offerer.close();
  answerer.close();
  await established.close();
  await waitFor(() => server.clientCount === 0, 3000, 'every client to be gone');
  await server.close();
});
