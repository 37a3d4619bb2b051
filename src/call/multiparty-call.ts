/**
 * A call of N participants through a Janus room: this participant's encoder goes out once through its
 * {@link CodecSender} (Janus copies it to every subscriber), and each remote participant gets its own
 * {@link CodecReceiver} and decoder, created when its stream is subscribed and closed when it leaves.
 */
import type { Decoder } from '../decoder/decoder.js';
import type { Encoder } from '../encoder/encoder.js';
import type { E2eeError } from '../e2ee/index.js';
import { JanusRoomMember, type JanusRoomMemberOptions } from '../transport/janus/janus-room-member.js';
import type { RelayLink } from '../transport/janus/relay-link.js';
import { TypedEmitter } from '../typed-emitter.js';
import { CallError } from './call-error.js';
import { CodecReceiver, type CodecReceiverOptions, type ReceivedFrame } from './codec-receiver.js';
import { CodecSender, type CodecSenderOptions } from './codec-sender.js';

/** Options of {@link MultipartyCall.join}. */
export interface MultipartyCallOptions {
  /** How to reach and join the room, and this participant's E2EE context. */
  member: JanusRoomMemberOptions;
  /** This participant's encoder (the call closes it with `closeEncoder`, when given). */
  encoder: Encoder;
  closeEncoder?: () => void;
  /** Makes the decoder of one remote participant's stream. */
  createDecoder: (remoteId: number) => Promise<Decoder>;
  /** Sender options besides link and encoder (rate adaptation is off: N receivers' reports would pull it N ways). */
  sender?: Omit<CodecSenderOptions, 'link' | 'encoder' | 'rateAdapter'>;
  /** Receiver options besides link and decoder, for every remote stream. */
  receiver?: Omit<CodecReceiverOptions, 'link' | 'decoder'>;
}

/** Events of a {@link MultipartyCall}. */
export type MultipartyCallEvents = {
  /** A remote participant's stream is being received; its receiver is ready. */
  remoteJoined: [remoteId: number, receiver: CodecReceiver];
  /** A remote participant left; its receiver and decoder are closed. */
  remoteLeft: [remoteId: number, reason: string];
  /** A decoded frame of a remote participant. */
  frame: [remoteId: number, frame: ReceivedFrame];
  /** A packet refused by the E2EE layer. */
  e2eeError: [error: E2eeError, remoteId: number];
  /** A failure of the room, the sender or a receiver. */
  error: [error: Error];
  /** The call ended (left the room, or lost Janus); emitted once. */
  close: [reason: string];
};

export class MultipartyCall extends TypedEmitter<MultipartyCallEvents> {
  /** This participant's stream. */
  readonly sender: CodecSender;
  private readonly receiverMap = new Map<number, CodecReceiver>();
  private closing: Promise<void> | undefined;

  private constructor(
    readonly member: JanusRoomMember,
    private readonly options: MultipartyCallOptions,
  ) {
    super();
    this.sender = new CodecSender({ ...options.sender, link: member.selfLink, encoder: options.encoder, rateAdapter: false });
    if (options.closeEncoder) this.sender.own({ close: options.closeEncoder });
    this.sender.on('error', (error) => this.emit('error', error));
    member.on('remoteJoined', (remoteId, link) => void this.addReceiver(remoteId, link));
    member.on('remoteLeft', (remoteId, reason) => {
      this.receiverMap.delete(remoteId);
      this.emit('remoteLeft', remoteId, reason);
    });
    member.on('e2eeError', (error, remoteId) => this.emit('e2eeError', error, remoteId));
    member.on('error', (error) => this.emit('error', error));
    member.on('close', (reason) => void this.close(reason));
  }

  /** Joins the room (see {@link JanusRoomMember.join}) and starts sending; remote streams come as `remoteJoined`. */
  static async join(options: MultipartyCallOptions): Promise<MultipartyCall> {
    if (typeof options?.createDecoder !== 'function') throw new CallError('CALL_BAD_ARGUMENT', 'MultipartyCall needs a createDecoder function');
    const member = await JanusRoomMember.join(options.member);
    try {
      const call = new MultipartyCall(member, options);
      // Streams subscribed while joining were announced before anyone listened.
      for (const [remoteId, link] of member.remoteLinks()) void call.addReceiver(remoteId, link);
      return call;
    } catch (error) {
      await member.close('join failed');
      throw error;
    }
  }

  /** The receivers of the remote participants received now, by participant id. */
  get receivers(): ReadonlyMap<number, CodecReceiver> {
    return this.receiverMap;
  }

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /** Leaves: closes the sender (and encoder), every receiver (and decoder) and the room membership. Idempotent. */
  close(reason = 'local'): Promise<void> {
    this.closing ??= (async () => {
      const receivers = [...this.receiverMap.values()];
      this.receiverMap.clear();
      await Promise.allSettled([this.sender.close(), ...receivers.map((receiver) => receiver.close())]);
      await this.member.close(reason);
      this.emit('close', reason);
      this.removeAllListeners();
    })();
    return this.closing;
  }

  private async addReceiver(remoteId: number, link: RelayLink): Promise<void> {
    if (this.receiverMap.has(remoteId) || this.closing) return;
    let decoder: Decoder;
    try {
      decoder = await this.options.createDecoder(remoteId);
    } catch (error) {
      this.emit('error', new CallError('CALL_BAD_ARGUMENT', `no decoder for participant ${remoteId}: ${(error as Error).message}`, { cause: error }));
      return;
    }
    if (this.closing || link.isClosed) {
      await decoder.close();
      return;
    }
    const receiver = new CodecReceiver({ ...this.options.receiver, link, decoder });
    receiver.own(decoder);
    this.receiverMap.set(remoteId, receiver);
    receiver.on('frame', (frame) => this.emit('frame', remoteId, frame));
    receiver.on('error', (error) => this.emit('error', error));
    receiver.on('close', () => {
      if (this.receiverMap.get(remoteId) === receiver) this.receiverMap.delete(remoteId);
    });
    this.emit('remoteJoined', remoteId, receiver);
  }
}
