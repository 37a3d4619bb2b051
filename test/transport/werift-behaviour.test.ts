/**
 * Regression test of the werift 0.24.4 behaviours src/transport relies on (see channel-config.ts): a negotiated,
 * unordered channel with maxRetransmits 1 keeps delivering in both directions when one of its messages is lost for
 * good, and the reliable channel recovers lost packets; and the receiver acknowledges data as patches/werift+0.24.4.patch
 * makes it (delayed SACK, RFC 9260, with RFC 6458's frequency and delay settable). If a werift upgrade breaks this, this test says so first.
 */
import { RTCPeerConnection, type RTCDataChannel } from 'werift';
import { FRAME_CHANNEL, RELIABLE_CHANNEL } from '../../src/transport/index.js';
import { SCTP_CHUNK, recordSctpPackets } from '../../src/transport/sctp-packet.js';
import { applySctpAckPolicy, DEFAULT_SCTP_ACK_POLICY, RFC_9260_ACK_POLICY, sctpAckPolicyOf } from '../../src/transport/sctp-ack-policy.js';
import { filterSctpPackets } from './sctp-packet-filter.js';
import { sleep, waitFor } from './call-harness.js';

const loopback = { iceUseIpv6: false, iceAdditionalHostAddresses: ['127.0.0.1'], iceInterfaceAddresses: { udp4: '127.0.0.1' } };

interface Side {
  pc: RTCPeerConnection;
  reliable: RTCDataChannel;
  frame: RTCDataChannel;
  frames: number[];
  reliableBytes: Buffer[];
}

function createSide(): Side {
  const pc = new RTCPeerConnection(loopback);
  const side: Side = {
    pc,
    reliable: pc.createDataChannel(RELIABLE_CHANNEL.label, { negotiated: true, id: RELIABLE_CHANNEL.id, ordered: true }),
    frame: pc.createDataChannel(FRAME_CHANNEL.label, { negotiated: true, id: FRAME_CHANNEL.id, ordered: false, maxRetransmits: 1 }),
    frames: [],
    reliableBytes: [],
  };
  side.frame.onMessage.subscribe((data) => side.frames.push((data as Buffer).readUInt16BE(0)));
  side.reliable.onMessage.subscribe((data) => side.reliableBytes.push(data as Buffer));
  return side;
}

function frameMessage(index: number): Buffer {
  const message = Buffer.alloc(60, 0xab);
  message.writeUInt16BE(index, 0);
  return message;
}

describe('werift 0.24.4 data channels', () => {
  let a: Side;
  let b: Side;
  beforeAll(async () => {
    a = createSide();
    b = createSide();
    a.pc.onIceCandidate.subscribe((candidate) => candidate && / 127\.0\.0\.1 /.test(candidate.candidate) && void b.pc.addIceCandidate(candidate));
    b.pc.onIceCandidate.subscribe((candidate) => candidate && / 127\.0\.0\.1 /.test(candidate.candidate) && void a.pc.addIceCandidate(candidate));
    const open = Promise.all(
      [a.frame, b.frame, a.reliable, b.reliable].map(
        (channel) => new Promise<void>((resolve) => channel.stateChanged.subscribe((state) => state === 'open' && resolve())),
      ),
    );
    await a.pc.setLocalDescription(await a.pc.createOffer());
    await b.pc.setRemoteDescription(a.pc.localDescription!);
    await b.pc.setLocalDescription(await b.pc.createAnswer());
    await a.pc.setRemoteDescription(b.pc.localDescription!);
    await open;
  });
  afterAll(async () => {
    await Promise.all([a.pc.close(), b.pc.close()]);
  });

  test('negotiated channels keep their parameters on both sides', () => {
    for (const side of [a, b]) {
      expect(side.frame.negotiated).toBe(true);
      expect(side.frame.ordered).toBe(false);
      expect(side.frame.maxRetransmits).toBe(1);
      expect(side.frame.id).toBe(FRAME_CHANNEL.id);
      expect(side.reliable.ordered).toBe(true);
      expect(side.reliable.maxRetransmits).toBeNull();
    }
  });

  for (const direction of ['a->b', 'b->a'] as const) {
    test(`unordered maxRetransmits 1: a message lost for good does not block later ones (${direction})`, async () => {
      const [sender, receiver] = direction === 'a->b' ? [a, b] : [b, a];
      const lostIndex = 3;
      let lostTransmissions = 0;
      // Drop every transmission (first send and the one retransmission) of message 3 on the frame stream.
      const remove = filterSctpPackets(sender.pc, (chunks) => {
        const lost = chunks.some((chunk) => chunk.streamId === FRAME_CHANNEL.id && chunk.userData.length >= 2 && (chunk.userData[0] << 8) + chunk.userData[1] === lostIndex);
        if (lost) lostTransmissions++;
        return lost;
      });
      // Unordered delivery hands message 4 over while message 3 is still being retransmitted; an ordered stream
      // would hold it until message 3 is abandoned, i.e. after its second transmission was dropped too.
      let dropsWhenFourArrived = -1;
      const watch = receiver.frame.onMessage.subscribe((data) => {
        if ((data as Buffer).readUInt16BE(0) === 4) dropsWhenFourArrived = lostTransmissions;
      });
      try {
        receiver.frames.length = 0;
        const sentMs = performance.now();
        for (let index = 0; index < 10; index++) sender.frame.send(frameMessage(index));
        await waitFor(() => receiver.frames.length >= 9, 2000, 'the nine messages that were not lost');
        // Later messages arrived well before SCTP's 1 s minimum retransmission timeout: nothing waited for message 3.
        expect(performance.now() - sentMs).toBeLessThan(500);
        expect([...receiver.frames].sort((x, y) => x - y)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
        // Give the retransmission (after the RTO) time to happen and be dropped too; message 3 is then abandoned.
        await waitFor(() => lostTransmissions >= 2, 4000, 'the retransmission of message 3');
        sender.frame.send(frameMessage(10));
        await waitFor(() => receiver.frames.includes(10), 2000, 'message 10');
        expect(receiver.frames).not.toContain(lostIndex);
        expect(lostTransmissions).toBe(2);
        expect(dropsWhenFourArrived).toBe(1);
      } finally {
        remove();
        watch.unSubscribe();
      }
    });
  }

  /** Sends `count` frame messages from `from`, `gapMs` apart, and counts the SACKs `to` sends meanwhile. */
  async function sacksFor(from: Side, to: Side, count: number, gapMs: number): Promise<number> {
    await sleep(300); // earlier tests' acknowledgements are out
    const tap = recordSctpPackets(to.pc);
    try {
      to.frames.length = 0;
      for (let index = 0; index < count; index++) {
        from.frame.send(frameMessage(1000 + index));
        await sleep(gapMs);
      }
      await sleep(300);
      return tap.packets.filter((p) => p.chunks[0]?.type === SCTP_CHUNK.SACK).length;
    } finally {
      tap.stop();
    }
  }

  test('delayed SACK: one acknowledgement per two packets at a call\'s packet rate, not one per packet', async () => {
    // 20 packets 40 ms apart: an immediate SACK per DATA chunk would be 20 (werift's own behaviour, patched out).
    const sacks = await sacksFor(a, b, 20, 40);
    expect(sacks).toBeGreaterThanOrEqual(9);
    expect(sacks).toBeLessThanOrEqual(12);
  });

  test('delayed SACK: a packet alone is acknowledged within 200 ms', async () => {
    const tap = recordSctpPackets(b.pc);
    try {
      await sleep(300);
      tap.packets.length = 0;
      const sentMs = performance.now();
      a.frame.send(frameMessage(2000));
      await waitFor(() => tap.packets.some((p) => p.chunks[0]?.type === SCTP_CHUNK.SACK), 1000, 'the delayed SACK');
      const sack = tap.packets.find((p) => p.chunks[0]?.type === SCTP_CHUNK.SACK)!;
      expect(sack.atMs - sentMs).toBeGreaterThan(150);
      expect(sack.atMs - sentMs).toBeLessThan(300);
    } finally {
      tap.stop();
    }
  });

  test('ack policy (RFC 6458 sack_freq / sack_delay): one SACK per four packets, a lone packet acknowledged within 500 ms', async () => {
    expect(sctpAckPolicyOf(b.pc)).toEqual(RFC_9260_ACK_POLICY);
    expect(applySctpAckPolicy(b.pc, DEFAULT_SCTP_ACK_POLICY)).toBe(true);
    try {
      expect(sctpAckPolicyOf(b.pc)).toEqual(DEFAULT_SCTP_ACK_POLICY);
      // 20 packets 40 ms apart: every fourth one is acknowledged (5), the 500 ms timer never fires first.
      const sacks = await sacksFor(a, b, 20, 40);
      expect(sacks).toBeGreaterThanOrEqual(4);
      expect(sacks).toBeLessThanOrEqual(6);
      const tap = recordSctpPackets(b.pc);
      try {
        await sleep(600);
        tap.packets.length = 0;
        const sentMs = performance.now();
        a.frame.send(frameMessage(3000));
        await waitFor(() => tap.packets.some((p) => p.chunks[0]?.type === SCTP_CHUNK.SACK), 1500, 'the delayed SACK');
        const sack = tap.packets.find((p) => p.chunks[0]?.type === SCTP_CHUNK.SACK)!;
        expect(sack.atMs - sentMs).toBeGreaterThan(430);
        expect(sack.atMs - sentMs).toBeLessThan(650);
      } finally {
        tap.stop();
      }
    } finally {
      applySctpAckPolicy(b.pc, RFC_9260_ACK_POLICY);
    }
  });

  test('the reliable channel recovers a lost packet', async () => {
    let dropped = 0;
    const remove = filterSctpPackets(a.pc, (chunks) => {
      const drop = dropped === 0 && chunks.some((chunk) => chunk.streamId === RELIABLE_CHANNEL.id);
      if (drop) dropped++;
      return drop;
    });
    try {
      b.reliableBytes.length = 0;
      const messages = [Buffer.alloc(5000, 1), Buffer.alloc(100, 2), Buffer.alloc(100, 3)];
      for (const message of messages) a.reliable.send(message);
      await waitFor(() => b.reliableBytes.length === 3, 5000, 'three reliable messages');
      expect(dropped).toBe(1);
      expect(b.reliableBytes).toEqual(messages);
    } finally {
      remove();
    }
    await sleep(0);
  });
});
