/** End-to-end encryption of facecodec payloads (SFrame-style, WebCrypto): the same module in Node and in browsers. */
export { E2eeError, type E2eeErrorCode } from './e2ee-error.js';
export { SframeContext, MIN_EPOCH_SECRET_BYTES, type OpenedPacket, type SframeStats } from './sframe-context.js';
export { SFRAME_HEADER_BYTES, SFRAME_TAG_BYTES, SFRAME_OVERHEAD_BYTES, SFRAME_VERSION, MAX_SENDER_ID, readHeader, type SframeHeader } from './sframe-header.js';
export { ReplayWindow, REPLAY_WINDOW_SIZE } from './replay-window.js';
