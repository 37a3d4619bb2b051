/**
 * How keyframe crops become bytes and back: one interface the encoder and decoder take, so the core never asks which
 * platform's image coder it runs on (pure-JS JPEG everywhere, sharp's AVIF/WebP in Node, the browser's own decoders).
 */
import type { ImageFormat } from '../bitstream/messages.js';
import { MediaError } from './media-error.js';
import type { RgbImage } from './rgb-image.js';

/** What an encode aims for: a byte budget (the codec picks the best quality that fits), or a fixed quality 1..100. */
export type KeyframeImageTarget = { readonly maxBytes: number } | { readonly quality: number };

/** One encoded keyframe image. */
export interface EncodedKeyframeImage {
  readonly format: ImageFormat;
  readonly bytes: Uint8Array;
  /** The quality (1..100, the format's own scale) it was encoded at. */
  readonly quality: number;
  /** False when even the lowest quality is larger than the target's `maxBytes` (the bytes are that smallest image). */
  readonly withinTarget: boolean;
}

/** Encodes keyframe crops in one format and decodes the formats it knows. */
export interface KeyframeImageCodec {
  /** For logs and reports, e.g. `jpeg-js`, `sharp-avif`. */
  readonly name: string;
  /** The format `encode` writes. */
  readonly format: ImageFormat;
  /** Whether `decode` reads this format. */
  canDecode(format: ImageFormat): boolean;
  encode(image: RgbImage, target: KeyframeImageTarget): Promise<EncodedKeyframeImage>;
  /**
   * Decodes outside bytes to RGB.
   * @throws MediaError MEDIA_UNSUPPORTED_FORMAT, MEDIA_UNREADABLE (corrupt, truncated, not the declared format) or
   * MEDIA_TOO_LARGE.
   */
  decode(format: ImageFormat, bytes: Uint8Array): Promise<RgbImage>;
}

/** Lowest and highest quality a byte-budget search tries. */
export const MIN_QUALITY = 1;
export const MAX_QUALITY = 100;

/**
 * The highest integer quality in [min, max] whose encoding fits `maxBytes` (sizes grow with quality, nearly
 * monotonically for every format here). From a `hint` (e.g. the last keyframe's quality) it brackets the answer with
 * doubling steps and bisects the bracket: 3 to 5 encodes when the hint is close, about 7 without one.
 */
export async function searchQualityForBytes(
  encodeAt: (quality: number) => Promise<Uint8Array>,
  maxBytes: number,
  options: { min?: number; max?: number; hint?: number } = {},
): Promise<{ quality: number; bytes: Uint8Array; withinTarget: boolean }> {
  if (!(Number.isInteger(maxBytes) && maxBytes > 0)) throw new MediaError('MEDIA_BAD_ARGUMENT', `maxBytes must be a positive integer, got ${maxBytes}`);
  let lo = options.min ?? MIN_QUALITY;
  let hi = options.max ?? MAX_QUALITY;
  let best: { quality: number; bytes: Uint8Array } | null = null;
  let smallest: { quality: number; bytes: Uint8Array } | null = null;
  const probe = async (q: number): Promise<boolean> => {
    const bytes = await encodeAt(q);
    if (!smallest || bytes.length < smallest.bytes.length) smallest = { quality: q, bytes };
    if (bytes.length > maxBytes) return false;
    if (!best || q > best.quality) best = { quality: q, bytes };
    return true;
  };
  if (options.hint !== undefined) {
    const q0 = Math.min(hi, Math.max(lo, Math.round(options.hint)));
    // Walk away from the hint in doubling steps until the answer is bracketed, then bisect below.
    if (await probe(q0)) {
      lo = q0 + 1;
      for (let step = 2; lo <= hi; step *= 2) {
        const q = Math.min(hi, q0 + step);
        if (!(await probe(q))) {
          hi = q - 1;
          break;
        }
        lo = q + 1;
      }
    } else {
      hi = q0 - 1;
      for (let step = 2; lo <= hi; step *= 2) {
        const q = Math.max(lo, q0 - step);
        if (await probe(q)) {
          lo = q + 1;
          break;
        }
        hi = q - 1;
      }
    }
  }
  while (lo <= hi) {
    const q = (lo + hi) >> 1;
    if (await probe(q)) lo = q + 1;
    else hi = q - 1;
  }
  const found = best as { quality: number; bytes: Uint8Array } | null;
  return found ? { ...found, withinTarget: true } : { ...smallest!, withinTarget: false };
}

/** Checks a target at the codec boundary. */
export function checkTarget(target: KeyframeImageTarget): void {
  if ('maxBytes' in target) {
    if (!(Number.isInteger(target.maxBytes) && target.maxBytes > 0)) {
      throw new MediaError('MEDIA_BAD_ARGUMENT', `keyframe maxBytes must be a positive integer, got ${target.maxBytes}`);
    }
  } else if (!(target.quality >= MIN_QUALITY && target.quality <= MAX_QUALITY)) {
    throw new MediaError('MEDIA_BAD_ARGUMENT', `keyframe quality must be ${MIN_QUALITY}..${MAX_QUALITY}, got ${target.quality}`);
  }
}
