/** Decodes a stream file with the Node decoder (built-in model, mesh-warp; pure-JS JPEG unless told): the browser's reference. */
import { readStreamFile } from '../../src/bitstream/index.js';
import { loadFaceModel } from '../../src/codec.js';
import { Decoder } from '../../src/decoder/decoder.js';
import { MeshWarpFaceRenderer } from '../../src/decoder/mesh-warp-face-renderer.js';
import { JpegImageCodec } from '../../src/media/jpeg-image-codec.js';
import type { KeyframeImageCodec } from '../../src/media/keyframe-image-codec.js';
import type { RgbImage } from '../../src/media/rgb-image.js';

export async function decodeStreamInNode(bytes: Uint8Array, keyframeCodec: KeyframeImageCodec = new JpegImageCodec()): Promise<RgbImage[]> {
  const decoder = new Decoder({ models: [await loadFaceModel()], renderer: new MeshWarpFaceRenderer(), keyframeCodec });
  const frames: RgbImage[] = [];
  try {
    for (const entry of readStreamFile(bytes)) {
      const event = await decoder.handle(entry.message);
      if (event.type === 'frame') frames.push(event.frame.image);
    }
  } finally {
    await decoder.close();
  }
  return frames;
}
