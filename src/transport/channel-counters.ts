/** Traffic counters of one message class (reliable or frame) of a PeerLink. */
import { estimateWireBytes } from './wire-overhead.js';

/** Counters of one message class; `payload` bytes are the application's, `wire` bytes add envelope and packet headers. */
export interface ChannelCounters {
  /** Application messages sent (a chunked reliable message counts once). */
  messagesSent: number;
  /** Application payload bytes sent. */
  payloadBytesSent: number;
  /** Data-channel messages sent (chunks for reliable, same as messagesSent for frames). */
  channelMessagesSent: number;
  /** Estimated bytes on the wire for what was sent: payload + envelope + IP/UDP/DTLS/SCTP headers. */
  wireBytesSent: number;
  /** Application messages delivered to listeners. */
  messagesReceived: number;
  /** Application payload bytes delivered. */
  payloadBytesReceived: number;
  /** Data-channel messages received (before reassembly or filtering). */
  channelMessagesReceived: number;
  /** Estimated wire bytes of what was received. */
  wireBytesReceived: number;
  /** Messages received but not delivered: reliable messages discarded by reassembly, frames rejected by the frame filter. */
  messagesDiscarded: number;
}

/** Returns zeroed counters. */
export function createChannelCounters(): ChannelCounters {
  return {
    messagesSent: 0,
    payloadBytesSent: 0,
    channelMessagesSent: 0,
    wireBytesSent: 0,
    messagesReceived: 0,
    payloadBytesReceived: 0,
    channelMessagesReceived: 0,
    wireBytesReceived: 0,
    messagesDiscarded: 0,
  };
}

/** Records one data-channel message of `channelBytes` bytes leaving. */
export function countChannelSend(counters: ChannelCounters, channelBytes: number): void {
  counters.channelMessagesSent++;
  counters.wireBytesSent += estimateWireBytes(channelBytes);
}

/** Records one data-channel message of `channelBytes` bytes arriving. */
export function countChannelReceive(counters: ChannelCounters, channelBytes: number): void {
  counters.channelMessagesReceived++;
  counters.wireBytesReceived += estimateWireBytes(channelBytes);
}
