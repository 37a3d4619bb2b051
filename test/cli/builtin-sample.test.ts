// The built-in sample for machines without ../shared: rendered for real from the committed portrait and track.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_PORTRAIT, defaultInput, renderBuiltinSample } from '../../src/cli/builtin-sample.js';
import { probeVideo, readImage, readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { psnr } from '../../src/metrics/psnr.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facecodec-sample-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('renders 100 frames of the portrait at 25 fps; frame 0 is the portrait, later frames move', async () => {
  const out = join(dir, 'sample.mp4');
  const report = await renderBuiltinSample(out);
  expect(report).toMatchObject({ frames: 100, frameRateHz: 25, width: 256, height: 256 });
  expect(report.portraitFitRmsPx).toBeLessThan(2);
  const info = await probeVideo(out);
  expect(info.frameCount).toBe(100);
  const portrait = await readImage(BUILTIN_PORTRAIT);
  const frames: RgbImage[] = [];
  for await (const f of readVideoFrames(out)) frames.push(f);
  expect(psnr(frames[0], portrait)).toBeGreaterThan(32);
  // At 1 s the head has turned about 12 degrees: far from the portrait, still the same picture around it.
  const turned = psnr(frames[25], portrait);
  expect(turned).toBeLessThan(psnr(frames[1], portrait) - 3);
  expect(turned).toBeGreaterThan(15);
}, 120_000);

test('defaultInput: the shared clip when it exists (nothing rendered), else the built-in sample', async () => {
  const shared = await defaultInput(BUILTIN_PORTRAIT, join(dir, 'unused.mp4'));
  expect(shared).toMatchObject({ kind: 'shared-clip', path: BUILTIN_PORTRAIT });
  const builtin = await defaultInput(join(dir, 'no-such-clip.mp4'), join(dir, 'fallback.mp4'));
  expect(builtin.kind).toBe('builtin');
  expect(builtin.description).toMatch(/public-domain/);
  expect((await probeVideo(builtin.path)).frameCount).toBe(100);
}, 120_000);
