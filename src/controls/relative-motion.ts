/**
 * Relative motion: moves a source face (a portrait's fit) by the change of a driver (someone else's video) since the
 * driver's reference frame, for cross-identity reenactment. Only changes travel, so the driver's identity, its
 * resting expression and its position in its own frame never reach the source.
 */
import type { FrameFit } from '../encoder/face-fitter.js';
import type { FaceShapeParams, HeadPose } from '../face/face-model.js';
import { axisAngleToMatrix, matrixToAxisAngle, multiply3 } from '../face/rotation.js';
import { ControlsError } from './controls-error.js';

/** Which parts of the driver's change are transferred (all by default). */
export interface RelativeMotionOptions {
  expression?: boolean;
  rotation?: boolean;
  translation?: boolean;
  scale?: boolean;
  /** Multiplies the transferred expression change (default 1). */
  expressionGain?: number;
}

/**
 * out = source + (driver - driverReference), with rotations composed in the camera frame
 * (R = R_driver R_reference^T R_source), the scale as a ratio, and the translation change rescaled by the ratio of
 * the faces' sizes (source pixels per mm / reference pixels per mm). Jaw and eye rotations compose the same way.
 */
export class RelativeMotion {
  private readonly opts: Required<RelativeMotionOptions>;

  constructor(
    readonly source: FrameFit,
    readonly driverReference: FrameFit,
    options: RelativeMotionOptions = {},
  ) {
    const gain = options.expressionGain ?? 1;
    if (!Number.isFinite(gain) || gain < 0 || gain > 4) throw new ControlsError('CONTROLS_BAD_ARGUMENT', `expressionGain must be in 0..4, got ${gain}`);
    if (source.params.expression.length !== driverReference.params.expression.length) {
      throw new ControlsError('CONTROLS_BAD_ARGUMENT', 'source and driver fits come from models with different expression sizes');
    }
    if (!(source.pose.pixelsPerMm > 0) || !(driverReference.pose.pixelsPerMm > 0)) {
      throw new ControlsError('CONTROLS_BAD_ARGUMENT', 'source and driver reference need a positive pixelsPerMm');
    }
    this.opts = {
      expression: options.expression ?? true,
      rotation: options.rotation ?? true,
      translation: options.translation ?? true,
      scale: options.scale ?? true,
      expressionGain: gain,
    };
  }

  /** The source moved by `driver`'s change since the reference; `shape` is the identity written into the result. */
  transfer(driver: FrameFit, shape: Float32Array = this.source.params.shape): FrameFit {
    const src = this.source, ref = this.driverReference, o = this.opts;
    const expression = Float32Array.from(src.params.expression);
    if (o.expression) {
      for (let j = 0; j < expression.length; j++) expression[j] += o.expressionGain * (driver.params.expression[j] - ref.params.expression[j]);
    }
    const params: FaceShapeParams = {
      shape,
      expression,
      jawRad: o.expression ? composeRelative(driver.params.jawRad, ref.params.jawRad, src.params.jawRad) : Float32Array.from(src.params.jawRad),
      eyesRad: o.expression
        ? Float32Array.from([
            ...composeRelative(driver.params.eyesRad.subarray(0, 3), ref.params.eyesRad.subarray(0, 3), src.params.eyesRad.subarray(0, 3)),
            ...composeRelative(driver.params.eyesRad.subarray(3, 6), ref.params.eyesRad.subarray(3, 6), src.params.eyesRad.subarray(3, 6)),
          ])
        : Float32Array.from(src.params.eyesRad),
    };
    const sizeRatio = src.pose.pixelsPerMm / ref.pose.pixelsPerMm;
    const pose: HeadPose = {
      rotationRad: o.rotation ? composeRelative(driver.pose.rotationRad, ref.pose.rotationRad, src.pose.rotationRad) : Float32Array.from(src.pose.rotationRad),
      translationPx: Float32Array.from([0, 1].map((k) => src.pose.translationPx[k] + (o.translation ? (driver.pose.translationPx[k] - ref.pose.translationPx[k]) * sizeRatio : 0))),
      pixelsPerMm: o.scale ? src.pose.pixelsPerMm * (driver.pose.pixelsPerMm / ref.pose.pixelsPerMm) : src.pose.pixelsPerMm,
    };
    return { params, pose, rmsErrorPx: driver.rmsErrorPx };
  }
}

/** Axis-angle of R_driver R_reference^T R_source. */
function composeRelative(driver: ArrayLike<number>, reference: ArrayLike<number>, source: ArrayLike<number>): Float32Array {
  const rd = axisAngleToMatrix(driver);
  const rr = axisAngleToMatrix(reference);
  const rrT = Float64Array.from([rr[0], rr[3], rr[6], rr[1], rr[4], rr[7], rr[2], rr[5], rr[8]]);
  return matrixToAxisAngle(multiply3(multiply3(rd, rrT), axisAngleToMatrix(source)));
}
