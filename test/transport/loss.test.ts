/** PeerLink under injected loss: LossyChannel around the channels, and SCTP packet loss under them. */
import { FRAME_CHANNEL, LossyChannel, type PeerLink, type TransportError } from '../../src/transport/index.js';
import { patternBytes, sleep, startCall, waitFor, type Call } from './call-harness.js';
import { filterSctpPackets } from './sctp-packet-filter.js';

/** Frame packet of the tests: u32 sequence number, then filler. */
function framePacket(sequence: number): Uint8Array {
  const packet = new Uint8Array(48);
  new DataView(packet.buffer).setUint32(0, sequence);
  packet.fill(0x5a, 4);
  return packet;
}

function sequenceOf(packet: Uint8Array): number {
  return new DataView(packet.buffer, packet.byteOffset, packet.byteLength).getUint32(0);
}

function collectFrames(link: PeerLink): Array<{ sequence: number; arrivalMs: number }> {
  const frames: Array<{ sequence: number; arrivalMs: number }> = [];
  link.on('frame', (bytes, arrivalMs) => frames.push({ sequence: sequenceOf(bytes), arrivalMs }));
  return frames;
}

function collectReliable(link: PeerLink): Uint8Array[] {
  const messages: Uint8Array[] = [];
  link.on('reliable', (bytes) => messages.push(bytes.slice()));
  return messages;
}

function collectDiscards(link: PeerLink): TransportError[] {
  const errors: TransportError[] = [];
  link.on('reliableDiscarded', (error) => errors.push(error));
  return errors;
}

describe('20% random frame loss with keyframes in flight', () => {
  let call: Call;
  const lossy: Record<string, LossyChannel> = {};
  beforeAll(async () => {
    call = await startCall({
      offerer: {
        wrapChannel: (channel, messageClass) => {
          lossy[messageClass] =
            messageClass === 'frame'
              ? new LossyChannel(channel, { dropProbability: 0.2, seed: 7 })
              : new LossyChannel(channel, { delayMs: 2, jitterMs: 8, preserveOrder: true, seed: 8 });
          return lossy[messageClass];
        },
      },
    });
  });
  afterAll(() => call.close());

  test('the frame stream keeps flowing and the reliable channel delivers everything', async () => {
    const frames = collectFrames(call.answerer);
    const reliable = collectReliable(call.answerer);
    const keyframes = [0, 1, 2].map((i) => patternBytes(100 * 1024 + i * 777, 100 + i));
    const frameCount = 240;
    for (let sequence = 0; sequence < frameCount; sequence++) {
      if (sequence % 80 === 10) call.offerer.sendReliable(keyframes[(sequence - 10) / 80]);
      call.offerer.sendFrame(framePacket(sequence));
      await sleep(4);
    }
    await waitFor(() => reliable.length === 3, 8000, 'three keyframes');
    await sleep(100);
    keyframes.forEach((keyframe, i) => expect(Buffer.compare(reliable[i], keyframe)).toBe(0));
    // The frames the wrapper did not drop arrive, without duplicates. A keyframe burst can overflow the loopback UDP
    // receive buffer (werift runs both peers in this one process), so allow a frame or two lost below SCTP as well.
    const { messagesDropped, messagesForwarded } = lossy.frame.stats;
    expect(messagesDropped + messagesForwarded).toBe(frameCount);
    expect(messagesDropped / frameCount).toBeGreaterThan(0.12);
    expect(messagesDropped / frameCount).toBeLessThan(0.28);
    expect(frames.length).toBeLessThanOrEqual(messagesForwarded);
    expect(frames.length).toBeGreaterThanOrEqual(messagesForwarded - 2);
    expect(new Set(frames.map((frame) => frame.sequence)).size).toBe(frames.length);
    // Flowing: frames arrive in every quarter of the stream, including while keyframes were being sent.
    for (let quarter = 0; quarter < 4; quarter++) {
      const inQuarter = frames.filter((frame) => Math.floor((frame.sequence * 4) / frameCount) === quarter).length;
      expect(inQuarter).toBeGreaterThan(frameCount / 4 / 2);
    }
    const stats = call.answerer.stats();
    expect(stats.reliable.messagesReceived).toBe(3);
    expect(stats.reliable.messagesDiscarded).toBe(0);
    expect(stats.frame.messagesReceived).toBe(frames.length);
  });
});

describe('lost reliable chunks', () => {
  let call: Call;
  beforeAll(async () => {
    call = await startCall({
      offerer: {
        // Drop indices count chunks across all reliable traffic of this link, in the order the test below sends them.
        wrapChannel: (channel, messageClass) => (messageClass === 'reliable' ? new LossyChannel(channel, { dropIndices: [5, 14, 18] }) : channel),
      },
      answerer: { reassemblyTimeoutMs: 300 },
    });
  });
  afterAll(() => call.close());

  test('a missing keyframe chunk is detected, the partial keyframe discarded, and later messages still arrive', async () => {
    const reliable = collectReliable(call.answerer);
    const discards = collectDiscards(call.answerer);
    const keyframe = patternBytes(200 * 1024, 1); // 13 chunks: send indices 0..12, index 5 dropped
    call.offerer.sendReliable(keyframe);
    const control = patternBytes(40, 2); // index 13
    call.offerer.sendReliable(control);
    await waitFor(() => reliable.length === 1 && discards.length === 1, 3000, 'control message and one discard');
    expect(discards[0].code).toBe('TRANSPORT_CHUNK_MISSING');
    expect(discards[0].details).toMatchObject({ messageId: 0, missingFrom: 5, missingTo: 5, chunkCount: 13 });
    expect(reliable[0]).toEqual(control);

    // Index 14 is a whole single-chunk message: the gap in message ids is reported.
    call.offerer.sendReliable(patternBytes(10, 3)); // index 14, dropped
    call.offerer.sendReliable(patternBytes(10, 4)); // index 15
    await waitFor(() => reliable.length === 2 && discards.length === 2, 3000, 'second control message');
    expect(discards[1].code).toBe('TRANSPORT_MESSAGE_MISSING');
    expect(discards[1].details).toMatchObject({ firstMissingId: 2, missingCount: 1 });

    // Index 18 is the last chunk of the next keyframe (indices 16..18): with nothing after it, the timeout catches it.
    // (Small on purpose: a 200 KB burst can overflow the loopback UDP receive buffer, and werift then recovers the
    // tail only after its 1 s retransmission timeout, which would race the 300 ms reassembly timeout.)
    call.offerer.sendReliable(patternBytes(40 * 1024, 5));
    await waitFor(() => discards.length === 3, 3000, 'reassembly timeout');
    expect(discards[2].code).toBe('TRANSPORT_REASSEMBLY_TIMEOUT');
    expect(discards[2].details).toMatchObject({ messageId: 4, receivedChunks: 2, chunkCount: 3 });
    expect(call.answerer.stats().reliable.messagesDiscarded).toBe(3);

    const last = patternBytes(50_000, 6);
    call.offerer.sendReliable(last);
    await waitFor(() => reliable.length === 3, 3000, 'a keyframe after the losses');
    expect(Buffer.compare(reliable[2], last)).toBe(0);
    expect(discards).toHaveLength(3);
  });
});

describe('frames under SCTP packet loss', () => {
  let call: Call;
  beforeAll(async () => {
    call = await startCall();
  });
  afterAll(() => call.close());

  test('the unordered frame channel does not block behind a message lost for good', async () => {
    const frames = collectFrames(call.answerer);
    const lostSequence = 3;
    let drops = 0;
    const remove = filterSctpPackets(call.offerer.rtcPeerConnection, (chunks) => {
      const lost = chunks.some((chunk) => chunk.streamId === FRAME_CHANNEL.id && chunk.userData.length >= 4 && sequenceOf(chunk.userData) === lostSequence);
      if (lost) drops++;
      return lost;
    });
    let dropsWhenLaterArrived = -1;
    call.answerer.on('frame', (bytes) => {
      if (sequenceOf(bytes) === lostSequence + 1) dropsWhenLaterArrived = drops;
    });
    try {
      for (let sequence = 0; sequence < 10; sequence++) call.offerer.sendFrame(framePacket(sequence));
      await waitFor(() => frames.length === 9, 2000, 'nine frames');
      await waitFor(() => drops >= 2, 3000, 'the retransmission of the lost frame');
      call.offerer.sendFrame(framePacket(10));
      await waitFor(() => frames.length === 10, 2000, 'frame 10');
    } finally {
      remove();
    }
    expect(frames.map((frame) => frame.sequence).sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9, 10]);
    // Frame 4 was delivered while frame 3 was still being retransmitted (one drop so far), not after it was abandoned.
    expect(dropsWhenLaterArrived).toBe(1);
  });

  // The link's filter hook only, with a filter of the test's own: CodecReceiver's stale logic, which installs such a
  // filter, runs on real codec packets in test/call/codec-receiver-stale.test.ts.
  test('a frame filter discards the frames it refuses and they are counted', async () => {
    let newest = -1;
    call.answerer.setFrameFilter((bytes) => {
      const sequence = sequenceOf(bytes);
      if (sequence <= newest) return false;
      newest = sequence;
      return true;
    });
    const frames = collectFrames(call.answerer);
    const before = call.answerer.stats().frame.messagesDiscarded;
    for (const sequence of [100, 101, 99, 102, 50, 103]) {
      call.offerer.sendFrame(framePacket(sequence));
      await sleep(5);
    }
    await waitFor(() => frames.length === 4, 2000, 'four fresh frames');
    await sleep(50);
    expect(frames.map((frame) => frame.sequence)).toEqual([100, 101, 102, 103]);
    expect(call.answerer.stats().frame.messagesDiscarded - before).toBe(2);
    call.answerer.setFrameFilter(undefined);
  });
});
