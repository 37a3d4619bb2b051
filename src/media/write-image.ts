/** writeImage: saves one RgbImage as PNG (or any still format ffmpeg picks from the extension, e.g. .jpg). */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MediaError } from './media-error.js';
import { assertFrameSize } from './pixel-rect.js';
import { RawFrameSink } from './raw-frame-sink.js';
import type { RgbImage } from './rgb-image.js';

/**
 * Writes `img` to `path`, creating the parent folder; the format follows the extension (.png is lossless).
 * @throws MediaError MEDIA_BAD_ARGUMENT for a malformed image, MEDIA_FFMPEG_FAILED when ffmpeg cannot write it.
 */
export async function writeImage(path: string, img: RgbImage): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) throw new MediaError('MEDIA_BAD_ARGUMENT', 'path must be a non-empty string');
  assertFrameSize(img, 'image');
  await mkdir(dirname(path), { recursive: true });
  // -update 1 writes a single file instead of treating the path as a numbered pattern.
  const sink = await RawFrameSink.start(img, 1, ['-frames:v', '1', '-update', '1', '-y', path], `writing ${path}`);
  try {
    await sink.write(img);
  } catch (err) {
    await sink.abort();
    throw err;
  }
  await sink.close();
}
