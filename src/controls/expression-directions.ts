/**
 * Named expressions (happy, sad, ...) as directions in a face model's expression space, loaded from the project's own
 * data file `models/expression-directions-v1.json` (built by `scripts/build-expression-directions.ts`).
 */
import { z } from 'zod';
import type { FaceModel } from '../face/face-model.js';
import { assetLocation, readTextSync } from '../io/platform-files.js';
import { ControlsError } from './controls-error.js';

const sourceSchema = z.object({ name: z.string(), kind: z.enum(['clip', 'still']), frames: z.number().int().min(0) }).strict();

const directionSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** 'fitted': mean fitted expression of real frames of that emotion minus the neutral reference; 'model': zero (neutral). */
    method: z.enum(['fitted', 'model']),
    /** Frames that went into the mean, and where they came from. */
    frames: z.number().int().min(0),
    sources: z.array(sourceSchema),
    /** Mean face-api probability of the emotion over those frames. */
    meanProbability: z.number().min(0).max(1).optional(),
    /** Expression coefficients (model units) at strength 1, with the articulation part removed. */
    coefficients: z.array(z.number().finite()),
  })
  .strict();

const fileSchema = z
  .object({
    formatVersion: z.literal(1),
    modelId: z.string(),
    modelHash: z.string().regex(/^[0-9a-f]{64}$/),
    expressionDims: z.number().int().positive(),
    method: z.string(),
    articulationFeatures: z.array(z.string()),
    build: z.object({ date: z.string(), script: z.string(), minProbability: z.number(), sampleFps: z.number() }).passthrough(),
    directions: z.array(directionSchema).min(1),
  })
  .strict();

/** The parsed data file. */
export type ExpressionDirectionsFile = z.output<typeof fileSchema>;
/** One named direction of the data file. */
export type ExpressionDirection = z.output<typeof directionSchema>;

/** Name of the SDK's own directions file under models/. */
export const EXPRESSION_DIRECTIONS_FILE = 'expression-directions-v1.json';

/** Where the SDK's own directions live. */
export function expressionDirectionsPath(): string {
  return assetLocation('models', EXPRESSION_DIRECTIONS_FILE);
}

/** Named expression directions for one face model, checked against it. */
export class ExpressionDirections {
  private readonly byName = new Map<string, Float32Array>();

  private constructor(readonly file: ExpressionDirectionsFile) {
    for (const d of file.directions) this.byName.set(d.name, Float32Array.from(d.coefficients));
  }

  /**
   * Parses a directions document (e.g. JSON.parse of the data file).
   * @throws ControlsError CONTROLS_DIRECTIONS_INVALID when it does not match the schema.
   */
  static fromJson(json: unknown): ExpressionDirections {
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ControlsError('CONTROLS_DIRECTIONS_INVALID', `expression directions: ${issue.path.join('.')}: ${issue.message}`);
    }
    for (const d of parsed.data.directions) {
      if (d.coefficients.length !== parsed.data.expressionDims) {
        throw new ControlsError('CONTROLS_DIRECTIONS_INVALID', `direction ${d.name} has ${d.coefficients.length} coefficients, file says ${parsed.data.expressionDims}`);
      }
    }
    return new ExpressionDirections(parsed.data);
  }

  /**
   * Reads the data file (default: the SDK's own) and checks that it was built for `model` (same id and data hash).
   * @throws ControlsError CONTROLS_DIRECTIONS_INVALID for an unreadable or malformed file, CONTROLS_MODEL_MISMATCH for
   *   another model.
   */
  static load(model: Pick<FaceModel, 'id' | 'dataHash' | 'expressionDims'>, path = expressionDirectionsPath()): ExpressionDirections {
    let json: unknown;
    try {
      json = JSON.parse(readTextSync(path));
    } catch (err) {
      throw new ControlsError('CONTROLS_DIRECTIONS_INVALID', `cannot read expression directions ${path}: ${String(err)}`, { cause: err });
    }
    const dirs = ExpressionDirections.fromJson(json);
    dirs.assertFor(model);
    return dirs;
  }

  /** Names available, e.g. ['neutral', 'happy', 'sad', ...]. */
  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** Coefficients of `name` at strength 1 (shared, do not modify). */
  get(name: string): Float32Array {
    const d = this.byName.get(name);
    if (!d) throw new ControlsError('CONTROLS_UNKNOWN_EXPRESSION', `unknown expression "${name}"; known: ${this.names.join(', ')}`);
    return d;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** @throws ControlsError CONTROLS_MODEL_MISMATCH when these directions were built for another model. */
  assertFor(model: Pick<FaceModel, 'id' | 'dataHash' | 'expressionDims'>): void {
    const f = this.file;
    if (f.modelId !== model.id || f.modelHash !== model.dataHash || f.expressionDims !== model.expressionDims) {
      throw new ControlsError(
        'CONTROLS_MODEL_MISMATCH',
        `expression directions are for ${f.modelId} (${f.modelHash.slice(0, 12)}), not ${model.id} (${model.dataHash.slice(0, 12)})`,
      );
    }
  }
}
