/** The SFrame-style layer on its own: round trips, tampering, replays, truncation, unknown keys and epoch rotation. */
import { E2eeError, ReplayWindow, SFRAME_OVERHEAD_BYTES, SframeContext, readHeader } from '../../src/e2ee/index.js';

const secret = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(E2eeError);
    return (error as E2eeError).code;
  }
  throw new Error('expected a refusal');
}

describe('SframeContext', () => {
  test('a packet opens at every holder of the epoch secret, with its sender, epoch and counter', async () => {
    const alice = await SframeContext.create({ selfId: 1, epochSecret: secret(7) });
    const bob = await SframeContext.create({ selfId: 2, epochSecret: secret(7) });
    const plain = new TextEncoder().encode('frame packet');
    const first = await alice.encrypt(plain);
    const second = await alice.encrypt(plain);
    expect(first.byteLength).toBe(plain.byteLength + SFRAME_OVERHEAD_BYTES);
    // Same plaintext, different counters: different ciphertexts.
    expect(Buffer.from(first.subarray(11)).equals(Buffer.from(second.subarray(11)))).toBe(false);
    expect(readHeader(second)).toEqual({ epochByte: 0, senderId: 1, counter: 1 });
    const opened = await bob.decrypt(first, 1);
    expect(new TextDecoder().decode(opened.plaintext)).toBe('frame packet');
    expect(opened).toMatchObject({ senderId: 1, epoch: 0, counter: 0 });
    // Out of order inside the window is fine.
    const third = await alice.encrypt(plain);
    await bob.decrypt(third);
    await bob.decrypt(second);
    expect(bob.stats()).toMatchObject({ decrypted: 3 });
  });

  test('tampered header or body, truncation, replays, another secret and another sender are refused by code, without changing state', async () => {
    const alice = await SframeContext.create({ selfId: 1, epochSecret: secret(7) });
    const bob = await SframeContext.create({ selfId: 2, epochSecret: secret(7) });
    const eve = await SframeContext.create({ selfId: 3, epochSecret: secret(9) });
    const packet = await alice.encrypt(new Uint8Array(40).fill(3));
    for (const index of [0, 3, 8, 11, 30, packet.byteLength - 1]) {
      const tampered = packet.slice();
      tampered[index] ^= 0x01;
      expect(['E2EE_AUTH_FAILED', 'E2EE_TRUNCATED', 'E2EE_UNKNOWN_KEY']).toContain(await refusal(bob.decrypt(tampered)));
    }
    const body = packet.slice();
    body[20] ^= 0x80;
    expect(await refusal(bob.decrypt(body))).toBe('E2EE_AUTH_FAILED');
    const counter = packet.slice();
    counter[10] ^= 0x01;
    expect(await refusal(bob.decrypt(counter))).toBe('E2EE_AUTH_FAILED');
    for (const length of [0, 5, 26]) expect(await refusal(bob.decrypt(packet.subarray(0, length)))).toBe('E2EE_TRUNCATED');
    expect(await refusal(bob.decrypt(packet.subarray(0, 30)))).toBe('E2EE_AUTH_FAILED');
    expect(await refusal(eve.decrypt(packet))).toBe('E2EE_AUTH_FAILED');
    expect(await refusal(bob.decrypt(packet, 3))).toBe('E2EE_UNKNOWN_KEY');
    // None of the refusals above spent the counter: the genuine packet still opens, once.
    await bob.decrypt(packet);
    expect(await refusal(bob.decrypt(packet))).toBe('E2EE_REPLAYED');
    expect(bob.stats().refused.E2EE_REPLAYED).toBe(1);
    expect(bob.stats().refused.E2EE_TRUNCATED).toBeGreaterThanOrEqual(3);
  });

  test('two copies decrypted at once: one opens, the other is a replay', async () => {
    const alice = await SframeContext.create({ selfId: 1, epochSecret: secret(7) });
    const bob = await SframeContext.create({ selfId: 2, epochSecret: secret(7) });
    const packet = await alice.encrypt(new Uint8Array(10));
    const results = await Promise.allSettled([bob.decrypt(packet), bob.decrypt(packet)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  test('rotation: the new epoch needs its secret, the previous one is still accepted, older ones and departed senders are not', async () => {
    const alice = await SframeContext.create({ selfId: 1, epochSecret: secret(1) });
    const bob = await SframeContext.create({ selfId: 2, epochSecret: secret(1) });
    const carol = await SframeContext.create({ selfId: 3, epochSecret: secret(1) });
    const old = await alice.encrypt(new Uint8Array([1]));
    const older = await alice.encrypt(new Uint8Array([4]));
    const fromCarol = await carol.encrypt(new Uint8Array([2]));
    await alice.setEpoch(1, secret(2));
    const fresh = await alice.encrypt(new Uint8Array([3]));
    expect(readHeader(fresh)).toMatchObject({ epochByte: 1, counter: 0 });
    expect(await refusal(bob.decrypt(fresh))).toBe('E2EE_UNKNOWN_KEY');
    bob.forgetSender(3);
    await bob.setEpoch(1, secret(2));
    expect((await bob.decrypt(fresh)).epoch).toBe(1);
    expect((await bob.decrypt(old)).epoch).toBe(0);
    expect(await refusal(bob.decrypt(fromCarol))).toBe('E2EE_UNKNOWN_KEY');
    // Epoch 2 pushes epoch 0 out: its packets no longer open.
    await bob.setEpoch(2, secret(3));
    expect(await refusal(bob.decrypt(older))).toBe('E2EE_UNKNOWN_KEY');
    await expect(bob.setEpoch(2, secret(4))).rejects.toMatchObject({ code: 'E2EE_BAD_ARGUMENT' });
    await expect(SframeContext.create({ selfId: 1, epochSecret: new Uint8Array(8) })).rejects.toMatchObject({ code: 'E2EE_BAD_ARGUMENT' });
    await expect(SframeContext.create({ selfId: 2 ** 24, epochSecret: secret(1) })).rejects.toMatchObject({ code: 'E2EE_BAD_ARGUMENT' });
  });

  test('the replay window accepts each counter once, reordered up to its size, and refuses older ones', () => {
    const window = new ReplayWindow();
    for (const counter of [5, 3, 4, 100, 99, 6, 300]) {
      expect(window.admits(counter)).toBe(true);
      window.accept(counter);
      expect(window.admits(counter)).toBe(false);
    }
    expect(window.admits(300 - 255)).toBe(true);
    expect(window.admits(300 - 256)).toBe(false);
    expect(window.admits(100)).toBe(false);
    expect(window.admits(101)).toBe(true);
    window.accept(2 ** 40);
    expect(window.admits(2 ** 40 - 1)).toBe(true);
    expect(window.admits(300)).toBe(false);
  });
});
