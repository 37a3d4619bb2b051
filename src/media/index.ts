/** Public surface of the media module: video/image input and output over ffmpeg, and pure-TS image operations. */
export { MediaError, type MediaErrorCode } from './media-error.js';
export { createRgbImage, type RgbImage } from './rgb-image.js';
export type { PixelRect, FrameSize } from './pixel-rect.js';
export { probeVideo, type VideoInfo } from './probe-video.js';
export { readVideoFrames, readAllFrames, readImage, type ReadVideoOptions, type ReadAllFramesOptions } from './read-video-frames.js';
export { cropResize, type CropResizeOptions, type BorderMode } from './crop-resize.js';
export { VideoWriter, type VideoWriterOptions, type VideoWriterCodec } from './video-writer.js';
export { writeImage } from './write-image.js';
export { pasteBack, type PasteBackOptions } from './paste-back.js';
export { extendAround } from './extend-around.js';
export { sideBySide } from './side-by-side.js';
export { toGray, type GrayImage } from './to-gray.js';
