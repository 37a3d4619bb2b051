/**
 * Frame messages over RTP on a werift media track (SRTP), as an alternative to the frame data channel: an SRTP packet
 * costs about 50 B of headers against 93 B on the data channel, and nothing acknowledges it (RTCP receiver reports,
 * about one a second, give loss and jitter instead). Each message is one RTP packet with the marker bit set.
 */
import { MediaStreamTrack, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCPeerConnection, type RTCRtpTransceiver } from 'werift';
import type { ByteChannel, ByteChannelEvents } from './byte-channel.js';
import { TransportError } from './transport-error.js';
import { TypedEmitter } from '../typed-emitter.js';
import { VP8_DESCRIPTOR, vp8DescriptorLength } from './vp8-descriptor.js';

/** The dynamic payload type of the frame track. */
export const RTP_FRAME_PAYLOAD_TYPE = 96;

/** Largest frame message one RTP packet takes (an RTP packet must fit a 1200 B path MTU budget with its headers). */
export const MAX_RTP_FRAME_BYTES = 1100;

/** Codec list both peers configure: VP8 by name (see vp8-descriptor.ts), no feedback, so no NACK or PLI traffic. */
export function rtpFrameCodecs(): RTCRtpCodecParameters[] {
  return [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90_000, payloadType: RTP_FRAME_PAYLOAD_TYPE, rtcpFeedback: [] })];
}

/** A {@link ByteChannel} over one sendrecv video transceiver; created with the link, attached during negotiation. */
export class RtpFrameChannel extends TypedEmitter<ByteChannelEvents> implements ByteChannel {
  readonly label = 'facecodec-rtp-frame';
  private readonly track = new MediaStreamTrack({ kind: 'video' });
  private transceiver: RTCRtpTransceiver | undefined;
  private readonly unsubscribe: Array<() => void> = [];
  private sequence = Math.floor(Math.random() * 0x10000);
  private opened = false;
  private closed = false;

  constructor(private readonly pc: RTCPeerConnection) {
    super();
    const state = pc.connectionStateChange.subscribe((s) => {
      if (s === 'connected') this.maybeOpen();
    });
    this.unsubscribe.push(state.unSubscribe);
  }

  /** The offering side: adds the frame transceiver before the offer is made. */
  addToOffer(): void {
    this.attach(this.pc.addTransceiver(this.track, { direction: 'sendrecv' }));
  }

  /** The answering side: takes the offer's video transceiver and sends on it too. */
  async takeFromOffer(): Promise<void> {
    const transceiver = this.pc.getTransceivers().find((t) => t.kind === 'video');
    if (!transceiver) throw new TransportError('TRANSPORT_CONNECTION_FAILED', 'the offer has no RTP frame track: the peer sends frames on the data channel');
    await transceiver.sender.replaceTrack(this.track);
    transceiver.setDirection('sendrecv');
    this.attach(transceiver);
  }

  get isOpen(): boolean {
    return this.opened && !this.closed;
  }

  /** RTP is sent as it is written: nothing queues in the transport. */
  get bufferedBytes(): number {
    return 0;
  }

  send(bytes: Uint8Array): void {
    if (this.closed) throw new TransportError('TRANSPORT_CLOSED', `channel "${this.label}" is closed`);
    if (!this.opened) throw new TransportError('TRANSPORT_NOT_OPEN', `channel "${this.label}" is not open`);
    if (bytes.byteLength > MAX_RTP_FRAME_BYTES) {
      throw new TransportError('TRANSPORT_MESSAGE_TOO_LARGE', `an RTP frame message takes at most ${MAX_RTP_FRAME_BYTES} bytes, not ${bytes.byteLength}`);
    }
    const payload = Buffer.allocUnsafe(bytes.byteLength + 1);
    payload[0] = VP8_DESCRIPTOR;
    payload.set(bytes, 1);
    this.sequence = (this.sequence + 1) & 0xffff;
    // The 90 kHz media clock from the send time: receivers' jitter estimates then measure the network.
    const timestamp = Math.floor(performance.now() * 90) >>> 0;
    this.track.writeRtp(new RtpPacket(new RtpHeader({ payloadType: RTP_FRAME_PAYLOAD_TYPE, sequenceNumber: this.sequence, timestamp, marker: true }), payload));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe) off();
    this.track.stop();
    this.emit('close');
    this.removeAllListeners();
  }

  private attach(transceiver: RTCRtpTransceiver): void {
    this.transceiver = transceiver;
    const listening = new Set<MediaStreamTrack>();
    const listen = (remote: MediaStreamTrack): void => {
      if (listening.has(remote)) return;
      listening.add(remote);
      const onRtp = remote.onReceiveRtp.subscribe((rtp) => {
        if (this.closed) return;
        const arrivalMs = performance.now();
        const payload = rtp.payload;
        const skip = vp8DescriptorLength(payload);
        if (skip === undefined) return; // not a frame message: nothing to deliver
        this.emit('message', new Uint8Array(payload.buffer, payload.byteOffset + skip, payload.byteLength - skip), arrivalMs);
      });
      this.unsubscribe.push(onRtp.unSubscribe);
    };
    // On the answering side the remote track came with the offer, before this channel was attached.
    for (const remote of transceiver.receiver.tracks) listen(remote);
    const onTrack = transceiver.onTrack.subscribe((remote) => listen(remote));
    this.unsubscribe.push(onTrack.unSubscribe);
    this.maybeOpen();
  }

  private maybeOpen(): void {
    if (this.opened || this.closed || !this.transceiver || this.pc.connectionState !== 'connected') return;
    this.opened = true;
    this.emit('open');
  }
}
