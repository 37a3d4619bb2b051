/** The typed error the frame renderers throw: malformed meshes, mismatched buffers, bad motion, use after close. */
import { FacecodecError } from '../../errors.js';

/**
 * Stable codes of {@link RendererError}:
 * - `RENDER_BAD_INPUT`: an image, vertex array or head motion has the wrong size or non-finite values where none are allowed.
 * - `RENDER_BAD_MESH`: the mesh topology is malformed (index out of range, length not a multiple of 3, loop too short).
 * - `RENDER_CLOSED`: the renderer was used after `close()`.
 */
export type RendererErrorCode = 'RENDER_BAD_INPUT' | 'RENDER_BAD_MESH' | 'RENDER_CLOSED';

/** Error thrown by everything in `src/decoder/renderers`; branch on `code`, not on the message. */
export class RendererError extends FacecodecError {
  declare readonly code: RendererErrorCode;

  constructor(code: RendererErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
