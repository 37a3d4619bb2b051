/**
 * The Node side of the page -> Node call test, as a process of its own (plain Node through tsx), not inside jest: in
 * a jest worker every global lookup (`Math`, `Number`, typed-array constructors) goes through the vm context's
 * interceptors, about 350 ns each against 1-2 ns in Node, which makes the mesh-warp decoder about 20x slower (130-200
 * ms a 256² frame against 5-10 ms); at the page's 8-10 fps the receive queue then grows through the whole call,
 * seconds behind by its end. This is the Node a real receiver runs on.
 *
 *   node --import tsx test/browser/node-receiver-process.ts <ws-url> <room> <staleAfterMs>
 *
 * Joins as the answerer, decodes until the page closes the link, then prints one JSON line (NodeReceiverResult).
 */
import '../../src/node/index.js';
import { CodecReceiver } from '../../src/call/index.js';
import { createDecoder } from '../../src/codec.js';
import { JpegImageCodec } from '../../src/media/jpeg-image-codec.js';
import { connectPeer } from '../../src/transport/index.js';

export interface NodeReceiverResult {
  framesDecoded: number;
  framesReceived: number;
  framesLost: number;
  dropsByReason: Record<string, number>;
  /** Packet arrival to decoded and rendered, ms, p50. */
  decodeMsP50: number;
  /** Capture to shown, relative to the fastest frame, ms. */
  delayMsP50: number;
  delayMsP95: number;
}

const [url, room, stale] = process.argv.slice(2);
const link = await connectPeer({ url, room, role: 'answerer', link: { loopbackOnly: true }, timeoutMs: 60_000 });
const decoder = await createDecoder({ keyframeCodec: new JpegImageCodec() });
const receiver = new CodecReceiver({ link, decoder, staleAfterMs: Number(stale) });
receiver.own(decoder);
const decodeMs: number[] = [];
receiver.on('frame', (frame) => {
  if (!frame.interpolated) decodeMs.push(frame.decodedMs - frame.arrivalMs);
});
receiver.on('close', () => {
  const s = receiver.stats();
  decodeMs.sort((a, b) => a - b);
  const result: NodeReceiverResult = {
    framesDecoded: s.framesDecoded,
    framesReceived: s.framesReceived,
    framesLost: s.framesLost,
    dropsByReason: s.dropsByReason,
    decodeMsP50: decodeMs[Math.floor(decodeMs.length / 2)] ?? NaN,
    delayMsP50: s.delayMsP50,
    delayMsP95: s.delayMsP95,
  };
  console.log(JSON.stringify(result));
});
