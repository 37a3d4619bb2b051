// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { keyframeLandmarks68 } from '../../src/face/keyframe-shape.js';
import {
  BitstreamError,
  FrameEncoder,
  type KeyframeMessage,
  type StreamHeader,
} from '../../src/bitstream/index.js';
import { createDecoder, createEncoder, createKeyframeCodec } from '../../src/codec.js';
import { Decoder } from '../../src/decoder/decoder.js';
import { DecoderError } from '../../src/decoder/decoder-error.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import { landmarks68FromMediapipe } from '../../src/face/builtin/index.js';
import type { FaceModel } from '../../src/face/face-model.js';
import { FaceLandmarker } from '../../src/face/landmarks/index.js';
import { projectPoints } from '../../src/face/projection.js';
import { axisAngleToMatrix, matrixToAxisAngle, multiply3 } from '../../src/face/rotation.js';
import { readImage, type RgbImage } from '../../src/media/index.js';
import { psnr } from '../../src/metrics/psnr.js';
import { still } from './shared-paths.js';

let model: FaceModel;
let header: StreamHeader;
let keyframe: KeyframeMessage;
let firstFrame: Extract<EncoderOutput, { type: 'frame' }>;
let landmarker: FaceLandmarker;

beforeAll(async () => {
  const img = await readImage(still('sadtalker_happy.png'));
  const { encoder, close } = await createEncoder({ frameRateHz: 25, fullFrameCrop: true });
  model = encoder.model;
  const out = await encoder.encode(img, 0);
  close();
  header = (out.find((o) => o.type === 'header') as Extract<EncoderOutput, { type: 'header' }>).header;
  keyframe = (out.find((o) => o.type === 'keyframe') as Extract<EncoderOutput, { type: 'keyframe' }>).keyframe;
  firstFrame = out.find((o) => o.type === 'frame') as Extract<EncoderOutput, { type: 'frame' }>;
  landmarker = await FaceLandmarker.create();
}, 60000);

afterAll(() => landmarker?.close());

async function freshDecoder(): Promise<Decoder> {
  const d = await createDecoder({ models: [model] });
  await d.handle({ type: 'header', header });
  await d.handle({ type: 'keyframe', keyframe });
  return d;
}

/** PSNR over the pixels inside the face (the model's projected landmark hull is approximated by a central box). */
function facePsnr(a: RgbImage, b: RgbImage): number {
  const box = { x0: 70, y0: 60, x1: 190, y1: 220 };
  const crop = (img: RgbImage) => {
    const w = box.x1 - box.x0, h = box.y1 - box.y0;
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) data.set(img.data.subarray(((box.y0 + y) * img.width + box.x0) * 3, ((box.y0 + y) * img.width + box.x1) * 3), y * w * 3);
    return { width: w, height: h, data };
  };
  return psnr(crop(a), crop(b));
}

/** An intra frame of the keyframe's face turned by `yawDeg`: a packet with a real payload. */
function turnedHeadFrame(yawDeg: number): Uint8Array {
  const enc = new FrameEncoder({ profile: header.profile, frameRateHz: 25 });
  const p = keyframe.params;
  const keypoints68Mm = keyframeLandmarks68(model, p);
  enc.setKeyframe(keyframe.id, { ...p, keypoints68Mm });
  const rotation = matrixToAxisAngle(multiply3(axisAngleToMatrix(p.rotationRad), axisAngleToMatrix([0, (yawDeg * Math.PI) / 180, 0])));
  const ids = header.profile.landmarkIds;
  const kp = new Float32Array(ids.length * 3);
  ids.forEach((id, i) => kp.set(keypoints68Mm.subarray(id * 3, id * 3 + 3), i * 3));
  const values = { keypointsMm: kp, expression: p.expression.subarray(0, header.profile.expressionDims), jawRad: p.jawRad, rotationRad: rotation, translationPx: p.translationPx, scalePxPerMm: p.scalePxPerMm };
  return enc.encode(values, 0).bytes;
}

describe('Decoder with the mesh-warp renderer', () => {
  it('a frame whose parameters equal the keyframe reproduces the keyframe inside the face (> 40 dB)', async () => {
    const d = await freshDecoder();
    const frame = await d.decodeFrame(firstFrame.bytes);
    expect(frame.type).toBe('intra');
    const keyframeImage = await (await createKeyframeCodec()).decode(keyframe.format, keyframe.image);
    expect(facePsnr(frame.image, keyframeImage)).toBeGreaterThan(40);
    await d.close();
  });

  it('a pure head rotation moves the landmarks where the projection says', async () => {
    const d = await freshDecoder();
    const enc = new FrameEncoder({ profile: header.profile, frameRateHz: 25 });
    const p = keyframe.params;
    const keypoints68Mm = keyframeLandmarks68(model, p);
    enc.setKeyframe(keyframe.id, { ...p, keypoints68Mm });
    const yaw = axisAngleToMatrix([0, (12 * Math.PI) / 180, 0]);
    const rotation = matrixToAxisAngle(multiply3(axisAngleToMatrix(p.rotationRad), yaw));
    const ids = header.profile.landmarkIds;
    const kp = new Float32Array(ids.length * 3);
    ids.forEach((id, i) => kp.set(keypoints68Mm.subarray(id * 3, id * 3 + 3), i * 3));
    const coded = enc.encode(
      { keypointsMm: kp, expression: p.expression.subarray(0, header.profile.expressionDims), jawRad: p.jawRad, rotationRad: rotation, translationPx: p.translationPx, scalePxPerMm: p.scalePxPerMm },
      0,
    );
    const frame = await d.decodeFrame(coded.bytes);
    // where the projection puts the 68 landmarks, with the decoded parameters and pose
    const expected = projectPoints(Float32Array.from(model.landmarks68(frame.params)), frame.pose);
    const before = projectPoints(Float32Array.from(model.landmarks68(frame.params)), { ...frame.pose, rotationRad: p.rotationRad });
    const faces = await landmarker.detectFaces(frame.image);
    expect(faces.length).toBe(1);
    const mesh = await landmarker.landmarks(frame.image, faces[0]);
    const seen = landmarks68FromMediapipe(mesh!.points);
    let err = 0, moved = 0, n = 0;
    for (let i = 17; i < 68; i++) {
      err += Math.hypot(seen[i * 3] - expected[i * 3], seen[i * 3 + 1] - expected[i * 3 + 1]);
      moved += Math.hypot(expected[i * 3] - before[i * 3], expected[i * 3 + 1] - before[i * 3 + 1]);
      n++;
    }
    expect(moved / n).toBeGreaterThan(6); // the rotation really moves the face
    expect(err / n).toBeLessThan(3.5); // and the rendered face follows the projection
    await d.close();
  }, 30000);

  it('bad input gives typed errors and the decoder keeps working', async () => {
    const d = await createDecoder({ models: [model] });
    await expect(d.decodeFrame(firstFrame.bytes)).rejects.toBeInstanceOf(DecoderError); // no header
    await expect(d.handle({ type: 'header', header: { ...header, faceModelHash: new Uint8Array(32) } })).rejects.toMatchObject({ code: 'MODEL_NOT_AVAILABLE' });
    await d.handle({ type: 'header', header });
    await expect(d.decodeFrame(firstFrame.bytes)).rejects.toMatchObject({ code: 'MISSING_KEYFRAME' });
    const broken = { ...keyframe, image: keyframe.image.slice(0, 200) };
    await expect(d.handle({ type: 'keyframe', keyframe: broken })).rejects.toMatchObject({ code: 'KEYFRAME_IMAGE_INVALID' });
    await expect(d.receive(Uint8Array.from([1, 2, 3, 250]))).rejects.toBeInstanceOf(BitstreamError);
    await d.handle({ type: 'keyframe', keyframe });
    // The encoder's first frame equals its keyframe, so it is just [tag, length 0]: corrupt a frame with a real payload.
    expect(Array.from(firstFrame.bytes)).toEqual([0x12, 0]);
    const packet = turnedHeadFrame(8);
    expect(packet.length).toBe(8);
    // Each refused whole, leaving the decoder as it was. (Not every flip is refused: the payload has no checksum, so a
    // flip in byte 3 decodes to other values; on a call the DTLS channel's integrity check guards against that.)
    const flipped = Uint8Array.from(packet);
    flipped[2] ^= 0x55; // first payload byte: the range decoder leaves the quantizer's range
    await expect(d.decodeFrame(flipped)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('outside its quantizer') });
    const badLength = Uint8Array.from(packet);
    badLength[1] ^= 0xff; // the payload's length claims 249 bytes
    await expect(d.decodeFrame(badLength)).rejects.toMatchObject({ code: 'TRUNCATED' });
    await expect(d.decodeFrame(packet.subarray(0, packet.length - 3))).rejects.toMatchObject({ code: 'TRUNCATED' });
    const ok = await d.decodeFrame(packet);
    expect(ok.sequence).toBe(0);
    expect(ok.type).toBe('intra');
    expect(ok.image.width).toBe(256);
    const clean = await freshDecoder();
    const reference = await clean.decodeFrame(packet);
    expect(Buffer.from(ok.image.data).equals(Buffer.from(reference.image.data))).toBe(true); // the refusals left no trace
    await clean.close();
    await d.close();
    await expect(d.decodeFrame(firstFrame.bytes)).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
