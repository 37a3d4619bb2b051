/**
 * One side of a bench:network call, run by bench/network.ts inside a network namespace (one process per host: a
 * process lives in one namespace). `signaling` serves rooms; `sender` plays a clip in real time as its camera;
 * `receiver` decodes. Sender and receiver share the machine's wall clock, so the parent gives both the call's start
 * as an epoch time on stdin and the receiver measures capture to display exactly. Reports JSON lines on stdout:
 * `{"event":"ready"}` once connected (or listening), `{"event":"result",...}` at the end.
 *
 *   tsx bench/support/network-call-side.ts '<json options>'
 */
import '../../src/node/index.js';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { CodecReceiver, CodecSender } from '../../src/call/index.js';
import { createDecoder, createEncoder } from '../../src/codec.js';
import { readAllFrames } from '../../src/media/index.js';
import { connectPeer, SignalingServer, type PeerLink, type PeerLinkOptions } from '../../src/transport/index.js';
import { relayCandidateRewrite } from './udp-impairment-relay.js';

export const callSideOptionsSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('signaling'), host: z.string(), port: z.number().int().min(1).max(65535) }),
  z.strictObject({
    role: z.enum(['sender', 'receiver']),
    url: z.string(),
    room: z.string(),
    /** The only address ICE may use: the host's own veth address. */
    address: z.string(),
    clip: z.string().optional(),
    fps: z.number().positive().default(25),
    seconds: z.number().positive().max(120),
    targetKbps: z.number().positive().default(5),
    /** Sender: the quick first picture's budget (`createEncoder`'s `firstPictureBytes`); off by default. */
    firstPictureBytes: z.number().int().min(100).max(60_000).optional(),
    /** Where the other peer is to be reached: a relay's port (bench/support/udp-impairment-relay.ts), not its own. */
    relay: z.strictObject({ host: z.string(), port: z.number().int().min(1).max(65535) }).optional(),
  }),
]);
export type CallSideOptions = z.input<typeof callSideOptionsSchema>;

/** What the sender reports. */
export interface SenderResult {
  event: 'result';
  role: 'sender';
  captured: number;
  encoded: number;
  sent: number;
  skippedBusy: number;
  keyframesSent: number;
  refinementsSent: number;
  refinementsSkipped: number;
  wireIpBytesSent: number;
  /** Everything the sender's link put on the wire since it opened (all but STUN), for checking a relay carried it. */
  wireDatagramsSent: number;
  profileIndex: number | undefined;
  profileChanges: number;
  /** The frame rate at the end, and the changes on the way. */
  frameRateHz: number;
  frameRateChanges: Array<{ atEpochMs: number; toHz: number; reason: string }>;
  skippedRate: number;
  heldForKeyframe: number;
  reliableUnacknowledgedBytes: number;
  reconnects: number;
}

/** What the receiver reports; `shownEpochMs` are the wall-clock times decoded frames were shown. */
export interface ReceiverResult {
  event: 'result';
  role: 'receiver';
  decoded: number;
  interpolated: number;
  received: number;
  lost: number;
  dropped: number;
  dropsByReason: Record<string, number>;
  delayMsP50: number;
  delayMsP95: number;
  keyframesReceived: number;
  keyframeRequestsSent: number;
  intraRequestsSent: number;
  wireIpBytesSent: number;
  shownEpochMs: number[];
  /** Wall-clock times keyframes were applied, and keyframe requests sent (with their reasons). */
  keyframeEpochMs: number[];
  keyframeRequests: Array<{ atEpochMs: number; reason: string }>;
  reconnects: number;
}

const say = (message: object): void => void process.stdout.write(`${JSON.stringify(message)}\n`);

/** Resolves with the start epoch the parent writes on stdin as `start <epochMs>`. */
function startSignal(): Promise<number> {
  const lines = createInterface({ input: process.stdin });
  return new Promise((resolve) => {
    lines.on('line', (line) => {
      const match = /^start (\d+)$/.exec(line.trim());
      if (match) {
        lines.close();
        resolve(Number(match[1]));
      }
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
/** `performance.now()` at a wall-clock time. */
const perfAt = (epochMs: number): number => epochMs - performance.timeOrigin;

async function main(): Promise<void> {
  const options = callSideOptionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  if (options.role === 'signaling') {
    const server = await SignalingServer.listen({ host: options.host, port: options.port });
    say({ event: 'ready', url: server.url });
    await new Promise<void>((resolve) => process.stdin.on('close', resolve).resume());
    await server.close();
    return;
  }
  const role = options.role === 'sender' ? 'offerer' : 'answerer';
  // Only the veth address, and no STUN server: nothing leaves the bench's own namespaces.
  // Through a relay on loopback: werift announces 127.0.0.1 only with loopbackOnly, and the remote candidates are
  // rewritten to the relay's port, so the direct path is never offered.
  const linkOptions: PeerLinkOptions = options.relay
    ? { rtcConfig: { iceServers: [] }, loopbackOnly: true, rewriteRemoteCandidate: relayCandidateRewrite(options.relay.host, options.relay.port, options.address) }
    : { rtcConfig: { iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: options.address } } };
  // Experiments only: link options over the defaults.
  if (process.env.FACECODEC_BENCH_LINK) Object.assign(linkOptions, JSON.parse(process.env.FACECODEC_BENCH_LINK) as PeerLinkOptions);
  const connect = (signal?: AbortSignal): Promise<PeerLink> =>
    connectPeer({ url: options.url, room: options.room, role, timeoutMs: 20_000, signal, link: linkOptions });
  const reconnect = { connect, attempts: 10, backoffMs: 200, maxBackoffMs: 2000 };
  const link = await connect();
  let reconnects = 0;
  if (options.role === 'sender') {
    const frames = await readAllFrames(options.clip!, { fps: options.fps });
    const { encoder, close } = await createEncoder({ frameRateHz: options.fps, realTime: true, ...(options.firstPictureBytes ? { firstPictureBytes: options.firstPictureBytes } : {}) });
    // Frame rate control on: a path slower than the lowest rung gets fewer frames instead of late ones.
    const sender = new CodecSender({
      link,
      encoder,
      rateAdapter: { targetKbps: options.targetKbps, frameRateHz: options.fps, startIndex: 2, lateDownFraction: 0.2 },
      reconnect,
      frameRateControl: process.env.FACECODEC_BENCH_NO_RATE_CONTROL ? false : {},
      holdFramesForKeyframe: process.env.FACECODEC_BENCH_NO_RATE_CONTROL ? false : {},
    });
    sender.own({ close });
    sender.on('reconnected', () => reconnects++);
    const frameRateChanges: SenderResult['frameRateChanges'] = [];
    sender.on('frameRateChange', (change) => frameRateChanges.push({ atEpochMs: Date.now(), toHz: change.toHz, reason: change.reason }));
    say({ event: 'ready' });
    const startEpochMs = await startSignal();
    const startMs = perfAt(startEpochMs);
    const wireAtStart = sender.link.stats().wire.ipBytesSent;
    const count = Math.round(options.seconds * options.fps);
    const periodMs = 1000 / options.fps;
    let captured = 0;
    for (let i = 0; i < count && !sender.isClosed; i++) {
      const waitMs = startMs + i * periodMs - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      else if (-waitMs > periodMs) continue; // the camera's frame time passed while encoding: dropped, as a camera would
      captured++;
      await sender.send(frames[i % frames.length], Math.round(i * periodMs));
    }
    sender.flushFrames();
    // The camera's seconds only (a reconnection restarts the link's count: then from the new link's open).
    const wireNow = sender.link.stats().wire.ipBytesSent;
    const wire = reconnects > 0 ? wireNow : wireNow - wireAtStart;
    await sleep(1500);
    const s = sender.stats();
    say({
      event: 'result',
      role: 'sender',
      captured,
      encoded: s.framesEncoded,
      sent: s.framesSent,
      skippedBusy: s.framesSkippedBusy,
      keyframesSent: s.keyframesSent,
      refinementsSent: s.refinementsSent,
      refinementsSkipped: s.refinementsSkipped,
      wireIpBytesSent: wire,
      wireDatagramsSent: sender.link.stats().wire.datagramsSent,
      profileIndex: s.profileIndex,
      profileChanges: s.profileChangesSent,
      frameRateHz: s.frameRateHz,
      frameRateChanges,
      skippedRate: s.framesSkippedRate,
      heldForKeyframe: s.framesHeldForKeyframe,
      reliableUnacknowledgedBytes: sender.link.isOpen ? (sender.link as PeerLink).reliableUnacknowledgedBytes() : -1,
      reconnects,
    } satisfies SenderResult);
    await sender.close();
    return;
  }
  const decoder = await createDecoder();
  say({ event: 'ready' });
  const startEpochMs = await startSignal();
  const receiver = new CodecReceiver({ link, decoder, clockOffsetMs: perfAt(startEpochMs), reconnect });
  receiver.own(decoder);
  receiver.on('reconnected', () => reconnects++);
  const shownEpochMs: number[] = [];
  const keyframeEpochMs: number[] = [];
  const keyframeRequests: ReceiverResult['keyframeRequests'] = [];
  receiver.on('streamMessage', (event) => {
    if (event.type === 'keyframe') keyframeEpochMs.push(Date.now());
  });
  receiver.on('keyframeRequested', (reason) => keyframeRequests.push({ atEpochMs: Date.now(), reason }));
  receiver.on('frame', (frame) => {
    if (!frame.interpolated) shownEpochMs.push(Math.round(frame.decodedMs + performance.timeOrigin));
  });
  await sleep(perfAt(startEpochMs) + options.seconds * 1000 + 1500 - performance.now());
  await receiver.idle();
  const r = receiver.stats();
  say({
    event: 'result',
    role: 'receiver',
    decoded: shownEpochMs.length,
    interpolated: r.framesInterpolated,
    received: r.framesReceived,
    lost: r.framesLost,
    dropped: r.framesDropped,
    dropsByReason: r.dropsByReason,
    delayMsP50: r.delayMsP50,
    delayMsP95: r.delayMsP95,
    keyframesReceived: r.keyframesReceived,
    keyframeRequestsSent: r.keyframeRequestsSent,
    intraRequestsSent: r.intraRequestsSent,
    wireIpBytesSent: receiver.link.stats().wire.ipBytesSent,
    shownEpochMs,
    keyframeEpochMs,
    keyframeRequests,
    reconnects,
  } satisfies ReceiverResult);
  await receiver.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
