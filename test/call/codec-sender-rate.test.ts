// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * CodecSender's rate paths on the real codec over real werift peers: the adapter's start rung, a profile change in
 * mid-call reaching the decoder, all-intra coding under loss and leaving it again.
 */
import { PROFILE_LADDER, encodeMessage, type ReceiverStats } from '../../src/bitstream/index.js';
import { createDecoder, createEncoder } from '../../src/codec.js';
import { CodecReceiver, CodecSender, type RateAdapterOptions, type RateDecision, type ReceivedFrame } from '../../src/call/index.js';
import type { DecoderEvent } from '../../src/decoder/decoder.js';
import { readAllFrames, type RgbImage } from '../../src/media/index.js';
import { LossyChannel, type PeerLinkOptions } from '../../src/transport/index.js';
import { clip } from '../codec/shared-paths.js';
import { sleep, startCall, waitFor, type Call } from '../transport/call-harness.js';

const FPS = 30;
const PHASE = 6;

let frames: RgbImage[] = [];

beforeAll(async () => {
  frames = await readAllFrames(clip('liveportrait_d18.mp4'), { maxFrames: 60 });
}, 30_000);

interface Session {
  call: Call;
  sender: CodecSender;
  receiver: CodecReceiver;
  decoded: ReceivedFrame[];
  profileEvents: number[];
  decisions: RateDecision[];
  close(): Promise<void>;
}

async function startSession(rateAdapter: RateAdapterOptions, options: { statsIntervalMs?: number; senderLink?: PeerLinkOptions } = {}): Promise<Session> {
  const call = await startCall({ offerer: options.senderLink ?? {} });
  const { encoder, close: closeEncoder } = await createEncoder({ frameRateHz: FPS });
  const decoder = await createDecoder();
  const sender = new CodecSender({ link: call.offerer, encoder, framesPerMessage: 1, rateAdapter });
  sender.own({ close: closeEncoder });
  // statsIntervalMs 0: no reports of its own, so the test's reports are the only ones the sender sees. Staleness is
  // not under test: jest's sandbox on 2 cores takes seconds for the first frames, which a live receiver would drop.
  const receiver = new CodecReceiver({ link: call.answerer, decoder, statsIntervalMs: options.statsIntervalMs ?? 0, staleAfterMs: 60_000 });
  receiver.own(decoder);
  const decoded: ReceivedFrame[] = [];
  const profileEvents: number[] = [];
  const decisions: RateDecision[] = [];
  receiver.on('frame', (f) => decoded.push(f));
  receiver.on('streamMessage', (e: DecoderEvent) => {
    if (e.type === 'profile-change') profileEvents.push(e.profileId);
  });
  sender.on('profileChange', (d) => decisions.push(d));
  return {
    call,
    sender,
    receiver,
    decoded,
    profileEvents,
    decisions,
    async close() {
      await Promise.all([sender.close(), receiver.close()]);
      await call.close();
    },
  };
}

/** Sends frames [from, from + count) as fast as the receiver keeps up, stamped with their real send time. */
async function play(s: Session, from: number, count: number, startMs: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await s.sender.send(frames[i], Math.round(performance.now() - startMs) + i);
    await sleep(5);
    await s.receiver.idle();
  }
  await sleep(100);
  await s.receiver.idle();
}

/** A receiver report as the wire carries it, sent from the receiving peer. */
async function report(s: Session, lossFraction: number): Promise<RateDecision | undefined> {
  const stats: ReceiverStats = { framesReceived: 30, framesLost: Math.round(30 * lossFraction), framesDropped: 0, lossFraction, delayMsP50: 20, delayMsP95: 40, receiveKbps: 5 };
  const before = s.decisions.length;
  const reports = s.sender.stats().receiverReports;
  s.call.answerer.sendReliable(encodeMessage({ type: 'control', control: { type: 'receiver-stats', ...stats } }));
  await waitFor(() => s.sender.stats().receiverReports > reports, 5000, 'the report to reach the sender');
  return s.decisions[before];
}

/** The decoded type of each frame in [from, from + PHASE), by sequence ('missing' for one not shown). */
const frameTypes = (s: Session, from: number): string[] =>
  Array.from({ length: PHASE }, (_, i) => s.decoded.find((f) => f.sequence === from + i)?.type ?? 'missing');

test('the encoder starts on the rung the adapter picks for the target', async () => {
  // 4 kbit/s at 30 Hz: rung 1 (8 keypoints, 5 expression dims) is the richest estimated to fit (rate-adapter.test.ts).
  const s = await startSession({ targetKbps: 4, frameRateHz: FPS });
  try {
    expect(s.sender.rateAdapter?.index).toBe(1);
    const header = s.sender.encoder.header();
    expect(header.profile.landmarkIds.length).toBe(PROFILE_LADDER[1].keypoints);
    expect(header.profile.expressionDims).toBe(PROFILE_LADDER[1].expressionDims);
    await play(s, 0, 3, performance.now());
    expect(s.decoded.map((f) => f.type)).toEqual(['intra', 'predicted', 'predicted']);
    expect(s.sender.stats().profileIndex).toBe(1);
  } finally {
    await s.close();
  }
}, 30_000);

test('loss moves the encoder a rung down into all-intra coding, clean reports bring it back, and each profile decodes', async () => {
  // A generous target (no over-target step) and no hold times, so each report decides at once.
  const s = await startSession({ targetKbps: 100, frameRateHz: FPS, startIndex: 3, downHoldMs: 0, upHoldMs: 0 });
  const startMs = performance.now();
  const phases: Array<{ from: number; landmarks: number; expression: number; intraInterval: number; profileId: number }> = [];
  // A pending change applies before the phase's first frame: the encoder's header after the phase is its profile.
  const phase = async (from: number): Promise<void> => {
    await play(s, from, PHASE, startMs);
    const { profile, profileId } = s.sender.encoder.header();
    phases.push({ from, landmarks: profile.landmarkIds.length, expression: profile.expressionDims, intraInterval: profile.intraInterval, profileId });
  };
  try {
    await phase(0);
    const idStart = s.sender.encoder.header().profileId;

    // 20% loss: one rung down, and every frame intra (a lost reference would break a prediction chain).
    const down = await report(s, 0.2);
    expect(down).toMatchObject({ fromIndex: 3, toIndex: 2, reason: 'loss' });
    expect(down!.profile.intraInterval).toBe(1);
    expect(s.sender.stats().profileChangesSent).toBe(0); // applied before the next frame, not on the report
    const intraBefore = s.sender.stats().intraFramesSent;
    await phase(PHASE);
    expect(s.sender.stats().intraFramesSent - intraBefore).toBe(PHASE);

    // Clean: leave all-intra on the same rung first ('recovered'), then step up for headroom.
    expect(await report(s, 0)).toMatchObject({ fromIndex: 2, toIndex: 2, reason: 'recovered' });
    await phase(2 * PHASE);
    expect(await report(s, 0)).toMatchObject({ fromIndex: 2, toIndex: 3, reason: 'headroom' });
    await phase(3 * PHASE);

    const [k3, k2] = [PROFILE_LADDER[3], PROFILE_LADDER[2]];
    expect(phases.map((p) => [p.landmarks, p.expression, p.intraInterval])).toEqual([
      [k3.keypoints, k3.expressionDims, 50],
      [k2.keypoints, k2.expressionDims, 1],
      [k2.keypoints, k2.expressionDims, 50],
      [k3.keypoints, k3.expressionDims, 50],
    ]);
    // Each change is announced, reaches the decoder under the encoder's new id, and starts with an intra frame.
    expect(phases.map((p) => p.profileId)).toEqual([idStart, idStart + 1, idStart + 2, idStart + 3]);
    expect(s.sender.stats().profileChangesSent).toBe(3);
    expect(s.profileEvents).toEqual([idStart + 1, idStart + 2, idStart + 3]);
    expect(s.receiver.stats().profileChangesReceived).toBe(3);
    const predictedRun = ['intra', ...Array<string>(PHASE - 1).fill('predicted')];
    expect(frameTypes(s, 0)).toEqual(predictedRun);
    expect(frameTypes(s, PHASE)).toEqual(Array<string>(PHASE).fill('intra'));
    expect(frameTypes(s, 2 * PHASE)).toEqual(predictedRun);
    expect(frameTypes(s, 3 * PHASE)).toEqual(predictedRun);
    // Every frame of every profile decoded and was shown.
    const received = s.receiver.stats();
    expect(received.framesDecoded).toBe(4 * PHASE);
    expect(received.dropsByReason).toEqual({ stale: 0, undecodable: 0, 'held-timeout': 0, corrupt: 0 });
  } finally {
    await s.close();
  }
}, 60_000);

test('under 20% real frame loss the receiver\'s own reports switch the sender to all-intra, after which every frame that arrives decodes', async () => {
  let lossy: LossyChannel | undefined;
  const s = await startSession(
    // No step up for headroom while the stream is clean at first (upHoldMs), so the first decision is the loss.
    { targetKbps: 100, frameRateHz: FPS, startIndex: 3, upHoldMs: 60_000 },
    {
      statsIntervalMs: 250,
      senderLink: { wrapChannel: (channel, messageClass) => (messageClass === 'frame' ? (lossy = new LossyChannel(channel, { dropProbability: 0.2, seed: 7 })) : channel) },
    },
  );
  const undecodable: number[] = [];
  s.receiver.on('frameDropped', (reason, sequence) => {
    if (reason === 'undecodable' && sequence !== undefined) undecodable.push(sequence);
  });
  try {
    const startMs = performance.now();
    let sent = 0;
    // Until the first loss report arrives the stream is predicted (10 frames observed); then the sender goes all-intra.
    // At most 30 frames, so that 20 more fit in the 60 read.
    for (; sent < 30 && !s.decisions.some((d) => d.reason === 'loss'); sent += 2) await play(s, sent, 2, startMs);
    const switchDecision = s.decisions.find((d) => d.reason === 'loss');
    expect(switchDecision).toMatchObject({ fromIndex: 3, toIndex: 2 });
    expect(s.sender.rateAdapter!.lossResilient).toBe(true);
    const firstIntraOnly = s.sender.stats().framesEncoded; // the next frame's sequence
    const intraBefore = s.sender.stats().intraFramesSent;
    const droppedBefore = lossy!.stats.messagesDropped;
    await play(s, sent, 20, startMs);
    const droppedDuring = lossy!.stats.messagesDropped - droppedBefore;
    const sentStats = s.sender.stats();
    expect(sentStats.framesEncoded - firstIntraOnly).toBe(20);
    expect(sentStats.intraFramesSent - intraBefore).toBe(20);
    // All-intra: no frame coded after the switch needs a reference, so none is undecodable and each one that arrives
    // is shown (observed: 7 of the 20 lost, 13 shown, the adapter on down to rung 0 under the continuing loss).
    expect(droppedDuring).toBeGreaterThan(0);
    expect(undecodable.filter((q) => q >= firstIntraOnly)).toEqual([]);
    const shownAfter = s.decoded.filter((f) => f.sequence >= firstIntraOnly);
    expect(shownAfter.length).toBe(20 - droppedDuring);
    expect(shownAfter.every((f) => f.type === 'intra')).toBe(true);
  } finally {
    await s.close();
  }
}, 90_000);
