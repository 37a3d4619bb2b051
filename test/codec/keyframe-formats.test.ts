// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { type KeyframeMessage, type StreamHeader } from '../../src/bitstream/index.js';
import { createDecoder, createEncoder, DEFAULT_KEYFRAME_BYTES } from '../../src/codec.js';
import { Decoder } from '../../src/decoder/decoder.js';
import { MeshWarpFaceRenderer } from '../../src/decoder/mesh-warp-face-renderer.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import type { FaceModel } from '../../src/face/face-model.js';
import type { KeyframeImageCodec } from '../../src/media/keyframe-image-codec.js';
import { decodeJpeg } from '../../src/media/jpeg-codec.js';
import { readAllFrames, type RgbImage } from '../../src/media/index.js';
import { SharpImageCodec } from '../../src/media/sharp-image-codec.js';
import { psnr } from '../../src/metrics/psnr.js';
import { clip } from './shared-paths.js';

const FRAMES = 8;

interface Encoded {
  header: StreamHeader;
  keyframe: KeyframeMessage;
  frames: Uint8Array[];
}

let model: FaceModel;
let input: RgbImage[];
const streams: Record<string, Encoded> = {};

async function encodeOutputs(options: Parameters<typeof createEncoder>[0], frameMs = 40): Promise<EncoderOutput[][]> {
  const { encoder, close } = await createEncoder({ ...options, model });
  const out: EncoderOutput[][] = [];
  try {
    for (let i = 0; i < input.length; i++) out.push(await encoder.encode(input[i], i * frameMs));
  } finally {
    close();
  }
  return out;
}

async function encodeClip(options: Parameters<typeof createEncoder>[0]): Promise<Encoded> {
  const out = (await encodeOutputs(options)).flat();
  return {
    header: (out.find((o) => o.type === 'header') as Extract<EncoderOutput, { type: 'header' }>).header,
    keyframe: (out.find((o) => o.type === 'keyframe') as Extract<EncoderOutput, { type: 'keyframe' }>).keyframe,
    frames: out.filter((o) => o.type === 'frame').map((o) => o.bytes),
  };
}

/** PSNR of the central face region against the input (the codec must be faithful there). */
function centrePsnr(a: RgbImage, b: RgbImage): number {
  const cut = (img: RgbImage) => {
    const data = new Uint8Array(128 * 128 * 3);
    for (let y = 0; y < 128; y++) data.set(img.data.subarray(((64 + y) * 256 + 64) * 3, ((64 + y) * 256 + 192) * 3), y * 128 * 3);
    return { width: 128, height: 128, data };
  };
  return psnr(cut(a), cut(b));
}

beforeAll(async () => {
  const { loadFaceModel } = await import('../../src/codec.js');
  model = await loadFaceModel();
  // The clip's face fills its centre square: the encoder codes the whole 256 frame as the crop.
  input = await readAllFrames(clip('liveportrait_d18.mp4'), { maxFrames: FRAMES, size: { width: 256, height: 256 } });
  streams.default = await encodeClip({ frameRateHz: 25, fullFrameCrop: true });
  streams.webp = await encodeClip({ frameRateHz: 25, fullFrameCrop: true, keyframeFormat: 'webp', keyframeBytes: 3000 });
  streams.jpegQ85 = await encodeClip({ frameRateHz: 25, fullFrameCrop: true, keyframeJpegQuality: 85 });
}, 120000);

describe('keyframe image formats through the codec', () => {
  it('the Node sender writes AVIF keyframes within the default budget; keyframeJpegQuality still gives JPEG', () => {
    expect(streams.default.keyframe.format).toBe('avif');
    expect(streams.default.keyframe.image.length).toBeLessThanOrEqual(DEFAULT_KEYFRAME_BYTES);
    expect(streams.webp.keyframe.format).toBe('webp');
    expect(streams.webp.keyframe.image.length).toBeLessThanOrEqual(3000);
    expect(streams.jpegQ85.keyframe.format).toBe('jpeg');
    expect(decodeJpeg(streams.jpegQ85.keyframe.image).width).toBe(256);
    expect(streams.jpegQ85.keyframe.image.length).toBeGreaterThan(2 * streams.default.keyframe.image.length);
  });

  it.each(['default', 'webp', 'jpegQ85'])('a %s keyframe stream decodes and renders the face', async (name) => {
    const s = streams[name];
    const decoder = await createDecoder({ models: [model] });
    await decoder.handle({ type: 'header', header: s.header });
    await decoder.handle({ type: 'keyframe', keyframe: s.keyframe });
    const scores: number[] = [];
    for (let i = 0; i < s.frames.length; i++) {
      const frame = await decoder.decodeFrame(s.frames[i]);
      expect(frame.image.width).toBe(256);
      scores.push(centrePsnr(input[i], frame.image));
    }
    await decoder.close();
    expect(scores).toHaveLength(FRAMES);
    expect(Math.min(...scores)).toBeGreaterThan(22);
  });

  it('corrupt, truncated, mislabelled or unsupported keyframe images give KEYFRAME_IMAGE_INVALID and the decoder keeps working', async () => {
    const { header, keyframe, frames } = streams.default;
    const decoder = await createDecoder({ models: [model] });
    await decoder.handle({ type: 'header', header });
    const flipped = Uint8Array.from(keyframe.image);
    for (let i = flipped.length >> 2; i < flipped.length; i += 7) flipped[i] ^= 0xa5;
    const bad: KeyframeMessage[] = [
      { ...keyframe, image: keyframe.image.subarray(0, keyframe.image.length - 400) },
      { ...keyframe, image: flipped },
      { ...keyframe, format: 'webp' },
      { ...keyframe, image: Uint8Array.from([0, 1, 2, 3]) },
    ];
    for (const k of bad) await expect(decoder.handle({ type: 'keyframe', keyframe: k })).rejects.toMatchObject({ code: 'KEYFRAME_IMAGE_INVALID' });
    expect(decoder.needsKeyframe).toBe(true);
    await decoder.handle({ type: 'keyframe', keyframe });
    expect((await decoder.decodeFrame(frames[0])).image.width).toBe(256);
    await decoder.close();

    // The core decoder's built-in codec reads JPEG only: an AVIF keyframe is refused, a JPEG one then works.
    const core = new Decoder({ models: [model], renderer: new MeshWarpFaceRenderer() });
    await core.handle({ type: 'header', header });
    await expect(core.handle({ type: 'keyframe', keyframe })).rejects.toMatchObject({ code: 'KEYFRAME_IMAGE_INVALID' });
    await core.handle({ type: 'keyframe', keyframe: { ...keyframe, format: 'jpeg', image: streams.jpegQ85.keyframe.image } });
    expect((await core.decodeFrame(frames[0])).image.width).toBe(256);
    await core.close();
  });

  it('the keyframe message carries no landmarks (under 4 KB); the receiver derives the sender\'s prediction base', async () => {
    const { encodeMessage } = await import('../../src/bitstream/index.js');
    const { keyframeLandmarks68 } = await import('../../src/face/keyframe-shape.js');
    const { header, keyframe, frames } = streams.default;
    expect(keyframe.params.keypoints68Mm).toBeUndefined();
    expect(encodeMessage({ type: 'keyframe', keyframe }).length).toBeLessThanOrEqual(4096);
    const decodeWith = async (k: KeyframeMessage) => {
      const decoder = await createDecoder({ models: [model] });
      await decoder.handle({ type: 'header', header });
      await decoder.handle({ type: 'keyframe', keyframe: k });
      const out = [];
      for (const bytes of frames) out.push(Array.from((await decoder.decodeFrame(bytes)).params.expression));
      await decoder.close();
      return out;
    };
    const derived = await decodeWith(keyframe);
    const senderBase = keyframeLandmarks68(model, keyframe.params);
    expect(await decodeWith({ ...keyframe, params: { ...keyframe.params, keypoints68Mm: senderBase } })).toEqual(derived);
    // A base half a millimetre off decodes differently: the comparison above can fail.
    const off = senderBase.map((v) => v + 0.5);
    expect(await decodeWith({ ...keyframe, params: { ...keyframe.params, keypoints68Mm: off } })).not.toEqual(derived);
  });

  it('quick first picture: a 2 KB keyframe first, the 3.5 KB image under the same id 500 ms later, on the same frame every run', async () => {
    // Frames 100 ms apart: the refinement is due with frame 5.
    const runs = [await encodeOutputs({ frameRateHz: 10, fullFrameCrop: true, firstPictureBytes: 2000 }, 100), await encodeOutputs({ frameRateHz: 10, fullFrameCrop: true, firstPictureBytes: 2000 }, 100)];
    const keyframesAt = (run: EncoderOutput[][]) => run.flatMap((outs, i) => outs.filter((o) => o.type === 'keyframe').map((o) => ({ i, o: o as Extract<EncoderOutput, { type: 'keyframe' }> })));
    const [quick, refined, ...more] = keyframesAt(runs[0]);
    expect(more).toHaveLength(0);
    expect(quick.i).toBe(0);
    expect(quick.o.keyframe.image.length).toBeLessThanOrEqual(2000);
    expect(refined.i).toBe(5);
    expect(refined.o.reason).toBe('refinement');
    expect(refined.o.keyframe.id).toBe(quick.o.keyframe.id);
    expect(refined.o.keyframe.params).toEqual(quick.o.keyframe.params);
    expect(refined.o.keyframe.image.length).toBeGreaterThan(2000);
    expect(refined.o.keyframe.image.length).toBeLessThanOrEqual(DEFAULT_KEYFRAME_BYTES);
    // The person matte (on by default) waits for the refinement, so segmentation does not hold up the first picture.
    expect(quick.o.keyframe.personMatte).toBeUndefined();
    expect(refined.o.keyframe.personMatte?.length).toBeGreaterThan(20);
    expect(keyframesAt(runs[1]).map((k) => k.i)).toEqual([0, 5]);
    // The receiver renders from the better image once it is there: frames after it are closer to the input.
    const flat = runs[0].flat();
    const header = (flat.find((o) => o.type === 'header') as Extract<EncoderOutput, { type: 'header' }>).header;
    const frames = runs[0].map((outs) => outs.find((o) => o.type === 'frame')!.bytes);
    const score = async (refine: boolean) => {
      const decoder = await createDecoder({ models: [model] });
      await decoder.handle({ type: 'header', header });
      await decoder.handle({ type: 'keyframe', keyframe: quick.o.keyframe });
      if (refine) await decoder.handle({ type: 'keyframe', keyframe: refined.o.keyframe });
      const psnrs = [];
      for (let i = 0; i < frames.length; i++) psnrs.push(centrePsnr(input[i], (await decoder.decodeFrame(frames[i])).image));
      await decoder.close();
      return psnrs.reduce((a, b) => a + b, 0) / psnrs.length;
    };
    expect(await score(true)).toBeGreaterThan((await score(false)) + 0.2);
    // A first picture needs a byte budget above it.
    await expect(createEncoder({ frameRateHz: 25, model, keyframeJpegQuality: 85, firstPictureBytes: 2000 })).rejects.toMatchObject({ code: 'BAD_CONFIG' });
  }, 60000);

  it('a live encoder (realTime) never waits for an off-path image; a file encoder waits on the fixed frame', async () => {
    // The full-size image takes 1.5 s more than the quick one: the refinement is due at frame 5 (500 ms).
    const sharp = new SharpImageCodec();
    const slow: KeyframeImageCodec = {
      name: 'slow-avif',
      format: 'avif',
      canDecode: (f) => sharp.canDecode(f),
      decode: (f, b) => sharp.decode(f, b),
      encode: async (image, target) => {
        if ('maxBytes' in target && target.maxBytes > 2000) await new Promise((r) => setTimeout(r, 1500));
        return sharp.encode(image, target);
      },
    };
    const timed = async (realTime: boolean) => {
      const { encoder, close } = await createEncoder({ frameRateHz: 10, fullFrameCrop: true, model, keyframeCodec: slow, keyframeBytes: 3500, firstPictureBytes: 1600, realTime });
      const at: number[] = [];
      let slowest = 0;
      try {
        for (let i = 0; i < input.length; i++) {
          const t = performance.now();
          const out = await encoder.encode(input[i], i * 100);
          if (i > 0) slowest = Math.max(slowest, performance.now() - t);
          if (out.some((o) => o.type === 'keyframe' && o.reason === 'refinement')) at.push(i);
        }
      } finally {
        close();
      }
      return { at, slowest };
    };
    const live = await timed(true);
    const file = await timed(false);
    expect(live.slowest).toBeLessThan(1000); // frames took tens of ms each, so 8 were done before the image
    expect(live.at).toEqual([]);
    expect(file.at).toEqual([5]);
    expect(file.slowest).toBeGreaterThan(800); // frame 5 waited for it
  }, 60000);

  it('a keyframe the policy asks for is encoded off the frame path and switched to 400 ms later, on a fixed frame', async () => {
    // A keyframe due every 2 frames, frames 100 ms apart: due at frame 2, switched to at frame 6 (600 ms).
    const policy = { maxIntervalFrames: 2, minIntervalFrames: 2 };
    const keyframesAt = (run: EncoderOutput[][]) => run.flatMap((outs, i) => (outs.some((o) => o.type === 'keyframe') ? [i] : []));
    const later = await encodeOutputs({ frameRateHz: 10, fullFrameCrop: true, keyframePolicy: policy, keyframeSwitchDelayMs: 400 }, 100);
    const atOnce = await encodeOutputs({ frameRateHz: 10, fullFrameCrop: true, keyframePolicy: policy, keyframeSwitchDelayMs: 0 }, 100);
    expect(keyframesAt(later)).toEqual([0, 6]);
    expect(keyframesAt(atOnce)).toEqual([0, 2, 4, 6]);
    // Every frame decodes, from the keyframe it names: 0 until the switch, 1 from it on.
    const flat = later.flat();
    const decoder = await createDecoder({ models: [model] });
    const ids: number[] = [];
    for (const o of flat) {
      if (o.type === 'header') await decoder.handle({ type: 'header', header: o.header });
      else if (o.type === 'keyframe') await decoder.handle({ type: 'keyframe', keyframe: o.keyframe });
      else ids.push((await decoder.decodeFrame(o.bytes)).keyframeId);
    }
    await decoder.close();
    expect(ids).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    // The new keyframe holds the frame it was asked on (frame 2), not the one it went out with.
    const second = later[6].find((o) => o.type === 'keyframe') as Extract<EncoderOutput, { type: 'keyframe' }>;
    expect(second.keyframe.timestampMs).toBe(200);
  }, 60000);

  it('reference memory: a head that moves back switches to the acknowledged earlier keyframe, with no new image', async () => {
    // Frames 3-5 shifted 80 px right (past maxShiftFraction 0.2 of 256): keyframe 1 there; frames 6-7 back in place.
    const shifted = (img: RgbImage, dx: number): RgbImage => {
      const data = new Uint8Array(img.data.length);
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const sx = Math.max(0, x - dx);
          data.set(img.data.subarray((y * img.width + sx) * 3, (y * img.width + sx) * 3 + 3), (y * img.width + x) * 3);
        }
      }
      return { width: img.width, height: img.height, data };
    };
    // 14 frames: 0-3 in place, 4-8 shifted, 9-13 back (the tracker may need a frame or two to follow each jump).
    const clipFrames = await readAllFrames(clip('liveportrait_d18.mp4'), { maxFrames: 14, size: { width: 256, height: 256 } });
    const frames = clipFrames.map((img, i) => (i >= 4 && i <= 8 ? shifted(img, 80) : img));
    const run = async (ack: number[] | null) => {
      const { encoder, close } = await createEncoder({ frameRateHz: 10, fullFrameCrop: true, model, keyframePolicy: { maxShiftFraction: 0.2, minIntervalFrames: 2 }, keyframeSwitchDelayMs: 0 });
      const outs: EncoderOutput[][] = [];
      try {
        for (let i = 0; i < frames.length; i++) {
          if (i === 9 && ack) encoder.acknowledgeKeyframes(ack);
          outs.push(await encoder.encode(frames[i], i * 100));
        }
      } finally {
        close();
      }
      return outs;
    };
    const keyframeIdsAt = (outs: EncoderOutput[][]) => outs.map((o) => o.filter((x) => x.type === 'keyframe').map((x) => (x as Extract<EncoderOutput, { type: 'keyframe' }>).keyframe.id));
    const withAck = await run([0, 1]);
    const at = keyframeIdsAt(withAck);
    expect(at[0]).toEqual([0]);
    expect(at.slice(4, 9).flat()).toEqual([1]);
    expect(at.slice(9).flat()).toEqual([]);
    const decoder = await createDecoder({ models: [model] });
    const named: number[] = [];
    const types: string[] = [];
    for (const o of withAck.flat()) {
      if (o.type === 'header') await decoder.handle({ type: 'header', header: o.header });
      else if (o.type === 'keyframe') await decoder.handle({ type: 'keyframe', keyframe: o.keyframe });
      else {
        const f = await decoder.decodeFrame(o.bytes);
        named.push(f.keyframeId);
        types.push(f.type);
      }
    }
    expect(decoder.heldKeyframeIds).toEqual([0, 1]);
    await decoder.close();
    expect(named.slice(-3)).toEqual([0, 0, 0]);
    const back = named.lastIndexOf(1) + 1;
    expect(types[back]).toBe('intra');
    expect(types.slice(back + 1)).toEqual(Array(types.length - back - 1).fill('predicted')); // and stays there
    // Without the receiver's word on keyframe 0 (not held, or not reported yet), it is never used: a new keyframe.
    expect(keyframeIdsAt(await run([1])).slice(9).flat()).toEqual([2]);
    expect(keyframeIdsAt(await run(null)).slice(9).flat()).toEqual([2]);
  }, 90000);

  it('a keyframe that survives the wire as AVIF decodes through the envelope', async () => {
    const { encodeMessage } = await import('../../src/bitstream/index.js');
    const decoder = new Decoder({ models: [model], renderer: new MeshWarpFaceRenderer(), keyframeCodec: new SharpImageCodec() });
    await decoder.receive(encodeMessage({ type: 'header', header: streams.default.header }));
    const event = await decoder.receive(encodeMessage({ type: 'keyframe', keyframe: streams.default.keyframe }));
    expect(event).toMatchObject({ type: 'keyframe', bytes: streams.default.keyframe.image.length });
    expect((await decoder.decodeFrame(streams.default.frames[0])).image.height).toBe(256);
    await decoder.close();
  });
});
