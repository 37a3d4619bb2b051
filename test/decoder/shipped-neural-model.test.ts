/**
 * @jest-environment ./test/decoder/native-typed-arrays-environment.cjs
 *
 * The neural model shipped in models/neural (the default of `--renderer neural`): it must load, and reconstruct a clip
 * of a person it never saw far better than an untrained network does (~12.5 dB there; ~19.7 dB measured for this one).
 */
// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { roundtrip } from '../../src/cli/roundtrip.js';
import { DEFAULT_NEURAL_MODEL_DIR } from '../../src/node/neural-model-dir.js';
import { NeuralRenderer } from '../../src/decoder/neural/index.js';
import { cropResize, readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { psnr } from '../../src/metrics/psnr.js';
import { clip } from '../codec/shared-paths.js';

const FRAMES = 12;

describe('the shipped neural model (models/neural)', () => {
  it('is a flame_expr export of the built-in face model that opens on the CPU', async () => {
    expect(existsSync(path.join(DEFAULT_NEURAL_MODEL_DIR, 'neural-config.json'))).toBe(true);
    const r = await NeuralRenderer.create({ providers: ['cpu'] });
    try {
      expect(r.config.keypointMode).toBe('flame_expr');
      expect(r.config.faceModelId).toBe('builtin-mediapipe-v1');
      expect(r.learnedKeypointCount).toBe(0);
    } finally {
      await r.close();
    }
  });

  it('reconstructs a held-out clip through the codec at k16 e10', async () => {
    const input = clip('liveportrait_d20.mp4');
    const outputs: RgbImage[] = [];
    const report = await roundtrip({
      input,
      maxFrames: FRAMES,
      renderer: 'neural',
      neuralProviders: ['cpu'],
      fullFrameCrop: true,
      progress: false,
      onFrame: (_i, img) => void outputs.push({ ...img, data: Uint8Array.from(img.data) }),
    });
    expect(report.framesWithFace).toBe(FRAMES);
    expect(report.renderer).toEqual({ name: 'neural', executionProvider: 'cpu' });
    const scores: number[] = [];
    let i = 0;
    for await (const frame of readVideoFrames(input, { maxFrames: FRAMES })) {
      const all = { x: 0, y: 0, width: frame.width, height: frame.height };
      scores.push(psnr(cropResize(frame, all, 128, 128), cropResize(outputs[i++], all, 128, 128)));
    }
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeGreaterThan(17);
  }, 120000);
});
