// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * Reconnection over real werift peers on loopback with the real codec: the transport is killed mid-call, both
 * sessions connect again through the signaling server on their own, and decoding resumes from a new keyframe.
 */
import { createDecoder, createEncoder } from '../../src/codec.js';
import { CodecReceiver, CodecSender, type ReceivedFrame, type ReconnectedEvent, type ReconnectingEvent } from '../../src/call/index.js';
import { readAllFrames, type RgbImage } from '../../src/media/index.js';
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import { connectPeer, SignalingServer, type PeerLink, type PeerRole } from '../../src/transport/index.js';
import { clip } from '../codec/shared-paths.js';
import { sleep, waitFor } from '../transport/call-harness.js';

const FPS = 25;
let frames: RgbImage[] = [];

beforeAll(async () => {
  frames = await readAllFrames(clip('liveportrait_d18.mp4'), { fps: FPS, maxFrames: 50 });
}, 30_000);

interface ReconnectingCall {
  server: SignalingServer;
  sender: CodecSender;
  receiver: CodecReceiver;
  decoded: ReceivedFrame[];
  events: { sender: Array<ReconnectingEvent | ReconnectedEvent>; receiver: Array<ReconnectingEvent | ReconnectedEvent> };
  /** Sends frames until stopped, paced by the receiver (jest runs the codec slower than real time). */
  stopCamera(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP relay in front of the signaling server whose connections can be cut, as a network drop would. */
interface CuttableRelay {
  url: string;
  cut(): number;
  close(): Promise<void>;
}

async function cuttableRelay(target: SignalingServer): Promise<CuttableRelay> {
  const sockets = new Set<Socket>();
  const relay: Server = createServer((client) => {
    const upstream = connectTcp(target.port, '127.0.0.1');
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    cut() {
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      return count;
    },
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

async function startReconnectingCall(attempts = 5, senderRelay?: (server: SignalingServer) => Promise<CuttableRelay>): Promise<ReconnectingCall & { relay?: CuttableRelay }> {
  const server = await SignalingServer.listen({ port: 0 });
  const relay = senderRelay ? await senderRelay(server) : undefined;
  const room = `reconnect-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const connect = (role: PeerRole) => (signal?: AbortSignal) =>
    connectPeer({ url: role === 'offerer' && relay ? relay.url : server.url, room, role, timeoutMs: 5000, signal, link: { loopbackOnly: true } });
  const [senderLink, receiverLink] = await Promise.all([connect('offerer')(), connect('answerer')()]);
  const { encoder, close: closeEncoder } = await createEncoder({ frameRateHz: FPS });
  const decoder = await createDecoder();
  const reconnect = { attempts, backoffMs: 100, maxBackoffMs: 800 };
  const sender = new CodecSender({ link: senderLink, encoder, framesPerMessage: 1, reconnect: { ...reconnect, connect: connect('offerer') } });
  sender.own({ close: closeEncoder });
  const receiver = new CodecReceiver({ link: receiverLink, decoder, statsIntervalMs: 500, reconnect: { ...reconnect, connect: connect('answerer') } });
  receiver.own(decoder);
  const decoded: ReceivedFrame[] = [];
  receiver.on('frame', (frame) => decoded.push(frame));
  const events: ReconnectingCall['events'] = { sender: [], receiver: [] };
  sender.on('reconnecting', (e) => events.sender.push(e));
  sender.on('reconnected', (e) => events.sender.push(e));
  receiver.on('reconnecting', (e) => events.receiver.push(e));
  receiver.on('reconnected', (e) => events.receiver.push(e));
  let running = true;
  const startMs = performance.now();
  const camera = (async () => {
    // Bounded: at most 2000 frames, whatever the test does.
    for (let i = 0; running && i < 2000 && !sender.isClosed; i++) {
      await sender.send(frames[i % frames.length], Math.round(performance.now() - startMs));
      await sleep(20);
      await receiver.idle();
    }
  })();
  return {
    server,
    relay,
    sender,
    receiver,
    decoded,
    events,
    async stopCamera() {
      running = false;
      await camera;
    },
    async close() {
      running = false;
      await camera;
      await Promise.all([sender.close(), receiver.close()]);
      await relay?.close();
      await server.close();
    },
  };
}

test('after the peer connection is closed under it, the call reconnects and decodes again from a new keyframe', async () => {
  const call = await startReconnectingCall();
  try {
    await waitFor(() => call.decoded.length >= 10, 15_000, '10 decoded frames');
    // The sessions take any CodecLink; this call's is a PeerLink (connectPeer).
    const firstLink = call.sender.link as PeerLink;
    const keyframesBefore = call.receiver.stats().keyframesReceived;
    const decodedBefore = call.decoded.length;
    const killedMs = performance.now();
    // What an ICE failure or a crashed peer does to the transport: the RTCPeerConnection goes away.
    await firstLink.rtcPeerConnection.close();
    await waitFor(() => call.decoded.some((f) => f.decodedMs > killedMs && call.decoded.indexOf(f) >= decodedBefore) && call.decoded.length >= decodedBefore + 5, 10_000, 'frames decoded after the reconnection');
    const resumedMs = call.decoded[decodedBefore].decodedMs;
    // Observed under jest on 2 busy cores: 4.7 and 5.8 s from the kill to the first frame decoded on the new link
    // (1.3-1.9 s to connect again, 1-2 s for the keyframe encode, the first frames after it late and not shown).
    expect(resumedMs - killedMs).toBeLessThan(9000);
    expect(call.sender.link).not.toBe(firstLink);
    expect(firstLink.isClosed).toBe(true);
    expect(call.sender.link.isOpen).toBe(true);
    expect(call.receiver.link.isOpen).toBe(true);
    // Both sides saw the loss and came back; neither closed.
    for (const side of [call.events.sender, call.events.receiver]) {
      expect(side.some((e) => 'attempt' in e && e.attempt === 1)).toBe(true);
      expect(side.some((e) => 'downMs' in e)).toBe(true);
    }
    expect(call.sender.isClosed || call.receiver.isClosed).toBe(false);
    // The resync: a new keyframe came on the new link, and the frames after it decode against it.
    const received = call.receiver.stats();
    expect(received.keyframesReceived).toBeGreaterThan(keyframesBefore);
    const before = call.decoded.slice(0, decodedBefore);
    const after = call.decoded.slice(decodedBefore);
    expect(after[after.length - 1].keyframeId).toBeGreaterThan(before[before.length - 1].keyframeId);
    expect(after[after.length - 1].sequence).toBeGreaterThan(before[before.length - 1].sequence);
  } finally {
    await call.close();
  }
}, 40_000);

test("when the sender's signaling connection drops mid-call, both sides reconnect and decode again from a new keyframe", async () => {
  const call = await startReconnectingCall(5, cuttableRelay);
  try {
    await waitFor(() => call.decoded.length >= 10, 15_000, '10 decoded frames');
    const keyframesBefore = call.receiver.stats().keyframesReceived;
    const decodedBefore = call.decoded.length;
    const firstLink = call.receiver.link;
    // Only the WebSocket goes: the server tells the receiver its peer left, the receiver hangs up its link, and the
    // sender's link then closes too; both sessions connect again (the sender through the relay, on a new socket).
    expect(call.relay!.cut()).toBeGreaterThan(0);
    await waitFor(() => call.decoded.length >= decodedBefore + 5 && call.receiver.stats().keyframesReceived > keyframesBefore, 15_000, 'frames decoded after the reconnection');
    expect(call.receiver.link).not.toBe(firstLink);
    expect(call.events.receiver.some((e) => 'downMs' in e)).toBe(true);
    expect(call.events.sender.some((e) => 'downMs' in e)).toBe(true);
    const after = call.decoded[call.decoded.length - 1];
    expect(after.keyframeId).toBeGreaterThan(call.decoded[decodedBefore - 1].keyframeId);
  } finally {
    await call.close();
  }
}, 40_000);

test('when the peer never comes back, each session gives up after its attempts and closes with reason "link"', async () => {
  const call = await startReconnectingCall(2);
  try {
    await waitFor(() => call.decoded.length >= 3, 15_000, '3 decoded frames');
    await call.stopCamera();
    const errors: Error[] = [];
    call.receiver.on('error', (e) => errors.push(e));
    const closed = new Promise((resolve) => call.receiver.once('close', resolve));
    // The sender hangs up for good (a local close is not a failure: it does not reconnect); the receiver tries twice.
    await call.sender.close();
    expect(await closed).toBe('link');
    expect(call.events.receiver.filter((e) => 'attempt' in e).map((e) => (e as ReconnectingEvent).attempt)).toEqual([1, 2]);
    expect(call.events.sender).toEqual([]);
    expect(errors.map((e) => (e as { code?: string }).code)).toContain('CALL_RECONNECT_FAILED');
  } finally {
    await call.close();
  }
}, 40_000);

test('close() during reconnection stops the tries and leaves nothing connecting', async () => {
  const call = await startReconnectingCall(5);
  try {
    await waitFor(() => call.decoded.length >= 3, 15_000, '3 decoded frames');
    await call.stopCamera();
    const reconnecting = new Promise((resolve) => call.receiver.once('reconnecting', resolve));
    await call.sender.close();
    await reconnecting;
    const startMs = performance.now();
    await call.receiver.close();
    expect(performance.now() - startMs).toBeLessThan(1000);
    expect(call.receiver.isReconnecting).toBe(false);
    // The try in flight was abandoned: its signaling socket closes too.
    await waitFor(() => call.server.stats().connections === 0, 2000, 'no signaling connections left');
  } finally {
    await call.close();
  }
}, 40_000);

test('the calls above, their reconnections and abandoned tries included, leave no socket behind', async () => {
  const networkHandles = (): string[] => process.getActiveResourcesInfo().filter((name) => /UDP|TCP/i.test(name));
  await waitFor(() => networkHandles().length === 0, 5000, `sockets to close (${networkHandles().join(', ')})`);
});
