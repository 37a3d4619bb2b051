/** Janus room access and the Janus API client without a Janus: tokens, pins, and a hostile server's messages. */
import { createHmac } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRoomToken } from '../../src/transport/index.js';
import { createJanusToken, issueJanusAccess, JanusSession, janusRoomId, janusRoomPin } from '../../src/transport/janus/index.js';

const JANUS_SECRET = 'janus-secret-0123456789abcdef0123456789';
const ROOM_SECRET = 'room-token-secret-0123456789abcdef0123';
const NOW = 1_800_000_000_000;

describe('Janus room access', () => {
  test('Janus tokens are the core signed-token format: expiry in seconds, realm, plugin, HMAC-SHA1', () => {
    const token = createJanusToken({ secret: JANUS_SECRET, expiresAt: NOW + 60_000 });
    const [data, signature] = token.split(':');
    expect(data).toBe(`${(NOW + 60_000) / 1000},janus,janus.plugin.videoroom`);
    expect(signature).toBe(createHmac('sha1', JANUS_SECRET).update(data).digest('base64'));
    expect(() => createJanusToken({ secret: 'short', expiresAt: NOW })).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
  });

  test("a project room token becomes the room's Janus credentials until its own expiry; a bad one is refused", () => {
    const roomToken = createRoomToken({ secret: ROOM_SECRET, room: 'standup', participant: 'ada', expiresAt: NOW + 120_000 });
    const access = issueJanusAccess({ roomToken, roomName: 'standup', roomTokenSecret: ROOM_SECRET, janusSecret: JANUS_SECRET, nowMs: NOW });
    expect(access).toEqual({
      room: janusRoomId('standup'),
      pin: janusRoomPin(JANUS_SECRET, 'standup'),
      token: createJanusToken({ secret: JANUS_SECRET, expiresAt: NOW + 120_000 }),
      expiresAt: NOW + 120_000,
    });
    // Pins and room numbers are per room, and the pin depends on the Janus secret (not on any E2EE secret).
    expect(janusRoomPin(JANUS_SECRET, 'other')).not.toBe(access.pin);
    expect(janusRoomPin(`${JANUS_SECRET}x`, 'standup')).not.toBe(access.pin);
    expect(janusRoomId('other')).not.toBe(access.room);
    expect(Number.isSafeInteger(access.room) && access.room > 0).toBe(true);
    for (const [token, room, now, code] of [
      [roomToken, 'standup', NOW + 120_000, 'TOKEN_EXPIRED'],
      [roomToken, 'other', NOW, 'TOKEN_WRONG_ROOM'],
      [`${roomToken}x`, 'standup', NOW, 'TOKEN_INVALID'],
    ] as const) {
      expect(() => issueJanusAccess({ roomToken: token, roomName: room, roomTokenSecret: ROOM_SECRET, janusSecret: JANUS_SECRET, nowMs: now })).toThrow(
        expect.objectContaining({ code: 'TRANSPORT_SIGNALING_ERROR', details: { code } }),
      );
    }
  });
});

describe('JanusSession against a hostile server', () => {
  let server: WebSocketServer;
  let url: string;
  let onRequest: (socket: WebSocket, request: Record<string, unknown>) => void;

  beforeEach(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const address = server.address();
    url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    server.on('connection', (socket) => socket.on('message', (data) => onRequest(socket, JSON.parse(String(data)))));
  });

  afterEach(async () => {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  test('malformed and wrong-shaped messages are reported and ignored; the session keeps working', async () => {
    onRequest = (socket, request) => {
      if (request.janus === 'create') {
        socket.send('not json');
        socket.send(Buffer.from([1, 2, 3]), { binary: true });
        socket.send(JSON.stringify({ janus: 'success', transaction: request.transaction, data: { id: 'not-a-number' } }));
        socket.send(JSON.stringify({ janus: 'event', sender: 123, plugindata: { plugin: 'x', data: { videoroom: 'event', publishers: 'nope' } } }));
        socket.send(JSON.stringify({ janus: 'success', transaction: request.transaction, data: { id: 77 } }));
      } else if (request.janus === 'attach') {
        socket.send('{"janus": 5}');
        socket.send(JSON.stringify({ janus: 'success', transaction: request.transaction, data: { id: 88 } }));
      } else if (request.janus === 'detach' || request.janus === 'destroy') {
        socket.send(JSON.stringify({ janus: 'success', transaction: request.transaction }));
      } else if (request.janus === 'message') {
        socket.send(JSON.stringify({ janus: 'ack', transaction: request.transaction }));
        socket.send(JSON.stringify({ janus: 'event', transaction: request.transaction, sender: 88, plugindata: { plugin: 'janus.plugin.videoroom', data: { videoroom: 'event', error_code: 426, error: 'No such room' } } }));
      }
    };
    const protocolErrors: string[] = [];
    // The wrong-shaped `success` carries the create's transaction: the session gets id 77 only if it was dropped.
    const session = await JanusSession.connect(url, { requestTimeoutMs: 2000 }).catch((error) => error);
    if (session instanceof JanusSession) {
      session.on('protocolError', (error) => protocolErrors.push(error.message));
      expect(session.id).toBe(77);
      const handle = await session.attach();
      expect(protocolErrors).toHaveLength(1);
      await expect(handle.request({ request: 'join', room: 1 })).rejects.toMatchObject({ code: 'TRANSPORT_SIGNALING_ERROR', details: { code: 426 } });
      await session.close();
    } else {
      throw session;
    }
  });

  test('a server that never answers times the request out; one that closes fails it', async () => {
    onRequest = () => undefined;
    await expect(JanusSession.connect(url, { requestTimeoutMs: 300 })).rejects.toMatchObject({ code: 'TRANSPORT_CONNECT_TIMEOUT' });
    onRequest = (socket) => socket.close();
    await expect(JanusSession.connect(url, { requestTimeoutMs: 2000 })).rejects.toMatchObject({ code: 'TRANSPORT_SIGNALING_CLOSED' });
    onRequest = (socket, request) => socket.send(JSON.stringify({ janus: 'error', transaction: request.transaction, error: { code: 403, reason: 'Unauthorized request' } }));
    await expect(JanusSession.connect(url, { token: 'forged' })).rejects.toMatchObject({ code: 'TRANSPORT_SIGNALING_ERROR', details: { code: 403 } });
  });
});
