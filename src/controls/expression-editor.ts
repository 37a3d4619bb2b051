/**
 * ExpressionEditor: changes a frame's expression (named emotions with a strength, mouth articulation kept) and head
 * pose (offset or override) before rendering, on either side of the codec.
 */
import { z } from 'zod';
import type { FaceModel, FaceShapeParams, HeadPose } from '../face/face-model.js';
import { ArticulationSubspace } from './articulation.js';
import { ControlsError } from './controls-error.js';
import { ExpressionDirections } from './expression-directions.js';
import {
  emptyPose,
  offsetPose,
  overridePose,
  parsePoseOffset,
  parsePoseOverride,
  type ParsedPoseOffset,
  type ParsedPoseOverride,
  type PoseOffset,
  type PoseOverride,
} from './pose-edit.js';

/** One named expression and how strongly to show it (0: not at all, 1: its typical intensity; up to 2 exaggerates). */
export interface ExpressionWeight {
  name: string;
  strength: number;
}

const weightsSchema = z.array(z.object({ name: z.string().min(1), strength: z.number().finite().min(0).max(2) }).strict()).max(16);

/** An edited frame: buffers owned by the editor and overwritten by its next `apply`. */
export interface EditedFrame {
  params: FaceShapeParams;
  pose: HeadPose;
}

/**
 * Edits per frame:
 * - expression: e' = A(e) + max(0, 1 - sum s_i) (e - A(e)) + sum s_i d_i, where A projects onto the articulation
 *   subspace (mouth opening, jaw drop) and d_i are the named directions (articulation-free). So `neutral` at 1 keeps
 *   only the speech part of the expression, `happy` at 0.7 keeps 30% of the frame's own non-speech expression and adds
 *   70% of the happy direction; jaw rotation (FLAME) is never touched.
 * - pose: an override (absolute) then an offset (relative), in the camera frame.
 */
export class ExpressionEditor {
  private weights: { direction: Float32Array; strength: number }[] = [];
  private weightNames: ExpressionWeight[] = [];
  private poseOffset: ParsedPoseOffset | null = null;
  private poseOverride: ParsedPoseOverride | null = null;
  private subspace: ArticulationSubspace | null = null;
  private subspaceShape: Float32Array | null = null;
  private readonly expression: Float32Array;
  private readonly articulation: Float64Array;
  private readonly target: Float64Array;
  private readonly pose: HeadPose = emptyPose();
  private readonly overridden: HeadPose = emptyPose();

  /**
   * @param model the face model of the frames to edit.
   * @param directions named directions for `model` (default: the SDK's own file for the built-in model).
   * @throws ControlsError CONTROLS_MODEL_MISMATCH when the directions were built for another model.
   */
  constructor(
    readonly model: FaceModel,
    directions?: ExpressionDirections,
  ) {
    this.directions = directions ?? ExpressionDirections.load(model);
    this.directions.assertFor(model);
    this.expression = new Float32Array(model.expressionDims);
    this.articulation = new Float64Array(model.expressionDims);
    this.target = new Float64Array(model.expressionDims);
  }

  readonly directions: ExpressionDirections;

  /** Whether any edit is set (an editor without edits returns frames unchanged). */
  get active(): boolean {
    return this.weights.length > 0 || this.poseOffset !== null || this.poseOverride !== null;
  }

  /** Shows one named expression at `strength` (0..2) from the next frame on. */
  setEmotion(name: string, strength = 1): this {
    return this.blend([{ name, strength }]);
  }

  /**
   * Shows a mix of named expressions; the frame's own (non-speech) expression keeps weight max(0, 1 - sum of strengths).
   * An empty list removes the expression edit.
   * @throws ControlsError CONTROLS_UNKNOWN_EXPRESSION, CONTROLS_BAD_ARGUMENT for a strength outside 0..2.
   */
  blend(weights: readonly ExpressionWeight[]): this {
    const parsed = weightsSchema.safeParse(weights);
    if (!parsed.success) throw new ControlsError('CONTROLS_BAD_ARGUMENT', `expression weights ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    this.weights = parsed.data.map((w) => ({ direction: this.directions.get(w.name), strength: w.strength }));
    this.weightNames = parsed.data.map((w) => ({ ...w }));
    return this;
  }

  /** The expression edit now set. */
  get expressionWeights(): readonly ExpressionWeight[] {
    return this.weightNames;
  }

  /** Removes the expression edit. */
  clearExpression(): this {
    this.weights = [];
    this.weightNames = [];
    return this;
  }

  /** Offsets every frame's pose (rotation in the camera frame, translation in crop pixels, scale factor). */
  setPoseOffset(offset: PoseOffset): this {
    this.poseOffset = parsePoseOffset(offset);
    return this;
  }

  /** Replaces the given parts of every frame's pose (applied before the offset). */
  overridePose(override: PoseOverride): this {
    this.poseOverride = parsePoseOverride(override);
    return this;
  }

  /** Removes offset and override. */
  clearPose(): this {
    this.poseOffset = null;
    this.poseOverride = null;
    return this;
  }

  /**
   * The edited copy of a frame (identity, jaw and eyes shared with the input; expression and pose in the editor's own
   * buffers, overwritten by the next call).
   */
  apply(params: FaceShapeParams, pose: HeadPose): EditedFrame {
    const out: EditedFrame = { params, pose };
    if (this.weights.length > 0) out.params = { ...params, expression: this.editExpression(params) };
    if (this.poseOverride || this.poseOffset) {
      let p = pose;
      if (this.poseOverride) p = overridePose(p, this.poseOverride, this.overridden);
      if (this.poseOffset) p = offsetPose(p, this.poseOffset, this.pose);
      out.pose = p;
    }
    return out;
  }

  /** The articulation subspace at this identity (recomputed only when the identity changes: a new keyframe). */
  articulationAt(params: FaceShapeParams): ArticulationSubspace {
    if (!this.subspace || this.subspaceShape !== params.shape) {
      this.subspace = ArticulationSubspace.of(this.model, params);
      this.subspaceShape = params.shape;
    }
    return this.subspace;
  }

  private editExpression(params: FaceShapeParams): Float32Array {
    const e = params.expression;
    if (e.length !== this.model.expressionDims) {
      throw new ControlsError('CONTROLS_BAD_ARGUMENT', `expression has ${e.length} values, model ${this.model.id} has ${this.model.expressionDims}`);
    }
    const sub = this.articulationAt(params);
    sub.project(e, this.articulation);
    const n = e.length;
    this.target.fill(0);
    let total = 0;
    for (const w of this.weights) {
      total += w.strength;
      for (let j = 0; j < n; j++) this.target[j] += w.strength * w.direction[j];
    }
    // The directions were made articulation-free for the model's mean identity; FLAME's subspace depends on the identity.
    sub.removeFrom(this.target);
    const keep = Math.max(0, 1 - total);
    for (let j = 0; j < n; j++) this.expression[j] = this.articulation[j] + keep * (e[j] - this.articulation[j]) + this.target[j];
    return this.expression;
  }
}
