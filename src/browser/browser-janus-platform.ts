/**
 * The page's platform for a Janus room member: its own WebSocket for Janus's API and its RTCPeerConnection for the
 * publisher and subscriber connections (the Node one is werift and `ws`: ../transport/janus/node-janus-platform.ts).
 */
import { candidatesOn, closeOnce, waitFor, type JanusPlatform, type JanusSocket, type RoomChannel, type RoomPeer, type RoomPeerConfig } from '../transport/janus/janus-platform.js';
import { TransportError } from '../transport/transport-error.js';
import { WEB_SOCKET_OPEN, type BrowserWebSocket, type RtcDataChannel, type RtcPeerConnection } from './rtc-types.js';

type WebSocketClass = new (url: string, protocol: string) => BrowserWebSocket;
type RtcPeerConnectionClass = new (config?: Record<string, unknown>) => RtcPeerConnection;

function openSocket(url: string, options: { timeoutMs: number }): Promise<JanusSocket> {
  const Ws = (globalThis as unknown as { WebSocket?: WebSocketClass }).WebSocket;
  if (typeof Ws !== 'function') return Promise.reject(new TransportError('TRANSPORT_SIGNALING_CLOSED', 'this platform has no WebSocket'));
  const socket = new Ws(url, 'janus-protocol');
  return new Promise((resolve, reject) => {
    const fail = (): void => {
      clearTimeout(timer);
      socket.removeEventListener('open', open);
      socket.close();
      reject(new TransportError('TRANSPORT_SIGNALING_CLOSED', `cannot reach Janus at ${url}`));
    };
    const timer = setTimeout(fail, options.timeoutMs);
    const open = (): void => {
      clearTimeout(timer);
      socket.removeEventListener('error', fail);
      resolve({
        get isOpen() {
          return socket.readyState === WEB_SOCKET_OPEN;
        },
        send: (text) => socket.send(text),
        close: () => socket.close(),
        onMessage: (listener) => socket.addEventListener('message', (event) => listener(typeof event.data === 'string' ? event.data : undefined)),
        onClose: (listener) => {
          const once = closeOnce(listener);
          socket.addEventListener('close', once.closed);
          socket.addEventListener('error', once.failed);
        },
      });
    };
    socket.addEventListener('open', open);
    socket.addEventListener('error', fail);
  });
}

function roomChannel(channel: RtcDataChannel): RoomChannel {
  channel.binaryType = 'arraybuffer';
  return {
    label: channel.label,
    get readyState() {
      return channel.readyState;
    },
    get bufferedAmount() {
      return channel.bufferedAmount;
    },
    send: (bytes) => channel.send(bytes),
    onMessage: (listener) =>
      channel.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer) listener(new Uint8Array(event.data));
      }),
    opened: async (timeoutMs) => {
      await waitFor(
        () => channel.readyState !== 'connecting',
        (check) => {
          channel.addEventListener('open', check);
          channel.addEventListener('close', check);
          return () => {
            channel.removeEventListener('open', check);
            channel.removeEventListener('close', check);
          };
        },
        timeoutMs,
        `data channel "${channel.label}" did not open`,
      );
      if (channel.readyState !== 'open') throw new TransportError('TRANSPORT_CONNECTION_FAILED', `data channel "${channel.label}" closed before it opened`);
    },
  };
}

function createPeer(config: RoomPeerConfig): RoomPeer {
  const Rtc = (globalThis as unknown as { RTCPeerConnection?: RtcPeerConnectionClass }).RTCPeerConnection;
  if (typeof Rtc !== 'function') throw new TransportError('TRANSPORT_CONNECTION_FAILED', 'this platform has no RTCPeerConnection');
  const pc = new Rtc(config.rtcConfig ?? {});
  const gathered = async (timeoutMs: number): Promise<string> => {
    await waitFor(
      () => pc.iceGatheringState === 'complete',
      (check) => {
        pc.addEventListener('icegatheringstatechange', check);
        return () => pc.removeEventListener('icegatheringstatechange', check);
      },
      timeoutMs,
      'ICE gathering did not complete',
    );
    return candidatesOn(pc.localDescription!.sdp, config.iceAddress);
  };
  return {
    get connectionState() {
      return pc.connectionState;
    },
    createChannel: (label, init) => roomChannel(pc.createDataChannel(label, init)),
    onChannel: (listener) => pc.addEventListener('datachannel', (event) => listener(roomChannel(event.channel))),
    onConnectionState: (listener) => pc.addEventListener('connectionstatechange', () => listener(pc.connectionState)),
    offer: async (timeoutMs) => {
      await pc.setLocalDescription(await pc.createOffer());
      return gathered(timeoutMs);
    },
    answer: async (offerSdp, timeoutMs) => {
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      await pc.setLocalDescription(await pc.createAnswer());
      return gathered(timeoutMs);
    },
    acceptAnswer: (answerSdp) => pc.setRemoteDescription({ type: 'answer', sdp: answerSdp }),
    close: async () => pc.close(),
  };
}

/** The page's WebSocket and RTCPeerConnection; facecodec/browser installs it when it loads. */
export const browserJanusPlatform: JanusPlatform = { name: 'browser', openSocket, createPeer };
