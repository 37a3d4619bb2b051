/** PeerLink between two real werift peers on loopback, connected through the real signaling server. */
import { DEFAULT_SCTP_ACK_POLICY, LossyChannel, PeerLink, sctpAckPolicyOf, TransportError } from '../../src/transport/index.js';
import { patternBytes, startCall, waitFor, type Call } from './call-harness.js';

function collect(link: PeerLink, event: 'frame' | 'reliable'): Array<{ bytes: Uint8Array; arrivalMs: number }> {
  const received: Array<{ bytes: Uint8Array; arrivalMs: number }> = [];
  link.on(event, (bytes, arrivalMs) => received.push({ bytes: bytes.slice(), arrivalMs }));
  return received;
}

describe('PeerLink on loopback', () => {
  let call: Call;
  beforeAll(async () => {
    call = await startCall();
  });
  afterAll(async () => {
    await call.close();
  });

  test('200 small frame messages arrive, with arrival times', async () => {
    const received = collect(call.answerer, 'frame');
    const sentAtMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const packet = patternBytes(60, i);
      packet[0] = i;
      sentAtMs.push(performance.now());
      expect(call.offerer.sendFrame(packet)).toBe(true);
    }
    await waitFor(() => received.length === 200, 5000, '200 frames');
    const indices = received.map((message) => message.bytes[0]).sort((a, b) => a - b);
    expect(indices).toEqual([...Array(200).keys()].map((i) => i & 0xff));
    for (const message of received) {
      const i = message.bytes[0];
      const expected = patternBytes(60, i);
      expected[0] = i;
      expect(message.bytes).toEqual(expected);
      expect(message.arrivalMs).toBeGreaterThanOrEqual(sentAtMs[i]);
    }
    const stats = call.answerer.stats();
    expect(stats.frame.messagesReceived).toBeGreaterThanOrEqual(200);
    expect(call.offerer.stats().frame.wireBytesSent).toBeGreaterThan(200 * 60);
  });

  test('a 200 KB reliable message is chunked and arrives intact, in order with small ones', async () => {
    const received = collect(call.offerer, 'reliable');
    const big = patternBytes(200 * 1024, 7);
    const before = call.answerer.stats().reliable.channelMessagesSent;
    call.answerer.sendReliable(new Uint8Array([1, 2, 3]));
    const id = call.answerer.sendReliable(big);
    call.answerer.sendReliable(new Uint8Array(0));
    await waitFor(() => received.length === 3, 5000, 'three reliable messages');
    // 200 KB in 16 KB chunks is 13 chunks; the small messages take one each.
    expect(call.answerer.stats().reliable.channelMessagesSent - before).toBe(1 + 13 + 1);
    expect(call.answerer.stats().bufferedBytes.reliable).toBe(0);
    expect(received[0].bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(received[1].bytes.byteLength).toBe(big.byteLength);
    expect(Buffer.compare(received[1].bytes, big)).toBe(0);
    expect(received[2].bytes.byteLength).toBe(0);
    expect(id).toBeGreaterThanOrEqual(1);
  });

  test('both peers acknowledge by the default policy (a SACK per 4 packets or 500 ms)', () => {
    expect(sctpAckPolicyOf(call.offerer.rtcPeerConnection)).toEqual(DEFAULT_SCTP_ACK_POLICY);
    expect(sctpAckPolicyOf(call.answerer.rtcPeerConnection)).toEqual(DEFAULT_SCTP_ACK_POLICY);
  });

  test('sends are validated at the boundary', () => {
    expect(() => call.offerer.sendFrame(new Uint8Array(17 * 1024))).toThrow(TransportError);
    expect(() => call.offerer.sendFrame('nope' as unknown as Uint8Array)).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
  });
});

test('an ack delay over RFC 9260\'s 500 ms cap is refused', () => {
  expect(() => new PeerLink({ sctpAck: { everyPackets: 4, delayMs: 600 } })).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
  expect(() => new PeerLink({ sctpAck: { everyPackets: 0, delayMs: 200 } })).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
});

test('LossyChannel options are validated', () => {
  const fake = { on: () => () => undefined } as unknown as ConstructorParameters<typeof LossyChannel>[0];
  expect(() => new LossyChannel(fake, { dropProbability: 1.5 })).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
});
