// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * Multi-party calls through a real Janus (Debian's janus 1.1.2, started by the test on its own loopback config) with
 * real werift peers and the real codec: three participants decode each other, a leaver is cleaned up everywhere and
 * the keys rotate, tampered and replayed packets are refused, Janus relays only ciphertext, and a participant
 * without the room key decodes nothing.
 */
import { decodeMessage } from '../../src/bitstream/index.js';
import { readAllFrames, type RgbImage } from '../../src/media/index.js';
import { ChunkReassembler, TransportError } from '../../src/transport/index.js';
import { createJanusToken, JanusRoomMember, janusRoomPin } from '../../src/transport/janus/index.js';
import { SframeContext, SFRAME_VERSION } from '../../src/e2ee/index.js';
import { clip } from '../codec/shared-paths.js';
import { sleep, waitFor } from '../transport/call-harness.js';
import { JANUS_SECRET, decodedFrom, joinParticipant, startJanusRoom, type JanusRoomFixture, type Participant } from './janus-room-harness.js';

const LONG = 240_000;

const FPS = 25;
let frames: RgbImage[] = [];
let fixture: JanusRoomFixture;
let startMs = 0;
let frameIndex = 0;
const everyone: Participant[] = [];

beforeAll(async () => {
  frames = await readAllFrames(clip('liveportrait_d18.mp4'), { maxFrames: 60 });
  fixture = await startJanusRoom();
  startMs = performance.now();
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(everyone.map((p) => p.call.close()));
  await fixture?.close();
});

async function join(id: number, options: Omit<Parameters<typeof joinParticipant>[2], 'clockOffsetMs' | 'fps'> = {}): Promise<Participant> {
  const participant = await joinParticipant(fixture, id, { ...options, clockOffsetMs: startMs, fps: FPS });
  everyone.push(participant);
  return participant;
}

/** Every sender sends `count` frames, one round at a time, stamped with the real time (the codec runs below real time here). */
async function play(senders: Participant[], count: number): Promise<void> {
  let lastMs = -1;
  for (let i = 0; i < count; i++) {
    const timestampMs = Math.max(lastMs + 1, Math.round(performance.now() - startMs));
    lastMs = timestampMs;
    const image = frames[frameIndex++ % frames.length];
    await Promise.all(senders.map((p) => p.call.sender.send(image, timestampMs)));
    await sleep(20);
  }
}

/**
 * Plays `count` rounds, then goes on playing (as a live call does) until `condition` holds: a participant whose
 * keyframe came late, on a loaded machine, catches up on the frames after it. Throws after `timeoutMs` in all.
 */
async function playUntil(senders: Participant[], count: number, condition: () => boolean, timeoutMs: number, what: string, state: Participant[]): Promise<void> {
  const endMs = performance.now() + timeoutMs;
  await play(senders, count);
  while (!condition()) {
    if (performance.now() > endMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${describeState(state)}`);
    await play(senders, 5);
  }
}

/** Who decoded what from whom, and each receiver's counters: the message of a timed-out wait. */
function describeState(participants: Participant[]): string {
  return JSON.stringify(
    participants.map((p) => ({
      id: p.id,
      sent: p.call.sender.stats().framesSent,
      errors: p.errors,
      from: [...p.call.receivers].map(([from, r]) => {
        const st = r.stats();
        return { from, decoded: decodedFrom(p, from), received: st.framesReceived, decodedTotal: st.framesDecoded, dropped: st.dropsByReason, keyframes: st.keyframesReceived, requests: st.keyframeRequestsSent };
      }),
    })),
  );
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength)) >= 0;
}

describe('a Janus room', () => {
  let a: Participant;
  let b: Participant;
  let c: Participant;

  test('three participants each decode the other two, and Janus relays nothing but ciphertext', async () => {
    a = await join(1);
    b = await join(2);
    c = await join(3);
    await waitFor(() => [a, b, c].every((p) => p.call.receivers.size === 2), 30_000, 'every participant receiving the other two');
    // What c's receivers were handed after decryption, to look for in what Janus relayed.
    const plaintexts: Uint8Array[] = [];
    for (const receiver of c.call.receivers.values()) {
      receiver.link.on('frame', (bytes) => plaintexts.push(bytes.slice()));
      receiver.link.on('reliable', (bytes) => plaintexts.push(bytes.slice()));
    }
    await playUntil(
      [a, b, c],
      40,
      () => [a, b, c].every((p) => [a, b, c].every((q) => q === p || decodedFrom(p, q.id) >= 10)),
      120_000,
      'every participant decoding 10 frames of each other one',
      [a, b, c],
    );
    for (const p of [a, b, c]) {
      expect([...p.call.receivers.keys()].sort()).toEqual([a, b, c].filter((q) => q !== p).map((q) => q.id));
      expect(p.e2eeErrors).toEqual([]);
    }

    // The relayed bytes: every frame message is an SFrame packet of its sender, every reliable message reassembles
    // into one, and none of them holds a plaintext message, a codec message or a JPEG/WebP/AVIF keyframe image.
    const relayedFrames = c.relayed.filter((r) => r.messageClass === 'frame');
    const relayedReliable: Uint8Array[] = [];
    const reassemblers = new Map<number, ChunkReassembler>();
    for (const r of c.relayed.filter((m) => m.messageClass === 'reliable')) {
      let reassembler = reassemblers.get(r.from);
      if (!reassembler) {
        reassembler = new ChunkReassembler({ maxMessageBytes: 1 << 24, reassemblyTimeoutMs: 60_000, onMessage: (m) => relayedReliable.push(m.slice()), onDiscard: () => undefined });
        reassemblers.set(r.from, reassembler);
      }
      reassembler.push(r.bytes, 0);
    }
    for (const reassembler of reassemblers.values()) reassembler.close();
    expect(relayedFrames.length).toBeGreaterThanOrEqual(20);
    expect(relayedReliable.length).toBeGreaterThanOrEqual(2);
    expect(plaintexts.length).toBeGreaterThanOrEqual(20);
    for (const packet of [...relayedFrames.map((r) => r.bytes), ...relayedReliable]) {
      expect(packet[0]).toBe(SFRAME_VERSION);
      expect(() => decodeMessage(packet)).toThrow();
      for (const magic of [[0xff, 0xd8, 0xff], [0x57, 0x45, 0x42, 0x50], [0x66, 0x74, 0x79, 0x70]]) expect(contains(packet, new Uint8Array(magic))).toBe(false);
    }
    const everything = Buffer.concat(c.relayed.map((r) => r.bytes));
    for (const plain of plaintexts.filter((p) => p.byteLength >= 12)) expect(contains(everything, plain.subarray(0, 12))).toBe(false);
    // A keyframe was among the plaintexts (decoding started from one), and it is absent from the wire.
    expect(plaintexts.some((p) => p.byteLength > 1000)).toBe(true);
  }, LONG);

  test('a participant leaving is cleaned up on every side, the keys rotate, and the others go on', async () => {
    const cPublisherGone = c.call.close();
    await cPublisherGone;
    await waitFor(() => [a, b].every((p) => p.left.some((l) => l.id === c.id)), 20_000, 'a and b seeing c leave');
    for (const p of [a, b]) {
      expect(p.call.receivers.has(c.id)).toBe(false);
      expect(p.call.member.remoteLinks().has(c.id)).toBe(false);
      expect(p.call.member.stats().remotes).toBe(1);
    }
    expect(c.call.isClosed).toBe(true);
    expect(c.call.member.isClosed).toBe(true);
    await waitFor(() => [a, b].every((p) => p.rekeys.includes(1)), 10_000, 'a and b rotating to epoch 1');
    const before = [decodedFrom(a, b.id), decodedFrom(b, a.id)];
    await playUntil([a, b], 30, () => decodedFrom(a, b.id) >= before[0] + 8 && decodedFrom(b, a.id) >= before[1] + 8, 120_000, 'a and b decoding each other after the rotation', [a, b]);
    expect(a.e2eeErrors.filter((e) => e.code !== 'E2EE_UNKNOWN_KEY')).toEqual([]);
  }, LONG);

  test('tampered and replayed packets are refused by code, and the genuine stream still decodes', async () => {
    let sent = 0;
    // d sends each frame message three times: with one ciphertext bit flipped, as is, and again (a replay). The
    // altered copy goes first: after the genuine one it would be refused as a replay before any decryption.
    const d = await join(4, {
      wrapSend: (messageClass, message) => {
        if (messageClass !== 'frame' || sent++ < 3) return [message];
        const tampered = new Uint8Array(message);
        tampered[tampered.length - 5] ^= 0x10;
        return [tampered, message, new Uint8Array(message)];
      },
    });
    await waitFor(() => [a, b].every((p) => p.call.receivers.has(d.id)) && d.call.receivers.has(a.id) && d.call.receivers.has(b.id), 30_000, 'd subscribed both ways').catch((error) => {
      throw new Error(`${error.message}: ${JSON.stringify([a, b, d].map((p) => [p.id, [...p.call.receivers.keys()], p.errors]))}`);
    });
    await playUntil([a, b, d], 30, () => decodedFrom(a, d.id) >= 8 && decodedFrom(b, d.id) >= 8, 120_000, 'a and b decoding d', [a, b, d]);
    for (const p of [a, b]) {
      const fromD = p.e2eeErrors.filter((e) => e.from === d.id).map((e) => e.code);
      expect(fromD.filter((code) => code === 'E2EE_AUTH_FAILED').length).toBeGreaterThanOrEqual(10);
      expect(fromD.filter((code) => code === 'E2EE_REPLAYED').length).toBeGreaterThanOrEqual(10);
      expect(new Set(fromD)).toEqual(new Set(['E2EE_AUTH_FAILED', 'E2EE_REPLAYED']));
      expect(p.call.receivers.get(d.id)!.stats().framesDecoded).toBeGreaterThanOrEqual(8);
    }
    await d.call.close();
    await waitFor(() => [a, b].every((p) => !p.call.receivers.has(d.id)), 20_000, 'd cleaned up');
  }, LONG);

  test('a participant without the room key receives ciphertext and decodes nothing, and nobody decodes it', async () => {
    // Not given the room's secret, nor by the app any later one.
    const e = await join(5, { epochSecret: new Uint8Array(32).fill(0x42), rekey: false });
    await waitFor(() => e.call.receivers.has(a.id) && e.call.receivers.has(b.id) && [a, b].every((p) => p.call.receivers.has(e.id)), 30_000, 'e subscribed both ways');
    await play([a, b, e], 25);
    await waitFor(() => e.relayed.length >= 20 && a.e2eeErrors.some((x) => x.from === e.id), 30_000, 'ciphertext reaching e, and e reaching a');
    await sleep(500);
    expect([...e.decoded.values()].flat()).toEqual([]);
    expect(e.e2eeErrors.length).toBeGreaterThanOrEqual(20);
    // Epoch 0 under another secret fails authentication; packets already in epoch 1 name a key e never got.
    for (const code of new Set(e.e2eeErrors.map((x) => x.code))) expect(['E2EE_AUTH_FAILED', 'E2EE_UNKNOWN_KEY']).toContain(code);
    expect(decodedFrom(a, e.id) + decodedFrom(b, e.id)).toBe(0);
    await e.call.close();
  }, LONG);

  test('Janus refuses an expired token and a wrong pin', async () => {
    const base = {
      url: fixture.janus.url,
      room: fixture.room,
      selfId: 9,
      iceAddress: fixture.janus.iceAddress,
      e2ee: await SframeContext.create({ selfId: 9, epochSecret: fixture.epochSecret(0) }),
    };
    const expired = createJanusToken({ secret: JANUS_SECRET, expiresAt: Date.now() - 1000 });
    await expect(JanusRoomMember.join({ ...base, token: expired, pin: janusRoomPin(JANUS_SECRET, fixture.roomName) })).rejects.toMatchObject({
      code: 'TRANSPORT_SIGNALING_ERROR',
      details: { code: 403 },
    });
    const valid = createJanusToken({ secret: JANUS_SECRET, expiresAt: Date.now() + 60_000 });
    const wrongPin = JanusRoomMember.join({ ...base, token: valid, pin: janusRoomPin(JANUS_SECRET, 'another-room') });
    await expect(wrongPin).rejects.toBeInstanceOf(TransportError);
    await expect(wrongPin).rejects.toMatchObject({ code: 'TRANSPORT_SIGNALING_ERROR' });
  });
});
