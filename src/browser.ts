/**
 * facecodec/browser: the platform-neutral core for pages and workers. Decoder with the mesh-warp renderer,
 * bitstream, the encoder with fitting and the MediaPipe face tracker, the built-in face model loaded by URL, keyframe
 * codecs and canvas helpers; `mesh-warp+refine` and the neural renderer on onnxruntime-web. Call `configureAssets({ modelsUrl })` first: it installs fetch-based file access for the core.
 */
import { browserJanusPlatform } from './browser/browser-janus-platform.js';
import { setJanusPlatform } from './transport/janus/janus-platform.js';

export { FacecodecError } from './errors.js';
export * from './bitstream/index.js';

// platform: where the page serves the SDK's files
export { configureAssets, preloadAssets, loadBuiltinFaceModelFromUrl } from './browser/configure-assets.js';
export { BrowserFiles, type BrowserAssetUrls } from './browser/browser-files.js';
export { setPlatformFiles, platformFiles, type PlatformFiles, type AssetRoot } from './io/platform-files.js';
export { ModelAssetError, type ModelAssetErrorCode } from './io/model-asset-error.js';
export { sha256Hex } from './io/sha256.js';

// receiver
export { Decoder, type DecodedVideoFrame, type DecoderEvent, type DecoderOptions } from './decoder/decoder.js';
export { DecoderError } from './decoder/decoder-error.js';
export type { FaceRenderer, RenderFrame, RenderKeyframe } from './decoder/renderer.js';
export { MeshWarpFaceRenderer } from './decoder/mesh-warp-face-renderer.js';
// mesh-warp+refine: the refiner on onnxruntime-web (a chunk loaded with the first session; WebGPU if the page has an adapter, else wasm)
export { RefinedFaceRenderer, RefinerInputBuilder, REFINER_INPUT_CHANNELS, type RefinedFaceRendererOptions, type RefinerCapture, type RefinerRunner } from './decoder/refiner/index.js';
export { OnnxRefinerRunner, type OnnxRefinerOptions } from './decoder/refiner/onnx-refiner-runner.js';
export { NeuralRendererError, type NeuralRendererErrorCode } from './decoder/neural/neural-renderer-error.js';
// neural: the talking-head generator (and the unsupervised mode's keypoint detector) on onnxruntime-web, models/neural/ by URL
export { NeuralRenderer, LearnedKeypoints, DEFAULT_PROVIDERS, defaultNeuralProviders, defaultNeuralModelDir, loadNeuralModelFiles, neuralModelConfigSchema, normalizedKeypoints, normalizedRotation, expressionFeature } from './decoder/neural/index.js';
export type { NeuralRendererOptions, NeuralFrameInputs, LearnedKeypointsOptions, NeuralExecutionProvider, NeuralModelConfig, NeuralModelFiles } from './decoder/neural/index.js';
export { setOnnxSessions, onnxSessions, openOnFirstWorkingProvider, openAllOnFirstWorkingProvider, type OnnxSessions, type OnnxSession, type OnnxTensor, type OnnxExecutionProvider, type OnnxSessionTuning, type OnnxDataLocation } from './decoder/inference/onnx-sessions.js';
export { webOnnxSessions, webGpuAdapter } from './browser/web-onnx-sessions.js';

// sender: the MediaPipe tracker loads as a separate chunk (tfjs on WASM) on the first createFaceTracking()
export { Encoder, type EncoderOptions, type EncoderOutput, type FaceTracking, type EncoderTimings } from './encoder/encoder.js';
export { EncoderError } from './encoder/encoder-error.js';
export type { FaceFitter, FrameFit, MeshObservation } from './encoder/face-fitter.js';
export { keyframePolicySchema, type KeyframePolicyOptions } from './encoder/keyframe-policy.js';
export { createFitter } from './encoder/mesh-fitter.js';
export { createFaceTracking, type BrowserFaceTracking } from './browser/face-tracking.js';
export type { FaceLandmarker, FaceTracker, FaceLandmarkerOptions, FaceTrackerOptions, TrackResult, FaceMesh, FaceBox } from './face/landmarks/index.js';
export { fitFrame, fitIdentity, FittingError } from './face/fitting/index.js';

// face models
export type { FaceModel, FaceShapeParams, HeadPose } from './face/face-model.js';
export { neutralParams } from './face/face-model.js';
export { BuiltinFaceModel, builtinFaceModelFromBytes, decodeBuiltinModelFile, loadBuiltinFaceModel, BUILTIN_FACE_MODEL_FILE } from './face/builtin/index.js';
export { selectKeypoints, KEYPOINT_PRIORITY, IBUG68_GROUPS } from './face/keypoint-selection.js';
export { projectPoints } from './face/projection.js';

// images
export { createRgbImage, type RgbImage } from './media/rgb-image.js';
export { MediaError, type MediaErrorCode } from './media/media-error.js';
export { cropResize, type CropResizeOptions, type BorderMode } from './media/crop-resize.js';
export { encodeJpeg, decodeJpeg } from './media/jpeg-codec.js';
export { JpegImageCodec } from './media/jpeg-image-codec.js';
export { searchQualityForBytes, type KeyframeImageCodec, type KeyframeImageTarget, type EncodedKeyframeImage } from './media/keyframe-image-codec.js';
export { drawRgbImage, rgbToRgba, rgbaToRgb, type RgbaCanvasContext } from './browser/canvas-image.js';
export { BrowserImageCodec, type BrowserImageCodecOptions } from './browser/image-bitmap-codec.js';
// End-to-end encryption of facecodec payloads (SFrame-style, WebCrypto): the same module as in Node, for a browser in an encrypted room.
export * from './e2ee/index.js';

// calls: the page's WebRTC link (the Node PeerLink's channels and envelope) and the codec sessions that run on it
export { BrowserPeerLink, type BrowserPeerLinkOptions } from './browser/browser-peer-link.js';
export { connectBrowserPeer, type ConnectBrowserPeerOptions } from './browser/connect-browser-peer.js';
export { BrowserSignalingClient } from './browser/browser-signaling-client.js';
export type { SignalingClientEvents, JoinResult } from './transport/signaling-client-types.js';
export { TransportError, type TransportErrorCode } from './transport/transport-error.js';
export type { CodecLink } from './transport/codec-link.js';
export type { Closable, FrameFilter, LinkCloseReason, PeerLinkEvents, PeerLinkStats } from './transport/link-types.js';
export type { IceCandidate, SessionDescription } from './transport/negotiation-types.js';
export { CodecSender, type CodecSenderEvents, type CodecSenderOptions, type CodecSenderStats, type SendResult } from './call/codec-sender.js';
export { CodecReceiver, type CodecReceiverEvents, type CodecReceiverOptions, type CodecReceiverStats, type ReceivedFrame } from './call/codec-receiver.js';
export { CallError, type CallErrorCode } from './call/call-error.js';

// multi-party calls through a Janus VideoRoom: the same session, room member and call as in Node, on the page's
// WebSocket and RTCPeerConnection (installed below); the token and pin come from the app server (issueJanusAccess)
export { JanusSession, JanusHandle, type JanusConnectOptions, type JanusHandleEvents, type JanusSessionEvents } from './transport/janus/janus-session.js';
export { JanusRoomMember, type JanusRoomMemberEvents, type JanusRoomMemberOptions, type JanusRoomMemberStats } from './transport/janus/janus-room-member.js';
export { RelayLink } from './transport/janus/relay-link.js';
export { setJanusPlatform, type JanusPlatform, type JanusSocket, type RoomPeer, type RoomChannel, type RoomChannelInit, type RoomPeerConfig } from './transport/janus/janus-platform.js';
export { browserJanusPlatform } from './browser/browser-janus-platform.js';
export { MultipartyCall, type MultipartyCallEvents, type MultipartyCallOptions } from './call/multiparty-call.js';

setJanusPlatform(browserJanusPlatform);
