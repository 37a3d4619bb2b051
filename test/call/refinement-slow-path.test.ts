/**
 * A quick first picture's full-size image (the refinement) on a fast and on a slow path, over real werift peers: sent
 * when the quick keyframe was acknowledged fast enough for it to fit `refinementMaxMs`, left out when the peer's
 * acknowledgements are held back (its outgoing SCTP packets dropped for 1.5 s, as a slow or queued path delays them),
 * and the frames decode against the quick keyframe either way. Frames of the built-in sample: no ../shared.
 */
import { CodecReceiver, CodecSender } from '../../src/call/index.js';
import { createDecoder, createEncoder } from '../../src/codec.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import { renderSampleVideo } from '../browser/recorded-stream.js';
import { filterSctpPackets } from '../transport/sctp-packet-filter.js';
import { sleep, startCall, waitFor } from '../transport/call-harness.js';

const FRAMES = 24;
let perFrame: EncoderOutput[][] = [];

beforeAll(async () => {
  const { video, model } = await renderSampleVideo(FRAMES);
  // A file encode at 10 Hz: the refinement comes with frame 5 (500 ms), the same every run.
  const { encoder, close } = await createEncoder({ frameRateHz: 10, model, firstPictureBytes: 1000 });
  try {
    for (let i = 0; i < FRAMES; i++) perFrame.push(await encoder.encode(video[i], i * 100));
  } finally {
    close();
  }
  const keyframes = perFrame.flat().filter((o) => o.type === 'keyframe');
  expect(keyframes.map((k) => (k as { reason: string }).reason)).toEqual(['first frame', 'refinement']);
}, 60_000);

async function play(slow: boolean) {
  const call = await startCall();
  const { encoder, close } = await createEncoder({ frameRateHz: 10 });
  const sender = new CodecSender({ link: call.offerer, encoder, framesPerMessage: 1, refinementMaxMs: 2000 });
  sender.own({ close });
  const decoder = await createDecoder();
  const receiver = new CodecReceiver({ link: call.answerer, decoder, staleAfterMs: 60_000, statsIntervalMs: 0 });
  receiver.own(decoder);
  let decoded = 0;
  receiver.on('frame', (f) => {
    if (!f.interpolated) decoded++;
  });
  // Slow: the receiver's acknowledgements (everything it sends) are lost for 1.5 s from the start.
  const release = slow ? filterSctpPackets(call.answerer.rtcPeerConnection, () => true) : undefined;
  const start = performance.now();
  for (let i = 0; i < FRAMES; i++) {
    if (release && performance.now() - start > 1500) release();
    sender.sendOutputs(perFrame[i]);
    await sleep(50);
  }
  await waitFor(() => decoded >= FRAMES - 2, 20_000, 'the frames decoded');
  const result = { sent: sender.stats(), received: receiver.stats(), decoded };
  await Promise.all([sender.close(), receiver.close()]);
  await call.close();
  return result;
}

test('fast path: the refinement follows the quick picture', async () => {
  const { sent, received } = await play(false);
  expect(sent).toMatchObject({ refinementsSent: 1, refinementsSkipped: 0, keyframesSent: 2 });
  expect(received.keyframesReceived).toBe(2);
}, 60_000);

test('slow path: the refinement is left out, and the frames decode on the quick picture', async () => {
  const { sent, received, decoded } = await play(true);
  expect(sent).toMatchObject({ refinementsSent: 0, refinementsSkipped: 1, keyframesSent: 1 });
  expect(received.keyframesReceived).toBe(1);
  expect(decoded).toBeGreaterThanOrEqual(FRAMES - 2);
}, 60_000);
