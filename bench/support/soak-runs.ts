/**
 * The two soaks behind `bench/soak.ts` (and its jest test): the codec alone (Encoder -> stream bytes -> Decoder, as
 * many frames as asked) and a real call (CodecSender -> werift peers on loopback -> CodecReceiver, as long as asked).
 * Both replay a few really tracked frames (ReplayTracker, CachingFitter) and render every n-th frame for real
 * (SampledRenderer), so the coding path, the packets, the decoder and the call layer run on every frame.
 */
import { CodecReceiver, CodecSender } from '../../src/call/index.js';
import { DEFAULT_KEYFRAME_BYTES, DEFAULT_KEYFRAME_SWITCH_DELAY_MS, createDecoder, createKeyframeCodec, loadFaceModel } from '../../src/codec.js';
import { MeshWarpFaceRenderer } from '../../src/decoder/mesh-warp-face-renderer.js';
import { Encoder } from '../../src/encoder/encoder.js';
import { createFitter } from '../../src/encoder/mesh-fitter.js';
import { SignalingServer, connectPeer } from '../../src/transport/index.js';
import { CachingFitter } from './caching-fitter.js';
import { MemorySampler, collectGarbage, type MemorySample, type SlopeBounds, type SlopeReport } from './memory-sampler.js';
import { ReplayTracker, type TrackedClip } from './replay-tracker.js';
import { SampledRenderer } from './sampled-renderer.js';

export interface SoakOptions {
  clip: TrackedClip;
  /** Render every n-th decoded frame for real (default 50). */
  renderEvery?: number;
  /** A memory sample every this many frames (default 1000). */
  sampleEvery?: number;
  /** A keyframe at least this often, in frames (default 2500: keyframes, their images and references turn over). */
  keyframeIntervalFrames?: number;
  /** The real fitter runs on every n-th frame, cached fits of the replayed meshes otherwise (default 100). */
  fitRealEvery?: number;
  bounds?: SlopeBounds;
  /** The trend is fitted after this fraction of the frames (default 0.1; JIT compilation and caches settle first). */
  warmupFraction?: number;
  /** Called after each sample (e.g. to write a heap snapshot when hunting a leak). */
  onSample?: (frames: number) => void;
}

export interface SoakCounts {
  frames: number;
  framesDecoded: number;
  framesRendered: number;
  keyframes: number;
  headers: number;
  frameBytes: number;
  reliableBytes: number;
  realFits: number;
  ms: number;
}

export interface SoakResult {
  counts: SoakCounts;
  memory: SlopeReport;
  samples: MemorySample[];
}

const FPS = 25;

async function makeEncoder(options: SoakOptions, realTime: boolean) {
  const model = await loadFaceModel();
  const fitter = new CachingFitter(createFitter(model), options.fitRealEvery ?? 100);
  const keyframeCodec = await createKeyframeCodec();
  const tracker = new ReplayTracker(options.clip);
  const encoder = new Encoder({
    model,
    fitter,
    tracker,
    frameRateHz: FPS,
    // Texture alignment (about 40 ms a frame here) refines the fit; it is not the coding path this soak is about.
    textureAlignment: false,
    keyframeCodec,
    keyframeBytes: keyframeCodec.name === 'jpeg-js' ? undefined : DEFAULT_KEYFRAME_BYTES,
    keyframeSwitchDelayMs: keyframeCodec.format === 'avif' ? DEFAULT_KEYFRAME_SWITCH_DELAY_MS : 0,
    keyframePolicy: { maxIntervalFrames: options.keyframeIntervalFrames ?? 2500 },
    realTime,
  });
  return { encoder, fitter, tracker };
}

async function makeDecoder(options: SoakOptions) {
  const renderer = new SampledRenderer(new MeshWarpFaceRenderer(), options.renderEvery ?? 50);
  return { decoder: await createDecoder({ renderer }), renderer };
}

/** Encoder -> bytes -> Decoder for `frames` frames, one sample every `sampleEvery`. */
export async function runCodecSoak(frames: number, options: SoakOptions): Promise<SoakResult> {
  const { encoder, fitter, tracker } = await makeEncoder(options, false);
  const { decoder, renderer } = await makeDecoder(options);
  const sampleEvery = options.sampleEvery ?? 1000;
  const sampler = new MemorySampler();
  const counts: SoakCounts = { frames: 0, framesDecoded: 0, framesRendered: 0, keyframes: 0, headers: 0, frameBytes: 0, reliableBytes: 0, realFits: 0, ms: 0 };
  const t0 = performance.now();
  try {
    for (let i = 0; i < frames; i++) {
      if (i % sampleEvery === 0) {
        await sampler.sample(i);
        options.onSample?.(i);
      }
      for (const out of await encoder.encode(tracker.image(i), Math.round((i * 1000) / FPS))) {
        if (out.type === 'frame') {
          counts.frameBytes += out.bytes.length;
          await decoder.decodeFrame(out.bytes);
          counts.framesDecoded++;
        } else {
          counts.reliableBytes += out.bytes.length;
          if (out.type === 'keyframe') counts.keyframes++;
          if (out.type === 'header') counts.headers++;
          await decoder.receive(out.bytes);
        }
      }
      // No receiver reports here: unacknowledged, the replayed motion's interval keyframes are new ones each time (the
      // call soak's reports exercise switching back to held references), so keyframes and references turn over.
      counts.frames++;
    }
    await sampler.sample(frames);
  } finally {
    encoder.close();
    await decoder.close();
  }
  counts.framesRendered = renderer.rendered;
  counts.realFits = fitter.realFits;
  counts.ms = Math.round(performance.now() - t0);
  return { counts, memory: sampler.report(options.bounds, options.warmupFraction), samples: sampler.samples };
}

export interface CallSoakResult extends SoakResult {
  framesDropped: number;
  dropsByReason: Record<string, number>;
  delayMsP50: number;
  delayMsP95: number;
  /** Active handles and timers before the call and after everything closed (a leak keeps some). */
  resourcesBefore: string[];
  resourcesAfterClose: string[];
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * CodecSender -> werift PeerLinks through a SignalingServer on loopback -> CodecReceiver for `seconds`, frames fed
 * as fast as the receiver keeps up (at most `maxInFlight` ahead), stamped with their real send time.
 */
export async function runCallSoak(seconds: number, options: SoakOptions & { maxInFlight?: number }): Promise<CallSoakResult> {
  collectGarbage();
  const resourcesBefore = process.getActiveResourcesInfo();
  const server = await SignalingServer.listen({ port: 0 });
  const room = `soak-${process.pid}`;
  const [offerer, answerer] = await Promise.all([
    connectPeer({ url: server.url, room, role: 'offerer', link: { loopbackOnly: true } }),
    connectPeer({ url: server.url, room, role: 'answerer', link: { loopbackOnly: true } }),
  ]);
  const { encoder, fitter, tracker } = await makeEncoder(options, true);
  const { decoder, renderer } = await makeDecoder(options);
  const sender = new CodecSender({ link: offerer, encoder });
  const receiver = new CodecReceiver({ link: answerer, decoder });
  receiver.own(decoder);
  const counts: SoakCounts = { frames: 0, framesDecoded: 0, framesRendered: 0, keyframes: 0, headers: 0, frameBytes: 0, reliableBytes: 0, realFits: 0, ms: 0 };
  let framesDropped = 0, framesArrived = 0;
  receiver.on('frame', () => { counts.framesDecoded++; framesArrived++; });
  receiver.on('frameDropped', () => { framesDropped++; framesArrived++; });
  const sampleEvery = options.sampleEvery ?? 1000;
  const maxInFlight = options.maxInFlight ?? 12;
  const sampler = new MemorySampler();
  const t0 = performance.now();
  let framesSent = 0, lastMs = -1, nextSample = 0;
  let dropsByReason: Record<string, number> = {}, delayMsP50 = NaN, delayMsP95 = NaN;
  try {
    while (performance.now() - t0 < seconds * 1000) {
      if (framesSent >= nextSample) {
        await sampler.sample(framesSent);
        options.onSample?.(framesSent);
        nextSample += sampleEvery;
      }
      const timestampMs = Math.max(lastMs + 1, Math.round(performance.now() - t0));
      lastMs = timestampMs;
      const { outputs } = await sender.send(tracker.image(counts.frames++), timestampMs);
      for (const out of outputs) {
        if (out.type === 'frame') { framesSent++; counts.frameBytes += out.bytes.length; }
        else { counts.reliableBytes += out.bytes.length; if (out.type === 'keyframe') counts.keyframes++; if (out.type === 'header') counts.headers++; }
      }
      // Bounded lead: werift and the receiver run on this thread too.
      const waitUntil = performance.now() + 2000;
      while (framesSent - framesArrived > maxInFlight && performance.now() < waitUntil) await sleep(1);
      await tick();
    }
    // (No sample after the loop: the samples stay at whole multiples of sampleEvery, taken the same way.)
    sender.flushFrames();
    await sleep(500);
    await receiver.idle();
    ({ dropsByReason, delayMsP50, delayMsP95 } = receiver.stats());
  } finally {
    await Promise.all([sender.close(), receiver.close()]);
    await server.close();
  }
  counts.framesRendered = renderer.rendered;
  counts.realFits = fitter.realFits;
  counts.ms = Math.round(performance.now() - t0);
  await sleep(200);
  collectGarbage();
  return { counts: { ...counts, frames: framesSent }, memory: sampler.report(options.bounds, options.warmupFraction), samples: sampler.samples, framesDropped, dropsByReason, delayMsP50, delayMsP95, resourcesBefore, resourcesAfterClose: process.getActiveResourcesInfo() };
}
