/** The typed error every media function throws: missing files, undecodable data, ffmpeg failures, bad frame sizes. */
import { FacecodecError } from '../errors.js';

/**
 * Stable codes of {@link MediaError}:
 * - `MEDIA_NOT_FOUND`: the path does not exist or is not a regular file.
 * - `MEDIA_UNREADABLE`: ffmpeg/ffprobe could not parse the file (corrupt, empty, not media).
 * - `MEDIA_NO_VIDEO`: the file parses but holds no video/image stream.
 * - `MEDIA_FFMPEG_MISSING`: the ffmpeg or ffprobe executable could not be started.
 * - `MEDIA_FFMPEG_FAILED`: ffmpeg exited with an error while reading or writing.
 * - `MEDIA_BAD_ARGUMENT`: an argument (size, rect, fps, frame) is invalid.
 * - `MEDIA_TOO_LARGE`: the request would decode more data than the caller allowed.
 * - `MEDIA_CLOSED`: a writer was used after `close()`/`abort()`.
 * - `MEDIA_UNSUPPORTED_FORMAT`: an image codec was asked for a format it does not read or write.
 */
export type MediaErrorCode =
  | 'MEDIA_NOT_FOUND'
  | 'MEDIA_UNREADABLE'
  | 'MEDIA_NO_VIDEO'
  | 'MEDIA_FFMPEG_MISSING'
  | 'MEDIA_FFMPEG_FAILED'
  | 'MEDIA_BAD_ARGUMENT'
  | 'MEDIA_TOO_LARGE'
  | 'MEDIA_CLOSED'
  | 'MEDIA_UNSUPPORTED_FORMAT';

/** Error thrown by everything in `src/media`; branch on `code`, not on the message. */
export class MediaError extends FacecodecError {
  declare readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
