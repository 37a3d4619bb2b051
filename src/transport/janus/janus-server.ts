/**
 * Starts a private Janus (Debian's `janus` 1.1.2) for tests and the sample call: its own config folder in a temp
 * directory, only the VideoRoom plugin and the WebSockets transport loaded, the API and ICE bound to loopback, signed
 * tokens required on every request. The packaged /etc/janus configs listen on every interface; this API never does.
 *
 * ICE is the exception: Janus 1.1.2 (libnice 0.1.18) here never gathers a loopback candidate, whatever
 * `ice_enforce_list` says ("lo" and "127.0.0.1" were both accepted and ignored: it still offered only eth0's
 * addresses, and refused werift's 127.0.0.1 candidate). So the media path uses the host's own IPv4 address, which
 * Janus reports as `local-ip` ({@link JanusServer.iceAddress}); peers on the same host reach it without leaving
 * the machine, and Janus only answers DTLS from peers that passed ICE with a session's credentials.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { z } from 'zod';
import { TransportError } from '../transport-error.js';

/** Where Debian installs Janus's modules. */
const JANUS_LIB = '/usr/lib/x86_64-linux-gnu/janus';

/** Options of {@link startJanus}. */
export interface StartJanusOptions {
  /** Secret Janus verifies signed tokens with (the app server signs them with {@link createJanusToken}); at least 32 characters. */
  tokenSecret: string;
  /** Key the VideoRoom plugin asks for before it creates a room (the app server's, never a participant's). */
  adminKey: string;
  /** The `janus` binary (default `janus` on PATH). */
  binary?: string;
  /** WebSockets port; default a free one. */
  port?: number;
  /** Seconds without a request or keepalive before Janus drops a session (default 30). */
  sessionTimeoutS?: number;
  /** How long to wait for the API to answer, ms (default 15000). */
  startTimeoutMs?: number;
  /** Janus's log level 0-7 (default 3: errors and warnings). */
  debugLevel?: number;
}

/** A running private Janus. */
export interface JanusServer {
  /** `ws://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The IPv4 address Janus gathers ICE candidates on (its `local-ip`): peers on this host use it for their own. */
  readonly iceAddress: string;
  /** The last lines Janus logged, for failure messages. */
  logTail(): string;
  /** Stops Janus (SIGTERM, then SIGKILL after 3 s) and removes its config folder. Idempotent. */
  stop(): Promise<void>;
}

/** A port nobody listens on now (the OS picks it; another process may take it before Janus does, rarely). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function quote(value: string): string {
  if (/["\\\n]/.test(value)) throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'Janus config values may not contain quotes, backslashes or newlines');
  return `"${value}"`;
}

/** Writes the config folder; returns its path. */
async function writeConfig(dir: string, options: Required<Omit<StartJanusOptions, 'binary' | 'startTimeoutMs'>>): Promise<void> {
  // Module folders holding only what is needed: Janus loads every .so it finds.
  for (const [folder, module] of [
    ['plugins', 'plugins/libjanus_videoroom.so'],
    ['transports', 'transports/libjanus_websockets.so'],
  ]) {
    await mkdir(join(dir, folder));
    await symlink(join(JANUS_LIB, module), join(dir, module));
  }
  await mkdir(join(dir, 'none'));
  await writeFile(
    join(dir, 'janus.jcfg'),
    `general: {
  configs_folder = ${quote(dir)}
  plugins_folder = ${quote(join(dir, 'plugins'))}
  transports_folder = ${quote(join(dir, 'transports'))}
  events_folder = ${quote(join(dir, 'none'))}
  loggers_folder = ${quote(join(dir, 'none'))}
  debug_level = ${options.debugLevel}
  session_timeout = ${options.sessionTimeoutS}
  token_auth = true
  token_auth_secret = ${quote(options.tokenSecret)}
  admin_secret = ${quote(randomBytes(24).toString('hex'))}
  server_name = "facecodec-janus"
}
certificates: {
}
media: {
}
nat: {
  nice_debug = false
  ignore_mdns = true
}
plugins: {
}
transports: {
}
loggers: {
}
events: {
}
`,
  );
  await writeFile(
    join(dir, 'janus.transport.websockets.jcfg'),
    `general: {
  json = "compact"
  ws = true
  ws_port = ${options.port}
  ws_ip = "127.0.0.1"
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
  );
  // No static rooms: the app server creates each one with its pin (janus-room-access.ts).
  await writeFile(join(dir, 'janus.plugin.videoroom.jcfg'), `general: {\n  admin_key = ${quote(options.adminKey)}\n  lock_rtp_forward = true\n}\n`);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts Janus and resolves once its WebSockets API accepts connections. Rejects with `TRANSPORT_CONNECTION_FAILED`
 * (the binary is missing, Janus exited, or it did not listen in time); nothing is left running when it rejects.
 */
export async function startJanus(options: StartJanusOptions): Promise<JanusServer> {
  if (typeof options?.tokenSecret !== 'string' || options.tokenSecret.length < 32) {
    throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'startJanus needs a tokenSecret of at least 32 characters');
  }
  if (typeof options.adminKey !== 'string' || options.adminKey.length < 16) {
    throw new TransportError('TRANSPORT_BAD_ARGUMENT', 'startJanus needs an adminKey of at least 16 characters');
  }
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'facecodec-janus-'));
  await writeConfig(dir, {
    tokenSecret: options.tokenSecret,
    adminKey: options.adminKey,
    port,
    sessionTimeoutS: options.sessionTimeoutS ?? 30,
    debugLevel: options.debugLevel ?? 3,
  });
  const log: string[] = [];
  const child: ChildProcess = spawn(options.binary ?? 'janus', ['-C', join(dir, 'janus.jcfg'), '-F', dir, '-o'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const remember = (chunk: Buffer): void => {
    log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (log.length > 2000) log.splice(0, log.length - 2000);
  };
  child.stdout!.on('data', remember);
  child.stderr!.on('data', remember);
  // A Node process that dies without stop() must not leave its Janus running.
  const killOnExit = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  let exited: { code: number | null; error?: Error } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exited ??= { code };
      resolve();
    });
    child.once('error', (error) => {
      exited = { code: null, error };
      resolve();
    });
  });
  let stopping: Promise<void> | undefined;
  let iceAddress = '127.0.0.1';
  const server: JanusServer = {
    url: `ws://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    get iceAddress() {
      return iceAddress;
    },
    logTail: () => log.slice(-400).join('\n'),
    stop: () => {
      stopping ??= (async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exitPromise;
          clearTimeout(timer);
        }
        process.off('exit', killOnExit);
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  const deadline = performance.now() + (options.startTimeoutMs ?? 15_000);
  while (performance.now() < deadline) {
    if (exited) break;
    if (await portOpen(port)) {
      try {
        iceAddress = await localIp(server.url);
        return server;
      } catch (error) {
        log.push(`info request failed: ${(error as Error).message}`);
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  const why = exited?.error ? `could not run janus: ${exited.error.message}` : exited ? `janus exited with code ${exited.code}` : 'janus did not listen in time';
  throw new TransportError('TRANSPORT_CONNECTION_FAILED', `${why}\n${log.slice(-20).join('\n')}`, { details: { port } });
}

const infoSchema = z.object({ janus: z.literal('server_info'), 'local-ip': z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/) }).loose();

/** Asks Janus (`info`, which needs no token) which address it gathers ICE candidates on. */
async function localIp(url: string): Promise<string> {
  const socket = new WebSocket(url, 'janus-protocol');
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to info')), 5000);
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ janus: 'info', transaction: 'info' })));
      socket.once('message', (data) => {
        clearTimeout(timer);
        const parsed = infoSchema.safeParse(JSON.parse(String(data)));
        if (parsed.success) resolve(parsed.data['local-ip']);
        else reject(new Error('info answer without an IPv4 local-ip'));
      });
    });
  } finally {
    socket.close();
  }
}
