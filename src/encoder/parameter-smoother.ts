/**
 * Temporal smoothing of the fitted parameters before they are coded: landmark jitter becomes parameter jitter, which
 * both shows (a face that shimmers) and costs bits (every residual is coded). A 1-euro filter per channel calms still
 * stretches while fast moves (speech, head turns) pass with little lag.
 */
import type { FaceShapeParams, HeadPose } from '../face/face-model.js';
import { OneEuroFilter, type OneEuroParams } from '../face/landmarks/one-euro-filter.js';

/** Cutoffs per channel kind; betas are per unit of each channel's speed (coefficients/s, rad/s, px/s, log-scale/s). */
const EXPRESSION: OneEuroParams = { minCutoffHz: 3, beta: 0.6, derivativeCutoffHz: 2 };
const ROTATION: OneEuroParams = { minCutoffHz: 2.5, beta: 8, derivativeCutoffHz: 2 };
const TRANSLATION: OneEuroParams = { minCutoffHz: 2.5, beta: 0.05, derivativeCutoffHz: 2 };
const SCALE: OneEuroParams = { minCutoffHz: 2, beta: 4, derivativeCutoffHz: 2 };

export class ParameterSmoother {
  private expression: OneEuroFilter[] = [];
  private readonly jaw = [0, 1, 2].map(() => new OneEuroFilter(ROTATION));
  private readonly rotation = [0, 1, 2].map(() => new OneEuroFilter(ROTATION));
  private readonly translation = [0, 1].map(() => new OneEuroFilter(TRANSLATION));
  private readonly logScale = new OneEuroFilter(SCALE);

  /** Returns smoothed copies; the inputs are not changed. */
  smooth(params: FaceShapeParams, pose: HeadPose, timeS: number): { params: FaceShapeParams; pose: HeadPose } {
    if (this.expression.length !== params.expression.length) {
      this.expression = Array.from(params.expression, () => new OneEuroFilter(EXPRESSION));
    }
    const expression = Float32Array.from(params.expression, (v, i) => this.expression[i].filter(v, timeS));
    const jawRad = Float32Array.from(params.jawRad, (v, i) => this.jaw[i].filter(v, timeS));
    const rotationRad = Float32Array.from(pose.rotationRad, (v, i) => this.rotation[i].filter(v, timeS));
    const translationPx = Float32Array.from(pose.translationPx, (v, i) => this.translation[i].filter(v, timeS));
    const pixelsPerMm = Math.exp(this.logScale.filter(Math.log(pose.pixelsPerMm), timeS));
    return { params: { ...params, expression, jawRad }, pose: { rotationRad, translationPx, pixelsPerMm } };
  }

  /** Forgets the history (a new keyframe starts from its own fit). */
  reset(): void {
    for (const f of [...this.expression, ...this.jaw, ...this.rotation, ...this.translation, this.logScale]) f.reset();
  }
}
