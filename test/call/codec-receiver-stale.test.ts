// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/** CodecReceiver's own stale logic on real codec packets over real werift peers: old packets, late frames, overdue frames. */
import { encodeFrameBundle, encodeMessage } from '../../src/bitstream/index.js';
import { createDecoder, createEncoder } from '../../src/codec.js';
import { CodecReceiver, type ReceivedFrame } from '../../src/call/index.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import { readAllFrames, type RgbImage } from '../../src/media/index.js';
import { clip } from '../codec/shared-paths.js';
import { sleep, startCall, waitFor, type Call } from '../transport/call-harness.js';

type FrameOutput = Extract<EncoderOutput, { type: 'frame' }>;

let images: RgbImage[] = [];

beforeAll(async () => {
  images = await readAllFrames(clip('liveportrait_d18.mp4'), { maxFrames: 6 });
}, 30_000);

/** Encodes the clip's first frames at the given timestamps; `intraAt` frames are intra (as if a receiver asked). */
async function encodeStream(timestampsMs: number[], intraAt: number[] = []) {
  const { encoder, close } = await createEncoder({ frameRateHz: 30 });
  const reliable: Uint8Array[] = [];
  const frames: FrameOutput[] = [];
  try {
    for (let i = 0; i < timestampsMs.length; i++) {
      if (intraAt.includes(i)) encoder.requestIntra();
      for (const out of await encoder.encode(images[i], timestampsMs[i])) {
        if (out.type === 'frame') frames.push(out);
        else reliable.push(out.type === 'header' ? encodeMessage({ type: 'header', header: out.header }) : out.bytes);
      }
    }
  } finally {
    close();
  }
  expect(frames.map((f) => f.sequence)).toEqual(timestampsMs.map((_, i) => i));
  return { reliable, frames };
}

interface Receiving {
  call: Call;
  receiver: CodecReceiver;
  shown: ReceivedFrame[];
  drops: Array<[string, number | undefined]>;
  errors: Error[];
  close(): Promise<void>;
}

async function startReceiving(options: { clockOffsetMs?: number; staleAfterMs?: number } = {}): Promise<Receiving> {
  const call = await startCall();
  const decoder = await createDecoder();
  const receiver = new CodecReceiver({ link: call.answerer, decoder, inBetween: 'none', statsIntervalMs: 0, ...options });
  receiver.own(decoder);
  const shown: ReceivedFrame[] = [];
  const drops: Receiving['drops'] = [];
  const errors: Error[] = [];
  receiver.on('frame', (f) => shown.push(f));
  receiver.on('frameDropped', (reason, sequence) => drops.push([reason, sequence]));
  receiver.on('error', (e) => errors.push(e));
  return {
    call,
    receiver,
    shown,
    drops,
    errors,
    async close() {
      await receiver.close();
      await call.close();
    },
  };
}

/** Sends one frame-channel message and waits until the receiver has handled `handled` frames in all. */
async function sendAndSettle(r: Receiving, bytes: Uint8Array, handled: number): Promise<void> {
  r.call.offerer.sendFrame(bytes);
  await waitFor(() => r.shown.length + r.drops.length >= handled, 5000, `${handled} frames handled`);
  await r.receiver.idle();
}

test('a packet at or below the newest decoded frame is dropped as stale, and the stream goes on', async () => {
  const { reliable, frames } = await encodeStream([0, 33, 67, 100]);
  const r = await startReceiving({ staleAfterMs: 60_000 });
  try {
    for (const m of reliable) r.call.offerer.sendReliable(m);
    for (const i of [0, 1, 2]) await sendAndSettle(r, frames[i].bytes, i + 1);
    await sendAndSettle(r, frames[1].bytes, 4); // older than the newest decoded
    await sendAndSettle(r, frames[2].bytes, 5); // the newest decoded itself
    await sendAndSettle(r, frames[3].bytes, 6);
    expect(r.shown.map((f) => f.sequence)).toEqual([0, 1, 2, 3]);
    expect(r.drops).toEqual([['stale', 1], ['stale', 2]]);
    const stats = r.receiver.stats();
    expect(stats.dropsByReason).toEqual({ stale: 2, undecodable: 0, 'held-timeout': 0, corrupt: 0 });
    expect(stats.framesDecoded).toBe(4);
    // Dropped before the decoder saw them: a duplicate reaching FrameDecoder would be a CORRUPT error.
    expect(r.errors).toEqual([]);
    expect(stats.intraRequestsSent).toBe(0);
  } finally {
    await r.close();
  }
}, 30_000);

test('a frame that decodes after a newer one (late) keeps the chain but is not shown', async () => {
  // 3 is intra, so it decodes without 2; one bundle carries 3 then 2, so both pass the arrival check (2 is newer
  // than the newest decoded, 1, on arrival) and FrameDecoder then decodes 2 after 3: late.
  const { reliable, frames } = await encodeStream([0, 33, 67, 100, 133], [3]);
  expect(frames.map((f) => f.frameType)).toEqual(['intra', 'predicted', 'predicted', 'intra', 'predicted']);
  const r = await startReceiving({ staleAfterMs: 60_000 });
  try {
    for (const m of reliable) r.call.offerer.sendReliable(m);
    for (const i of [0, 1]) await sendAndSettle(r, frames[i].bytes, i + 1);
    await sendAndSettle(r, encodeFrameBundle([frames[3].bytes, frames[2].bytes]), 4);
    await sendAndSettle(r, frames[4].bytes, 5);
    expect(r.shown.map((f) => f.sequence)).toEqual([0, 1, 3, 4]);
    expect(r.drops).toEqual([['stale', 2]]);
    const stats = r.receiver.stats();
    expect(stats.dropsByReason.stale).toBe(1);
    expect(stats.framesDecoded).toBe(4);
    expect(stats.framesLost).toBe(0);
    expect(r.errors).toEqual([]);
    expect(stats.intraRequestsSent).toBe(0);
  } finally {
    await r.close();
  }
}, 30_000);

test('a frame arriving more than staleAfterMs after its capture is decoded for the chain but not shown', async () => {
  // With the clocks' offset given, frame 1 (captured at 33 ms) arrives about 500 ms late; frame 2, captured at
  // 600 ms, arrives before its capture time and is shown, although it is predicted from the overdue frame 1.
  const { reliable, frames } = await encodeStream([0, 33, 600]);
  expect(frames.map((f) => f.frameType)).toEqual(['intra', 'predicted', 'predicted']);
  const startMs = performance.now();
  const r = await startReceiving({ clockOffsetMs: startMs + 4000, staleAfterMs: 300 });
  try {
    // The stream starts 4 s from now, so setting up the call and sending the reliable messages cannot make frame 0 late.
    for (const m of reliable) r.call.offerer.sendReliable(m);
    const at = async (streamMs: number) => {
      const waitMs = startMs + 4000 + streamMs - performance.now();
      if (waitMs > 0) await sleep(waitMs);
    };
    await at(0);
    await sendAndSettle(r, frames[0].bytes, 1);
    await at(533);
    await sendAndSettle(r, frames[1].bytes, 2);
    await sendAndSettle(r, frames[2].bytes, 3);
    expect(r.shown.map((f) => f.sequence)).toEqual([0, 2]);
    expect(r.drops).toEqual([['stale', 1]]);
    const stats = r.receiver.stats();
    expect(stats.dropsByReason).toEqual({ stale: 1, undecodable: 0, 'held-timeout': 0, corrupt: 0 });
    expect(stats.intraRequestsSent).toBe(0); // frame 2's reference was decoded
    expect(r.errors).toEqual([]);
  } finally {
    await r.close();
  }
}, 30_000);
