/** The facecodec bitstream: messages, quantization, predictive frame coding, rate profiles. */
export { BitstreamError, type BitstreamErrorCode } from './errors.js';
export { Quantizer, type QuantizerSpec } from './quantizer.js';
export {
  makeProfile,
  validateProfile,
  profileSchema,
  compileLayout,
  keypointCount,
  LEARNED_KEYPOINT_SCALE,
  MAX_LEARNED_KEYPOINTS,
  type Profile,
  type ProfileOptions,
  type FrameLayout,
  type FieldGroup,
} from './profile.js';
export {
  createFrameValues,
  keyframeFrameValues,
  learnedKeypointSlots,
  slotsToLearnedKeypoints,
  type FrameValues,
  type KeyframeBase,
} from './frame-values.js';
export { predictKeypointsFromExpression, type KeypointJacobian } from './keypoint-prediction.js';
export {
  FrameEncoder,
  FrameDecoder,
  SEQUENCE_MODULUS,
  type EncodedFrame,
  type DecodedFrame,
  type FrameType,
  type FrameEncoderOptions,
  type FrameDecoderOptions,
} from './frame-coder.js';
export {
  encodeMessage,
  decodeMessage,
  FORMAT_VERSION,
  MAX_HELD_KEYFRAMES,
  MAX_MESSAGE_BYTES,
  type StreamMessage,
  type StreamHeader,
  type KeyframeMessage,
  type MouthReferenceMessage,
  type KeyframeParams,
  type ControlMessage,
  type ReceiverStats,
  type ImageFormat,
  IMAGE_FORMATS,
} from './messages.js';
export { StreamFileWriter, readStreamFile, STREAM_FILE_MAGIC, type StreamFileEntry } from './stream-file.js';
export { estimateRate, kbps, RateController, PROFILE_LADDER, RANGE_BITS_PER_VALUE, LEARNED_KEYPOINT_BITS_PER_VALUE, type ProfileRate } from './rate.js';
export { encodeFrameBundle, decodeFrameBundle, isFrameBundle, MAX_BUNDLE_PACKETS } from './frame-bundle.js';
export { encodePersonMatte, decodePersonMatte, matteAlpha, MATTE_GRID, MAX_MATTE_BYTES, type MatteGrid } from './person-matte.js';
