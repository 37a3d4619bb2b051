/**
 * Motion tracks: per-frame face-model parameters that drive a portrait (the built-in sample's driving sequence,
 * assets/sample/talking-track.json, made by scripts/build-sample-track.ts). Named expression controls, each a
 * coefficient vector of the model, get a value per frame; head rotation offsets come in degrees.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { offsetPose, parsePoseOffset } from '../controls/index.js';
import { FacecodecError } from '../errors.js';
import type { FaceModel, FaceShapeParams, HeadPose } from '../face/face-model.js';

const series = z.array(z.number().finite());

const motionTrackSchema = z
  .object({
    format: z.literal('facecodec-motion-track'),
    version: z.literal(1),
    name: z.string().min(1),
    modelId: z.string().min(1),
    modelHash: z.string().regex(/^[0-9a-f]{64}$/),
    frameRateHz: z.number().positive().max(240),
    frameCount: z.number().int().positive().max(100_000),
    method: z.string(),
    controls: z.array(z.object({ name: z.string().min(1), expression: z.array(z.number().finite()).min(1) }).strict()).min(1),
    frames: z.record(z.string(), series),
  })
  .strict()
  .superRefine((t, ctx) => {
    for (const name of [...t.controls.map((c) => c.name), 'yawDeg', 'pitchDeg', 'rollDeg']) {
      if (t.frames[name]?.length !== t.frameCount) ctx.addIssue({ code: 'custom', message: `frames.${name} must have frameCount (${t.frameCount}) values` });
    }
  });

export type MotionTrack = z.output<typeof motionTrackSchema>;

/** Reads and validates a motion track file. @throws FacecodecError BAD_CONFIG naming the bad field. */
export async function readMotionTrack(path: string): Promise<MotionTrack> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new FacecodecError('BAD_CONFIG', `motion track ${path}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = motionTrackSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FacecodecError('BAD_CONFIG', `motion track ${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Poses a fitted face by a track: frame i's expression is the base expression plus sum(value * control), its head
 * rotation the base rotation turned by the frame's yaw, pitch and roll (translation and scale kept).
 */
export class MotionTrackDriver {
  private readonly params: FaceShapeParams;
  private readonly pose: HeadPose;

  /** @throws FacecodecError MODEL_MISMATCH when the track was built for another face model. */
  constructor(
    readonly track: MotionTrack,
    model: FaceModel,
    private readonly base: { params: FaceShapeParams; pose: HeadPose },
  ) {
    if (track.modelId !== model.id || track.modelHash !== model.dataHash) {
      throw new FacecodecError('MODEL_MISMATCH', `motion track ${track.name} is for ${track.modelId} (${track.modelHash.slice(0, 12)}), not ${model.id}`);
    }
    for (const c of track.controls) {
      if (c.expression.length > model.expressionDims) throw new FacecodecError('BAD_CONFIG', `motion track control ${c.name} has more coefficients than the model`);
    }
    this.params = { shape: base.params.shape, expression: new Float32Array(model.expressionDims), jawRad: base.params.jawRad, eyesRad: base.params.eyesRad };
    this.pose = { rotationRad: new Float32Array(3), translationPx: new Float32Array(2), pixelsPerMm: base.pose.pixelsPerMm };
  }

  get frameCount(): number {
    return this.track.frameCount;
  }

  /** Frame `i`'s parameters and pose (buffers owned by the driver, overwritten by the next call). */
  frame(i: number): { params: FaceShapeParams; pose: HeadPose } {
    const f = this.track.frames;
    const e = this.params.expression;
    e.set(this.base.params.expression);
    for (const c of this.track.controls) {
      const v = f[c.name][i];
      for (let j = 0; j < c.expression.length; j++) e[j] += v * c.expression[j];
    }
    offsetPose(this.base.pose, parsePoseOffset({ yawDeg: f.yawDeg[i], pitchDeg: f.pitchDeg[i], rollDeg: f.rollDeg[i] }), this.pose);
    return { params: this.params, pose: this.pose };
  }
}
