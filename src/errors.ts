/** Base class of every error the SDK throws on purpose: a stable `code` lets callers branch without parsing messages. */
export class FacecodecError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
