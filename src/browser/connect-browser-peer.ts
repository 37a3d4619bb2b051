/** Joins a signaling room from a page and returns a connected BrowserPeerLink to the other participant (a page or a Node peer). */
import { z } from 'zod';
import { MAX_ROOM_TOKEN_CHARS, peerRoleSchema, roomNameSchema } from '../transport/signaling-messages.js';
import type { SignalingClientEvents } from '../transport/signaling-client-types.js';
import { TransportError } from '../transport/transport-error.js';
import { BrowserPeerLink, type BrowserPeerLinkOptions } from './browser-peer-link.js';
import { BrowserSignalingClient } from './browser-signaling-client.js';

const connectOptionsSchema = z.strictObject({
  url: z.string().regex(/^wss?:\/\//, 'url must start with ws:// or wss://'),
  room: roomNameSchema,
  role: peerRoleSchema,
  timeoutMs: z.number().min(1).max(600_000).default(15_000),
  token: z.string().min(1).max(MAX_ROOM_TOKEN_CHARS).optional(),
  link: z.custom<BrowserPeerLinkOptions>((value) => typeof value === 'object' && value !== null).optional(),
});

/**
 * Options of {@link connectBrowserPeer}: signaling `url`, `room`, `role` (`offerer` offers once the peer is there,
 * `answerer` waits for the offer), `timeoutMs` for the whole exchange (15 s), the room `token` for servers with a
 * token secret, and the `link` options.
 */
export type ConnectBrowserPeerOptions = z.input<typeof connectOptionsSchema>;

/**
 * The page's connectPeer: connects to the signaling server, joins `room`, negotiates a {@link BrowserPeerLink} and
 * resolves once both data channels are open. The link owns the signaling client (closing it leaves the room); the
 * peer leaving closes the link with reason `remote`. Rejects with `TRANSPORT_SIGNALING_ERROR` (e.g.
 * `details.code === 'ROOM_FULL'`), `TRANSPORT_SIGNALING_CLOSED`, `TRANSPORT_CONNECT_TIMEOUT` or
 * `TRANSPORT_BAD_ARGUMENT`; nothing is left open when it rejects.
 */
export async function connectBrowserPeer(options: ConnectBrowserPeerOptions): Promise<BrowserPeerLink> {
  const parsed = connectOptionsSchema.safeParse(options);
  if (!parsed.success) throw new TransportError('TRANSPORT_BAD_ARGUMENT', `invalid connectBrowserPeer options: ${z.prettifyError(parsed.error)}`);
  const { url, room, role, timeoutMs, token } = parsed.data;
  const deadlineMs = performance.now() + timeoutMs;
  const signaling = await BrowserSignalingClient.connect(url, timeoutMs);
  let link: BrowserPeerLink;
  try {
    link = new BrowserPeerLink(parsed.data.link);
  } catch (error) {
    signaling.close();
    throw error;
  }
  link.own(signaling);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    let fail: (error: unknown) => void = () => undefined;
    const failed = new Promise<never>((_resolve, reject) => {
      fail = reject;
    });
    failed.catch(() => undefined);
    link.on('localCandidate', (candidate) => {
      if (signaling.isOpen) signaling.send({ type: 'candidate', candidate });
    });
    signaling.on('candidate', (candidate) => {
      link.addRemoteCandidate(candidate).catch((error) => link.isClosed || fail(error));
    });
    signaling.on('peerLeft', () => void link.close('remote').catch(() => undefined));
    signaling.on('close', () => {
      if (!link.isOpen) fail(signaling.refusal ?? new TransportError('TRANSPORT_SIGNALING_CLOSED', 'the signaling connection closed during negotiation'));
    });
    signaling.on('error', (error) => fail(error));
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new TransportError('TRANSPORT_CONNECT_TIMEOUT', `connecting in room "${room}" did not complete in time (waiting for the peer?)`)),
        Math.max(1, deadlineMs - performance.now()),
      );
    });
    const steps = (async () => {
      const joined = await signaling.join(room, role, token);
      if (role === 'offerer') {
        if (!joined.peerPresent) await next(signaling, 'peerJoined');
        const answer = next(signaling, 'answer');
        signaling.send({ type: 'offer', sdp: (await link.createOffer()).sdp });
        await link.acceptAnswer((await answer)[0]);
      } else {
        const [offer] = await next(signaling, 'offer');
        signaling.send({ type: 'answer', sdp: (await link.acceptOffer(offer)).sdp });
      }
      await link.waitOpen(Math.max(1, deadlineMs - performance.now()));
    })();
    steps.catch(() => undefined);
    await Promise.race([steps, failed, timeout]);
  } catch (error) {
    await link.close().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return link;
}

function next<K extends keyof SignalingClientEvents>(signaling: BrowserSignalingClient, name: K): Promise<SignalingClientEvents[K]> {
  return new Promise((resolve) => {
    signaling.once(name, (...args) => resolve(args));
  });
}
