/** Joins a signaling room and returns a connected PeerLink to the other participant. */
import { z } from 'zod';
import { PeerLink, type PeerLinkOptions } from './peer-link.js';
import { SignalingClient, type SignalingClientEvents, type SignalingConnectOptions } from './signaling-client.js';
import { MAX_ROOM_TOKEN_CHARS, peerRoleSchema, roomNameSchema, type PeerRole } from './signaling-messages.js';
import { TransportError } from './transport-error.js';

const connectOptionsSchema = z.object({
  url: z.string().regex(/^wss?:\/\//, 'url must start with ws:// or wss://'),
  room: roomNameSchema,
  role: peerRoleSchema,
  timeoutMs: z.number().min(1).max(600_000).default(15_000),
  token: z.string().min(1).max(MAX_ROOM_TOKEN_CHARS).optional(),
  ca: z.union([z.string().min(1), z.instanceof(Buffer), z.array(z.union([z.string().min(1), z.instanceof(Buffer)]))]).optional(),
  rejectUnauthorized: z.boolean().optional(),
  origin: z.string().min(1).max(256).optional(),
  link: z.custom<PeerLinkOptions>((value) => typeof value === 'object' && value !== null).optional(),
  signal: z.instanceof(AbortSignal).optional(),
});

/**
 * Options of {@link connectPeer}: signaling `url`, `room`, `role` (`offerer` creates the offer once the peer is
 * there, `answerer` waits for it), `timeoutMs` for the whole exchange (default 15 s), the room `token` the app's
 * server issued (for servers with a token secret), `ca` / `rejectUnauthorized` / `origin` as in
 * {@link SignalingConnectOptions}, the `link` options, and a `signal` that abandons the connect when it aborts
 * (checked once the signaling socket is open, and throughout negotiation).
 */
export type ConnectPeerOptions = z.input<typeof connectOptionsSchema>;

/**
 * Connects to the signaling server, joins `room` and negotiates a {@link PeerLink} with the other participant.
 * Resolves once both data channels are open. The link owns the signaling client: closing the link leaves the room;
 * the peer leaving the room (or disconnecting from signaling) closes the link with reason `remote`.
 * Rejects with `TRANSPORT_SIGNALING_ERROR` (e.g. `details.code === 'ROOM_FULL'`), `TRANSPORT_SIGNALING_CLOSED`,
 * `TRANSPORT_CONNECT_TIMEOUT`, `TRANSPORT_ABORTED` or `TRANSPORT_BAD_ARGUMENT`; nothing is left open when it rejects.
 */
export async function connectPeer(options: ConnectPeerOptions): Promise<PeerLink> {
  const parsed = connectOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid connectPeer options: ${z.prettifyError(parsed.error)}`);
  }
  const { url, room, role, timeoutMs, token, ca, rejectUnauthorized, origin, signal } = parsed.data;
  const deadlineMs = performance.now() + timeoutMs;
  if (signal?.aborted) throw abortedError(room);
  const signaling = await SignalingClient.connect(url, { timeoutMs, ca, rejectUnauthorized, origin });
  let link: PeerLink;
  try {
    if (signal?.aborted) throw abortedError(room);
    link = new PeerLink(parsed.data.link);
  } catch (error) {
    signaling.close();
    throw error;
  }
  link.own(signaling);
  try {
    await negotiate(link, signaling, room, role, token, deadlineMs, signal);
    await untilAborted(link.waitOpen(Math.max(1, deadlineMs - performance.now())), signal, room);
  } catch (error) {
    await link.close().catch(() => undefined);
    throw error;
  }
  return link;
}

/** `work`, or a `TRANSPORT_ABORTED` rejection as soon as `signal` aborts. */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, room: string): Promise<T> {
  if (!signal) return work;
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(abortedError(room));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
    work.catch(() => undefined);
  }
}

function abortedError(room: string): TransportError {
  return new TransportError('TRANSPORT_ABORTED', `connecting to room "${room}" was aborted`);
}

async function negotiate(
  link: PeerLink,
  signaling: SignalingClient,
  room: string,
  role: PeerRole,
  token: string | undefined,
  deadlineMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Failures of asynchronous steps driven by signaling events end up here instead of becoming unhandled rejections.
  let failNegotiation: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    failNegotiation = reject;
  });
  failed.catch(() => undefined);
  link.on('localCandidate', (candidate) => {
    if (signaling.isOpen) signaling.send({ type: 'candidate', candidate });
  });
  signaling.on('candidate', (candidate) => {
    link.addRemoteCandidate(candidate).catch((error) => link.isClosed || failNegotiation(error));
  });
  signaling.on('peerLeft', () => void link.close('remote').catch(() => undefined));
  signaling.on('close', () => {
    if (!link.isOpen) failNegotiation(signaling.refusal ?? new TransportError('TRANSPORT_SIGNALING_CLOSED', 'the signaling connection closed during negotiation'));
  });
  signaling.on('error', (error) => failNegotiation(error));
  const onAbort = (): void => failNegotiation(abortedError(room));
  signal?.addEventListener('abort', onAbort, { once: true });

  const steps = (async () => {
    const joined = await signaling.join(room, role, token);
    if (role === 'offerer') {
      if (!joined.peerPresent) await once(signaling, 'peerJoined');
      const answer = once(signaling, 'answer');
      signaling.send({ type: 'offer', sdp: (await link.createOffer()).sdp });
      await link.acceptAnswer((await answer)[0]);
    } else {
      const [offer] = await once(signaling, 'offer');
      signaling.send({ type: 'answer', sdp: (await link.acceptOffer(offer)).sdp });
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new TransportError('TRANSPORT_CONNECT_TIMEOUT', `signaling in room "${room}" did not complete in time (waiting for the peer?)`)),
      Math.max(1, deadlineMs - performance.now()),
    );
  });
  try {
    await Promise.race([steps, failed, timeout]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    steps.catch(() => undefined);
  }
}

function once<K extends keyof SignalingClientEvents>(signaling: SignalingClient, name: K): Promise<SignalingClientEvents[K]> {
  return new Promise((resolve) => {
    signaling.once(name, (...args) => resolve(args));
  });
}
