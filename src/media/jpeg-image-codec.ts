/** The built-in keyframe image codec: baseline JPEG in pure JS (jpeg-js), so any platform can send and receive. */
import type { ImageFormat } from '../bitstream/messages.js';
import { decodeJpeg, encodeJpeg } from './jpeg-codec.js';
import { checkTarget, searchQualityForBytes, type EncodedKeyframeImage, type KeyframeImageCodec, type KeyframeImageTarget } from './keyframe-image-codec.js';
import { MediaError } from './media-error.js';
import type { RgbImage } from './rgb-image.js';

/** JPEG keyframes with jpeg-js; decodes JPEG only. */
export class JpegImageCodec implements KeyframeImageCodec {
  readonly name = 'jpeg-js';
  readonly format = 'jpeg' as const;
  /** Start of the next budget search (see searchQualityForBytes). */
  private lastQuality: number | undefined;

  canDecode(format: ImageFormat): boolean {
    return format === 'jpeg';
  }

  async encode(image: RgbImage, target: KeyframeImageTarget): Promise<EncodedKeyframeImage> {
    checkTarget(target);
    if ('quality' in target) return { format: 'jpeg', bytes: encodeJpeg(image, target.quality), quality: target.quality, withinTarget: true };
    const found = await searchQualityForBytes(async (q) => encodeJpeg(image, q), target.maxBytes, { hint: this.lastQuality });
    this.lastQuality = found.quality;
    return { format: 'jpeg', ...found };
  }

  async decode(format: ImageFormat, bytes: Uint8Array): Promise<RgbImage> {
    if (format !== 'jpeg') throw new MediaError('MEDIA_UNSUPPORTED_FORMAT', `${this.name} decodes JPEG only, not ${format}`);
    return decodeJpeg(bytes);
  }
}
