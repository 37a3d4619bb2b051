/** The Node platform of a Janus room member: `ws` for the API socket, werift for the peer connections. */
import { RTCPeerConnection, type RTCDataChannel, type RTCPeerConnectionConfig } from 'werift';
import WebSocket from 'ws';
import { interceptSctpPackets } from '../sctp-packet.js';
import { TransportError } from '../transport-error.js';
import { candidatesOn, closeOnce, waitFor, type JanusPlatform, type JanusSocket, type RoomChannel, type RoomPeer, type RoomPeerConfig } from './janus-platform.js';

async function openSocket(url: string, options: { maxMessageBytes: number; timeoutMs: number }): Promise<JanusSocket> {
  const socket = new WebSocket(url, 'janus-protocol', { maxPayload: options.maxMessageBytes, handshakeTimeout: options.timeoutMs });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', (error) => reject(new TransportError('TRANSPORT_SIGNALING_CLOSED', `cannot reach Janus at ${url}: ${error.message}`, { cause: error })));
  });
  return {
    get isOpen() {
      return socket.readyState === WebSocket.OPEN;
    },
    send: (text) => socket.send(text),
    close: () => socket.close(),
    onMessage: (listener) => socket.on('message', (data, isBinary) => listener(isBinary ? undefined : (data as Buffer).toString('utf8'))),
    onClose: (listener) => {
      const once = closeOnce(listener);
      socket.on('close', once.closed);
      socket.on('error', once.failed);
    },
  };
}

function roomChannel(channel: RTCDataChannel): RoomChannel {
  return {
    label: channel.label,
    get readyState() {
      return channel.readyState as RoomChannel['readyState'];
    },
    get bufferedAmount() {
      return channel.bufferedAmount;
    },
    send: (bytes) => channel.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    onMessage: (listener) => {
      channel.onMessage.subscribe((data) => {
        if (typeof data !== 'string') listener(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
    },
    opened: async (timeoutMs) => {
      await waitFor(
        () => channel.readyState !== 'connecting',
        (check) => {
          const sub = channel.stateChanged.subscribe(check);
          return () => sub.unSubscribe();
        },
        timeoutMs,
        `data channel "${channel.label}" did not open`,
      );
      if (channel.readyState !== 'open') throw new TransportError('TRANSPORT_CONNECTION_FAILED', `data channel "${channel.label}" closed before it opened`);
    },
  };
}

function createPeer(config: RoomPeerConfig): RoomPeer {
  const pinned: RTCPeerConnectionConfig = config.iceAddress ? { iceUseIpv6: false, iceInterfaceAddresses: { udp4: config.iceAddress } } : {};
  const pc = new RTCPeerConnection({ ...(config.rtcConfig as RTCPeerConnectionConfig | undefined), ...pinned });
  const gathered = async (timeoutMs: number): Promise<string> => {
    await waitFor(
      () => pc.iceGatheringState === 'complete',
      (check) => {
        const sub = pc.iceGatheringStateChange.subscribe(check);
        return () => sub.unSubscribe();
      },
      timeoutMs,
      'ICE gathering did not complete',
    );
    return candidatesOn(pc.localDescription!.sdp, config.iceAddress);
  };
  let tapped = false;
  // The DTLS transport exists once the remote description is set: tap it then (or on connecting), for the wire counters.
  const tap = (): void => {
    if (tapped || !config.onDatagram) return;
    try {
      interceptSctpPackets(pc, config.onDatagram);
      tapped = true;
    } catch {
      // Not there yet, or werift internals changed: the counters stay at 0 until it is.
    }
  };
  pc.connectionStateChange.subscribe(tap);
  return {
    get connectionState() {
      return pc.connectionState;
    },
    createChannel: (label, init) => roomChannel(pc.createDataChannel(label, init)),
    onChannel: (listener) => {
      pc.onDataChannel.subscribe((channel) => listener(roomChannel(channel)));
    },
    onConnectionState: (listener) => {
      pc.connectionStateChange.subscribe((state) => listener(state));
    },
    offer: async (timeoutMs) => {
      await pc.setLocalDescription(await pc.createOffer());
      return gathered(timeoutMs);
    },
    answer: async (offerSdp, timeoutMs) => {
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      await pc.setLocalDescription(await pc.createAnswer());
      const sdp = await gathered(timeoutMs);
      tap();
      return sdp;
    },
    acceptAnswer: async (answerSdp) => {
      await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
      tap();
    },
    close: () => pc.close(),
  };
}

/** werift and `ws`: installed for the core by the Node entry (./index.ts). */
export const nodeJanusPlatform: JanusPlatform = { name: 'node', openSocket, createPeer };
