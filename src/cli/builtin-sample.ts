/**
 * The built-in sample video, for machines without ../shared: the public-domain portrait in assets/sample/ is fitted
 * with the encoder's own landmarker and fitter, then re-rendered by the mesh-warp renderer for every frame of the
 * built-in motion track. The result is an ordinary video that the codec then tracks, encodes and decodes like any other.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createFitter, loadFaceModel } from '../codec.js';
import { MeshWarpFaceRenderer } from '../decoder/mesh-warp-face-renderer.js';
import { FacecodecError } from '../errors.js';
import { FaceLandmarker } from '../face/landmarks/index.js';
import type { FaceModel } from '../face/face-model.js';
import { createRgbImage, readImage, VideoWriter, type RgbImage } from '../media/index.js';
import { BUILTIN_SAMPLE_DIR, defaultSampleClip } from '../paths.js';
import { MotionTrackDriver, readMotionTrack, type MotionTrack } from './motion-track.js';

export const BUILTIN_PORTRAIT = resolve(BUILTIN_SAMPLE_DIR, 'astronaut-face.jpg');
export const BUILTIN_TRACK = resolve(BUILTIN_SAMPLE_DIR, 'talking-track.json');
/** Where the sample video is written (beside the command's other outputs). */
export const BUILTIN_SAMPLE_VIDEO = 'out/sample/astronaut-talking.mp4';

/** What a sample input is, for the commands' reports. */
export interface SampleInfo {
  kind: 'shared-clip' | 'builtin';
  path: string;
  description: string;
}

export const BUILTIN_SAMPLE_DESCRIPTION =
  'built-in sample: a public-domain NASA portrait (astronaut Eileen Collins, via Debian python3-skimage; see assets/sample/NOTICE.md) ' +
  'reenacted by the mesh-warp renderer from the built-in motion track (assets/sample/talking-track.json: speech, blinks, brows, a head turn); not footage';

export interface SampleVideoReport {
  output: string;
  frames: number;
  frameRateHz: number;
  width: number;
  height: number;
  /** RMS distance (px) between the fitted model and the portrait's detected mesh. */
  portraitFitRmsPx: number;
  ms: number;
}

/**
 * Renders the sample video to `output` (default out/sample/astronaut-talking.mp4).
 * @throws FacecodecError SAMPLE_NO_FACE when the landmarker finds no face in the portrait.
 */
export async function renderBuiltinSample(output = BUILTIN_SAMPLE_VIDEO, opts: { portrait?: string; track?: string } = {}): Promise<SampleVideoReport> {
  const t0 = performance.now();
  const portraitPath = opts.portrait ?? BUILTIN_PORTRAIT;
  const [portrait, track, model] = await Promise.all([readImage(portraitPath), readMotionTrack(opts.track ?? BUILTIN_TRACK), loadFaceModel()]);
  const animation = await animatePortrait(portrait, track, model, portraitPath);
  await mkdir(dirname(resolve(output)), { recursive: true });
  const writer = await VideoWriter.open(output, { width: portrait.width, height: portrait.height, fps: track.frameRateHz, crf: 16 });
  const out = createRgbImage(portrait.width, portrait.height);
  try {
    for (let i = 0; i < animation.frameCount; i++) {
      animation.render(i, out);
      await writer.write(out);
    }
  } finally {
    await writer.close();
    animation.close();
  }
  return {
    output,
    frames: animation.frameCount,
    frameRateHz: track.frameRateHz,
    width: portrait.width,
    height: portrait.height,
    portraitFitRmsPx: Number(animation.portraitFitRmsPx.toFixed(3)),
    ms: Math.round(performance.now() - t0),
  };
}

/** A portrait fitted once and driven by a motion track: frame `i` renders into an image of the portrait's size. */
export interface PortraitAnimation {
  readonly frameCount: number;
  readonly portraitFitRmsPx: number;
  render(index: number, out: RgbImage): void;
  close(): void;
}

/**
 * Finds and fits the face in `portrait` (identity and pose) and returns the mesh-warp animation of it by `track`.
 * @throws FacecodecError SAMPLE_NO_FACE when the landmarker finds no face in the portrait.
 */
export async function animatePortrait(portrait: RgbImage, track: MotionTrack, model: FaceModel, portraitPath: string): Promise<PortraitAnimation> {
  const landmarker = await FaceLandmarker.create();
  let mesh;
  try {
    const [box] = await landmarker.detectFaces(portrait);
    mesh = box ? await landmarker.landmarks(portrait, box) : null;
  } finally {
    landmarker.close();
  }
  if (!mesh) throw new FacecodecError('SAMPLE_NO_FACE', `no face found in the portrait ${portraitPath}`);
  const { shape, fits } = createFitter(model).fitIdentity([mesh.points]);
  const fit = fits[0];
  const base = { params: { ...fit.params, shape }, pose: fit.pose };
  const driver = new MotionTrackDriver(track, model, base);
  const renderer = new MeshWarpFaceRenderer();
  renderer.setKeyframe({ image: portrait, model, params: base.params, pose: base.pose, keypoints68Mm: model.landmarks68(base.params) });
  return {
    frameCount: driver.frameCount,
    portraitFitRmsPx: fit.rmsErrorPx,
    render(index, out) {
      const { params, pose } = driver.frame(index);
      renderer.render({ params, pose, keypointsMm: new Float32Array(0), landmarkIds: [], receivedExpressionDims: model.expressionDims }, out);
    },
    close: () => renderer.close(),
  };
}

/**
 * The input a command uses when none is given: the shared clip when ../shared (or $FACECODEC_SHARED) has it, else
 * the built-in sample, rendered now (about a second) so it always matches the committed portrait and track.
 */
export async function defaultInput(sharedClip = defaultSampleClip(), output = BUILTIN_SAMPLE_VIDEO): Promise<SampleInfo> {
  if (existsSync(sharedClip)) return { kind: 'shared-clip', path: sharedClip, description: `shared sample clip ${sharedClip}` };
  await renderBuiltinSample(output);
  return { kind: 'builtin', path: output, description: BUILTIN_SAMPLE_DESCRIPTION };
}
