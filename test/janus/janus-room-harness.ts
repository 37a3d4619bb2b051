/** Test helper: a private Janus on loopback, rooms on it, and participants running the real codec through it. */
import { createHmac } from 'node:crypto';
import { createDecoder, createEncoder } from '../../src/codec.js';
import { MultipartyCall, type ReceivedFrame } from '../../src/call/index.js';
import { SframeContext } from '../../src/e2ee/index.js';
import type { MessageClass } from '../../src/transport/index.js';
import { createJanusRoom, createJanusToken, JanusSession, janusRoomPin, startJanus, type JanusServer } from '../../src/transport/janus/index.js';

export const JANUS_SECRET = 'janus-token-secret-for-tests-0123456789';
export const ADMIN_KEY = 'videoroom-admin-key-for-tests';

/** The app server's side: the Janus process, an admin session, and the E2EE secrets it hands to participants. */
export interface JanusRoomFixture {
  janus: JanusServer;
  admin: JanusSession;
  room: number;
  roomName: string;
  /** The app's secret for epoch `n` of the room (participants never derive one from another). */
  epochSecret(epoch: number): Uint8Array;
  close(): Promise<void>;
}

let roomCounter = 0;

export async function startJanusRoom(): Promise<JanusRoomFixture> {
  const janus = await startJanus({ tokenSecret: JANUS_SECRET, adminKey: ADMIN_KEY });
  try {
    const admin = await JanusSession.connect(janus.url, { token: createJanusToken({ secret: JANUS_SECRET, expiresAt: Date.now() + 3_600_000 }) });
    const roomName = `test-room-${process.pid}-${roomCounter++}`;
    const room = await createJanusRoom(admin, { roomName, janusSecret: JANUS_SECRET, adminKey: ADMIN_KEY });
    const master = `e2ee-master-${roomName}`;
    return {
      janus,
      admin,
      room,
      roomName,
      epochSecret: (epoch) => new Uint8Array(createHmac('sha256', master).update(`epoch ${epoch}`).digest()),
      async close() {
        await admin.close();
        await janus.stop();
      },
    };
  } catch (error) {
    await janus.stop();
    throw error;
  }
}

/** One participant: its call, what it decoded from whom, and what Janus relayed to it (before decryption). */
export interface Participant {
  id: number;
  call: MultipartyCall;
  decoded: Map<number, ReceivedFrame[]>;
  relayed: Array<{ from: number; messageClass: MessageClass; bytes: Uint8Array }>;
  rekeys: number[];
  e2eeErrors: Array<{ code: string; from: number }>;
  left: Array<{ id: number; reason: string }>;
  /** Messages of the call's `error` events (failed subscriptions, ...). */
  errors: string[];
}

export async function joinParticipant(
  fixture: JanusRoomFixture,
  id: number,
  options: {
    epochSecret?: Uint8Array;
    rekey?: false;
    wrapSend?: (messageClass: MessageClass, message: Uint8Array) => Uint8Array[];
    /** `performance.now()` at timestamp 0 of every sender (one process, one clock); omitted: each receiver estimates it. */
    clockOffsetMs?: number;
    fps: number;
  },
): Promise<Participant> {
  const relayed: Participant['relayed'] = [];
  const rekeys: number[] = [];
  const { encoder, close: closeEncoder } = await createEncoder({ frameRateHz: options.fps });
  const call = await MultipartyCall.join({
    member: {
      url: fixture.janus.url,
      token: createJanusToken({ secret: JANUS_SECRET, expiresAt: Date.now() + 600_000 }),
      room: fixture.room,
      pin: janusRoomPin(JANUS_SECRET, fixture.roomName),
      selfId: id,
      display: `participant ${id}`,
      e2ee: await SframeContext.create({ selfId: id, epochSecret: options.epochSecret ?? fixture.epochSecret(0) }),
      ...(options.rekey === false
        ? {}
        : {
            rekey: (epoch: number) => {
              rekeys.push(epoch);
              return fixture.epochSecret(epoch);
            },
          }),
      iceAddress: fixture.janus.iceAddress,
      onRelayed: (from, messageClass, bytes) => relayed.push({ from, messageClass, bytes: bytes.slice() }),
      ...(options.wrapSend ? { wrapSend: options.wrapSend } : {}),
    },
    encoder,
    closeEncoder,
    createDecoder: () => createDecoder(),
    sender: { framesPerMessage: 1 },
    // One process, one clock; generous staleness: jest on 2 busy cores runs the codec well under real time.
    receiver: { ...(options.clockOffsetMs === undefined ? {} : { clockOffsetMs: options.clockOffsetMs }), staleAfterMs: 10_000, holdTimeoutMs: 3000 },
  });
  const participant: Participant = { id, call, decoded: new Map(), relayed, rekeys, e2eeErrors: [], left: [], errors: [] };
  call.on('frame', (from, frame) => {
    const list = participant.decoded.get(from) ?? [];
    list.push(frame);
    participant.decoded.set(from, list);
  });
  call.on('e2eeError', (error, from) => participant.e2eeErrors.push({ code: error.code, from }));
  call.on('error', (error) => participant.errors.push(error.message));
  call.on('remoteLeft', (from, reason) => participant.left.push({ id: from, reason }));
  return participant;
}

export function decodedFrom(participant: Participant, from: number): number {
  return participant.decoded.get(from)?.length ?? 0;
}
