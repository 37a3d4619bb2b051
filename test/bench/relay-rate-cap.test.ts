// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
/**
 * A real call through the userspace UDP relay capped at 16 kbit/s each way (token bucket, 4.5 KB queue): the sender
 * holds frames while the first keyframe is on its way and lowers its frame rate once frames come late, so the call
 * shows pictures (before: none, the keyframe stuck behind 13 kbit/s of frames nobody could decode).
 */
import { sharedClip } from '../../src/paths.js';
import { runRelayCall } from '../../bench/support/network-call.js';

test('a call capped at 16 kbit/s shows pictures', async () => {
  const result = await runRelayCall({ name: 'rate-16', path: { rateKbit: 16 } }, 10, sharedClip('liveportrait_d10.mp4'));
  expect(result.framesDecoded).toBeGreaterThan(30);
  expect(result.wireKbpsUp!).toBeLessThan(16);
  expect(result.relay!.carriedAll).toBe(true);
}, 60_000);
