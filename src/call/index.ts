/** Public surface of the call layer: codec sessions over a PeerLink (sender, receiver) and rate adaptation. */
export { CallError, type CallErrorCode } from './call-error.js';
export {
  CodecSender,
  DEFAULT_FRAMES_PER_MESSAGE,
  type CodecSenderEvents,
  type CodecSenderOptions,
  type CodecSenderStats,
  type FrameRateChange,
  type FrameRateChangeReason,
  type KeyframeRequestEvent,
  type SendResult,
} from './codec-sender.js';
export { CallSession, type SessionCloseReason } from './call-session.js';
export { type ReconnectEvents, type ReconnectFn, type ReconnectPolicy, type ReconnectedEvent, type ReconnectingEvent } from './reconnect-policy.js';
export {
  CodecReceiver,
  type CodecReceiverEvents,
  type CodecReceiverOptions,
  type CodecReceiverStats,
  type ReceivedFrame,
} from './codec-receiver.js';
export { peekFrameSequence, unwrapSequence } from './frame-sequence.js';
export { keyframeRequestAction, type KeyframeRequestAction, type KeyframeRequestReason } from './keyframe-request-reason.js';
export { percentile } from './percentile.js';
export { RateAdapter, type RateAdapterOptions, type RateChangeReason, type RateDecision, type RateSample } from './rate-adapter.js';
export { RateMeter } from './rate-meter.js';
export { SampleReservoir } from './sample-reservoir.js';
export { ReceiverStatsCollector, type FrameDropReason, type ReceiverTotals } from './receiver-stats-collector.js';
export { FrameBundler, type FrameBundlerOptions, type FrameBundlerCounters, type BundleSend } from './frame-bundler.js';
export { MultipartyCall, type MultipartyCallEvents, type MultipartyCallOptions } from './multiparty-call.js';
