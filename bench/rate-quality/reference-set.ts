/** The measured reference frames of one clip, analysed once and compared against every method's output. */
import '../../src/node/index.js';
import type { RgbImage } from '../../src/media/index.js';
import { compareFrames, type FaceAnalysis, type FaceEvaluator, type FrameComparison } from '../../src/metrics/index.js';
import type { FrameMeasure } from './frame-sampling.js';

/** The two evaluators: landmarks only for most measured frames, full (identity + expression) for a subset. */
export interface Evaluators {
  readonly landmarks: FaceEvaluator;
  readonly full: FaceEvaluator;
}

/**
 * Reference frames at the measured indices with their face analyses. `compare` analyses only the output frame, with
 * the evaluator the plan names for that index, so the reference work is done once per frame for all methods.
 */
export class ReferenceSet {
  private constructor(
    private readonly plan: readonly FrameMeasure[],
    private readonly frames: ReadonlyMap<number, RgbImage>,
    private readonly analyses: ReadonlyMap<number, FaceAnalysis | null>,
    private readonly evaluators: Evaluators,
  ) {}

  /** Keeps the measured frames of `frames` (in clip order) and analyses each once. */
  static async build(frames: AsyncIterable<RgbImage>, plan: readonly FrameMeasure[], evaluators: Evaluators): Promise<ReferenceSet> {
    const kept = new Map<number, RgbImage>();
    const analyses = new Map<number, FaceAnalysis | null>();
    let index = 0;
    for await (const frame of frames) {
      const m = plan[index];
      if (m === 'landmarks' || m === 'full') {
        kept.set(index, frame);
        analyses.set(index, await evaluators[m].analyze(frame));
      }
      index++;
    }
    return new ReferenceSet(plan, kept, analyses, evaluators);
  }

  /** Measured frames whose reference has no detectable face (their face metrics will be null for every method). */
  get referenceFailures(): number {
    let n = 0;
    for (const a of this.analyses.values()) if (a === null) n++;
    return n;
  }

  /** Compares an output frame with its reference; `null` for frames the plan skips. */
  async compare(index: number, output: RgbImage): Promise<FrameComparison | null> {
    const ref = this.frames.get(index);
    const measure = this.plan[index];
    if (!ref || (measure !== 'landmarks' && measure !== 'full')) return null;
    return compareFrames(ref, output, this.evaluators[measure], { refAnalysis: this.analyses.get(index) ?? null });
  }

  /** Indices of measured frames. */
  get measuredIndices(): number[] {
    return [...this.frames.keys()];
  }
}
