/**
 * Node keyframe image codec on sharp (libvips with libaom, libwebp and mozjpeg, from prebuilt npm packages): AVIF and
 * WebP keyframes at a quarter to a third of JPEG's bytes. Node only; the core takes it as a KeyframeImageCodec.
 */
import sharp, { type Metadata } from 'sharp';
import type { ImageFormat } from '../bitstream/messages.js';
import { checkTarget, searchQualityForBytes, type EncodedKeyframeImage, type KeyframeImageCodec, type KeyframeImageTarget } from './keyframe-image-codec.js';
import { MediaError } from './media-error.js';
import type { RgbImage } from './rgb-image.js';

/** Formats sharp writes for keyframes. */
export type SharpKeyframeFormat = 'avif' | 'webp' | 'jpeg';

export interface SharpImageCodecOptions {
  /** What `encode` writes (default avif). */
  format?: SharpKeyframeFormat;
  /**
   * Encoder effort: avif 0..9 (default 4), webp 0..6 (default 6); jpeg ignores it. More effort, fewer bytes for the
   * same quality, slower encodes; keyframes are rare, so the byte counts matter more.
   */
  effort?: number;
}

/** Largest keyframe image decoded, pixels: a hostile keyframe cannot make us allocate gigabytes (as jpeg-codec.ts). */
const MAX_PIXELS = 16 * 1024 * 1024;
const DECODES: readonly ImageFormat[] = ['jpeg', 'png', 'webp', 'avif'];

/** sharp's name of what it found in the bytes, as our format name ('heif' with AV1 inside is AVIF). */
function detected(meta: Metadata): ImageFormat | null {
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : null;
  return meta.format === 'jpeg' || meta.format === 'png' || meta.format === 'webp' ? meta.format : null;
}

export class SharpImageCodec implements KeyframeImageCodec {
  readonly name: string;
  readonly format: SharpKeyframeFormat;
  private readonly effort: number;
  /** The last budget search's answer: the next keyframe's is usually close, so the search starts there. */
  private lastQuality: number | undefined;

  constructor(options: SharpImageCodecOptions = {}) {
    this.format = options.format ?? 'avif';
    if (!['avif', 'webp', 'jpeg'].includes(this.format)) throw new MediaError('MEDIA_UNSUPPORTED_FORMAT', `sharp keyframes are avif, webp or jpeg, not ${String(this.format)}`);
    const maxEffort = this.format === 'avif' ? 9 : 6;
    this.effort = options.effort ?? (this.format === 'avif' ? 4 : 6);
    if (!(Number.isInteger(this.effort) && this.effort >= 0 && this.effort <= maxEffort)) {
      throw new MediaError('MEDIA_BAD_ARGUMENT', `${this.format} effort must be an integer 0..${maxEffort}, got ${this.effort}`);
    }
    this.name = `sharp-${this.format}`;
  }

  canDecode(format: ImageFormat): boolean {
    return DECODES.includes(format);
  }

  async encode(image: RgbImage, target: KeyframeImageTarget): Promise<EncodedKeyframeImage> {
    checkTarget(target);
    if (!(image.width > 0 && image.height > 0) || image.data.length !== image.width * image.height * 3) {
      throw new MediaError('MEDIA_BAD_ARGUMENT', 'image data does not match its size');
    }
    const encodeAt = (quality: number) => this.encodeAt(image, quality);
    if ('quality' in target) {
      const quality = Math.round(target.quality);
      return { format: this.format, bytes: await encodeAt(quality), quality, withinTarget: true };
    }
    const found = await searchQualityForBytes(encodeAt, target.maxBytes, { hint: this.lastQuality });
    this.lastQuality = found.quality;
    return { format: this.format, ...found };
  }

  async decode(format: ImageFormat, bytes: Uint8Array): Promise<RgbImage> {
    if (!this.canDecode(format)) throw new MediaError('MEDIA_UNSUPPORTED_FORMAT', `${this.name} does not decode ${format}`);
    try {
      // failOn 'warning': a truncated or damaged keyframe is refused, not shown half grey.
      const input = sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_PIXELS, sequentialRead: true });
      const meta = await input.metadata();
      const found = detected(meta);
      if (found !== format) throw new MediaError('MEDIA_UNREADABLE', `keyframe image says ${format}, holds ${found ?? meta.format ?? 'nothing known'}`);
      const { data, info } = await input.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
        throw new MediaError('MEDIA_UNREADABLE', `${format} decoded to ${info.channels} channels, ${data.length} bytes`);
      }
      return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    } catch (err) {
      if (err instanceof MediaError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new MediaError(/pixel limit/i.test(message) ? 'MEDIA_TOO_LARGE' : 'MEDIA_UNREADABLE', `cannot decode ${format}: ${message}`, { cause: err });
    }
  }

  private async encodeAt(image: RgbImage, quality: number): Promise<Uint8Array> {
    const input = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
    const out =
      this.format === 'avif'
        ? input.avif({ quality, effort: this.effort, chromaSubsampling: '4:2:0' })
        : this.format === 'webp'
          ? input.webp({ quality, effort: this.effort, smartSubsample: true })
          : input.jpeg({ quality, mozjpeg: true });
    const buf = await out.toBuffer();
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
}
