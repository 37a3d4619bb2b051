// @needs-shared: reads ../shared (clips, stills or FLAME assets); jest.config.js skips this file without it.
import { readFileSync } from 'node:fs';
import {
  ArticulationSubspace,
  ControlsError,
  ExpressionDirections,
  ExpressionEditor,
  expressionDirectionsPath,
  innerLipGapMm,
  chinDropMm,
} from '../../src/controls/index.js';
import type { FrameFit } from '../../src/encoder/face-fitter.js';
import type { FaceModel } from '../../src/face/face-model.js';
import { neutralParams } from '../../src/face/face-model.js';
import { fitClip } from './real-fits.js';

let model: FaceModel;
let fits: FrameFit[];

beforeAll(async () => {
  // A talking clip with visible emotion (surprise) and speech: the mouth opens and closes across these frames.
  ({ model, fits } = await fitClip('liveportrait_d11.mp4', 30, 10));
}, 60000);

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0));

describe('expression directions file', () => {
  it('holds fitted, articulation-free directions for the built-in model', () => {
    const dirs = ExpressionDirections.load(model);
    for (const name of ['neutral', 'happy', 'sad', 'surprised', 'angry']) expect(dirs.has(name)).toBe(true);
    expect(norm(dirs.get('neutral'))).toBe(0);
    const sub = ArticulationSubspace.of(model, neutralParams(model));
    for (const name of dirs.names.filter((n) => n !== 'neutral')) {
      const d = dirs.get(name);
      expect(norm(d)).toBeGreaterThan(0.3);
      // removing the articulation part changes nothing: the direction neither opens nor closes the mouth
      const rest = Float64Array.from(d);
      sub.removeFrom(rest);
      expect(norm(rest.map((v, j) => v - d[j]))).toBeLessThan(1e-3 * norm(d));
    }
    expect(dirs.file.directions.find((d) => d.name === 'happy')!.method).toBe('fitted');
  });

  it('refuses another model and malformed files with typed errors', () => {
    const json = JSON.parse(readFileSync(expressionDirectionsPath(), 'utf8'));
    expect(() => ExpressionDirections.load({ ...model, id: model.id, dataHash: '0'.repeat(64), expressionDims: model.expressionDims })).toThrow(
      expect.objectContaining({ code: 'CONTROLS_MODEL_MISMATCH' }),
    );
    expect(() => ExpressionDirections.fromJson({ ...json, directions: [{ ...json.directions[1], coefficients: [1, 2] }] })).toThrow(
      expect.objectContaining({ code: 'CONTROLS_DIRECTIONS_INVALID' }),
    );
    expect(() => ExpressionDirections.fromJson({ ...json, directions: [{ ...json.directions[1], coefficients: json.directions[1].coefficients.map(() => null) }] })).toThrow(ControlsError);
    expect(() => ExpressionDirections.load(model, '/nonexistent/dirs.json')).toThrow(expect.objectContaining({ code: 'CONTROLS_DIRECTIONS_INVALID' }));
  });
});

describe('ExpressionEditor', () => {
  it('neutral at full strength removes the expression but keeps the mouth opening of speech', () => {
    const editor = new ExpressionEditor(model).setEmotion('neutral', 1);
    const gaps: number[] = [];
    let energyBefore = 0, energyAfter = 0;
    for (const fit of fits) {
      const before = model.landmarks68(fit.params);
      const edited = editor.apply(fit.params, fit.pose);
      const after = model.landmarks68(edited.params);
      gaps.push(innerLipGapMm(before));
      expect(Math.abs(innerLipGapMm(after) - innerLipGapMm(before))).toBeLessThan(0.05);
      expect(Math.abs(chinDropMm(after) - chinDropMm(before))).toBeLessThan(0.05);
      // what remains lies in the articulation subspace only
      const rest = Float64Array.from(edited.params.expression);
      editor.articulationAt(fit.params).removeFrom(rest);
      expect(norm(rest)).toBeLessThan(1e-4);
      energyBefore += norm(fit.params.expression) ** 2;
      energyAfter += norm(edited.params.expression) ** 2;
      expect(edited.pose).toBe(fit.pose);
    }
    // the test is only meaningful if the mouth really moved over these frames
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(2);
    // most of the expression energy is gone
    expect(energyAfter / energyBefore).toBeLessThan(0.35);
  });

  it('an emotion replaces the non-speech expression by its direction, keeping the mouth opening', () => {
    const editor = new ExpressionEditor(model);
    const happy = editor.directions.get('happy');
    for (const fit of fits.slice(0, 10)) {
      editor.setEmotion('happy', 1);
      const edited = Float32Array.from(editor.apply(fit.params, fit.pose).params.expression);
      editor.setEmotion('neutral', 1);
      const speech = editor.apply(fit.params, fit.pose).params.expression;
      for (let j = 0; j < edited.length; j++) expect(edited[j] - speech[j]).toBeCloseTo(happy[j], 3);
      const gap = (e: Float32Array) => innerLipGapMm(model.landmarks68({ ...fit.params, expression: e }));
      expect(Math.abs(gap(edited) - gap(fit.params.expression))).toBeLessThan(0.05);
      // strength 0 leaves the frame as it was
      editor.setEmotion('happy', 0);
      expect(Array.from(editor.apply(fit.params, fit.pose).params.expression)).toEqual(Array.from(fit.params.expression));
    }
    // happy lifts the mouth corners (48, 54) relative to the lip centre, sad lowers them
    const cornerLift = (name: string) => {
      const p = neutralParams(model);
      const base = model.landmarks68(p);
      p.expression.set(editor.directions.get(name));
      const l = model.landmarks68(p);
      return (l[48 * 3 + 1] - base[48 * 3 + 1] + l[54 * 3 + 1] - base[54 * 3 + 1]) / 2;
    };
    expect(cornerLift('happy')).toBeGreaterThan(0.3);
    expect(cornerLift('sad')).toBeLessThan(cornerLift('happy'));
  });

  it('blends and validates its arguments', () => {
    const editor = new ExpressionEditor(model);
    const fit = fits[0];
    editor.blend([{ name: 'happy', strength: 0.5 }, { name: 'surprised', strength: 0.5 }]);
    const mixed = Float32Array.from(editor.apply(fit.params, fit.pose).params.expression);
    editor.setEmotion('neutral');
    const speech = Float32Array.from(editor.apply(fit.params, fit.pose).params.expression);
    const h = editor.directions.get('happy'), s = editor.directions.get('surprised');
    for (let j = 0; j < mixed.length; j++) expect(mixed[j] - speech[j]).toBeCloseTo(0.5 * h[j] + 0.5 * s[j], 3);
    expect(() => editor.setEmotion('smug', 1)).toThrow(expect.objectContaining({ code: 'CONTROLS_UNKNOWN_EXPRESSION' }));
    expect(() => editor.setEmotion('happy', Number.NaN)).toThrow(expect.objectContaining({ code: 'CONTROLS_BAD_ARGUMENT' }));
    expect(() => editor.setEmotion('happy', 5)).toThrow(expect.objectContaining({ code: 'CONTROLS_BAD_ARGUMENT' }));
    editor.clearExpression();
    expect(editor.active).toBe(false);
    expect(editor.apply(fit.params, fit.pose).params).toBe(fit.params);
  });
});
