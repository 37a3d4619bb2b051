/** ExpressionCompleter on the built-in model: the coefficients a truncated profile did not send, from its keypoints. */
import { makeProfile } from '../../src/bitstream/index.js';
import { ExpressionCompleter } from '../../src/decoder/expression-completion.js';
import { loadBuiltinFaceModel } from '../../src/face/builtin/index.js';
import type { FaceShapeParams } from '../../src/face/face-model.js';
import { landmarkJacobian } from '../../src/face/landmark-jacobian.js';
import { seededRandom } from '../../bench/support/random-walk.js';

const model = loadBuiltinFaceModel();

function face(seed: number, expressionScale: number[]): FaceShapeParams {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return {
    shape: Float32Array.from({ length: model.shapeDims }, () => 0.5 * gauss()),
    expression: Float32Array.from({ length: model.expressionDims }, (_, i) => (expressionScale[i] ?? 0) * gauss()),
    jawRad: new Float32Array(3),
    eyesRad: new Float32Array(6),
  };
}

function keypointsOf(params: FaceShapeParams, ids: readonly number[]): Float32Array {
  const lm = model.landmarks68(params);
  const kp = new Float32Array(ids.length * 3);
  ids.forEach((id, i) => kp.set(lm.subarray(id * 3, id * 3 + 3), i * 3));
  return kp;
}

function rms(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / (to - from));
}

describe('ExpressionCompleter (built-in model)', () => {
  it('recovers a known truncated expression from 68 keypoints, leaving the sent prefix alone', () => {
    const ids = makeProfile({ keypoints: 68 }).landmarkIds;
    const truth = face(3, []);
    truth.expression.set([0.8, -0.5, 0.3, 0.6, -0.4], 0);
    truth.expression.set([1.5, -1, 0.8], 10); // the three coefficients after the 10 sent
    const kp = keypointsOf(truth, ids);
    const completer = new ExpressionCompleter(model, landmarkJacobian(model, truth), ids, 10);
    const got: FaceShapeParams = { ...truth, expression: Float32Array.from(truth.expression) };
    got.expression.fill(7, 10); // whatever follows the received prefix is overwritten
    completer.complete(got, kp);
    expect(Array.from(got.expression.subarray(0, 10))).toEqual(Array.from(truth.expression.subarray(0, 10)));
    // The ridge prior shrinks them a little: 1.345, -0.795, 0.604 observed; the 37 others stay below 0.08.
    const recovered = Array.from(got.expression.subarray(10, 13));
    [1.5, -1, 0.8].forEach((v, i) => expect(Math.abs(recovered[i] - v)).toBeLessThan(0.3));
    expect(Math.max(...Array.from(got.expression.subarray(13)).map(Math.abs))).toBeLessThan(0.1);
    expect(rms(keypointsOf(got, ids), kp)).toBeLessThan(0.05); // 0.034 mm observed
  });

  it('with the default 16 keypoints, brings all 68 landmarks closer than leaving the unsent coefficients at zero', () => {
    const ids = makeProfile().landmarkIds;
    expect(ids).toHaveLength(16);
    const truth = face(3, Array(model.expressionDims).fill(1));
    const kp = keypointsOf(truth, ids);
    const zeroFilled: FaceShapeParams = { ...truth, expression: Float32Array.from(truth.expression).fill(0, 10) };
    const completed: FaceShapeParams = { ...zeroFilled, expression: Float32Array.from(zeroFilled.expression) };
    new ExpressionCompleter(model, landmarkJacobian(model, truth), ids, 10).complete(completed, kp);
    // Observed: sent keypoints 0.329 -> 0.218 mm rms, all 68 landmarks 0.355 -> 0.237 mm.
    expect(rms(keypointsOf(completed, ids), kp)).toBeLessThan(0.75 * rms(keypointsOf(zeroFilled, ids), kp));
    const all = model.landmarks68(truth);
    expect(rms(model.landmarks68(completed), all)).toBeLessThan(0.75 * rms(model.landmarks68(zeroFilled), all));
  });

  it('changes nothing when every coefficient was sent', () => {
    const ids = makeProfile().landmarkIds;
    const truth = face(4, Array(model.expressionDims).fill(1));
    const got = { ...truth, expression: Float32Array.from(truth.expression) };
    new ExpressionCompleter(model, landmarkJacobian(model, truth), ids, model.expressionDims).complete(got, keypointsOf(truth, ids));
    expect(Array.from(got.expression)).toEqual(Array.from(truth.expression));
  });
});
