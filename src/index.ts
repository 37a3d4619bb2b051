/** facecodec: talking-head video at a few kbit/s. The public surface of the SDK. */
// Installs Node's file access for the core before anything below can ask for a model file.
import './node/index.js';
export { FacecodecError } from './errors.js';
export * from './bitstream/index.js';
export {
  createEncoder,
  createDecoder,
  createFitter,
  createKeyframeCodec,
  loadFaceModel,
  loadBuiltinFaceModels,
  DEFAULT_KEYFRAME_BYTES,
  QUICK_FIRST_PICTURE_BYTES,
  DEFAULT_KEYFRAME_FORMAT,
  type CreateEncoderOptions,
  type CreateDecoderOptions,
  type FaceModelConfig,
} from './codec.js';
export { Encoder, type EncoderOptions, type EncoderOutput, type FaceTracking, type EncoderTimings } from './encoder/encoder.js';
export { EncoderError } from './encoder/encoder-error.js';
export type { FaceFitter, FrameFit, MeshObservation } from './encoder/face-fitter.js';
export { keyframePolicySchema, type KeyframePolicyOptions } from './encoder/keyframe-policy.js';
export { Decoder, type DecodedVideoFrame, type DecoderEvent, type DecoderOptions } from './decoder/decoder.js';
export { DecoderError } from './decoder/decoder-error.js';
export type { FaceRenderer, RenderFrame, RenderKeyframe } from './decoder/renderer.js';
export { MeshWarpFaceRenderer } from './decoder/mesh-warp-face-renderer.js';
export { RefinedFaceRenderer, RefinerInputBuilder, REFINER_INPUT_CHANNELS, type RefinedFaceRendererOptions, type RefinerCapture, type RefinerRunner } from './decoder/refiner/index.js';
// The runner opens its session on the installed runtime (onnxruntime-node here, whose native binding loads with the first session).
export { OnnxRefinerRunner, type OnnxRefinerOptions } from './decoder/refiner/onnx-refiner-runner.js';
export { setOnnxSessions, onnxSessions, openOnFirstWorkingProvider, openAllOnFirstWorkingProvider, type OnnxSessions, type OnnxSession, type OnnxTensor, type OnnxExecutionProvider, type OnnxSessionTuning, type OnnxDataLocation } from './decoder/inference/onnx-sessions.js';
export { nodeOnnxSessions } from './node/node-onnx-sessions.js';
export type { FaceModel, FaceShapeParams, HeadPose } from './face/face-model.js';
export { neutralParams } from './face/face-model.js';
export { selectKeypoints, KEYPOINT_PRIORITY, IBUG68_GROUPS } from './face/keypoint-selection.js';
export { projectPoints } from './face/projection.js';
export { FaceLandmarker, FaceTracker, type TrackResult } from './face/landmarks/index.js';
export { loadBuiltinFaceModel, BUILTIN_FACE_MODEL_VERSIONS, DEFAULT_BUILTIN_FACE_MODEL_VERSION, type BuiltinFaceModelVersion } from './face/builtin/index.js';
export { loadFlameModel } from './face/flame/index.js';
export { ModelAssetError } from './io/index.js';
export * from './media/index.js';
export { encodeJpeg, decodeJpeg } from './media/jpeg-codec.js';
export { JpegImageCodec } from './media/jpeg-image-codec.js';
export { searchQualityForBytes, type KeyframeImageCodec, type KeyframeImageTarget, type EncodedKeyframeImage } from './media/keyframe-image-codec.js';
export type { SharpImageCodecOptions, SharpKeyframeFormat } from './media/sharp-image-codec.js';
export {
  SignalingServer,
  createRoomToken,
  verifyRoomToken,
  SIGNALING_DEFAULTS,
  type SignalingServerOptions,
  type SignalingServerStats,
  connectPeer,
  PeerLink,
  LossyChannel,
  TransportError,
  DEFAULT_SCTP_ACK_POLICY,
  RFC_9260_ACK_POLICY,
  type SctpAckPolicy,
  type CodecLink,
  startJanus,
  createJanusToken,
  createJanusRoom,
  issueJanusAccess,
  janusRoomId,
  janusRoomPin,
  JanusSession,
  JanusRoomMember,
  RelayLink,
  type JanusServer,
  type StartJanusOptions,
  type JanusRoomAccess,
  type JanusRoomMemberEvents,
  type JanusRoomMemberOptions,
  type JanusRoomMemberStats,
} from './transport/index.js';
export {
  ControlsError,
  ExpressionDirections,
  ExpressionEditor,
  EditingRenderer,
  EditingFitter,
  RelativeMotion,
  RelativeMotionFitter,
  REENACT_KEYFRAME_POLICY,
  type PoseOffset,
  type PoseOverride,
} from './controls/index.js';
export * from './call/index.js';
export * from './e2ee/index.js';
