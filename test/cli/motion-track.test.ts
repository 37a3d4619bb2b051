// The built-in motion track on the built-in model: validation, and that it moves the features it names by its values.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_TRACK } from '../../src/cli/builtin-sample.js';
import { MotionTrackDriver, readMotionTrack, type MotionTrack } from '../../src/cli/motion-track.js';
import { loadFaceModel } from '../../src/codec.js';
import { chinDropMm, innerLipGapMm } from '../../src/controls/index.js';
import { FacecodecError } from '../../src/errors.js';
import { neutralParams, type FaceModel } from '../../src/face/face-model.js';

let model: FaceModel;
let track: MotionTrack;
beforeAll(async () => {
  model = await loadFaceModel();
  track = await readMotionTrack(BUILTIN_TRACK);
});

const basePose = () => ({ rotationRad: new Float32Array([0.05, -0.1, 0.02]), translationPx: new Float32Array([128, 120]), pixelsPerMm: 1.6 });

test('the committed track is valid, 4 s at 25 fps, for the built-in model, and starts at the portrait as it is', () => {
  expect(track.frameCount).toBe(100);
  expect(track.frameRateHz).toBe(25);
  expect(track.modelHash).toBe(model.dataHash);
  for (const series of Object.values(track.frames)) expect(series[0]).toBe(0);
  const base = { params: neutralParams(model), pose: basePose() };
  const f0 = new MotionTrackDriver(track, model, base).frame(0);
  expect(Array.from(f0.params.expression)).toEqual(Array.from(base.params.expression));
  for (let i = 0; i < 3; i++) expect(f0.pose.rotationRad[i]).toBeCloseTo(base.pose.rotationRad[i], 5);
});

test('a frame moves the lip gap and chin drop by the track values (the model is linear), from any base expression', () => {
  const params = neutralParams(model);
  params.expression[0] = 0.8;
  params.expression[3] = -0.5;
  const driver = new MotionTrackDriver(track, model, { params, pose: basePose() });
  const before = model.landmarks68(params).slice();
  const i = track.frames['inner-lip-gap-mm'].indexOf(Math.max(...track.frames['inner-lip-gap-mm']));
  const after = model.landmarks68(driver.frame(i).params);
  expect(innerLipGapMm(after) - innerLipGapMm(before)).toBeCloseTo(track.frames['inner-lip-gap-mm'][i], 1);
  expect(chinDropMm(after) - chinDropMm(before)).toBeCloseTo(track.frames['chin-drop-mm'][i], 1);
  expect(track.frames['inner-lip-gap-mm'][i]).toBeGreaterThan(5);
});

test('the head turns: yaw reaches 12 degrees and translation and scale stay', () => {
  const base = { params: neutralParams(model), pose: { rotationRad: new Float32Array(3), translationPx: new Float32Array([128, 120]), pixelsPerMm: 1.6 } };
  const driver = new MotionTrackDriver(track, model, base);
  const i = track.frames.yawDeg.indexOf(Math.max(...track.frames.yawDeg));
  const { pose } = driver.frame(i);
  expect(Math.hypot(...pose.rotationRad) * (180 / Math.PI)).toBeGreaterThan(11);
  expect(Array.from(pose.translationPx)).toEqual([128, 120]);
  expect(pose.pixelsPerMm).toBe(1.6);
});

describe('bad tracks give typed errors', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facecodec-track-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('not JSON, a missing series, a short series: FacecodecError BAD_CONFIG naming the field', async () => {
    const write = async (name: string, body: string) => {
      const p = join(dir, name);
      await writeFile(p, body);
      return p;
    };
    await expect(readMotionTrack(await write('a.json', '{'))).rejects.toMatchObject({ code: 'BAD_CONFIG' });
    const { yawDeg: _drop, ...noYaw } = track.frames;
    await expect(readMotionTrack(await write('b.json', JSON.stringify({ ...track, frames: noYaw })))).rejects.toThrow(/yawDeg/);
    const short = { ...track.frames, rollDeg: track.frames.rollDeg.slice(1) };
    await expect(readMotionTrack(await write('c.json', JSON.stringify({ ...track, frames: short })))).rejects.toThrow(/rollDeg/);
    await expect(readMotionTrack(join(dir, 'missing.json'))).rejects.toBeInstanceOf(FacecodecError);
  });

  test('a track for another model: MODEL_MISMATCH', () => {
    const other = { ...track, modelHash: '0'.repeat(64) };
    expect(() => new MotionTrackDriver(other, model, { params: neutralParams(model), pose: basePose() })).toThrow(
      expect.objectContaining({ code: 'MODEL_MISMATCH' }),
    );
  });
});
