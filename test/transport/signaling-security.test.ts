/** Signaling server access control over real WebSockets: room tokens, origin allow-list, caps, timeouts, TLS. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectPeer,
  createRoomToken,
  SignalingClient,
  SignalingServer,
  type RoomTokenVerdict,
  type TransportError,
} from '../../src/transport/index.js';
import { rawClient } from './raw-signaling-client.js';
import { waitFor } from './call-harness.js';

const SECRET = 'signaling-test-secret-0123456789abcdef';
const inAMinute = (): number => Date.now() + 60_000;

describe('room tokens', () => {
  let server: SignalingServer;
  beforeAll(async () => {
    server = await SignalingServer.listen({ tokenSecret: SECRET });
  });
  afterAll(() => server.close());

  test('forged, tampered, expired, wrong-room and missing tokens are refused with their code and close 1008', async () => {
    const valid = createRoomToken({ secret: SECRET, room: 'room-a', expiresAt: inAMinute() });
    const [, mac] = valid.split('.');
    const cases: Array<[string | undefined, string]> = [
      [createRoomToken({ secret: 'not-the-server-secret-0123456789abcdef', room: 'room-a', expiresAt: inAMinute() }), 'TOKEN_INVALID'],
      [`${Buffer.from(JSON.stringify({ v: 1, room: 'room-a', exp: Date.now() + 9e9 })).toString('base64url')}.${mac}`, 'TOKEN_INVALID'],
      ['garbage', 'TOKEN_INVALID'],
      [createRoomToken({ secret: SECRET, room: 'room-a', expiresAt: Date.now() - 1 }), 'TOKEN_EXPIRED'],
      [createRoomToken({ secret: SECRET, room: 'room-b', expiresAt: inAMinute() }), 'TOKEN_WRONG_ROOM'],
      [undefined, 'TOKEN_REQUIRED'],
    ];
    const before = server.stats().refused;
    for (const [token, code] of cases) {
      const client = await rawClient(server.url);
      client.send({ type: 'join', room: 'room-a', role: 'offerer', ...(token === undefined ? {} : { token }) });
      expect(await client.next()).toMatchObject({ type: 'error', code });
      expect(await client.closed).toEqual({ code: 1008, reason: code });
      expect(client.messages).toHaveLength(1);
    }
    expect(server.roomNames).not.toContain('room-a');
    const after = server.stats().refused;
    expect(after.TOKEN_INVALID - before.TOKEN_INVALID).toBe(3);
    expect(after.TOKEN_EXPIRED - before.TOKEN_EXPIRED).toBe(1);
    expect(after.TOKEN_WRONG_ROOM - before.TOKEN_WRONG_ROOM).toBe(1);
    expect(after.TOKEN_REQUIRED - before.TOKEN_REQUIRED).toBe(1);
  });

  test('SignalingClient.join rejects with the typed error and learns the close code', async () => {
    const client = await SignalingClient.connect(server.url);
    const expired = createRoomToken({ secret: SECRET, room: 'room-c', expiresAt: Date.now() - 1000 });
    const refusal = client.join('room-c', 'offerer', expired);
    await expect(refusal).rejects.toMatchObject({ code: 'TRANSPORT_SIGNALING_ERROR', details: { code: 'TOKEN_EXPIRED' } });
    await waitFor(() => client.closedWith !== undefined, 2000, 'the server to close');
    expect(client.closedWith).toEqual({ code: 1008, reason: 'TOKEN_EXPIRED' });
    expect(client.isOpen).toBe(false);
  });

  test('connectPeer with a forged token rejects with TOKEN_INVALID and leaves nothing open', async () => {
    const forged = createRoomToken({ secret: 'not-the-server-secret-0123456789abcdef', room: 'room-e', expiresAt: inAMinute() });
    await expect(connectPeer({ url: server.url, room: 'room-e', role: 'answerer', token: forged, link: { loopbackOnly: true } })).rejects.toMatchObject({
      code: 'TRANSPORT_SIGNALING_ERROR',
      details: { code: 'TOKEN_INVALID' },
    });
    await waitFor(() => server.clientCount === 0, 3000, 'the refused client to be gone');
  });

  test('valid tokens join, and two peers with tokens connect a call', async () => {
    const token = (participant: string): string => createRoomToken({ secret: SECRET, room: 'room-d', participant, expiresAt: inAMinute() });
    const [offerer, answerer] = await Promise.all([
      connectPeer({ url: server.url, room: 'room-d', role: 'offerer', token: token('alice'), link: { loopbackOnly: true } }),
      connectPeer({ url: server.url, room: 'room-d', role: 'answerer', token: token('bob'), link: { loopbackOnly: true } }),
    ]);
    const got = new Promise<Uint8Array>((resolve) => answerer.once('reliable', resolve));
    offerer.sendReliable(new Uint8Array([7, 8, 9]));
    expect([...(await got)]).toEqual([7, 8, 9]);
    await Promise.all([offerer.close(), answerer.close()]);
    await waitFor(() => !server.roomNames.includes('room-d'), 2000, 'the room to empty');
  });

  test('a custom verifier (async) decides instead of the built-in check; a throwing one refuses', async () => {
    const custom = await SignalingServer.listen({
      verifyToken: async (token, room): Promise<RoomTokenVerdict> => {
        if (token === 'boom') throw new Error('database down');
        return token === `let-me-into-${room}` ? { ok: true, claims: { room, expiresAt: inAMinute() } } : { ok: false, code: 'TOKEN_INVALID', reason: 'unknown token' };
      },
    });
    try {
      const good = await rawClient(custom.url);
      good.send({ type: 'join', room: 'r1', role: 'offerer', token: 'let-me-into-r1' });
      expect(await good.next()).toMatchObject({ type: 'joined', room: 'r1' });
      for (const token of ['let-me-into-r2', 'boom']) {
        const bad = await rawClient(custom.url);
        bad.send({ type: 'join', room: 'r1', role: 'answerer', token });
        expect(await bad.next()).toMatchObject({ type: 'error', code: 'TOKEN_INVALID' });
        expect(await bad.closed).toEqual({ code: 1008, reason: 'TOKEN_INVALID' });
      }
      good.socket.close();
    } finally {
      await custom.close();
    }
  });
});

describe('origin allow-list', () => {
  test('a wrong or missing Origin is refused with ORIGIN_NOT_ALLOWED and 1008; a listed one joins', async () => {
    const server = await SignalingServer.listen({ allowedOrigins: ['https://app.example'] });
    try {
      for (const origin of ['https://evil.example', 'https://app.example.evil.example', undefined]) {
        const client = await rawClient(server.url, origin === undefined ? {} : { origin });
        expect(await client.next()).toMatchObject({ type: 'error', code: 'ORIGIN_NOT_ALLOWED' });
        expect(await client.closed).toEqual({ code: 1008, reason: 'ORIGIN_NOT_ALLOWED' });
      }
      expect(server.stats().refused.ORIGIN_NOT_ALLOWED).toBe(3);
      expect(server.stats().errors.ORIGIN_NOT_ALLOWED).toBe(3);
      // connectPeer surfaces the refusal itself, even though it arrives before the join is sent.
      await expect(connectPeer({ url: server.url, room: 'r', role: 'offerer', origin: 'https://evil.example', link: { loopbackOnly: true } })).rejects.toMatchObject({
        code: 'TRANSPORT_SIGNALING_ERROR',
        details: { code: 'ORIGIN_NOT_ALLOWED' },
      });
      await waitFor(() => server.clientCount === 0, 3000, 'the refused client to be gone');
      const allowed = await SignalingClient.connect(server.url, { origin: 'https://app.example' });
      expect(await allowed.join('r', 'offerer')).toMatchObject({ room: 'r', peerPresent: false });
      allowed.close();
    } finally {
      await server.close();
    }
  });
});

describe('timeouts', () => {
  let server: SignalingServer;
  beforeAll(async () => {
    server = await SignalingServer.listen({ joinTimeoutMs: 200, idleTimeoutMs: 300 });
  });
  afterAll(() => server.close());

  test('a connection that does not join in time is closed with JOIN_TIMEOUT', async () => {
    const started = performance.now();
    const client = await rawClient(server.url);
    client.send({ type: 'ping' }); // pings do not buy time before the join
    expect(await client.next()).toMatchObject({ type: 'error', code: 'JOIN_TIMEOUT' });
    expect(await client.closed).toEqual({ code: 1008, reason: 'JOIN_TIMEOUT' });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1500);
  });

  test('a joined connection that goes quiet is closed with IDLE_TIMEOUT and its peer is told', async () => {
    const quiet = await rawClient(server.url);
    quiet.send({ type: 'join', room: 'idle-room', role: 'offerer' });
    expect(await quiet.next()).toMatchObject({ type: 'joined', keepaliveMs: 100 });
    // The SignalingClient pings every keepaliveMs, so it outlives several idle timeouts.
    const talker = await SignalingClient.connect(server.url);
    const peerLeft = new Promise<void>((resolve) => talker.once('peerLeft', () => resolve()));
    await talker.join('idle-room', 'answerer');
    const started = performance.now();
    expect(await quiet.closed).toEqual({ code: 1008, reason: 'IDLE_TIMEOUT' });
    expect(quiet.messages.map((message) => message.type)).toEqual(['joined', 'peer-joined', 'error']);
    expect(quiet.messages[2]).toMatchObject({ code: 'IDLE_TIMEOUT' });
    await peerLeft;
    expect(performance.now() - started).toBeLessThan(1500);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(talker.isOpen).toBe(true);
    expect(server.roomNames).toContain('idle-room');
    talker.close();
  });
});

describe('caps', () => {
  test('rooms, participants and connections beyond their caps are refused with their codes', async () => {
    const server = await SignalingServer.listen({ maxRooms: 2, maxParticipantsPerRoom: 1, maxConnections: 4 });
    try {
      const a = await rawClient(server.url);
      a.send({ type: 'join', room: 'one', role: 'offerer' });
      const b = await rawClient(server.url);
      b.send({ type: 'join', room: 'two', role: 'offerer' });
      await Promise.all([a.next(), b.next()]);
      const c = await rawClient(server.url);
      c.send({ type: 'join', room: 'one', role: 'answerer' });
      expect(await c.next()).toMatchObject({ type: 'error', code: 'ROOM_FULL' }); // and stays open
      c.send({ type: 'join', room: 'three', role: 'offerer' });
      expect(await c.next()).toMatchObject({ type: 'error', code: 'TOO_MANY_ROOMS' });
      expect(await c.closed).toEqual({ code: 1013, reason: 'TOO_MANY_ROOMS' });
      const d = await rawClient(server.url);
      const e = await rawClient(server.url);
      const f = await rawClient(server.url);
      expect(await f.next()).toMatchObject({ type: 'error', code: 'SERVER_FULL' });
      expect(await f.closed).toEqual({ code: 1013, reason: 'SERVER_FULL' });
      expect(d.messages.concat(e.messages)).toEqual([]);
      expect(server.stats()).toMatchObject({ rooms: 2, refused: { TOO_MANY_ROOMS: 1, SERVER_FULL: 1 }, errors: { ROOM_FULL: 1 } });
      for (const client of [a, b, d, e]) client.socket.close();
    } finally {
      await server.close();
    }
  });

  test('invalid options are refused with TRANSPORT_BAD_ARGUMENT', async () => {
    const bad = [
      { tokenSecret: 'too-short' },
      { maxParticipantsPerRoom: 3 },
      { idleTimeoutMs: 10 },
      { messagesPerSecond: 0 },
      { allowedOrigins: [] },
      { tokenSecret: SECRET, verifyToken: () => ({ ok: false, code: 'TOKEN_INVALID', reason: '' }) as RoomTokenVerdict },
      { tls: { key: 'not a key', cert: 'not a cert' } },
      { tls: { key: 'k', cert: 'c' }, server: createServer() },
      { server: {} },
      { unknownOption: 1 },
    ];
    for (const options of bad) {
      await expect(SignalingServer.listen(options as never)).rejects.toMatchObject({ code: 'TRANSPORT_BAD_ARGUMENT' });
    }
  });
});

describe('TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signaling-tls-'));
  let pem: { key: string; cert: string } | undefined;
  try {
    // A throwaway self-signed certificate for 127.0.0.1, made here so none is ever committed.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    pem = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    console.log('openssl not found: skipping the wss tests');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const tlsTest = pem ? test : test.skip;

  tlsTest('with tls the server speaks wss: a client trusting the certificate signals; others cannot connect', async () => {
    const server = await SignalingServer.listen({ tls: pem!, tokenSecret: SECRET });
    try {
      expect(server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
      const token = createRoomToken({ secret: SECRET, room: 'secure', expiresAt: inAMinute() });
      const offerer = await SignalingClient.connect(server.url, { ca: pem!.cert });
      const answerer = await SignalingClient.connect(server.url, { ca: pem!.cert });
      await offerer.join('secure', 'offerer', token);
      await answerer.join('secure', 'answerer', token);
      const offer = new Promise((resolve) => answerer.once('offer', resolve));
      offerer.send({ type: 'offer', sdp: 'v=0 secure' });
      expect(await offer).toEqual({ type: 'offer', sdp: 'v=0 secure' });

      const untrusted = await SignalingClient.connect(server.url).catch((error: TransportError) => error);
      expect(untrusted).toMatchObject({ code: 'TRANSPORT_SIGNALING_CLOSED', cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
      const plain = await SignalingClient.connect(server.url.replace('wss:', 'ws:'), 2000).catch((error: TransportError) => error);
      expect(plain).toMatchObject({ code: 'TRANSPORT_SIGNALING_CLOSED' });
      const insecure = await SignalingClient.connect(server.url, { rejectUnauthorized: false });
      expect(insecure.isOpen).toBe(true);
      insecure.close();
      offerer.close();
      answerer.close();

      // A whole call negotiated over wss.
      const [a, b] = await Promise.all([
        connectPeer({ url: server.url, room: 'secure-call', role: 'offerer', token: createRoomToken({ secret: SECRET, room: 'secure-call', expiresAt: inAMinute() }), ca: pem!.cert, link: { loopbackOnly: true } }),
        connectPeer({ url: server.url, room: 'secure-call', role: 'answerer', token: createRoomToken({ secret: SECRET, room: 'secure-call', expiresAt: inAMinute() }), ca: pem!.cert, link: { loopbackOnly: true } }),
      ]);
      expect(a.isOpen && b.isOpen).toBe(true);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await server.close();
    }
  });
});

describe('attached to an existing server', () => {
  test('the app keeps its HTTP routes and its server; signaling works on the same port', async () => {
    const app = createServer((_request, response) => response.end('app'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const server = await SignalingServer.listen({ server: app });
    try {
      const client = await SignalingClient.connect(server.url);
      expect(await client.join('shared', 'offerer')).toMatchObject({ room: 'shared' });
      client.close();
      const body = await (await fetch(`http://127.0.0.1:${server.port}/`)).text();
      expect(body).toBe('app');
    } finally {
      await server.close();
    }
    expect(app.listening).toBe(true);
    await new Promise((resolve) => app.close(resolve));
  });
});
