// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { type KeyframeMessage, type StreamHeader } from '../../src/bitstream/index.js';
import { createDecoder, createEncoder, DEFAULT_KEYFRAME_BYTES } from '../../src/codec.js';
import { Decoder } from '../../src/decoder/decoder.js';
import { MeshWarpFaceRenderer } from '../../src/decoder/mesh-warp-face-renderer.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import type { FaceModel } from '../../src/face/face-model.js';
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

async function encodeClip(options: Parameters<typeof createEncoder>[0]): Promise<Encoded> {
  const { encoder, close } = await createEncoder({ ...options, model });
  const out: EncoderOutput[] = [];
  try {
    for (let i = 0; i < input.length; i++) out.push(...(await encoder.encode(input[i], i * 40)));
  } finally {
    close();
  }
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
