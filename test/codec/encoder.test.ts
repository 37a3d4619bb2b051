// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { createDecoder, createEncoder } from '../../src/codec.js';
import { EncoderError } from '../../src/encoder/encoder-error.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import { keyframeDue, keyframePolicySchema } from '../../src/encoder/keyframe-policy.js';
import { loadFlameModel, makeSyntheticExpressionBasis, readFlameNpzSet } from '../../src/face/flame/index.js';
import { createRgbImage, cropResize, readVideoFrames, type RgbImage } from '../../src/media/index.js';
import { psnr } from '../../src/metrics/psnr.js';
import { sharedDir } from '../../src/paths.js';
import { clip } from './shared-paths.js';

async function frames(n: number): Promise<RgbImage[]> {
  const out: RgbImage[] = [];
  for await (const f of readVideoFrames(clip('liveportrait_d18.mp4'), { maxFrames: n })) out.push(f);
  return out;
}

const gray = (w: number, h: number) => {
  const g = createRgbImage(w, h);
  g.data.fill(120);
  return g;
};

describe('Encoder', () => {
  it('holds the last parameters while the face is gone, with typed events, and never crashes on no face', async () => {
    const clipFrames = await frames(6);
    const { encoder, close } = await createEncoder({ frameRateHz: 30 });
    const events: string[] = [];
    encoder.on('face-lost', (status) => events.push(`lost:${status}`));
    encoder.on('face-found', () => events.push('found'));
    encoder.on('keyframe', (id, reason) => events.push(`keyframe:${id}:${reason}`));
    // no face before any keyframe: nothing to send, no error
    expect(await encoder.encode(gray(480, 480), 0)).toEqual([]);
    const outs: EncoderOutput[][] = [];
    let t = 33;
    for (const f of clipFrames.slice(0, 3)) outs.push(await encoder.encode(f, (t += 33)));
    for (let i = 0; i < 3; i++) outs.push(await encoder.encode(gray(480, 480), (t += 33)));
    for (const f of clipFrames.slice(3)) outs.push(await encoder.encode(f, (t += 33)));
    close();
    const frameOuts = outs.map((o) => o.find((x) => x.type === 'frame') as Extract<EncoderOutput, { type: 'frame' }>);
    expect(frameOuts.map((f) => f.status)).toEqual(['ok', 'ok', 'ok', 'held', 'held', 'held', 'ok', 'ok', 'ok']);
    expect(events).toEqual(['lost:no-face', 'found', 'keyframe:0:first frame', 'lost:no-face', 'found']);
    // a held frame repeats the previous values: its predicted packet is nearly free
    expect(frameOuts[4].bytes.length).toBeLessThan(8);
    await expect(encoder.encode(clipFrames[0], t + 33)).rejects.toBeInstanceOf(EncoderError); // closed
  }, 60000);

  it('refuses malformed frames with a typed error', async () => {
    const { encoder, close } = await createEncoder({ frameRateHz: 25 });
    await expect(encoder.encode({ width: 10, height: 10, data: new Uint8Array(7) }, 0)).rejects.toMatchObject({ code: 'BAD_FRAME' });
    await expect(encoder.encode(gray(16, 16), -5)).rejects.toMatchObject({ code: 'BAD_FRAME' });
    close();
  });

  it('starts a new keyframe when the head turns or moves far from the keyframe', () => {
    const policy = keyframePolicySchema.parse({});
    const pose = (yawDeg: number, x = 128) => ({
      rotationRad: Float32Array.from([0, (yawDeg * Math.PI) / 180, 0]),
      translationPx: Float32Array.from([x, 128]),
      pixelsPerMm: 1.2,
    });
    expect(keyframeDue(policy, pose(0), pose(20), 300, 256)).toBeNull();
    expect(keyframeDue(policy, pose(0), pose(45), 300, 256)).toMatch(/turned/);
    expect(keyframeDue(policy, pose(0), pose(0, 220), 300, 256)).toMatch(/moved/);
    // not again within the minimum interval
    expect(keyframeDue(policy, pose(0), pose(45), 100, 256)).toBeNull();
  });

  it('runs the FLAME path end to end (real identity, jaw and skinning; synthetic expression basis)', async () => {
    const folder = `${sharedDir()}/assets/flame`;
    const data = await readFlameNpzSet(folder);
    const basis = makeSyntheticExpressionBasis(data.vTemplate, 20, 7);
    const flame = await loadFlameModel({ folder }, { expressionBasis: basis, expressionBasisIsSynthetic: true, eyelids: true });
    const { encoder, close } = await createEncoder({ frameRateHz: 30, model: flame });
    const decoder = await createDecoder({ models: [flame] });
    let decoded = 0;
    let t = 0;
    for (const f of await frames(8)) {
      for (const o of await encoder.encode(f, (t += 33))) {
        if (o.type === 'header') await decoder.handle({ type: 'header', header: o.header });
        else if (o.type === 'keyframe') await decoder.handle({ type: 'keyframe', keyframe: o.keyframe });
        else if (o.type === 'frame') {
          expect(o.fit.rmsErrorPx).toBeLessThan(1.5); // 0.89-0.99 px observed
          const d = await decoder.decodeFrame(o.bytes);
          expect(d.image.width).toBe(256);
          const input = cropResize(f, { x: o.crop.x, y: o.crop.y, width: o.crop.size, height: o.crop.size }, d.image.width, d.image.height);
          // The render against the input's face crop: 34.5-42.3 dB observed; a black or unwarped render is far below.
          expect(psnr(input, d.image)).toBeGreaterThan(30);
          decoded++;
        }
      }
    }
    close();
    await decoder.close();
    expect(encoder.header().faceModelId).toBe('flame2023-open');
    expect(encoder.currentProfile.sendJaw).toBe(true);
    expect(decoded).toBe(8);
  }, 60000);
});
