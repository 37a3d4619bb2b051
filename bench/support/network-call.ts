/**
 * One bench:network call: the processes of bench/support/network-call-side.ts, either in a TestNetwork's namespaces
 * (conditions by tc) or on loopback through a UdpImpairmentRelay (conditions in userspace), and its numbers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ADDRESSES, TestNetwork, type PathCondition } from './netns.js';
import type { CallSideOptions, ReceiverResult, SenderResult } from './network-call-side.js';
import { PacketCapture, type CapturedDatagram } from './packet-capture.js';
import { round } from './report-numbers.js';
import { UdpImpairmentRelay, type RelayDirectionStats } from './udp-impairment-relay.js';

export const FPS = Number(process.env.FACECODEC_BENCH_FPS ?? 25);
const SIGNALING_PORT = 8790;
/** No new picture for longer than this is a freeze (five frame periods at 25 fps). */
export const FREEZE_AFTER_MS = 200;
/** When the outage starts, after the call's start, and how long it lasts. */
export const OUTAGE_AT_MS = 4000;
export const OUTAGE_MS = 2000;

/** A named path condition; `outage` adds a 2 s outage 4 s into the call. */
export interface Condition {
  name: string;
  path: PathCondition;
  outage?: boolean;
}

/** Issue 19's matrix. */
export const CONDITIONS: Condition[] = [
  { name: 'baseline', path: {} },
  ...[5, 10, 20, 30].map((loss) => ({ name: `loss-${loss}`, path: { loss } })),
  // Gilbert-Elliott: 5 % of packets start a bad spell, which ends with 30 % per packet (about 3 packets), all lost meanwhile.
  { name: 'burst-loss', path: { burstLoss: { p: 5, r: 30, lossInBad: 100 } } },
  ...[50, 150, 300].flatMap((delayMs) => [20, 50].map((jitterMs) => ({ name: `delay-${delayMs}-jitter-${jitterMs}`, path: { delayMs, jitterMs } }))),
  { name: 'reorder-25', path: { delayMs: 50, reorder: 25 } },
  ...[8, 16, 32].map((rateKbit) => ({ name: `rate-${rateKbit}`, path: { rateKbit } })),
  { name: 'outage-2s', path: {}, outage: true },
];

/** One condition's numbers (`skipped` says why it did not run). */
export interface ConditionResult {
  name: string;
  path: PathCondition;
  skipped?: string;
  framesEncoded?: number;
  framesDecoded?: number;
  decodedFraction?: number;
  frozenFraction?: number;
  firstPictureMs?: number;
  latencyMsP50?: number;
  latencyMsP95?: number;
  recoveryMs?: number | null;
  wireKbps?: number;
  wireKbpsUp?: number;
  wireKbpsDown?: number;
  sentKbps?: number;
  reconnects?: number;
  keyframesSent?: number;
  /** With a quick first picture: full-size images sent after it, and left out on a slow path. */
  refinementsSent?: number;
  refinementsSkipped?: number;
  /** Camera frames the sender's encoder skipped because it was still busy (CPU, not the network). */
  framesSkippedBusy?: number;
  dropsByReason?: Record<string, number>;
  /** Relay calls: datagrams each way that passed the relay, against what the links put out (proof of the path). */
  relay?: {
    upReceived: number;
    upStun: number;
    upDelivered: number;
    downReceived: number;
    downStun: number;
    downDelivered: number;
    senderLinkDatagrams: number;
    /** Whether the relay saw at least every datagram the sender's link sent (the direct path was never used). */
    carriedAll: boolean;
  };
  /** The sender's rung at the end, and how often it changed. */
  profileIndex?: number;
  profileChanges?: number;
  keyframeRequestsSent?: number;
  /** The sender's frame rate at the end and its changes (ms after the start). */
  frameRateHz?: number;
  framesHeldForKeyframe?: number;
  reliableUnacknowledgedBytes?: number;
  frameRateChanges?: Array<{ atMs: number; toHz: number; reason: string }>;
  /** When keyframes were applied at the receiver, ms after the call's start. */
  keyframesAtMs?: number[];
  keyframeRequests?: Array<{ atMs: number; reason: string }>;
}

/** One call under the network's current condition. */
/** Sender settings a bench run may change (the defaults are the SDK's). */
export interface SenderSettings {
  firstPictureBytes?: number;
}

export async function runNetworkCall(network: TestNetwork, condition: Condition, seconds: number, clip: string, settings: SenderSettings = {}): Promise<ConditionResult> {
  const room = `net-${condition.name}-${process.pid}`;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'fc-network-'));
  const captures: PacketCapture[] = [];
  try {
    const spawnIn = (host: 'sender' | 'receiver' | 'router') => (args: string[]) => network.spawn(host, process.execPath, args, { cwd: process.cwd(), env: process.env });
    const signaling = side(spawnIn('router'), { role: 'signaling', host: '0.0.0.0', port: SIGNALING_PORT });
    await signaling.next('ready', 30_000);
    // Each direction where it leaves the router, after the condition: what the path delivered.
    for (const [to, from] of [['receiver', ADDRESSES.sender], ['sender', ADDRESSES.receiver]] as const) {
      captures.push(
        await PacketCapture.start(path.join(tmp, `to-${to}.pcap`), `udp and src host ${from} and dst host ${to === 'receiver' ? ADDRESSES.receiver : ADDRESSES.sender}`, {
          device: network.routerDevice(to),
          netns: network.namespaces.router,
        }),
      );
    }
    const common = { room, seconds, fps: FPS };
    const sender = side(spawnIn('sender'), { role: 'sender', url: `ws://${ADDRESSES.senderRouter}:${SIGNALING_PORT}`, address: ADDRESSES.sender, clip, ...settings, ...common });
    const receiver = side(spawnIn('receiver'), { role: 'receiver', url: `ws://${ADDRESSES.receiverRouter}:${SIGNALING_PORT}`, address: ADDRESSES.receiver, ...common });
    // Loading the models and connecting through a rate-capped path both take a while.
    await Promise.all([sender.next('ready', 90_000), receiver.next('ready', 90_000)]);
    const startEpochMs = Date.now() + 500;
    sender.write(`start ${startEpochMs}`);
    receiver.write(`start ${startEpochMs}`);
    let outageEndEpochMs: number | undefined;
    if (condition.outage) {
      await sleepUntil(startEpochMs + OUTAGE_AT_MS);
      await network.setOutage(true);
      await sleepUntil(startEpochMs + OUTAGE_AT_MS + OUTAGE_MS);
      await network.setOutage(false);
      outageEndEpochMs = Date.now();
    }
    const [sent, received] = (await Promise.all([sender.next('result', seconds * 1000 + 60_000), receiver.next('result', seconds * 1000 + 60_000)])) as unknown as [SenderResult, ReceiverResult];
    signaling.write('');
    signaling.end();
    const [up, down] = await Promise.all(captures.splice(0).map((c) => c.stop()));
    return summarize(condition, seconds, startEpochMs, outageEndEpochMs, sent, received, up, down);
  } finally {
    for (const capture of captures) capture.kill();
    await rm(tmp, { recursive: true, force: true });
  }
}

function summarize(
  condition: Condition,
  seconds: number,
  startEpochMs: number,
  outageEndEpochMs: number | undefined,
  sent: SenderResult,
  received: ReceiverResult,
  up: CapturedDatagram[],
  down: CapturedDatagram[],
): ConditionResult {
  const shown = received.shownEpochMs;
  const endEpochMs = startEpochMs + seconds * 1000;
  const periodMs = 1000 / FPS;
  // Frozen: from the first picture to the camera's end, the time in gaps longer than FREEZE_AFTER_MS, less the one
  // frame period a picture is on screen anyway.
  let frozenMs = 0;
  const times = [...shown.filter((t) => t <= endEpochMs), endEpochMs];
  for (let i = 1; i < times.length; i++) {
    const gapMs = times[i] - times[i - 1];
    if (gapMs > FREEZE_AFTER_MS) frozenMs += gapMs - periodMs;
  }
  const firstMs = shown.length > 0 ? shown[0] : undefined;
  const windowMs = firstMs === undefined ? 0 : endEpochMs - firstMs;
  const recovery = outageEndEpochMs === undefined ? undefined : shown.find((t) => t > outageEndEpochMs);
  const kbps = (bytes: number): number => round((bytes * 8) / seconds / 1000, 2);
  // The camera's seconds only: the captures also hold the connection's setup and the teardown.
  const inCall = (datagrams: CapturedDatagram[]): CapturedDatagram[] => datagrams.filter((d) => d.atMs >= startEpochMs && d.atMs < endEpochMs);
  [up, down] = [inCall(up), inCall(down)];
  return {
    name: condition.name,
    path: condition.path,
    framesEncoded: sent.encoded,
    framesDecoded: received.decoded,
    decodedFraction: round(sent.encoded > 0 ? received.decoded / sent.encoded : 0, 3),
    frozenFraction: windowMs > 0 ? round(frozenMs / windowMs, 3) : 1,
    firstPictureMs: firstMs === undefined ? undefined : Math.round(firstMs - startEpochMs),
    latencyMsP50: round(received.delayMsP50, 1),
    latencyMsP95: round(received.delayMsP95, 1),
    ...(outageEndEpochMs === undefined ? {} : { recoveryMs: recovery === undefined ? null : Math.round(recovery - outageEndEpochMs) }),
    wireKbps: kbps(ipBytes(up) + ipBytes(down)),
    wireKbpsUp: kbps(ipBytes(up)),
    wireKbpsDown: kbps(ipBytes(down)),
    // What the sender's link counted going out during the camera's seconds, before the path's losses and caps.
    sentKbps: kbps(sent.wireIpBytesSent),
    reconnects: sent.reconnects + received.reconnects,
    keyframesSent: sent.keyframesSent,
    refinementsSent: sent.refinementsSent,
    refinementsSkipped: sent.refinementsSkipped,
    framesSkippedBusy: sent.skippedBusy,
    dropsByReason: received.dropsByReason,
    profileIndex: sent.profileIndex,
    profileChanges: sent.profileChanges,
    keyframeRequestsSent: received.keyframeRequestsSent,
    frameRateHz: sent.frameRateHz,
    framesHeldForKeyframe: sent.heldForKeyframe,
    reliableUnacknowledgedBytes: sent.reliableUnacknowledgedBytes,
    frameRateChanges: sent.frameRateChanges.map((c) => ({ atMs: c.atEpochMs - startEpochMs, toHz: c.toHz, reason: c.reason })),
    keyframesAtMs: received.keyframeEpochMs.map((t) => t - startEpochMs),
    keyframeRequests: received.keyframeRequests.map((r) => ({ atMs: r.atEpochMs - startEpochMs, reason: r.reason })),
  };
}

function ipBytes(datagrams: CapturedDatagram[]): number {
  return datagrams.reduce((sum, d) => sum + d.ipBytes, 0);
}

/** A call side's process: JSON lines from its stdout, lines to its stdin. */
interface Side {
  next(event: string, timeoutMs: number): Promise<Record<string, unknown>>;
  write(line: string): void;
  end(): void;
}

function side(spawnWith: (args: string[]) => ChildProcess, options: CallSideOptions): Side {
  const script = path.resolve('bench/support/network-call-side.ts');
  const child = spawnWith(['--import', 'tsx', script, JSON.stringify(options)]);
  const messages: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  let exited = false;
  child.stderr!.on('data', (data: Buffer) => {
    stderr = (stderr + data.toString()).slice(-4000);
    // Debugging a side: its whole stderr in a file of its own.
    if (process.env.FACECODEC_BENCH_SIDE_LOG) appendFileSync(`${process.env.FACECODEC_BENCH_SIDE_LOG}.${options.role}`, data);
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      messages.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return; // a library's own output
    }
    for (const wake of waiters.splice(0)) wake();
  });
  child.once('exit', () => {
    exited = true;
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    async next(event, timeoutMs) {
      const endMs = performance.now() + timeoutMs;
      for (;;) {
        const index = messages.findIndex((m) => m.event === event);
        if (index >= 0) return messages.splice(index, 1)[0];
        if (exited) throw new Error(`${options.role} exited before "${event}": ${stderr.trim().split('\n').slice(-15).join(' | ')}`);
        const leftMs = endMs - performance.now();
        if (leftMs <= 0) throw new Error(`${options.role}: no "${event}" within ${timeoutMs} ms: ${stderr.trim().split('\n').slice(-15).join(' | ')}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, leftMs);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    write(line) {
      child.stdin!.write(`${line}\n`);
    },
    end() {
      child.stdin!.end();
    },
  };
}

function sleepUntil(epochMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));
}

/** Relay calls: one signaling port per call, so back-to-back calls never meet a port still closing. */
let relaySignalingPort = 8800 + (process.pid % 500);

/**
 * One call on loopback whose every datagram goes through a UdpImpairmentRelay in this process (each peer's remote
 * candidates name only the relay's port for it). The condition applies once both peers are connected (werift's ICE
 * and DTLS setup does not survive heavy loss; see UdpImpairmentRelay.setCondition); the outage cuts the UDP path
 * only, not signaling. Wire rates are what the relay delivered each way during the camera's seconds, with IPv4/UDP
 * headers.
 */
export async function runRelayCall(condition: Condition, seconds: number, clip: string, seed = 1, settings: SenderSettings = {}): Promise<ConditionResult> {
  const room = `relay-${condition.name}-${process.pid}`;
  const relay = await UdpImpairmentRelay.start({ seed });
  const children: ChildProcess[] = [];
  const spawnLocal = (args: string[]): ChildProcess => {
    const child = spawn(process.execPath, args, { cwd: process.cwd(), env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    return child;
  };
  try {
    const port = relaySignalingPort++;
    const signaling = side(spawnLocal, { role: 'signaling', host: '127.0.0.1', port });
    await signaling.next('ready', 30_000);
    const url = `ws://127.0.0.1:${port}`;
    const common = { room, seconds, fps: FPS, url, address: '127.0.0.1' };
    // The sender is side A of the relay (it sends to port a), the receiver side B.
    const sender = side(spawnLocal, { role: 'sender', clip, relay: { host: relay.host, port: relay.port('a') }, ...settings, ...common });
    const receiver = side(spawnLocal, { role: 'receiver', relay: { host: relay.host, port: relay.port('b') }, ...common });
    await Promise.all([sender.next('ready', 90_000), receiver.next('ready', 90_000)]);
    relay.setCondition(condition.path);
    const startEpochMs = Date.now() + 500;
    sender.write(`start ${startEpochMs}`);
    receiver.write(`start ${startEpochMs}`);
    const endEpochMs = startEpochMs + seconds * 1000;
    let atStart: ReturnType<UdpImpairmentRelay['stats']> | undefined;
    let atEnd: ReturnType<UdpImpairmentRelay['stats']> | undefined;
    const snapshots = (async () => {
      await sleepUntil(startEpochMs);
      atStart = relay.stats();
      await sleepUntil(endEpochMs);
      atEnd = relay.stats();
    })();
    let outageEndEpochMs: number | undefined;
    if (condition.outage) {
      await sleepUntil(startEpochMs + OUTAGE_AT_MS);
      relay.setOutage(true);
      await sleepUntil(startEpochMs + OUTAGE_AT_MS + OUTAGE_MS);
      relay.setOutage(false);
      outageEndEpochMs = Date.now();
    }
    const [sent, received] = (await Promise.all([sender.next('result', seconds * 1000 + 60_000), receiver.next('result', seconds * 1000 + 60_000)])) as unknown as [SenderResult, ReceiverResult];
    await snapshots;
    signaling.write('');
    signaling.end();
    const delivered = (d: keyof ReturnType<UdpImpairmentRelay['stats']>): number => atEnd![d].deliveredBytes - atStart![d].deliveredBytes + 28 * (atEnd![d].delivered - atStart![d].delivered);
    const total = relay.stats();
    const result = summarize(condition, seconds, startEpochMs, outageEndEpochMs, sent, received, [], []);
    const kbps = (bytes: number): number => round((bytes * 8) / seconds / 1000, 2);
    const nonStun = (d: RelayDirectionStats): number => d.received - d.receivedStun;
    return {
      ...result,
      wireKbps: kbps(delivered('aToB') + delivered('bToA')),
      wireKbpsUp: kbps(delivered('aToB')),
      wireKbpsDown: kbps(delivered('bToA')),
      relay: {
        upReceived: total.aToB.received,
        upStun: total.aToB.receivedStun,
        upDelivered: total.aToB.delivered,
        downReceived: total.bToA.received,
        downStun: total.bToA.receivedStun,
        downDelivered: total.bToA.delivered,
        senderLinkDatagrams: sent.wireDatagramsSent,
        carriedAll: nonStun(total.aToB) >= sent.wireDatagramsSent,
      },
    };
  } finally {
    await relay.close();
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}
