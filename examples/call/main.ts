/**
 * Sample call on loopback: a signaling server and two werift peers in one process; the sender plays a clip in real
 * time as its camera, the receiver decodes it and writes out/call/received.mp4 and out/call/stats.json.
 *
 * Without a clip it plays ../shared/clips/liveportrait_d10.mp4, or, where ../shared is absent, the built-in sample
 * (a public-domain portrait reenacted by the built-in motion track, 4 s).
 *
 *   npx tsx examples/call/main.ts [clip] [--seconds 10] [--loss 0.2] [--target-kbps 5] [--out out/call]
 *     [--frames-per-message 3] [--parameter-rate 25] [--frame-transport datachannel|rtp] [--participants N]
 *
 * With `--participants N` (N ≥ 3) it runs an N-party call through a private Janus instead (examples/call/multiparty.ts).
 *
 * With `--signaling ws://host:port [--room demo]` it only sends: it joins that server's room as the offerer and
 * plays the clip to whoever answers, e.g. the demo page of `npx facecodec serve` opened as
 * `http://127.0.0.1:8080/?room=demo&role=answerer&send=0`.
 */
import '../../src/node/index.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { keypointCount } from '../../src/bitstream/index.js';
import { CodecReceiver, CodecSender, type RateDecision } from '../../src/call/index.js';
import { createDecoder, createEncoder, QUICK_FIRST_PICTURE_BYTES } from '../../src/codec.js';
import { probeVideo, readVideoFrames, VideoWriter, type RgbImage } from '../../src/media/index.js';
import { defaultInput } from '../../src/cli/builtin-sample.js';
import { sharedClip } from '../../src/paths.js';
import { connectPeer, LossyChannel, SignalingServer } from '../../src/transport/index.js';
import { ReceivedVideo } from './received-video.js';
import { kbitPerSecond, round, sleep } from '../../bench/support/report-numbers.js';

interface CallArgs {
  seconds: number;
  loss: number;
  targetKbps: number;
  adapt: boolean;
  out: string;
  seed: number;
  framesPerMessage: number;
  parameterRate?: number;
  frameTransport: string;
  firstPictureBytes: number;
  participants: number;
  capture?: boolean;
  signaling?: string;
  room: string;
}

const program = new Command()
  .name('example:call')
  .argument('[clip]', 'video played as the camera (default: ../shared/clips/liveportrait_d10.mp4, else the built-in sample)')
  .option('--seconds <s>', 'seconds of the clip to play', parseFloat, 10)
  .option('--loss <p>', 'random loss probability on the frame channel (sender side)', parseFloat, 0)
  .option('--target-kbps <k>', "the rate adapter's target for the frame stream", parseFloat, 5)
  .option('--no-adapt', 'keep the default profile (no rate adaptation)')
  .option('--seed <n>', 'seed of the loss pattern', (v) => parseInt(v, 10), 1)
  .option('--out <dir>', 'output folder', 'out/call')
  .option('--frames-per-message <n>', 'frame packets per frame message (CodecSender.framesPerMessage)', (v) => parseInt(v, 10), 3)
  .option('--parameter-rate <hz>', 'code face parameters at this rate; the receiver interpolates up to the camera rate', parseFloat)
  .option('--frame-transport <t>', 'frames over the data channel or RTP (datachannel|rtp)', 'datachannel')
  .option('--capture', 'with --participants: capture the call with tcpdump (root) for wire kbit/s per participant')
  .option('--signaling <ws-url>', 'send only, to the answerer in --room on this signaling server (e.g. the ws:// of `npx facecodec serve`)')
  .option('--room <name>', 'with --signaling: the room to join as the offerer', 'demo')
  .option('--participants <n>', 'N ≥ 3: an N-party call through a private Janus on this machine (examples/call/multiparty.ts)', (v) => parseInt(v, 10), 2)
  .option('--first-picture-bytes <n>', 'quick first keyframe image of this many bytes (its message under 2 KB), the full one 500 ms later (0: off)', (v) => parseInt(v, 10), QUICK_FIRST_PICTURE_BYTES);

async function main(): Promise<void> {
  program.parse();
  const given = program.args[0] as string | undefined;
  const sample = given === undefined ? await defaultInput(sharedClip('liveportrait_d10.mp4')) : undefined;
  if (sample?.kind === 'builtin') console.error(`example:call: ${sharedClip('liveportrait_d10.mp4')} not found; playing the ${sample.description}`);
  const clip = resolve(given ?? sample!.path);
  const args = program.opts<CallArgs>();
  if (!(args.seconds > 0)) throw new Error('--seconds must be positive');
  if (!(args.loss >= 0 && args.loss < 1)) throw new Error('--loss must be in [0, 1)');
  if (args.frameTransport !== 'datachannel' && args.frameTransport !== 'rtp') throw new Error('--frame-transport is datachannel or rtp');
  const frameTransport = args.frameTransport;
  const info = await probeVideo(clip);
  const fps = Math.round(info.fps * 1000) / 1000;
  // The built-in sample is 4 s: it plays in a loop for --seconds (the first second or so goes to warm-up).
  const frameCount = sample?.kind === 'builtin' ? Math.round(args.seconds * fps) : Math.min(info.frameCount, Math.round(args.seconds * fps));
  if (args.participants > 2) {
    const { runMultiparty } = await import('./multiparty.js');
    await runMultiparty({ participants: args.participants, seconds: args.seconds, out: args.out === 'out/call' ? 'out/call-multiparty' : args.out, framesPerMessage: args.framesPerMessage, parameterRate: args.parameterRate, capture: args.capture }, clip, fps, frameCount, sample?.kind === 'builtin');
    return;
  }
  if (args.signaling) {
    await sendToRoom(args, clip, fps, frameCount, sample?.kind === 'builtin');
    return;
  }
  const outDir = resolve(args.out);
  await mkdir(outDir, { recursive: true });

  const server = await SignalingServer.listen({ port: 0 });
  const room = `call-${process.pid}`;
  const [senderLink, receiverLink] = await Promise.all([
    connectPeer({
      url: server.url,
      room,
      role: 'offerer',
      link: {
        loopbackOnly: true,
        frameTransport,
        wrapChannel: (channel, messageClass) =>
          messageClass === 'frame' && args.loss > 0 ? new LossyChannel(channel, { dropProbability: args.loss, seed: args.seed }) : channel,
      },
    }),
    connectPeer({ url: server.url, room, role: 'answerer', link: { loopbackOnly: true, frameTransport } }),
  ]);

  const { encoder, close: closeEncoder } = await createEncoder({
    frameRateHz: fps,
    realTime: true,
    parameterRateHz: args.parameterRate,
    ...(args.firstPictureBytes > 0 ? { firstPictureBytes: args.firstPictureBytes } : {}),
  });
  const defaultProfile = encoder.currentProfile;
  const decoder = await createDecoder();
  const sender = new CodecSender({
    link: senderLink,
    encoder,
    rateAdapter: args.adapt ? { targetKbps: args.targetKbps, frameRateHz: args.parameterRate ?? fps, startIndex: 2 } : false,
    framesPerMessage: args.framesPerMessage,
  });
  sender.own({ close: closeEncoder });
  const profileChanges: Array<Omit<RateDecision, 'profile'> & { atS: number; keypoints: number; expressionDims: number }> = [];
  let callStartMs = 0;
  sender.on('profileChange', (d) =>
    profileChanges.push({
      atS: round((performance.now() - callStartMs) / 1000, 2),
      fromIndex: d.fromIndex,
      toIndex: d.toIndex,
      reason: d.reason,
      sample: { ...d.sample, nowMs: round(d.sample.nowMs - callStartMs, 0) },
      keypoints: keypointCount(d.profile),
      expressionDims: d.profile.expressionDims,
    }),
  );

  // Sender and receiver share this process's clock: the stream's timestamp 0 is the call's start.
  callStartMs = performance.now();
  const receiver = new CodecReceiver({ link: receiverLink, decoder, clockOffsetMs: callStartMs });
  receiver.own(decoder);
  const video = new ReceivedVideo(await VideoWriter.open(resolve(outDir, 'received.mp4'), { width: 256, height: 256, fps }), fps);
  receiver.on('frame', (frame) => video.add(frame.image, frame.timestampMs));
  receiver.on('error', (error) => console.error(`receiver: ${error.message}`));
  sender.on('error', (error) => console.error(`sender: ${error.message}`));

  // The camera: frame i is captured at callStart + i/fps; a frame whose time passed while encoding is skipped.
  let captured = 0;
  let cameraSkipped = 0;
  const msPerFrame = 1000 / fps;
  for await (const image of cameraFrames(clip, frameCount, sample?.kind === 'builtin')) {
    const dueMs = callStartMs + captured * msPerFrame;
    const index = captured++;
    const waitMs = dueMs - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    else if (-waitMs > msPerFrame) {
      cameraSkipped++;
      continue;
    }
    if (sender.isClosed) break;
    await sender.send(image as RgbImage, Math.round(index * msPerFrame));
  }
  // Let the last frames arrive and the last report go out.
  await sleep(600);
  await receiver.idle();
  const durationS = (performance.now() - callStartMs) / 1000;
  const sent = sender.stats();
  const received = receiver.stats();
  const senderLinkStats = senderLink.stats();
  const receiverLinkStats = receiverLink.stats();
  await Promise.all([sender.close(), receiver.close()]);
  await server.close();
  const writtenFrames = await video.close();

  const mediaS = frameCount / fps;
  const stats = {
    clip,
    ...(sample?.kind === 'builtin' ? { sample: sample.description } : {}),
    seconds: round(mediaS, 2),
    fps,
    loss: args.loss,
    adapt: args.adapt,
    targetKbps: args.adapt ? args.targetKbps : null,
    durationS: round(durationS, 2),
    profile: {
      default: { keypoints: keypointCount(defaultProfile), expressionDims: defaultProfile.expressionDims },
      final: { keypoints: keypointCount(encoder.currentProfile), expressionDims: encoder.currentProfile.expressionDims },
    },
    kbps: {
      codecFramePayload: kbitPerSecond(sent.frameBytesSent, mediaS, 3),
      codecReliablePayload: kbitPerSecond(sent.reliableBytesSent, mediaS, 3),
      codecTotalPayload: kbitPerSecond(sent.frameBytesSent + sent.reliableBytesSent, mediaS, 3),
      // Counted by each link below werift, packet by packet (every datagram but STUN); bench/wire.ts checks them
      // against a packet capture.
      wireTotal: kbitPerSecond(senderLinkStats.wire.ipBytesSent + receiverLinkStats.wire.ipBytesSent, durationS, 3),
      wireSenderToReceiver: kbitPerSecond(senderLinkStats.wire.ipBytesSent, durationS, 3),
      wireReceiverToSender: kbitPerSecond(receiverLinkStats.wire.ipBytesSent, durationS, 3),
      datagramsPerSecond: round((senderLinkStats.wire.datagramsSent + receiverLinkStats.wire.datagramsSent) / durationS, 1),
    },
    frames: {
      captured,
      cameraSkipped,
      encoderSkippedBusy: sent.framesSkippedBusy,
      encoded: sent.framesEncoded,
      sent: sent.framesSent,
      intraSent: sent.intraFramesSent,
      skippedCongested: sent.framesSkippedCongested,
      received: received.framesReceived,
      lost: received.framesLost,
      decoded: received.framesDecoded,
      dropped: received.framesDropped,
      dropsByReason: received.dropsByReason,
      writtenToVideo: writtenFrames,
    },
    latencyMs: { captureToDecodedP50: round(received.delayMsP50, 1), captureToDecodedP95: round(received.delayMsP95, 1) },
    keyframes: {
      sent: sent.keyframesSent,
      headersSent: sent.headersSent,
      keyframeRequestsSent: received.keyframeRequestsSent,
      intraRequestsSent: received.intraRequestsSent,
      keyframeRequestsIgnoredBySender: sent.keyframeRequestsIgnored,
      reliableDiscarded: received.reliableDiscarded,
    },
    profileChanges,
    receiverReports: received.reportsSent,
    lastReceiverReport: sent.lastReceiverStats,
  };
  await writeFile(resolve(outDir, 'stats.json'), `${JSON.stringify(stats, null, 2)}\n`);
  console.log(JSON.stringify(stats));
}

/** `--signaling`: the sender half alone, offering in a room of an outside signaling server (a page answers). */
async function sendToRoom(args: CallArgs, clip: string, fps: number, frameCount: number, loop: boolean): Promise<void> {
  const url = args.signaling!;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  console.error(`example:call: waiting for an answerer in room "${args.room}" on ${url}`);
  const link = await connectPeer({ url, room: args.room, role: 'offerer', timeoutMs: 600_000, link: { loopbackOnly: loopback } });
  const { encoder, close: closeEncoder } = await createEncoder({
    frameRateHz: fps,
    realTime: true,
    parameterRateHz: args.parameterRate,
    ...(args.firstPictureBytes > 0 ? { firstPictureBytes: args.firstPictureBytes } : {}),
  });
  const sender = new CodecSender({ link, encoder, framesPerMessage: args.framesPerMessage });
  sender.own({ close: closeEncoder });
  sender.on('error', (error) => console.error(`sender: ${error.message}`));
  const startMs = performance.now();
  const msPerFrame = 1000 / fps;
  let captured = 0;
  for await (const image of cameraFrames(clip, frameCount, loop)) {
    const index = captured++;
    const waitMs = startMs + index * msPerFrame - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    else if (-waitMs > msPerFrame) continue;
    if (sender.isClosed) break;
    await sender.send(image as RgbImage, Math.round(index * msPerFrame));
  }
  await sleep(600);
  const sent = sender.stats();
  await sender.close();
  const seconds = (performance.now() - startMs) / 1000;
  console.log(JSON.stringify({ clip, room: args.room, seconds: round(seconds, 2), framesSent: sent.framesSent, keyframesSent: sent.keyframesSent, payloadKbps: kbitPerSecond(sent.frameBytesSent + sent.reliableBytesSent, seconds, 3), lastReceiverReport: sent.lastReceiverStats }));
}

/** The clip's frames, `count` of them; `loop` repeats it from the start (the short built-in sample). */
async function* cameraFrames(clip: string, count: number, loop: boolean): AsyncGenerator<RgbImage> {
  if (!loop) {
    yield* readVideoFrames(clip, { maxFrames: count });
    return;
  }
  const frames: RgbImage[] = [];
  for await (const f of readVideoFrames(clip)) frames.push(f);
  for (let i = 0; i < count; i++) yield frames[i % frames.length];
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
