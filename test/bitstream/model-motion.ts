/**
 * Face motion coded the way the real encoder codes it: keypoints are the built-in model's landmarks for the full
 * expression (of which a profile sends a prefix), and the keyframe carries the landmark Jacobian that both ends
 * predict keypoints with (src/encoder/encoder.ts, commitKeyframe). The random walk alone has neither.
 */
import type { FrameValues, KeyframeBase, Profile } from '../../src/bitstream/index.js';
import { loadBuiltinFaceModel } from '../../src/face/builtin/index.js';
import { landmarkJacobian } from '../../src/face/landmark-jacobian.js';
import { RandomWalk, seededRandom } from '../../bench/support/random-walk.js';

export class ModelMotion {
  private readonly model = loadBuiltinFaceModel();
  private readonly walk: RandomWalk;
  private readonly shape: Float32Array;
  /** The keyframe as the encoder sends it: identity, zero expression, its landmarks and their Jacobian. */
  readonly keyframe: KeyframeBase;

  constructor(private readonly profile: Profile, seed = 1) {
    const rand = seededRandom(seed * 7 + 3);
    this.shape = Float32Array.from({ length: this.model.shapeDims }, () => (rand() - 0.5) * 2);
    this.walk = new RandomWalk({ keypointCount: 0, expressionDims: this.model.expressionDims, seed });
    const at = { shape: this.shape, jawRad: new Float32Array(3), eyesRad: new Float32Array(6) };
    const first = this.walk.next();
    this.keyframe = {
      keypoints68Mm: Float32Array.from(this.model.landmarks68({ ...at, expression: new Float32Array(this.model.expressionDims) })),
      expression: new Float32Array(this.model.expressionDims),
      jawRad: first.jawRad,
      rotationRad: first.rotationRad,
      translationPx: first.translationPx,
      scalePxPerMm: first.scalePxPerMm,
      keypointJacobian: landmarkJacobian(this.model, at),
    };
  }

  /** The same keyframe without the Jacobian: what a receiver that ignored it would predict from. */
  get keyframeWithoutJacobian(): KeyframeBase {
    const { keypointJacobian: _j, ...rest } = this.keyframe;
    return rest;
  }

  next(): FrameValues {
    const v = this.walk.next();
    const all = this.model.landmarks68({ shape: this.shape, expression: v.expression, jawRad: new Float32Array(3), eyesRad: new Float32Array(6) });
    const ids = this.profile.landmarkIds;
    const keypointsMm = new Float32Array(ids.length * 3);
    ids.forEach((id, i) => keypointsMm.set(all.subarray(id * 3, id * 3 + 3), i * 3));
    return { ...v, keypointsMm, expression: v.expression.slice(0, this.profile.expressionDims) };
  }
}
