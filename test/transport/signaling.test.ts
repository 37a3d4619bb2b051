/** Signaling server and client: protocol validation, room rules, isolation between rooms, connectPeer failures. */
import { pack } from 'msgpackr';
import { WebSocket } from 'ws';
import {
  connectPeer,
  decodeSignalingMessage,
  encodeSignalingMessage,
  serverMessageSchema,
  SignalingServer,
  type ServerMessage,
} from '../../src/transport/index.js';
import { startCall, waitFor, type Call } from './call-harness.js';

/** A bare WebSocket client that records decoded server messages. */
async function rawClient(url: string): Promise<{ socket: WebSocket; messages: ServerMessage[]; next: () => Promise<ServerMessage> }> {
  const socket = new WebSocket(url);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => {
    const decoded = decodeSignalingMessage(data as Buffer, serverMessageSchema);
    if (!decoded.ok) throw new Error(`server sent an invalid message: ${decoded.reason}`);
    messages.push(decoded.message);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let read = 0;
  const next = async (): Promise<ServerMessage> => {
    await waitFor(() => messages.length > read, 2000, 'a server message');
    return messages[read++];
  };
  return { socket, messages, next };
}

describe('signaling server', () => {
  let server: SignalingServer;
  let call: Call;
  beforeAll(async () => {
    server = await SignalingServer.listen({ port: 0 });
    call = await startCall({ server, room: 'busy' });
  });
  afterAll(async () => {
    await call.close();
    await server.close();
  });

  test('malformed messages get an error to that client only, and the call in another room is unaffected', async () => {
    const frames: number[] = [];
    call.answerer.on('frame', (bytes) => frames.push(bytes[0]));
    const bystander = await rawClient(server.url);
    bystander.socket.send(encodeSignalingMessage({ type: 'join', room: 'quiet', role: 'answerer' }));
    // keepaliveMs: a third of the default 60 s idle timeout.
    expect(await bystander.next()).toEqual({ type: 'joined', room: 'quiet', role: 'answerer', peerPresent: false, keepaliveMs: 20_000 });

    const bad = await rawClient(server.url);
    const cases: Array<[Uint8Array | string, string]> = [
      [new Uint8Array([0xc1, 0xff, 0x00]), 'MALFORMED'], // 0xc1 is never valid msgpack
      [pack({ type: 'join', room: 'has spaces', role: 'offerer' }), 'INVALID_MESSAGE'],
      [pack({ type: 'offer' }), 'INVALID_MESSAGE'],
      [pack({ type: 'teleport' }), 'INVALID_MESSAGE'],
      [pack([1, 2, 3]), 'INVALID_MESSAGE'],
      ['{"type":"join"}', 'MALFORMED'],
      [pack({ type: 'offer', sdp: 'x'.repeat(70 * 1024) }), 'TOO_LARGE'],
      [pack({ type: 'answer', sdp: 'v=0' }), 'NOT_JOINED'],
      [pack({ type: 'leave' }), 'NOT_JOINED'],
    ];
    for (const [payload, code] of cases) {
      call.offerer.sendFrame(new Uint8Array([frames.length]));
      bad.socket.send(payload);
      const reply = await bad.next();
      expect(reply).toMatchObject({ type: 'error', code });
    }
    // Still connected and usable after all that.
    expect(bad.socket.readyState).toBe(WebSocket.OPEN);
    bad.socket.send(encodeSignalingMessage({ type: 'join', room: 'lonely', role: 'offerer' }));
    expect(await bad.next()).toMatchObject({ type: 'joined', room: 'lonely' });
    bad.socket.send(encodeSignalingMessage({ type: 'offer', sdp: 'v=0' }));
    expect(await bad.next()).toMatchObject({ type: 'error', code: 'NO_PEER' });
    bad.socket.send(encodeSignalingMessage({ type: 'join', room: 'lonely', role: 'offerer' }));
    expect(await bad.next()).toMatchObject({ type: 'error', code: 'ALREADY_JOINED' });

    // Nobody else heard anything, and the call kept flowing.
    expect(bystander.messages).toHaveLength(1);
    await waitFor(() => frames.length === cases.length, 2000, 'frames of the other room');
    call.offerer.sendReliable(new Uint8Array([42]));
    await new Promise<void>((resolve) => call.answerer.once('reliable', () => resolve()));
    expect(call.offerer.isOpen && call.answerer.isOpen).toBe(true);
    bystander.socket.close();
    bad.socket.close();
  });

  test('a third participant gets ROOM_FULL; a taken role gets ROLE_TAKEN', async () => {
    const third = await rawClient(server.url);
    third.socket.send(encodeSignalingMessage({ type: 'join', room: 'busy', role: 'offerer' }));
    expect(await third.next()).toMatchObject({ type: 'error', code: 'ROOM_FULL' });
    const first = await rawClient(server.url);
    first.socket.send(encodeSignalingMessage({ type: 'join', room: 'pair', role: 'offerer' }));
    await first.next();
    third.socket.send(encodeSignalingMessage({ type: 'join', room: 'pair', role: 'offerer' }));
    expect(await third.next()).toMatchObject({ type: 'error', code: 'ROLE_TAKEN' });
    // A fitting role joins, and the first participant is told.
    third.socket.send(encodeSignalingMessage({ type: 'join', room: 'pair', role: 'answerer' }));
    expect(await third.next()).toMatchObject({ type: 'joined', peerPresent: true });
    expect(await first.next()).toEqual({ type: 'peer-joined', role: 'answerer' });
    // Relay works, and leaving tells the other side.
    first.socket.send(encodeSignalingMessage({ type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } }));
    expect(await third.next()).toMatchObject({ type: 'candidate', candidate: { sdpMid: '0' } });
    first.socket.close();
    expect(await third.next()).toEqual({ type: 'peer-left' });
    expect(server.roomNames).toContain('pair');
    third.socket.close();
    await waitFor(() => !server.roomNames.includes('pair'), 2000, 'the empty room to be removed');
  });

  test('connectPeer into a full room rejects with a typed error and leaves nothing open', async () => {
    const clientsBefore = server.clientCount;
    await expect(connectPeer({ url: server.url, room: 'busy', role: 'offerer', link: { loopbackOnly: true } })).rejects.toMatchObject({
      code: 'TRANSPORT_SIGNALING_ERROR',
      details: { code: 'ROOM_FULL' },
    });
    await waitFor(() => server.clientCount === clientsBefore, 2000, 'the rejected client to disconnect');
  });

  test('connectPeer validates its options and reports an unreachable server', async () => {
    await expect(connectPeer({ url: 'http://x', room: 'r', role: 'offerer' })).rejects.toMatchObject({ code: 'TRANSPORT_BAD_ARGUMENT' });
    await expect(connectPeer({ url: server.url, room: 'r', role: 'boss' as 'offerer' })).rejects.toMatchObject({ code: 'TRANSPORT_BAD_ARGUMENT' });
    const closed = await SignalingServer.listen({ port: 0 });
    const url = closed.url;
    await closed.close();
    await expect(connectPeer({ url, room: 'r', role: 'offerer' })).rejects.toMatchObject({ code: 'TRANSPORT_SIGNALING_CLOSED' });
  });

  test('connectPeer times out when the peer never comes', async () => {
    const started = performance.now();
    await expect(connectPeer({ url: server.url, room: 'nobody-here', role: 'answerer', timeoutMs: 300, link: { loopbackOnly: true } })).rejects.toMatchObject({
      code: 'TRANSPORT_CONNECT_TIMEOUT',
    });
    expect(performance.now() - started).toBeLessThan(2000);
    await waitFor(() => !server.roomNames.includes('nobody-here'), 2000, 'the room to be emptied');
  });
});
