/**
 * The sample call with N participants through a private Janus on this machine (`--participants N`, N ≥ 3): each
 * participant plays the clip as its camera, publishes its end-to-end encrypted stream and decodes everyone else's.
 * Writes <out>/participant-1-grid.mp4 (what participant 1 sees: the others in a grid) and <out>/stats.json with, per participant, the wire and payload rates up and down, the decode time per
 * frame (CPU per decoded stream), capture-to-decoded latency, and a decode-only measure of how many remote streams
 * one core keeps up with at the clip's frame rate.
 *
 * Everything runs in one Node process, so N encoders and N·(N-1) decoders share this machine's cores: on a small
 * machine the encoders skip camera frames (`encoderSkippedBusy`) long before the network matters.
 */
import '../../src/node/index.js';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { MultipartyCall } from '../../src/call/index.js';
import { percentile } from '../../src/call/percentile.js';
import { createDecoder, createEncoder } from '../../src/codec.js';
import type { Decoder } from '../../src/decoder/decoder.js';
import { SframeContext } from '../../src/e2ee/index.js';
import { readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { ParticipantGrid } from './participant-grid.js';
import { PacketCapture, type CapturedDatagram } from '../../bench/support/packet-capture.js';
import { createJanusRoom, createJanusToken, JanusSession, janusRoomPin, startJanus } from '../../src/transport/janus/index.js';
import { kbitPerSecond as kbps, round, sleep } from '../../bench/support/report-numbers.js';

export interface MultipartyArgs {
  participants: number;
  seconds: number;
  out: string;
  framesPerMessage: number;
  parameterRate?: number;
  /** Capture the call's UDP with tcpdump (root) and count each participant's datagrams by its ports. */
  capture?: boolean;
}

/** Times every decodeFrame of `decoder` into `samples` (ms). */
function timed(decoder: Decoder, samples: number[]): Decoder {
  const decodeFrame = decoder.decodeFrame.bind(decoder);
  decoder.decodeFrame = async (packet: Uint8Array) => {
    const t0 = performance.now();
    try {
      return await decodeFrame(packet);
    } finally {
      samples.push(performance.now() - t0);
    }
  };
  return decoder;
}

export async function runMultiparty(args: MultipartyArgs, clip: string, fps: number, frameCount: number, loop: boolean): Promise<void> {
  if (!Number.isInteger(args.participants) || args.participants < 3 || args.participants > 16) throw new Error('--participants is 3..16');
  const outDir = resolve(args.out);
  await mkdir(outDir, { recursive: true });
  const frames: RgbImage[] = [];
  for await (const f of readVideoFrames(clip, loop ? {} : { maxFrames: frameCount })) frames.push(f);

  // The app server's secrets: Janus's token secret (also the pins'), the VideoRoom admin key, the E2EE master.
  const janusSecret = randomBytes(24).toString('hex');
  const adminKey = randomBytes(12).toString('hex');
  const e2eeMaster = randomBytes(32);
  const epochSecret = (epoch: number) => new Uint8Array(createHmac('sha256', e2eeMaster).update(`epoch ${epoch}`).digest());
  const janus = await startJanus({ tokenSecret: janusSecret, adminKey });
  const token = () => createJanusToken({ secret: janusSecret, expiresAt: Date.now() + 3_600_000 });
  const admin = await JanusSession.connect(janus.url, { token: token() });
  const roomName = `call-${process.pid}`;
  const room = await createJanusRoom(admin, { roomName, janusSecret, adminKey });
  const callStartMs = performance.now();
  const decodeMs: number[] = [];
  const ids = Array.from({ length: args.participants }, (_, i) => i + 1);
  const calls: MultipartyCall[] = [];
  try {
    for (const id of ids) {
      const { encoder, close } = await createEncoder({ frameRateHz: fps, realTime: true, parameterRateHz: args.parameterRate });
      calls.push(
        await MultipartyCall.join({
          member: {
            url: janus.url,
            token: token(),
            room,
            pin: janusRoomPin(janusSecret, roomName),
            selfId: id,
            e2ee: await SframeContext.create({ selfId: id, epochSecret: epochSecret(0) }),
            rekey: epochSecret,
            iceAddress: janus.iceAddress,
          },
          encoder,
          closeEncoder: close,
          createDecoder: async () => timed(await createDecoder(), decodeMs),
          sender: { framesPerMessage: args.framesPerMessage },
          receiver: { clockOffsetMs: callStartMs },
        }),
      );
    }
    const everyoneIn = performance.now();
    while (!calls.every((c) => c.receivers.size === args.participants - 1)) {
      if (performance.now() - everyoneIn > 30_000) throw new Error('not every participant subscribed to every other in 30 s');
      await sleep(50);
    }
    // Participant 1's screen: the others in a grid.
    const grid = await ParticipantGrid.open(resolve(outDir, 'participant-1-grid.mp4'), [...calls[0].receivers.keys()].sort((x, y) => x - y), fps);
    calls[0].on('frame', (from, frame) => grid.add(from, frame.image, frame.timestampMs));
    // The cameras: frame i of every participant is due at start + i/fps; a send still encoding skips the frame.
    const capture = args.capture ? await PacketCapture.start(resolve(outDir, 'call.pcap'), `udp and host ${janus.iceAddress}`) : undefined;
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const statsAtStart = calls.map((c) => c.member.stats());
    const sendStartMs = performance.now();
    const msPerFrame = 1000 / fps;
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < frameCount; i++) {
      const dueMs = sendStartMs + i * msPerFrame;
      const waitMs = dueMs - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      const image = frames[i % frames.length];
      const timestampMs = Math.round(dueMs - callStartMs);
      for (const call of calls) {
        const sending = call.sender.send(image, timestampMs).catch(() => undefined);
        inFlight.add(sending);
        void sending.finally(() => inFlight.delete(sending));
      }
    }
    await Promise.all(inFlight);
    await sleep(1000);
    await Promise.all(calls.flatMap((c) => [...c.receivers.values()].map((r) => r.idle())));
    const wallS = (performance.now() - wallStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const captured: CapturedDatagram[] | undefined = capture ? await capture.stop() : undefined;
    const gridFrames = await grid.close();
    const participants = calls.map((call, index) => {
      const member = call.member.stats();
      const start = statsAtStart[index];
      const sent = call.sender.stats();
      const receivers = [...call.receivers.entries()].map(([from, receiver]) => {
        const r = receiver.stats();
        const link = receiver.link.stats();
        return { from, decoded: r.framesDecoded, lost: r.framesLost, dropped: r.framesDropped, delayMsP50: round(r.delayMsP50, 1), delayMsP95: round(r.delayMsP95, 1), wireBytesReceived: link.reliable.wireBytesReceived + link.frame.wireBytesReceived };
      });
      return {
        id: ids[index],
        kbps: {
          payloadUp: kbps(member.payloadBytesUp - start.payloadBytesUp, wallS),
          payloadDown: kbps(member.payloadBytesDown - start.payloadBytesDown, wallS),
          // Counted below werift (SCTP in DTLS in UDP/IPv4): the publisher's stream and every subscription's acks.
          wireUp: kbps(member.wireUp.ipBytes - start.wireUp.ipBytes, wallS),
          // Estimated from the received data-channel messages (estimateWireBytes), Janus's acks not included.
          wireDownEstimate: kbps(receivers.reduce((sum, r) => sum + r.wireBytesReceived, 0), wallS),
        },
        ...(captured ? { captured: capturedRates(captured, new Set(call.member.localPorts()), wallS) } : {}),
        frames: { encoded: sent.framesEncoded, sent: sent.framesSent, encoderSkippedBusy: sent.framesSkippedBusy, keyframesSent: sent.keyframesSent },
        receivers,
      };
    });
    const allDelays = participants.flatMap((p) => p.receivers.map((r) => r.delayMsP95));
    const decodeP50 = percentile(decodeMs, 0.5);
    // Decode-only: one stream's packets replayed through a fresh decoder as fast as it goes, on this one thread.
    const decodeOnly = await decodeOnlyMsPerFrame(clip, fps);
    const stats = {
      participants: args.participants,
      parameterRateHz: args.parameterRate ?? fps,
      clip,
      fps,
      seconds: round(wallS, 2),
      cpus: cpus().length,
      processCpuPercent: round(((cpu.user + cpu.system) / 1000 / (wallS * 1000)) * 100, 1),
      decodeMsPerFrame: { p50: round(decodeP50, 2), p95: round(percentile(decodeMs, 0.95), 2), samples: decodeMs.length },
      cpuPerDecodedStreamPercentOfCore: round((decodeP50 * fps) / 10, 1),
      captureToDecodedMsP95: { worstStream: round(Math.max(...allDelays), 1), medianStream: round(percentile(allDelays, 0.5), 1) },
      decodeOnly,
      gridVideo: { path: resolve(outDir, 'participant-1-grid.mp4'), frames: gridFrames },
      participantsDetail: participants,
    };
    await writeFile(resolve(outDir, 'stats.json'), `${JSON.stringify(stats, null, 2)}\n`);
    console.log(JSON.stringify(stats));
  } finally {
    await Promise.allSettled(calls.map((c) => c.close()));
    await admin.close();
    await janus.stop();
  }
}

/**
 * How many remote streams one core decodes at `fps`: a receiver's packets are not kept, so this encodes a stretch
 * of the clip again and times decodeFrame alone on a fresh decoder (one thread, nothing else of the call running).
 */
async function decodeOnlyMsPerFrame(clip: string, fps: number): Promise<{ msPerFrameP50: number; streamsPerCoreAt25Fps: number; frames: number }> {
  const { encoder, close } = await createEncoder({ frameRateHz: fps });
  const decoder = await createDecoder();
  const samples: number[] = [];
  try {
    let i = 0;
    for await (const image of readVideoFrames(clip, { maxFrames: 60 })) {
      for (const output of await encoder.encode(image, Math.round((i++ * 1000) / fps))) {
        if (output.type !== 'frame') {
          await decoder.receive(output.bytes);
          continue;
        }
        const t0 = performance.now();
        await decoder.decodeFrame(output.bytes);
        samples.push(performance.now() - t0);
      }
    }
  } finally {
    close();
    await decoder.close();
  }
  const p50 = percentile(samples, 0.5);
  return { msPerFrameP50: round(p50, 2), streamsPerCoreAt25Fps: Math.floor(1000 / 25 / p50), frames: samples.length };
}

/** A participant's share of a capture: datagrams from its ports are its upload, to its ports its download (STUN included). */
function capturedRates(datagrams: CapturedDatagram[], ports: Set<number>, seconds: number) {
  let upBytes = 0;
  let downBytes = 0;
  let up = 0;
  let down = 0;
  for (const d of datagrams) {
    if (ports.has(d.srcPort)) {
      upBytes += d.ipBytes;
      up++;
    } else if (ports.has(d.dstPort)) {
      downBytes += d.ipBytes;
      down++;
    }
  }
  return { kbpsUp: kbps(upBytes, seconds), kbpsDown: kbps(downBytes, seconds), datagramsUpPerS: round(up / seconds, 1), datagramsDownPerS: round(down / seconds, 1) };
}
