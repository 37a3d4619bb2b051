/** Frame messages over RTP on a negotiated video track between two real werift peers; reliable messages stay on SCTP. */
import { MAX_RTP_FRAME_BYTES, SignalingServer, TransportError, connectPeer, type PeerLink } from '../../src/transport/index.js';
import { vp8DescriptorLength } from '../../src/transport/vp8-descriptor.js';
import { patternBytes, sleep, startCall, waitFor, type Call } from './call-harness.js';

function frames(link: PeerLink): Uint8Array[] {
  const received: Uint8Array[] = [];
  link.on('frame', (bytes) => received.push(bytes.slice()));
  return received;
}

describe('RTP frame transport', () => {
  let call: Call;
  beforeAll(async () => {
    call = await startCall({ offerer: { frameTransport: 'rtp' }, answerer: { frameTransport: 'rtp' } });
  });
  afterAll(async () => {
    await call.close();
  });

  test('frame messages arrive intact in both directions, and reliable ones still arrive', async () => {
    for (const [from, to] of [
      [call.offerer, call.answerer],
      [call.answerer, call.offerer],
    ] as const) {
      const received = frames(to);
      const reliable: Uint8Array[] = [];
      to.on('reliable', (bytes) => reliable.push(bytes.slice()));
      for (let i = 0; i < 50; i++) {
        const message = patternBytes(20 + i, i);
        message[0] = i;
        expect(from.sendFrame(message)).toBe(true);
        if (i % 10 === 0) await sleep(5);
      }
      from.sendReliable(patternBytes(5000, 99));
      await waitFor(() => received.length === 50 && reliable.length === 1, 5000, `50 RTP frames and a reliable message ${from === call.offerer ? 'to the answerer' : 'to the offerer'} (${received.length} frames, ${reliable.length} reliable)`);
      for (const message of received) {
        const expected = patternBytes(20 + message[0], message[0]);
        expected[0] = message[0];
        expect(message).toEqual(expected);
      }
      expect(reliable[0]).toEqual(patternBytes(5000, 99));
    }
    // One SRTP packet per frame message, counted by the link below werift: no SCTP DATA for frames.
    const wire = call.offerer.stats().wire;
    expect(wire.datagramsSent).toBeGreaterThanOrEqual(50);
    expect(wire.ipBytesSent).toBeGreaterThan(50 * (20 + 28 + 12));
  });

  test('RTCP goes at RFC 3550\'s 5 s minimum interval (patches/werift+0.24.4.patch), not every second', async () => {
    const dtls = call.offerer.rtcPeerConnection.dtlsTransports[0] as unknown as { sendRtcp: (packets: unknown[]) => Promise<void> };
    const original = dtls.sendRtcp;
    let reports = 0;
    dtls.sendRtcp = (packets) => {
      reports++;
      return original.call(dtls, packets);
    };
    try {
      await sleep(100);
      reports = 0;
      for (let i = 0; i < 75; i++) {
        call.offerer.sendFrame(patternBytes(24, i));
        await sleep(40);
      }
      // 3 s of frames: unpatched werift sends a sender report every 0.5-1.5 s (2 to 6 here).
      expect(reports).toBeLessThanOrEqual(1);
    } finally {
      dtls.sendRtcp = original;
    }
  });

  test('a frame message over one RTP packet is refused with a typed error', () => {
    expect(() => call.offerer.sendFrame(new Uint8Array(MAX_RTP_FRAME_BYTES + 1))).toThrow(TransportError);
    expect(call.offerer.maxFrameBytes).toBe(MAX_RTP_FRAME_BYTES);
  });
});

test('peers that disagree on the frame transport fail to connect with a clear error instead of losing frames', async () => {
  const server = await SignalingServer.listen({ port: 0 });
  try {
    const results = await Promise.allSettled([
      connectPeer({ url: server.url, room: 'mismatch', role: 'offerer', link: { loopbackOnly: true, frameTransport: 'rtp' }, timeoutMs: 4000 }),
      connectPeer({ url: server.url, room: 'mismatch', role: 'answerer', link: { loopbackOnly: true }, timeoutMs: 4000 }),
    ]);
    const answerer = results[1];
    expect(answerer.status).toBe('rejected');
    expect(String((answerer as PromiseRejectedResult).reason)).toMatch(/frame transport mismatch/);
    for (const r of results) if (r.status === 'fulfilled') await r.value.close();
  } finally {
    await server.close();
  }
}, 15_000);

test('the VP8 payload descriptor reader takes what browsers and this transport write', () => {
  expect(vp8DescriptorLength(Uint8Array.of(0x10, 1))).toBe(1);
  // X, I with a 15-bit picture id, L and T: 1 + 1 + 2 + 1 + 1
  expect(vp8DescriptorLength(Uint8Array.of(0x90, 0xe0, 0x81, 0x23, 0x05, 0x40, 7))).toBe(6);
  expect(vp8DescriptorLength(Uint8Array.of(0x90, 0x80, 0x12, 7))).toBe(3);
  expect(vp8DescriptorLength(Uint8Array.of(0x10))).toBeUndefined();
  expect(vp8DescriptorLength(Uint8Array.of(0x90, 0xe0, 0x81))).toBeUndefined();
});
