// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * Real calls over the bench's own network path (bench/support/netns.ts): sender, receiver and signaling in network
 * namespaces of their own, conditions applied with tc on the router between them. Needs root and iproute2; the
 * netem conditions also need the kernel's sch_netem. Each test skips, saying why in one line, where that is missing.
 */
import { sharedClip } from '../../src/paths.js';
import { probeNetns, qdiscArgs, TestNetwork } from '../../bench/support/netns.js';
import { runNetworkCall } from '../../bench/support/network-call.js';

const support = await probeNetns();
const CLIP = sharedClip('liveportrait_d10.mp4');
if (!support.namespaces) console.log(`network-path tests skipped: ${support.reason}`);
else if (!support.netem) console.log(`network-path netem test skipped: ${support.reason}`);
const withNamespaces = support.namespaces ? test : test.skip;
const withNetem = support.netem ? test : test.skip;

test('conditions become the tc arguments netem and tbf take', () => {
  expect(qdiscArgs({ loss: 10, delayMs: 50 })).toEqual(['netem', 'delay', '50ms', 'loss', 'random', '10%']);
  expect(qdiscArgs({ delayMs: 150, jitterMs: 20 })).toEqual(['netem', 'delay', '150ms', '20ms', 'distribution', 'normal']);
  expect(qdiscArgs({ burstLoss: { p: 5, r: 30 } })).toEqual(['netem', 'loss', 'gemodel', '5%', '30%', '100%', '0%']);
  expect(qdiscArgs({ rateKbit: 16 })).toEqual(['tbf', 'rate', '16kbit', 'burst', '1600', 'limit', '4500']);
  expect(qdiscArgs({ rateKbit: 32 })).toEqual(['tbf', 'rate', '32kbit', 'burst', '1600', 'limit', '5600']);
  expect(qdiscArgs({})).toEqual([]);
  expect(() => qdiscArgs({ reorder: 25 })).toThrow(/reorder needs delayMs/);
  expect(() => qdiscArgs({ loss: 150 })).toThrow(/invalid path condition/);
});

withNamespaces('the test network is made and removed again, leaving no namespace behind', async () => {
  const network = await TestNetwork.create();
  const names = Object.values(network.namespaces);
  await network.setOutage(true);
  await network.setOutage(false);
  await network.close();
  const { execFileSync } = await import('node:child_process');
  const left = execFileSync('ip', ['netns', 'list']).toString();
  for (const name of names) expect(left).not.toContain(name);
});

withNetem('with 10 % loss and 50 ms delay each way for 6 s, the call decodes at least 80 % of its frames', async () => {
  const network = await TestNetwork.create();
  try {
    await network.setCondition({ loss: 10, delayMs: 50 });
    const result = await runNetworkCall(network, { name: 'loss-10-delay-50', path: { loss: 10, delayMs: 50 } }, 6, CLIP);
    expect(result.framesEncoded).toBeGreaterThan(50);
    expect(result.decodedFraction).toBeGreaterThanOrEqual(0.8);
  } finally {
    await network.close();
  }
}, 180_000);

withNamespaces('after a 2 s outage of the path, pictures come again within 2.5 s', async () => {
  const network = await TestNetwork.create();
  try {
    const result = await runNetworkCall(network, { name: 'outage-2s', path: {}, outage: true }, 9, CLIP);
    // Measured: the first picture 51, 457 and 1132 ms after the path came back (README "On the network"): SCTP's
    // retransmission timer, backed off during the outage, decides when the queued data moves again.
    // 7 s of open path: 47-100+ frames decode depending on how much CPU the sender's 30 ms/frame encoder gets.
    expect(result.framesDecoded).toBeGreaterThan(25);
    expect(result.recoveryMs).not.toBeNull();
    expect(result.recoveryMs!).toBeLessThan(2500);
  } finally {
    await network.close();
  }
}, 180_000);
