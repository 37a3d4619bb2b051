/**
 * Measures expression edits with face-api's expression net (independent of the encoder): portraits are encoded as a
 * keyframe, decoded with an EditingRenderer per emotion, and the AEMOD to a real reference frame of that emotion is
 * compared with the unedited decode's. Writes side-by-side PNGs to out/controls/ and prints one JSON line last.
 *
 *   npx tsx scripts/evaluate-expression-edits.ts   (after build-expression-directions.ts, whose sample cache it reads)
 */
import '../src/node/index.js';
import { readFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createEncoder, createKeyframeCodec } from '../src/codec.js';
import { EditingRenderer, ExpressionEditor } from '../src/controls/index.js';
import { Decoder } from '../src/decoder/decoder.js';
import { MeshWarpFaceRenderer } from '../src/decoder/mesh-warp-face-renderer.js';
import type { EncoderOutput } from '../src/encoder/encoder.js';
import { createRgbImage, readImage, readVideoFrames, sideBySide, writeImage, type RgbImage } from '../src/media/index.js';
import { aemod, EXPRESSION_LABELS, FaceEvaluator } from '../src/metrics/index.js';
import { PACKAGE_ROOT, sharedDir } from '../src/paths.js';

const PORTRAITS = ['stills/aniportrait_Aragaki.png', 'stills/sadtalker_people_0.png', 'stills/liveportrait_d12.jpg'];
const EMOTIONS = ['happy', 'sad', 'surprised', 'angry'] as const;
const STRENGTH = Number(process.env.STRENGTH ?? 1);

interface Sample { source: string; kind: 'clip' | 'still'; index: number; probabilities: number[] }

async function referenceFrame(s: Sample): Promise<RgbImage> {
  if (s.kind === 'still') return readImage(resolve(sharedDir(), 'stills', s.source));
  let i = 0;
  for await (const f of readVideoFrames(resolve(sharedDir(), 'clips', s.source), { fps: 10 })) if (i++ === s.index) return f;
  throw new Error(`frame ${s.index} of ${s.source} not found`);
}

async function main(): Promise<void> {
  const samples: Sample[] = JSON.parse(await readFile(resolve(PACKAGE_ROOT, 'out/controls/expression-samples.json'), 'utf8'));
  const evaluator = await FaceEvaluator.create({ descriptor: false });
  const outDir = resolve(PACKAGE_ROOT, 'out/controls');
  await mkdir(outDir, { recursive: true });
  // Reference per emotion: the frame face-api is most sure of (the named stills where they qualify).
  const refs: Record<string, { source: string; index: number; expression: Float32Array }> = {};
  for (const name of EMOTIONS) {
    const k = EXPRESSION_LABELS.indexOf(name);
    const best = samples.reduce((a, s) => (s.probabilities[k] > a.probabilities[k] ? s : a));
    const img = await referenceFrame(best);
    refs[name] = { source: best.source, index: best.index, expression: (await evaluator.analyze(img))!.expression! };
  }
  const rows: Record<string, unknown>[] = [];
  const sums: Record<string, { edited: number; unedited: number; pEdited: number; pUnedited: number; n: number }> = {};
  for (const portrait of PORTRAITS) {
    const image = await readImage(resolve(sharedDir(), portrait));
    const { encoder, close } = await createEncoder({ frameRateHz: 25 });
    const outputs: EncoderOutput[] = await encoder.encode(image, 0);
    close();
    const decodeWith = async (editor: ExpressionEditor): Promise<RgbImage> => {
      const decoder = new Decoder({ models: [encoder.model], renderer: new EditingRenderer(new MeshWarpFaceRenderer(), editor), keyframeCodec: await createKeyframeCodec() });
      let img: RgbImage = createRgbImage(1, 1);
      for (const o of outputs) {
        if (o.type === 'header') await decoder.handle({ type: 'header', header: o.header });
        else if (o.type === 'keyframe') await decoder.handle({ type: 'keyframe', keyframe: o.keyframe });
        else img = (await decoder.decodeFrame(o.bytes)).image;
      }
      await decoder.close();
      return img;
    };
    const unedited = await decodeWith(new ExpressionEditor(encoder.model));
    const uneditedExpr = (await evaluator.analyze(unedited))?.expression;
    let strip = unedited;
    for (const name of EMOTIONS) {
      const edited = await decodeWith(new ExpressionEditor(encoder.model).setEmotion(name, STRENGTH));
      strip = sideBySide(strip, edited);
      const e = (await evaluator.analyze(edited))?.expression;
      if (!e || !uneditedExpr) continue;
      const k = EXPRESSION_LABELS.indexOf(name);
      const row = {
        portrait, emotion: name,
        aemodEdited: +aemod(refs[name].expression, e).toFixed(3),
        aemodUnedited: +aemod(refs[name].expression, uneditedExpr).toFixed(3),
        pEmotionEdited: +e[k].toFixed(3),
        pEmotionUnedited: +uneditedExpr[k].toFixed(3),
      };
      rows.push(row);
      const s = (sums[name] ??= { edited: 0, unedited: 0, pEdited: 0, pUnedited: 0, n: 0 });
      s.edited += row.aemodEdited; s.unedited += row.aemodUnedited; s.pEdited += row.pEmotionEdited; s.pUnedited += row.pEmotionUnedited; s.n++;
    }
    strip = sideBySide(strip, await decodeWith(new ExpressionEditor(encoder.model).setPoseOffset({ yawDeg: 15 })));
    await writeImage(resolve(outDir, `edits-${portrait.split('/').pop()!.replace(/\.\w+$/, '')}.png`), strip);
  }
  await evaluator.close();
  for (const r of rows) console.error(JSON.stringify(r));
  const summary = Object.fromEntries(
    Object.entries(sums).map(([k, s]) => [k, { aemodEdited: +(s.edited / s.n).toFixed(3), aemodUnedited: +(s.unedited / s.n).toFixed(3), pEdited: +(s.pEdited / s.n).toFixed(3), pUnedited: +(s.pUnedited / s.n).toFixed(3), n: s.n }]),
  );
  console.log(JSON.stringify({ strength: STRENGTH, references: Object.fromEntries(Object.entries(refs).map(([k, r]) => [k, `${r.source}#${r.index}`])), summary }));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
