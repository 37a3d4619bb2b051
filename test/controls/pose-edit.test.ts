// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { EditingRenderer, ExpressionEditor, offsetPose, parsePoseOffset, yawPitchRollMatrix } from '../../src/controls/index.js';
import { createEncoder, createKeyframeCodec } from '../../src/codec.js';
import type { FaceRenderer, RenderFrame, RenderKeyframe } from '../../src/decoder/renderer.js';
import { Decoder } from '../../src/decoder/decoder.js';
import { MeshWarpFaceRenderer } from '../../src/decoder/mesh-warp-face-renderer.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import { landmarks68FromMediapipe } from '../../src/face/builtin/index.js';
import type { FaceModel, HeadPose } from '../../src/face/face-model.js';
import { FaceLandmarker } from '../../src/face/landmarks/index.js';
import { projectPoints } from '../../src/face/projection.js';
import { axisAngleToMatrix } from '../../src/face/rotation.js';
import { readImage } from '../../src/media/index.js';
import { still } from './real-fits.js';

let model: FaceModel;
let outputs: EncoderOutput[];
let landmarker: FaceLandmarker;

beforeAll(async () => {
  const { encoder, close } = await createEncoder({ frameRateHz: 25, fullFrameCrop: true });
  model = encoder.model;
  outputs = await encoder.encode(await readImage(still('sadtalker_happy.png')), 0);
  close();
  landmarker = await FaceLandmarker.create();
}, 60000);

afterAll(() => landmarker?.close());

/** A renderer that only records what it is asked to draw. */
class RecordingRenderer implements FaceRenderer {
  readonly name = 'recording';
  frames: RenderFrame[] = [];
  setKeyframe(_k: RenderKeyframe): void {}
  render(frame: RenderFrame): void {
    this.frames.push({ ...frame, pose: { ...frame.pose, rotationRad: Float32Array.from(frame.pose.rotationRad), translationPx: Float32Array.from(frame.pose.translationPx) } });
  }
  close(): void {}
}

async function decodeWith(renderer: FaceRenderer) {
  // The default sender writes AVIF keyframes: decode them with the same Node codec createDecoder uses.
  const decoder = new Decoder({ models: [model], renderer, keyframeCodec: await createKeyframeCodec() });
  let frame = null;
  for (const o of outputs) {
    if (o.type === 'header') await decoder.handle({ type: 'header', header: o.header });
    else if (o.type === 'keyframe') await decoder.handle({ type: 'keyframe', keyframe: o.keyframe });
    else frame = await decoder.decodeFrame(o.bytes);
  }
  await decoder.close();
  return frame!;
}

describe('pose editing', () => {
  it('follows the documented axes: positive yaw moves the nose right, pitch down, roll counter-clockwise', () => {
    const pose: HeadPose = { rotationRad: new Float32Array(3), translationPx: Float32Array.from([128, 128]), pixelsPerMm: 2 };
    const nose = Float32Array.from([0, 0, 30]);
    const right = Float32Array.from([40, 0, 0]);
    const at = (p: HeadPose, pt: Float32Array) => projectPoints(pt, p);
    expect(at(offsetPose(pose, parsePoseOffset({ yawDeg: 15 })), nose)[0]).toBeGreaterThan(128 + 10);
    expect(at(offsetPose(pose, parsePoseOffset({ pitchDeg: 15 })), nose)[1]).toBeGreaterThan(128 + 10);
    // counter-clockwise on screen: a point right of the centre moves up (smaller v)
    expect(at(offsetPose(pose, parsePoseOffset({ rollDeg: 15 })), right)[1]).toBeLessThan(128 - 10);
    const moved = offsetPose(pose, parsePoseOffset({ translationPx: [5, -3], scale: 1.5 }));
    expect(Array.from(moved.translationPx)).toEqual([133, 125]);
    expect(moved.pixelsPerMm).toBe(3);
    expect(() => parsePoseOffset({ yawDeg: Number.NaN })).toThrow(expect.objectContaining({ code: 'CONTROLS_BAD_ARGUMENT' }));
  });

  it('a yaw offset reaches the renderer as the rotation composed in the camera frame', async () => {
    const editor = new ExpressionEditor(model).setPoseOffset({ yawDeg: 20 });
    const plain = new RecordingRenderer();
    const edited = new RecordingRenderer();
    await decodeWith(plain);
    await decodeWith(new EditingRenderer(edited, editor));
    const p = plain.frames[0].pose, e = edited.frames[0].pose;
    const r = axisAngleToMatrix(p.rotationRad), ry = yawPitchRollMatrix(20, 0, 0), re = axisAngleToMatrix(e.rotationRad);
    for (let i = 0; i < 9; i++) {
      const row = Math.floor(i / 3), col = i % 3;
      expect(re[i]).toBeCloseTo(ry[row * 3] * r[col] + ry[row * 3 + 1] * r[3 + col] + ry[row * 3 + 2] * r[6 + col], 5);
    }
    expect(Array.from(e.translationPx)).toEqual(Array.from(p.translationPx));
  });

  it('a 15 degree yaw moves the rendered landmarks as the projection of that rotation predicts', async () => {
    const editor = new ExpressionEditor(model).setPoseOffset({ yawDeg: 15 });
    const frame = await decodeWith(new EditingRenderer(new MeshWarpFaceRenderer(), editor));
    const lmk = Float32Array.from(model.landmarks68(frame.params));
    const before = projectPoints(lmk, frame.pose);
    const expected = projectPoints(lmk, offsetPose(frame.pose, parsePoseOffset({ yawDeg: 15 })));
    const faces = await landmarker.detectFaces(frame.image);
    expect(faces.length).toBe(1);
    const seen = landmarks68FromMediapipe((await landmarker.landmarks(frame.image, faces[0]))!.points);
    let err = 0, errUnmoved = 0, moved = 0, n = 0;
    for (let i = 17; i < 68; i++) {
      err += Math.hypot(seen[i * 3] - expected[i * 3], seen[i * 3 + 1] - expected[i * 3 + 1]);
      errUnmoved += Math.hypot(seen[i * 3] - before[i * 3], seen[i * 3 + 1] - before[i * 3 + 1]);
      moved += Math.hypot(expected[i * 3] - before[i * 3], expected[i * 3 + 1] - before[i * 3 + 1]);
      n++;
    }
    expect(moved / n).toBeGreaterThan(5); // the rotation really moves the face
    expect(err / n).toBeLessThan(0.5 * (moved / n)); // and the rendered face follows the predicted projection
    expect(err / n).toBeLessThan(errUnmoved / n);
  });
});
