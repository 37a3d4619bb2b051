/** Sender-side editing: a FaceFitter wrapper that applies an ExpressionEditor to every non-keyframe fit before coding. */
import type { FaceFitter, FrameFit, MeshObservation } from '../encoder/face-fitter.js';
import type { ExpressionEditor } from './expression-editor.js';

/**
 * Wrap the encoder's fitter (`new Encoder({ fitter: new EditingFitter(createFitter(model), editor), ... })`) to send
 * edited parameters: every receiver then sees the edit. Keyframes keep the true fit (their image shows the true face);
 * warm starts use the unedited fit so editing never disturbs tracking.
 */
export class EditingFitter implements FaceFitter {
  private lastTrue: FrameFit | undefined;

  /** While an edit is on, the coded fit differs from the frame on purpose (no texture alignment). */
  get codesOtherMotion(): boolean {
    return this.editor.active;
  }

  constructor(
    private readonly inner: FaceFitter,
    readonly editor: ExpressionEditor,
  ) {}

  fitIdentity(observations: readonly MeshObservation[]): { shape: Float32Array; fits: FrameFit[] } {
    const fit = this.inner.fitIdentity(observations);
    this.lastTrue = fit.fits[fit.fits.length - 1];
    return fit;
  }

  fitFrame(observation: MeshObservation, shape: Float32Array): FrameFit {
    const fit = this.inner.fitFrame(observation, shape, this.lastTrue);
    this.lastTrue = fit;
    if (!this.editor.active) return fit;
    const edited = this.editor.apply(fit.params, fit.pose);
    // The editor's buffers are reused: the encoder keeps fits across frames, so copy.
    return {
      ...fit,
      params: { ...fit.params, expression: Float32Array.from(edited.params.expression) },
      pose: { rotationRad: Float32Array.from(edited.pose.rotationRad), translationPx: Float32Array.from(edited.pose.translationPx), pixelsPerMm: edited.pose.pixelsPerMm },
    };
  }
}
