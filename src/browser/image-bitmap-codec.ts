/**
 * Keyframe images with the browser's own codecs: AVIF, WebP and PNG decode through createImageBitmap (so a page
 * receives the Node sender's default AVIF keyframes), WebP encodes through OffscreenCanvas. JPEG stays on jpeg-js in
 * both directions, so JPEG keyframes decode to the same pixels as in Node.
 */
import type { ImageFormat } from '../bitstream/messages.js';
import { decodeJpeg, encodeJpeg } from '../media/jpeg-codec.js';
import { checkTarget, searchQualityForBytes, type EncodedKeyframeImage, type KeyframeImageCodec, type KeyframeImageTarget } from '../media/keyframe-image-codec.js';
import { MediaError } from '../media/media-error.js';
import type { RgbImage } from '../media/rgb-image.js';
import { rgbaToRgb, rgbToRgba } from './canvas-image.js';

/** Largest image accepted, in megapixels, as the JPEG decoder's limit: a hostile keyframe cannot exhaust memory. */
const MAX_MEGAPIXELS = 16;

// The DOM's image APIs, typed here as far as used (the project compiles without the DOM library).
interface Bitmap {
  readonly width: number;
  readonly height: number;
  close(): void;
}
interface Canvas2d {
  drawImage(image: Bitmap, dx: number, dy: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  createImageData(w: number, h: number): { data: Uint8ClampedArray };
  putImageData(data: { data: Uint8ClampedArray }, dx: number, dy: number): void;
}
interface Canvas {
  getContext(kind: '2d', options?: object): Canvas2d | null;
  convertToBlob(options: { type: string; quality?: number }): Promise<Blob>;
}
interface ImageApis {
  createImageBitmap(image: Blob, options?: object): Promise<Bitmap>;
  OffscreenCanvas: new (width: number, height: number) => Canvas;
}

function imageApis(): ImageApis {
  const g = globalThis as unknown as Partial<ImageApis>;
  if (typeof g.createImageBitmap !== 'function' || typeof g.OffscreenCanvas !== 'function') {
    throw new MediaError('MEDIA_UNSUPPORTED_FORMAT', 'this platform has no createImageBitmap/OffscreenCanvas (use JpegImageCodec)');
  }
  return g as ImageApis;
}

function context(canvas: Canvas): Canvas2d {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new MediaError('MEDIA_UNREADABLE', 'OffscreenCanvas has no 2d context');
  return ctx;
}

/** Options of {@link BrowserImageCodec}. */
export interface BrowserImageCodecOptions {
  /** What `encode` writes: 'webp' (the canvas encoder) or 'jpeg' (jpeg-js); default 'webp'. */
  format?: 'webp' | 'jpeg';
}

/** Decodes JPEG, PNG, WebP and AVIF keyframes; encodes WebP (canvas) or JPEG (jpeg-js). */
export class BrowserImageCodec implements KeyframeImageCodec {
  readonly name: string;
  readonly format: 'webp' | 'jpeg';
  private lastQuality: number | undefined;

  constructor(options: BrowserImageCodecOptions = {}) {
    this.format = options.format ?? 'webp';
    if (this.format !== 'webp' && this.format !== 'jpeg') throw new MediaError('MEDIA_BAD_ARGUMENT', `BrowserImageCodec encodes webp or jpeg, not ${String(this.format)}`);
    this.name = this.format === 'webp' ? 'browser-webp' : 'jpeg-js';
  }

  canDecode(format: ImageFormat): boolean {
    return format === 'jpeg' || format === 'png' || format === 'webp' || format === 'avif';
  }

  async encode(image: RgbImage, target: KeyframeImageTarget): Promise<EncodedKeyframeImage> {
    checkTarget(target);
    const at = this.format === 'jpeg' ? async (q: number) => encodeJpeg(image, q) : await this.webpEncoder(image);
    if ('quality' in target) return { format: this.format, bytes: await at(target.quality), quality: target.quality, withinTarget: true };
    const found = await searchQualityForBytes(at, target.maxBytes, { hint: this.lastQuality });
    this.lastQuality = found.quality;
    return { format: this.format, ...found };
  }

  async decode(format: ImageFormat, bytes: Uint8Array): Promise<RgbImage> {
    if (format === 'jpeg') return decodeJpeg(bytes);
    if (!this.canDecode(format)) throw new MediaError('MEDIA_UNSUPPORTED_FORMAT', `${this.name} cannot decode ${format}`);
    const apis = imageApis();
    let bitmap: Bitmap;
    try {
      // No colour management and no premultiplication: the sender's RGB values, as sharp gives them in Node.
      bitmap = await apis.createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `image/${format}` }), {
        colorSpaceConversion: 'none',
        premultiplyAlpha: 'none',
      });
    } catch (err) {
      throw new MediaError('MEDIA_UNREADABLE', `cannot decode ${format} keyframe: ${String(err)}`, { cause: err });
    }
    try {
      const { width, height } = bitmap;
      if (!(width > 0 && height > 0)) throw new MediaError('MEDIA_UNREADABLE', `${format} keyframe decoded to ${width}x${height}`);
      if (width * height > MAX_MEGAPIXELS * 1e6) throw new MediaError('MEDIA_TOO_LARGE', `${format} keyframe is ${width}x${height}, over ${MAX_MEGAPIXELS} MP`);
      const ctx = context(new apis.OffscreenCanvas(width, height));
      ctx.drawImage(bitmap, 0, 0);
      return rgbaToRgb(ctx.getImageData(0, 0, width, height).data, width, height);
    } finally {
      bitmap.close();
    }
  }

  /** WebP at a quality 1..100, from one canvas holding `image`. */
  private async webpEncoder(image: RgbImage): Promise<(quality: number) => Promise<Uint8Array>> {
    const canvas = new (imageApis().OffscreenCanvas)(image.width, image.height);
    const ctx = context(canvas);
    const data = ctx.createImageData(image.width, image.height);
    rgbToRgba(image, data.data);
    ctx.putImageData(data, 0, 0);
    return async (quality) => {
      const blob = await canvas.convertToBlob({ type: 'image/webp', quality: quality / 100 });
      if (blob.type !== 'image/webp') throw new MediaError('MEDIA_UNSUPPORTED_FORMAT', `this browser's canvas writes ${blob.type}, not WebP`);
      return new Uint8Array(await blob.arrayBuffer());
    };
  }
}
