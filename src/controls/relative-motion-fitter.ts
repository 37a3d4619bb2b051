/**
 * Relative motion as an encoder option without changing the Encoder: a FaceFitter wrapper. The first keyframe's
 * identity fit is the source (the portrait); every later frame is a driver frame, fitted with the driver's own
 * identity (fitted on the first driver frame) and moved onto the source by {@link RelativeMotion}.
 */
import type { FaceFitter, FrameFit, MeshObservation } from '../encoder/face-fitter.js';
import { ControlsError } from './controls-error.js';
import { RelativeMotion, type RelativeMotionOptions } from './relative-motion.js';

/**
 * Use with a keyframe policy that never starts a keyframe by itself (see {@link REENACT_KEYFRAME_POLICY}): a new
 * keyframe would be cut from the driver's image. A second `fitIdentity` (a requested keyframe) is refused.
 */
export class RelativeMotionFitter implements FaceFitter {
  /** The frames are the driver's: the keyframe's texture is not in them. */
  readonly codesOtherMotion = true;
  private source: FrameFit | null = null;
  private driverShape: Float32Array | null = null;
  private previousDriver: FrameFit | null = null;
  private motion: RelativeMotion | null = null;

  constructor(
    private readonly inner: FaceFitter,
    private readonly options: RelativeMotionOptions & {
      /** The driver's reference frame fit (with the driver's identity); default: the first driver frame. */
      driverReference?: FrameFit;
    } = {},
  ) {}

  /** The driver fit of the last frame (driver identity, driver pose), for display or diagnostics. */
  get lastDriverFit(): FrameFit | null {
    return this.previousDriver;
  }

  fitIdentity(observations: readonly MeshObservation[]): { shape: Float32Array; fits: FrameFit[] } {
    if (this.source) {
      throw new ControlsError('CONTROLS_BAD_ARGUMENT', 'relative motion: a second keyframe would come from the driver; keyframes must come from the source');
    }
    const fit = this.inner.fitIdentity(observations);
    this.source = { ...fit.fits[0], params: { ...fit.fits[0].params, shape: fit.shape } };
    return fit;
  }

  fitFrame(observation: MeshObservation, shape: Float32Array): FrameFit {
    if (!this.source) throw new ControlsError('CONTROLS_NO_SOURCE', 'relative motion: no source keyframe fitted yet');
    let driver: FrameFit;
    if (!this.driverShape) {
      const first = this.inner.fitIdentity([observation]);
      this.driverShape = first.shape;
      driver = first.fits[0];
      const reference = this.options.driverReference ?? driver;
      this.motion = new RelativeMotion(this.source, reference, this.options);
    } else {
      driver = this.inner.fitFrame(observation, this.driverShape, this.previousDriver ?? undefined);
    }
    this.previousDriver = driver;
    return this.motion!.transfer(driver, shape);
  }
}

/** Keyframe policy for reenactment: the source keyframe stays, however far the driver moves. */
export const REENACT_KEYFRAME_POLICY = { maxRotationDeg: 180, maxScaleChange: 10, maxShiftFraction: 1, maxIntervalFrames: 0 } as const;
