/**
 * The shipped built-in model versions (models/builtin-face-v1.bin, -v2.bin): both load and differ, v2 was built from
 * training identities only, encoders code with the one asked for, and a default decoder decodes streams of either
 * (the header names the model and its hash) while a decoder holding only v1 refuses a v2 stream by name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDecoder, createEncoder, loadBuiltinFaceModels, loadFaceModel } from '../../src/codec.js';
import type { EncoderOutput } from '../../src/encoder/encoder.js';
import { BUILTIN_FACE_MODEL_VERSIONS, DEFAULT_BUILTIN_FACE_MODEL_VERSION, builtinFaceModelPath, loadBuiltinFaceModel } from '../../src/face/builtin/index.js';
import { readImage, type RgbImage } from '../../src/media/index.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

const PORTRAIT = path.join(PACKAGE_ROOT, 'assets', 'sample', 'astronaut-face.jpg');

interface SplitFile {
  evaluationIdentities: string[];
  clips: { folder: string; file: string; person: string }[];
}

test('v1 and v2 load as two models with their own ids and hashes; loadFaceModel picks by builtinVersion', async () => {
  expect(BUILTIN_FACE_MODEL_VERSIONS).toEqual([1, 2]);
  const v1 = loadBuiltinFaceModel(builtinFaceModelPath(1));
  const v2 = loadBuiltinFaceModel(builtinFaceModelPath(2));
  expect(v1.id).toBe('builtin-mediapipe-v1');
  expect(v2.id).toBe('builtin-mediapipe-v2');
  expect(v2.dataHash).not.toBe(v1.dataHash);
  expect(v2.expressionDims).toBe(50);
  expect(v2.shapeDims).toBe(20);
  expect(await loadFaceModel({ builtinVersion: 2 })).toBe(v2);
  expect(await loadFaceModel({ builtinVersion: 1 })).toBe(v1);
  expect((await loadFaceModel()).id).toBe(`builtin-mediapipe-v${DEFAULT_BUILTIN_FACE_MODEL_VERSION}`);
  await expect(loadFaceModel({ builtinVersion: 3 as 1 })).rejects.toMatchObject({ code: 'BAD_CONFIG' });
  expect(loadBuiltinFaceModels().map((m) => m.id).sort()).toEqual(['builtin-mediapipe-v1', 'builtin-mediapipe-v2']);
});

test('v2 was built from training identities of the split only: no evaluation identity, no still', () => {
  const split = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'training', 'identity-split.json'), 'utf8')) as SplitFile;
  const personOf = new Map(split.clips.map((c) => [`${c.folder}/${c.file}`, c.person]));
  const sources = loadBuiltinFaceModel(builtinFaceModelPath(2)).metadata.build.sources;
  expect(sources.length).toBeGreaterThanOrEqual(80);
  for (const s of sources) {
    expect(s.kind).toBe('clip');
    expect(personOf.get(s.name)).toBe(s.person);
    expect(split.evaluationIdentities).not.toContain(s.person);
  }
  expect(new Set(sources.map((s) => s.person)).size).toBeGreaterThanOrEqual(70);
});

async function encodePortrait(image: RgbImage, builtinVersion: 1 | 2): Promise<EncoderOutput[]> {
  const { encoder, close } = await createEncoder({ frameRateHz: 25, fullFrameCrop: true, builtinVersion, personMatte: false });
  try {
    expect(encoder.model.id).toBe(`builtin-mediapipe-v${builtinVersion}`);
    return [...(await encoder.encode(image, 0)), ...(await encoder.encode(image, 40))];
  } finally {
    close();
  }
}

test('a default decoder decodes v1 and v2 streams; one holding only v1 refuses v2 by name', async () => {
  const image = await readImage(PORTRAIT);
  for (const version of [1, 2] as const) {
    const outputs = await encodePortrait(image, version);
    const header = outputs.find((o) => o.type === 'header');
    expect(header?.type === 'header' && header.header.faceModelId).toBe(`builtin-mediapipe-v${version}`);
    const decoder = await createDecoder();
    let decoded = 0;
    for (const o of outputs) {
      if (o.type === 'frame') {
        const frame = await decoder.decodeFrame(o.bytes);
        expect(frame.image.width).toBe(256);
        decoded++;
      } else {
        await decoder.receive(o.bytes);
      }
    }
    expect(decoded).toBe(2);
    await decoder.close();
    if (version === 2) {
      const v1Only = await createDecoder({ models: [await loadFaceModel({ builtinVersion: 1 })] });
      await expect(v1Only.receive(header!.bytes)).rejects.toMatchObject({ code: 'MODEL_NOT_AVAILABLE', message: expect.stringContaining('builtin-mediapipe-v2') });
      await v1Only.close();
    }
  }
}, 60_000);
