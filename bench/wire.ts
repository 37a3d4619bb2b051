/**
 * Wire bench: real calls on loopback between two werift peers (the sample call's path), with a packet capture
 * (Debian's tcpdump) of every UDP datagram in both directions. Reports what the network carries per direction, split
 * into frames, keyframes/header, control, SCTP's own packets (SACK, FORWARD-TSN, heartbeat), STUN and DTLS; steady
 * state (after the keyframe) apart from the whole call, and the whole call with its keyframe amortised over 60 s.
 * Writes `<out>/wire.json` and `<out>/wire.md`, prints one JSON line last (the default configuration's numbers and
 * every run's summary).
 *
 *   npm run bench:wire                               # 20 s calls over the default configurations
 *   npx tsx bench/wire.ts --seconds 5 --configs 1,3,2@12.5 --out /tmp/wire
 *
 * A configuration is `F[@P[x]][/rtp]`: F frame packets per frame message, face parameters coded at P Hz (default 25,
 * the camera's rate; below it the receiver interpolates the frames in between, or extrapolates them with `x`),
 * frames over RTP instead of the data channel with `/rtp` (keyframes and control stay on the data channel).
 *
 * Needs root or CAP_NET_RAW for tcpdump (CI and the developer machines run as root).
 */
import '../src/node/index.js';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { CodecReceiver, CodecSender, DEFAULT_FRAMES_PER_MESSAGE, percentile } from '../src/call/index.js';
import { createDecoder, createEncoder } from '../src/codec.js';
import { readAllFrames, type RgbImage } from '../src/media/index.js';
import { sharedDir } from '../src/paths.js';
import { connectPeer, DEFAULT_SCTP_ACK_POLICY, RFC_9260_ACK_POLICY, SignalingServer, type PeerLink, type SctpAckPolicy } from '../src/transport/index.js';
import { recordSctpPackets } from '../src/transport/sctp-packet.js';
import { PacketCapture } from './support/packet-capture.js';
import { classifyDatagrams, totals, WIRE_CLASSES, type ClassifiedDatagram, type DirectionTotals } from './support/wire-classes.js';
import { kbitPerSecond as kbps, round, sleep } from './support/report-numbers.js';

const FPS = 25;
/** Steady state starts at least this long after the first frame... */
const STEADY_AFTER_MS = 2000;
/** ... and this long after the first keyframe was handed to the link. */
const KEYFRAME_SETTLE_MS = 1500;

const program = new Command()
  .name('bench:wire')
  .option('--clip <file>', 'video played as the camera (looped back and forth)', path.join(sharedDir(), 'clips', 'liveportrait_d10.mp4'))
  .option('--seconds <s>', 'call length', '20')
  .option('--configs <list>', 'one call each: frames per message [@ parameter rate Hz [x]] [/rtp] [/rfc9260: SCTP acknowledges every second packet or 200 ms, not every fourth or 500 ms]', '1,2,3,4,3/rfc9260,1@12.5,2@12.5,2@12.5x,2@12.5/rfc9260,1/rtp,3/rtp,2@12.5/rtp,2@12.5x/rtp')
  .option('--stats-interval-ms <ms>', "receiver's report period (default: CodecReceiver's)")
  .option('--out <dir>', 'where wire.json and wire.md go', 'bench/results/wire');

interface RunOptions {
  framesPerMessage: number;
  parameterRateHz: number;
  transport: 'datachannel' | 'rtp';
  sctpAck: SctpAckPolicy;
  inBetween: 'interpolate' | 'extrapolate';
  statsIntervalMs: number | undefined;
}

interface RunResult {
  options: RunOptions;
  seconds: number;
  steadyS: number;
  wireKbpsSteady: number;
  wireKbpsUp: number;
  wireKbpsDown: number;
  wireKbpsTotal: number;
  wireKbpsAmortised60s: number;
  payloadKbps: number;
  linkCountedVsCapture: number;
  packetsPerSecond: number;
  packetsPerSecondUp: number;
  packetsPerSecondDown: number;
  datagramsPerFrameUp: number;
  datagramsPerFrameDown: number;
  bundleHoldMsP95: number;
  interpolationWaitMsP95: number;
  arrivalDelayMsP50: number;
  arrivalDelayMsP95: number;
  addedLatencyBoundMsP95: number;
  captureToDecodedMsP95: number;
  framesSent: number;
  framesDecoded: number;
  framesInterpolated: number;
  unmatchedDatagrams: number;
  steady: { up: ClassTable; down: ClassTable };
  whole: { up: ClassTable; down: ClassTable };
  decodedHashes: Map<number, string>;
}

type ClassTable = Record<string, { kbps: number; packetsPerSecond: number }>;

async function main(): Promise<void> {
  program.parse();
  const o = program.opts<{ clip: string; seconds: string; configs: string; statsIntervalMs?: string; out: string }>();
  const seconds = Number(o.seconds);
  if (!(seconds >= 4)) throw new Error('--seconds must be at least 4 (steady state starts after 2 s)');
  const configs = o.configs.split(',').map((text) => {
    const [rates, ...modifiers] = text.split('/');
    const [f, rate] = rates.split('@');
    const extrapolate = rate?.endsWith('x') === true;
    const p = extrapolate ? rate.slice(0, -1) : rate;
    if (modifiers.some((m) => m !== 'rtp' && m !== 'rfc9260')) throw new Error(`--configs: "${text}": the modifiers are /rtp and /rfc9260`);
    const config: Omit<RunOptions, 'statsIntervalMs'> = {
      framesPerMessage: Number(f),
      parameterRateHz: p === undefined ? FPS : Number(p),
      transport: modifiers.includes('rtp') ? 'rtp' : 'datachannel',
      sctpAck: modifiers.includes('rfc9260') ? RFC_9260_ACK_POLICY : DEFAULT_SCTP_ACK_POLICY,
      inBetween: extrapolate ? 'extrapolate' : 'interpolate',
    };
    if (!Number.isInteger(config.framesPerMessage) || config.framesPerMessage < 1 || config.framesPerMessage > 16 || !(config.parameterRateHz > 0 && config.parameterRateHz <= FPS)) {
      throw new Error(`--configs: "${text}" is not F[@P[x]][/rtp][/rfc9260] with F in 1..16 and P in (0, ${FPS}]`);
    }
    return config;
  });
  const statsIntervalMs = o.statsIntervalMs === undefined ? undefined : Number(o.statsIntervalMs);

  const frames = await cameraFrames(o.clip, Math.round(seconds * FPS));
  const work = await mkdtemp(path.join(os.tmpdir(), 'facecodec-wire-'));
  const results: RunResult[] = [];
  try {
    for (const config of configs) {
      const result = await runCall(frames, { ...config, statsIntervalMs }, path.join(work, `call-${results.length}.pcap`));
      results.push(result);
      console.error(
        `${configLabel(result.options)}: steady ${result.wireKbpsSteady} kbit/s (up ${result.wireKbpsUp}, down ${result.wireKbpsDown}), ` +
          `${result.packetsPerSecond} packets/s, capture to arrival p95 ${result.arrivalDelayMsP95} ms`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const baseline = results.find((x) => x.options.framesPerMessage === 1 && x.options.parameterRateHz === FPS && x.options.transport === 'datachannel');
  const summaries = results.map((r) =>
    summary(r, results.find((x) => x.options.framesPerMessage === 1 && x.options.parameterRateHz === r.options.parameterRateHz && x.options.transport === 'datachannel'), baseline),
  );
  await mkdir(o.out, { recursive: true });
  await writeFile(path.join(o.out, 'wire.json'), `${JSON.stringify({ clip: path.basename(o.clip), seconds, fps: FPS, runs: summaries }, null, 2)}\n`);
  await writeFile(path.join(o.out, 'wire.md'), markdown(summaries));
  console.log(markdown(summaries));
  const chosen =
    summaries.find((s) => s.options.framesPerMessage === DEFAULT_FRAMES_PER_MESSAGE && s.options.parameterRateHz === FPS && s.options.transport === 'datachannel' && s.options.sctpAck === DEFAULT_SCTP_ACK_POLICY) ?? summaries[0];
  console.log(JSON.stringify({ ...pick(chosen), clip: path.basename(o.clip), seconds, runs: summaries.map(pick) }));
}

/** The clip at 25 fps and 384 px, played forward then backward until `count` frames (no cut, so no keyframe). */
async function cameraFrames(clip: string, count: number): Promise<RgbImage[]> {
  const clipFrames = await readAllFrames(clip, { fps: FPS, size: { width: 384, height: 384 } });
  const frames: RgbImage[] = [];
  for (let i = 0; frames.length < count; i++) {
    const period = 2 * clipFrames.length - 2;
    const k = i % period;
    frames.push(clipFrames[k < clipFrames.length ? k : period - k]);
  }
  return frames;
}

async function runCall(frames: RgbImage[], options: RunOptions, pcapPath: string): Promise<RunResult> {
  const capture = await PacketCapture.start(pcapPath);
  try {
    return await measuredCall(frames, options, capture);
  } finally {
    capture.kill();
  }
}

async function measuredCall(frames: RgbImage[], options: RunOptions, capture: PacketCapture): Promise<RunResult> {
  const server = await SignalingServer.listen({ port: 0 });
  const room = `wire-${process.pid}-${Math.floor(performance.now())}`;
  const [senderLink, receiverLink] = await Promise.all([
    connectPeer({ url: server.url, room, role: 'offerer', link: { loopbackOnly: true, frameTransport: options.transport, sctpAck: options.sctpAck } }),
    connectPeer({ url: server.url, room, role: 'answerer', link: { loopbackOnly: true, frameTransport: options.transport, sctpAck: options.sctpAck } }),
  ]);
  const tapStartMs = performance.now();
  const tapUp = recordSctpPackets(senderLink.rtcPeerConnection);
  const tapDown = recordSctpPackets(receiverLink.rtcPeerConnection);
  const ports = { up: icePort(senderLink), down: icePort(receiverLink) };

  const { encoder, close: closeEncoder } = await createEncoder({ frameRateHz: FPS, parameterRateHz: options.parameterRateHz });
  const decoder = await createDecoder();
  const sender = new CodecSender({ link: senderLink, encoder, framesPerMessage: options.framesPerMessage });
  sender.own({ close: closeEncoder });
  const callStartMs = performance.now();
  const receiver = new CodecReceiver({
    link: receiverLink,
    decoder,
    clockOffsetMs: callStartMs,
    inBetween: options.inBetween,
    ...(options.statsIntervalMs === undefined ? {} : { statsIntervalMs: options.statsIntervalMs }),
  });
  receiver.own(decoder);
  const decodedHashes = new Map<number, string>();
  // Capture to the arrival of the packet each shown frame needed (for an interpolated frame: the later one).
  const arrivalDelaysMs: number[] = [];
  receiver.on('frame', (frame) => {
    arrivalDelaysMs.push(frame.arrivalMs - (frame.timestampMs + callStartMs));
    if (!frame.interpolated) decodedHashes.set(frame.sequence, createHash('sha1').update(frame.image.data).digest('hex'));
  });

  // The camera: frame i is due at callStart + i/fps.
  const msPerFrame = 1000 / FPS;
  let firstKeyframeSentMs: number | undefined;
  for (let i = 0; i < frames.length; i++) {
    const waitMs = callStartMs + i * msPerFrame - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    const { outputs } = await sender.send(frames[i], Math.round(i * msPerFrame));
    if (firstKeyframeSentMs === undefined && outputs.some((o) => o.type === 'keyframe')) firstKeyframeSentMs = performance.now();
  }
  const sendEndMs = performance.now();
  sender.flushFrames();
  await sleep(600);
  await receiver.idle();
  const sent = sender.stats();
  const received = receiver.stats();
  const linkCountedBytes = senderLink.stats().wire.ipBytesSent + receiverLink.stats().wire.ipBytesSent;
  const linkStatsAtMs = performance.now();
  tapUp.stop();
  tapDown.stop();
  await Promise.all([sender.close(), receiver.close()]);
  await server.close();
  const datagrams = await capture.stop();

  const epochOffsetMs = performance.timeOrigin;
  const { datagrams: classified, unmatched } = classifyDatagrams(datagrams, ports, { up: tapUp.packets, down: tapDown.packets }, epochOffsetMs, tapStartMs);
  // Steady state: once the first keyframe (whose image takes a while to encode) is well through.
  const steadyFrom = Math.max(callStartMs + STEADY_AFTER_MS, (firstKeyframeSentMs ?? callStartMs) + KEYFRAME_SETTLE_MS) + epochOffsetMs;
  const steadyTo = sendEndMs + epochOffsetMs;
  const wholeFrom = callStartMs + epochOffsetMs;
  const wholeTo = sendEndMs + 600 + epochOffsetMs;
  const steadyS = (steadyTo - steadyFrom) / 1000;
  const wholeS = (wholeTo - wholeFrom) / 1000;
  const up = totals(classified, 'up', steadyFrom, steadyTo);
  const down = totals(classified, 'down', steadyFrom, steadyTo);
  const wholeUp = totals(classified, 'up', wholeFrom, wholeTo);
  const wholeDown = totals(classified, 'down', wholeFrom, wholeTo);
  const steadyBytes = up.ipBytes + down.ipBytes;
  // The call's one-off bytes (keyframe, header and the SACKs they drew) over 60 s of steady state.
  const oneOffBytes = Math.max(0, wholeUp.ipBytes + wholeDown.ipBytes - (steadyBytes / steadyS) * wholeS);
  const framesInSteady = (steadyS * 1000) / msPerFrame;
  return {
    options,
    seconds: round(wholeS, 2),
    steadyS: round(steadyS, 2),
    wireKbpsSteady: kbps(steadyBytes, steadyS),
    wireKbpsUp: kbps(up.ipBytes, steadyS),
    wireKbpsDown: kbps(down.ipBytes, steadyS),
    wireKbpsTotal: kbps(wholeUp.ipBytes + wholeDown.ipBytes, wholeS),
    wireKbpsAmortised60s: kbps((steadyBytes / steadyS) * 60 + oneOffBytes, 60),
    payloadKbps: kbps(sent.frameBytesSent, frames.length / FPS),
    // PeerLink.stats().wire (what each peer counted itself, all but STUN) against the capture over the same time.
    linkCountedVsCapture: round(linkCountedBytes / captureBytes(classified, tapStartMs + epochOffsetMs, linkStatsAtMs + epochOffsetMs), 3),
    packetsPerSecond: round((up.packets + down.packets) / steadyS, 2),
    packetsPerSecondUp: round(up.packets / steadyS, 2),
    packetsPerSecondDown: round(down.packets / steadyS, 2),
    datagramsPerFrameUp: round(up.packets / framesInSteady, 3),
    datagramsPerFrameDown: round(down.packets / framesInSteady, 3),
    bundleHoldMsP95: round(sent.bundleHoldMsP95, 1),
    interpolationWaitMsP95: round(received.interpolationWaitMsP95, 1),
    arrivalDelayMsP50: round(percentile(arrivalDelaysMs, 0.5), 1),
    arrivalDelayMsP95: round(percentile(arrivalDelaysMs, 0.95), 1),
    // What the configuration holds frames back by design, bounded: the bundling wait and the interpolation wait, each
    // at its own 95th percentile (two different frames' worst cases, so above any one frame's).
    addedLatencyBoundMsP95: round(sent.bundleHoldMsP95 + received.interpolationWaitMsP95, 1),
    framesInterpolated: received.framesInterpolated,
    captureToDecodedMsP95: round(received.delayMsP95, 1),
    framesSent: sent.framesSent,
    framesDecoded: received.framesDecoded,
    unmatchedDatagrams: unmatched,
    steady: { up: classTable(up, steadyS), down: classTable(down, steadyS) },
    whole: { up: classTable(wholeUp, wholeS), down: classTable(wholeDown, wholeS) },
    decodedHashes,
  };
}

/** Capture bytes both ways in the window, less STUN and the DTLS handshake (which PeerLink's count leaves out). */
function captureBytes(datagrams: readonly ClassifiedDatagram[], fromMs: number, toMs: number): number {
  let bytes = 0;
  for (const d of datagrams) if (d.atMs >= fromMs && d.atMs < toMs && d.wireClass !== 'stun' && d.wireClass !== 'dtls') bytes += d.ipBytes;
  return bytes;
}

function classTable(t: DirectionTotals, seconds: number): ClassTable {
  const table: ClassTable = {};
  for (const c of WIRE_CLASSES) {
    const entry = t.byClass[c];
    if (entry.packets > 0) table[c] = { kbps: kbps(entry.ipBytes, seconds), packetsPerSecond: round(entry.packets / seconds, 2) };
  }
  return table;
}

/** The UDP port of the link's selected ICE pair (werift 0.24.4's connection internals). */
function icePort(link: PeerLink): number {
  const connection = (link.rtcPeerConnection.iceTransports[0] as unknown as { connection?: { nominated?: { localCandidate?: { port?: number } } } })?.connection;
  const port = connection?.nominated?.localCandidate?.port;
  if (typeof port !== 'number') throw new Error('werift internals changed: no nominated ICE pair port');
  return port;
}

type Summary = ReturnType<typeof summary>;

/**
 * One run's figures. `reference`: the unbundled run at the same parameter rate, whose decoded frames this run's must
 * equal. `baseline`: the unbundled 25 Hz data-channel run, where nothing is held back: the added latency is this
 * run's capture-to-arrival p95 over every shown frame less the baseline's (encode time and transport cancel out;
 * on a loaded machine the baseline's own queueing makes this too low, so the bound is reported beside it).
 */
function summary(r: RunResult, reference: RunResult | undefined, baseline: RunResult | undefined) {
  const { decodedHashes, ...rest } = r;
  let identical = 0;
  let compared = 0;
  if (reference) {
    for (const [sequence, hash] of decodedHashes) {
      const other = reference.decodedHashes.get(sequence);
      if (other === undefined) continue;
      compared++;
      if (other === hash) identical++;
    }
  }
  const addedLatencyMsP95 = baseline ? round(Math.max(0, r.arrivalDelayMsP95 - baseline.arrivalDelayMsP95), 1) : r.addedLatencyBoundMsP95;
  return { ...rest, addedLatencyMsP95, decodedIdenticalToUnbundled: compared > 0 ? round(identical / compared, 4) : null };
}

function pick(s: Summary) {
  const { steady: _steady, whole: _whole, ...rest } = s;
  return rest;
}

function markdown(summaries: Summary[]): string {
  const lines = [
    '| frames per message @ parameter Hz | wire kbit/s steady (up + down) | up | down | packets/s | datagrams per frame up / down | added latency p95 ms, measured (bound: bundle hold + interpolation wait) | capture to arrival p50 / p95 ms | whole call kbit/s | 60 s amortised kbit/s | frame payload kbit/s | decoded frames identical |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of summaries) {
    lines.push(
      `| ${configLabel(s.options)} | ${s.wireKbpsSteady} | ${s.wireKbpsUp} | ${s.wireKbpsDown} | ${s.packetsPerSecond} | ${s.datagramsPerFrameUp} / ${s.datagramsPerFrameDown} | ` +
        `${s.addedLatencyMsP95} (${s.bundleHoldMsP95} + ${s.interpolationWaitMsP95}) | ${s.arrivalDelayMsP50} / ${s.arrivalDelayMsP95} | ${s.wireKbpsTotal} | ${s.wireKbpsAmortised60s} | ${s.payloadKbps} | ${s.decodedIdenticalToUnbundled ?? '-'} |`,
    );
  }
  lines.push('', 'Steady state by class (kbit/s, packets/s):', '');
  for (const s of summaries) {
    for (const dir of ['up', 'down'] as const) {
      const parts = Object.entries(s.steady[dir]).map(([c, v]) => `${c} ${v.kbps} (${v.packetsPerSecond}/s)`);
      lines.push(`- ${configLabel(s.options)}, ${dir}: ${parts.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function configLabel(o: RunOptions): string {
  const between = o.parameterRateHz < FPS ? (o.inBetween === 'extrapolate' ? ' extrapolated' : ' interpolated') : '';
  const ack = o.sctpAck.everyPackets === RFC_9260_ACK_POLICY.everyPackets && o.sctpAck.delayMs === RFC_9260_ACK_POLICY.delayMs ? ', RFC 9260 SACK' : '';
  return `${o.framesPerMessage} @ ${o.parameterRateHz}${between}${o.transport === 'rtp' ? ' RTP' : ''}${ack}`;
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
