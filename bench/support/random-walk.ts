/** Smooth random-walk face motion, for exercising the bitstream before (or besides) real tracks. Deterministic. */
import '../../src/node/index.js';
import type { FrameValues, KeyframeBase } from '../../src/bitstream/index.js';

import { seededRandom } from '../../src/transport/seeded-random.js';

export { seededRandom };

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export interface RandomWalkOptions {
  keypointCount: number;
  expressionDims: number;
  seed?: number;
}

/**
 * Generates frames whose values move like a talking head: keypoints around a fixed face layout with smooth (AR(1))
 * motion of a few mm, expression coefficients with smooth motion whose amplitude falls with the index, and a slowly
 * drifting head pose.
 */
export class RandomWalk {
  private readonly rand: () => number;
  private readonly baseKp: Float32Array;
  private readonly kpVel: Float32Array;
  private readonly kpOff: Float32Array;
  private readonly expr: Float32Array;
  private readonly pose = new Float32Array(6); // rot x y z, tx, ty, log-scale
  readonly keyframe: KeyframeBase;

  constructor(options: RandomWalkOptions) {
    this.rand = seededRandom(options.seed ?? 1);
    const k = options.keypointCount;
    this.baseKp = new Float32Array(k * 3);
    for (let i = 0; i < k * 3; i++) this.baseKp[i] = (this.rand() - 0.5) * 120;
    this.kpVel = new Float32Array(k * 3);
    this.kpOff = new Float32Array(k * 3);
    this.expr = new Float32Array(options.expressionDims);
    const kp68 = new Float32Array(204);
    // The keyframe holds the base layout in its first k landmark slots of the selection order the caller uses.
    this.keyframe = {
      keypoints68Mm: kp68,
      expression: new Float32Array(options.expressionDims),
      jawRad: new Float32Array(3),
      rotationRad: new Float32Array(3),
      translationPx: Float32Array.from([128, 128]),
      scalePxPerMm: 1.3,
    };
  }

  /** Puts the base layout into the keyframe's 68 landmarks at the given ids (the profile's selection). */
  placeKeyframe(landmarkIds: readonly number[]): void {
    landmarkIds.forEach((id, i) => {
      this.keyframe.keypoints68Mm.set(this.baseKp.subarray(i * 3, i * 3 + 3), id * 3);
    });
  }

  next(): FrameValues {
    const r = this.rand;
    const kp = new Float32Array(this.baseKp.length);
    for (let i = 0; i < kp.length; i++) {
      this.kpVel[i] = 0.85 * this.kpVel[i] + 0.35 * gaussian(r);
      this.kpOff[i] = 0.97 * this.kpOff[i] + this.kpVel[i] * 0.3;
      kp[i] = this.baseKp[i] + this.kpOff[i];
    }
    const expr = new Float32Array(this.expr.length);
    for (let i = 0; i < expr.length; i++) {
      this.expr[i] = 0.92 * this.expr[i] + (0.35 / Math.sqrt(1 + i)) * gaussian(r);
      expr[i] = this.expr[i];
    }
    for (let i = 0; i < 3; i++) this.pose[i] = 0.995 * this.pose[i] + 0.004 * gaussian(r);
    for (let i = 3; i < 5; i++) this.pose[i] = 0.99 * this.pose[i] + 0.4 * gaussian(r);
    this.pose[5] = 0.995 * this.pose[5] + 0.002 * gaussian(r);
    return {
      keypointsMm: kp,
      expression: expr,
      jawRad: Float32Array.from([Math.max(0, this.expr[0] ?? 0) * 0.1, 0, 0]),
      rotationRad: this.pose.slice(0, 3),
      translationPx: Float32Array.from([128 + this.pose[3], 128 + this.pose[4]]),
      scalePxPerMm: 1.3 * Math.exp(this.pose[5]),
    };
  }
}
