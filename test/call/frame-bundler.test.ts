/** The sender's frame bundler: full bundles go at once, a partial one when its oldest packet reaches the delay budget. */
import { decodeFrameBundle, isFrameBundle } from '../../src/bitstream/index.js';
import { FrameBundler } from '../../src/call/index.js';
import { sleep } from '../transport/call-harness.js';

function packet(n: number, bytes = 20): Uint8Array {
  return Uint8Array.from({ length: bytes }, (_, i) => (i === 0 ? 0x08 : (n + i) & 0x7f));
}

function collect(options: { framesPerMessage: number; maxDelayMs: number; maxMessageBytes?: number; refuse?: boolean }) {
  const sent: Uint8Array[] = [];
  const bundler = new FrameBundler({
    framesPerMessage: options.framesPerMessage,
    maxDelayMs: options.maxDelayMs,
    maxMessageBytes: options.maxMessageBytes ?? 16384,
    send: (message) => {
      sent.push(message);
      return !options.refuse;
    },
  });
  return { sent, bundler };
}

test('three per message: every third packet sends a bundle of three, and hold times are recorded', () => {
  const { sent, bundler } = collect({ framesPerMessage: 3, maxDelayMs: 1000 });
  for (let i = 0; i < 9; i++) bundler.add(packet(i), i * 40);
  expect(sent).toHaveLength(3);
  for (const m of sent) expect(decodeFrameBundle(m)).toHaveLength(3);
  expect([...bundler.counters.holdMs.values()]).toEqual([80, 40, 0, 80, 40, 0, 80, 40, 0]);
  bundler.close();
});

test('one per message sends each packet as it is, unframed', () => {
  const { sent, bundler } = collect({ framesPerMessage: 1, maxDelayMs: 0 });
  const p = packet(1);
  bundler.add(p, 0);
  expect(sent).toEqual([p]);
  bundler.close();
});

test('a partial bundle goes when its oldest packet has waited maxDelayMs; a lone packet goes unframed', async () => {
  const { sent, bundler } = collect({ framesPerMessage: 3, maxDelayMs: 30 });
  bundler.add(packet(1));
  bundler.add(packet(2));
  expect(sent).toHaveLength(0);
  await sleep(60);
  expect(sent).toHaveLength(1);
  expect(decodeFrameBundle(sent[0])).toHaveLength(2);
  bundler.add(packet(3));
  await sleep(60);
  expect(sent).toHaveLength(2);
  expect(isFrameBundle(sent[1])).toBe(false);
  bundler.close();
});

test('a bundle never exceeds maxMessageBytes; refused sends are counted; close drops what is held', async () => {
  const { sent, bundler } = collect({ framesPerMessage: 8, maxDelayMs: 20, maxMessageBytes: 70, refuse: true });
  for (let i = 0; i < 4; i++) bundler.add(packet(i, 30));
  for (const m of sent) expect(m.byteLength).toBeLessThanOrEqual(70);
  expect(sent).toHaveLength(1);
  expect(bundler.counters.packetsRefused).toBe(2);
  bundler.close();
  await sleep(40);
  expect(sent).toHaveLength(1);
  expect(bundler.pending).toBe(0);
});
