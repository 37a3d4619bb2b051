/**
 * PersonSegmenter: MediaPipe's selfie segmentation (256x256 in, a person probability per pixel out) on the keyframe
 * crop, so the keyframe can tell the receiver which pixels are the person and which the background. The graph model
 * (300 KB) ships in models/selfie-segmentation/ with its licence notice.
 */
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { platformFiles } from '../../io/platform-files.js';
import { cropResize } from '../../media/crop-resize.js';
import type { RgbImage } from '../../media/rgb-image.js';
import { loadGraphModelFile } from './graph-model-file.js';
import { LandmarksError } from './landmarks-error.js';
import { startTfRuntime, tf } from './tf-runtime.js';

/** The network's input and output side. */
const SIDE = 256;

/** The selfie model shipped in the package's models/selfie-segmentation/ (see its NOTICE.md). */
export function defaultSelfieModelPath(): string {
  const files = platformFiles();
  return files.join(files.join(files.root('models'), 'selfie-segmentation'), 'selfie.json');
}

export class PersonSegmenter {
  private closed = false;
  private readonly input = new Float32Array(SIDE * SIDE * 3);

  private constructor(private readonly model: GraphModel) {}

  /** Loads the selfie model (default: the shipped one); throws LANDMARKS_MODEL_MISSING when its files cannot be read. */
  static async create(modelPath: string = defaultSelfieModelPath()): Promise<PersonSegmenter> {
    await startTfRuntime();
    return new PersonSegmenter(await loadGraphModelFile(modelPath));
  }

  /** Person probability (0..1) of every pixel of `image`, at its own size. */
  async matte(image: RgbImage): Promise<Float32Array> {
    if (this.closed) throw new LandmarksError('LANDMARKS_CLOSED', 'PersonSegmenter was used after close()');
    const scaled = image.width === SIDE && image.height === SIDE ? image : cropResize(image, { x: 0, y: 0, width: image.width, height: image.height }, SIDE, SIDE);
    for (let i = 0; i < this.input.length; i++) this.input[i] = scaled.data[i] / 255;
    const out = tf.tidy(() => {
      const res = this.model.execute(tf.tensor4d(this.input, [1, SIDE, SIDE, 3]));
      return Array.isArray(res) ? res[0] : res;
    });
    let probs: Float32Array;
    try {
      probs = (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
    if (image.width === SIDE && image.height === SIDE) return Float32Array.from(probs);
    // Back to the image's size, nearest cell (the matte is coded on a coarse grid anyway).
    const alpha = new Float32Array(image.width * image.height);
    for (let y = 0; y < image.height; y++) {
      const sy = Math.min(SIDE - 1, Math.floor(((y + 0.5) * SIDE) / image.height));
      for (let x = 0; x < image.width; x++) alpha[y * image.width + x] = probs[sy * SIDE + Math.min(SIDE - 1, Math.floor(((x + 0.5) * SIDE) / image.width))];
    }
    return alpha;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.model.dispose();
  }
}
