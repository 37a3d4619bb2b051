/**
 * A test network of the bench's own: three network namespaces (sender, receiver, and a router that also hosts the
 * signaling server) joined by two veth pairs, with path conditions applied by `tc` on the router's two veths, so
 * both directions of the path see them. Nothing touches the machine's own interfaces: every name carries a random
 * suffix, the addresses (10.77.1.0/24, 10.77.2.0/24) exist only inside these namespaces, and `close()` deletes the
 * namespaces (which deletes their veths). Needs root and iproute2; `tc netem` also needs the kernel's sch_netem.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

/** Errors of the test network, with a code to branch on. */
export class NetnsError extends Error {
  constructor(
    readonly code: 'NETNS_UNAVAILABLE' | 'NETEM_UNAVAILABLE' | 'NETNS_COMMAND_FAILED' | 'NETNS_BAD_CONDITION',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NetnsError';
  }
}

/**
 * A path condition, as tc netem takes it. `loss`: random loss %; `burstLoss`: Gilbert-Elliott loss (`p`: % chance
 * of entering the bad state per packet, `r`: % chance of leaving it, `lossInBad`: % lost while bad); `delayMs` with
 * `jitterMs` (normal distribution); `reorder`: % of packets sent at once while the rest wait `delayMs`; `rateKbit`:
 * a rate cap (tbf, which does not need netem, when that is all the condition asks for).
 */
export const pathConditionSchema = z.strictObject({
  loss: z.number().min(0).max(100).optional(),
  burstLoss: z.strictObject({ p: z.number().min(0).max(100), r: z.number().min(0).max(100), lossInBad: z.number().min(0).max(100).default(100) }).optional(),
  delayMs: z.number().min(0).max(10_000).optional(),
  jitterMs: z.number().min(0).max(10_000).optional(),
  reorder: z.number().min(0).max(100).optional(),
  rateKbit: z.number().min(1).max(1_000_000).optional(),
});
export type PathCondition = z.input<typeof pathConditionSchema>;

/** Whether a condition needs netem (anything but a bare rate cap). */
export function needsNetem(condition: PathCondition): boolean {
  const c = pathConditionSchema.parse(condition);
  return c.loss !== undefined || c.burstLoss !== undefined || c.delayMs !== undefined || c.jitterMs !== undefined || c.reorder !== undefined;
}

/** The `tc qdisc ... root` arguments after `root` for a condition; empty for no condition. */
export function qdiscArgs(condition: PathCondition): string[] {
  const parsed = pathConditionSchema.safeParse(condition);
  if (!parsed.success) throw new NetnsError('NETNS_BAD_CONDITION', `invalid path condition: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  if (c.reorder !== undefined && !c.delayMs) throw new NetnsError('NETNS_BAD_CONDITION', 'reorder needs delayMs (netem reorders by not delaying some packets)');
  if (!needsNetem(c)) {
    if (c.rateKbit === undefined) return [];
    // A bucket of one full datagram; a queue of that plus one second at the rate (at least 4500 B, three full
    // datagrams), then tail drop. With 300 ms of queue the first keyframe never got through at 16 or 32 kbit/s:
    // werift's SCTP sends it in bursts that a shallow queue drops, again and again.
    const burstBytes = 1600;
    const limitBytes = Math.max(4500, burstBytes + Math.round((c.rateKbit * 1000) / 8));
    return ['tbf', 'rate', `${c.rateKbit}kbit`, 'burst', `${burstBytes}`, 'limit', `${limitBytes}`];
  }
  const args = ['netem'];
  if (c.delayMs !== undefined) args.push('delay', `${c.delayMs}ms`, ...(c.jitterMs ? [`${c.jitterMs}ms`, 'distribution', 'normal'] : []));
  if (c.loss !== undefined) args.push('loss', 'random', `${c.loss}%`);
  if (c.burstLoss) args.push('loss', 'gemodel', `${c.burstLoss.p}%`, `${c.burstLoss.r}%`, `${c.burstLoss.lossInBad}%`, '0%');
  if (c.reorder !== undefined) args.push('reorder', `${c.reorder}%`, '50%');
  if (c.rateKbit !== undefined) args.push('rate', `${c.rateKbit}kbit`);
  // netem's default queue of 1000 packets; enough for these rates.
  return args;
}

/** What this machine can do; `reason` says why not, in one line. */
export interface NetnsSupport {
  namespaces: boolean;
  netem: boolean;
  /** tbf rate caps (no netem needed). */
  tbf: boolean;
  reason?: string;
}

/** Tries a namespace with a veth pair, tbf and netem on it, and removes them again. */
export async function probeNetns(): Promise<NetnsSupport> {
  if (process.platform !== 'linux') return { namespaces: false, netem: false, tbf: false, reason: 'network namespaces are Linux only' };
  if (process.getuid?.() !== 0) return { namespaces: false, netem: false, tbf: false, reason: 'making network namespaces needs root' };
  const suffix = randomBytes(3).toString('hex');
  const ns = `fcprobe-${suffix}`;
  const [a, b] = [`fcpa${suffix}`, `fcpb${suffix}`];
  try {
    await ip(['netns', 'add', ns]);
  } catch (error) {
    return { namespaces: false, netem: false, tbf: false, reason: `ip netns add failed: ${firstLine(error)}` };
  }
  try {
    await ip(['-n', ns, 'link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
    await ip(['-n', ns, 'link', 'set', a, 'up']);
    const tbf = await tc(ns, ['qdisc', 'add', 'dev', a, 'root', 'tbf', 'rate', '8kbit', 'burst', '1600', 'limit', '4500']).then(
      () => true,
      () => false,
    );
    await tc(ns, ['qdisc', 'del', 'dev', a, 'root']).catch(() => undefined);
    let netemError = '';
    const netem = await tc(ns, ['qdisc', 'add', 'dev', a, 'root', 'netem', 'delay', '1ms']).then(
      () => true,
      (error) => ((netemError = firstLine(error)), false),
    );
    return { namespaces: true, netem, tbf, ...(netem ? {} : { reason: `tc netem is not available in this kernel (${netemError || 'sch_netem missing'})` }) };
  } catch (error) {
    return { namespaces: false, netem: false, tbf: false, reason: `veth pair in a namespace failed: ${firstLine(error)}` };
  } finally {
    await ip(['netns', 'del', ns]).catch(() => undefined);
  }
}

/** The three hosts of a {@link TestNetwork}. */
export type Host = 'sender' | 'receiver' | 'router';

/** The addresses each peer reaches the router (signaling) at, and the peers' own. */
export const ADDRESSES = { senderRouter: '10.77.1.1', sender: '10.77.1.2', receiverRouter: '10.77.2.1', receiver: '10.77.2.2' } as const;

/** See the file comment. Make one with {@link TestNetwork.create}; always `close()` it (try/finally). */
export class TestNetwork {
  private closed = false;
  private readonly children = new Set<ChildProcess>();
  private outageOn = false;

  private constructor(
    /** Namespace names by host. */
    readonly namespaces: Readonly<Record<Host, string>>,
    /** The router's veth towards each peer (where conditions apply). */
    private readonly routerVeths: readonly [string, string],
  ) {}

  /** Makes the namespaces and veths; removes whatever it made if a step fails. */
  static async create(): Promise<TestNetwork> {
    const suffix = randomBytes(3).toString('hex');
    const namespaces = { sender: `fcsend-${suffix}`, receiver: `fcrecv-${suffix}`, router: `fcrout-${suffix}` } as const;
    const veths = { rs: `fcrs${suffix}`, sr: `fcsr${suffix}`, rr: `fcrr${suffix}`, rv: `fcrv${suffix}` };
    const network = new TestNetwork(namespaces, [veths.rs, veths.rr]);
    try {
      for (const ns of Object.values(namespaces)) {
        await ip(['netns', 'add', ns]);
        await ip(['-n', ns, 'link', 'set', 'lo', 'up']);
      }
      const { router, sender, receiver } = namespaces;
      // Made inside the router's namespace and one end moved out: they never exist in the machine's own namespace.
      await ip(['-n', router, 'link', 'add', veths.rs, 'type', 'veth', 'peer', 'name', veths.sr, 'netns', sender]);
      await ip(['-n', router, 'link', 'add', veths.rr, 'type', 'veth', 'peer', 'name', veths.rv, 'netns', receiver]);
      await ip(['-n', router, 'addr', 'add', `${ADDRESSES.senderRouter}/24`, 'dev', veths.rs]);
      await ip(['-n', router, 'addr', 'add', `${ADDRESSES.receiverRouter}/24`, 'dev', veths.rr]);
      await ip(['-n', sender, 'addr', 'add', `${ADDRESSES.sender}/24`, 'dev', veths.sr]);
      await ip(['-n', receiver, 'addr', 'add', `${ADDRESSES.receiver}/24`, 'dev', veths.rv]);
      for (const [ns, dev] of [[router, veths.rs], [router, veths.rr], [sender, veths.sr], [receiver, veths.rv]] as const) {
        await ip(['-n', ns, 'link', 'set', dev, 'up']);
      }
      await ip(['-n', sender, 'route', 'add', 'default', 'via', ADDRESSES.senderRouter]);
      await ip(['-n', receiver, 'route', 'add', 'default', 'via', ADDRESSES.receiverRouter]);
      // Forwarding between the two peers, in the router's namespace only (a per-namespace setting).
      await inNamespace(router, ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
      return network;
    } catch (error) {
      await network.close();
      throw error instanceof NetnsError ? error : new NetnsError('NETNS_COMMAND_FAILED', `making the test network failed: ${firstLine(error)}`, { cause: error });
    }
  }

  /** The router's veth towards `peer` (to capture packets on). */
  routerDevice(peer: 'sender' | 'receiver'): string {
    return this.routerVeths[peer === 'sender' ? 0 : 1];
  }

  /** Applies `condition` to both directions of the path between the peers (replacing the previous one). */
  async setCondition(condition: PathCondition): Promise<void> {
    const args = qdiscArgs(condition);
    for (const dev of this.routerVeths) {
      await tc(this.namespaces.router, ['qdisc', 'del', 'dev', dev, 'root']).catch(() => undefined);
      if (args.length === 0) continue;
      try {
        await tc(this.namespaces.router, ['qdisc', 'add', 'dev', dev, 'root', ...args]);
      } catch (error) {
        const message = firstLine(error);
        if (args[0] === 'netem' && /unknown/i.test(message)) throw new NetnsError('NETEM_UNAVAILABLE', `tc netem is not available in this kernel (${message})`, { cause: error });
        throw new NetnsError('NETNS_COMMAND_FAILED', `tc qdisc add ${args.join(' ')} failed: ${message}`, { cause: error });
      }
    }
  }

  /**
   * Starts or ends an outage: every packet between the peers and the router is dropped (blackhole routes to both
   * peers in the router, so the peers see silence, not errors). Signaling goes through the router too and is cut as well.
   */
  async setOutage(on: boolean): Promise<void> {
    if (on === this.outageOn) return;
    const verb = on ? 'add' : 'del';
    for (const address of [ADDRESSES.sender, ADDRESSES.receiver]) {
      await ip(['-n', this.namespaces.router, 'route', verb, 'blackhole', `${address}/32`]);
    }
    this.outageOn = on;
  }

  /** Starts `command` inside `host`'s namespace; the network kills it on close if it is still running. */
  spawn(host: Host, command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
    if (this.closed) throw new NetnsError('NETNS_COMMAND_FAILED', 'the test network is closed');
    const child = spawn('ip', ['netns', 'exec', this.namespaces[host], command, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env, cwd: options.cwd });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Kills the processes still running in it and deletes the namespaces (and with them the veths); idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const child of this.children) child.kill('SIGKILL');
    await Promise.all([...this.children].map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)))));
    for (const ns of Object.values(this.namespaces)) await ip(['netns', 'del', ns]).catch(() => undefined);
  }
}

async function ip(args: string[]): Promise<void> {
  await command('ip', args);
}

async function tc(ns: string, args: string[]): Promise<void> {
  await command('ip', ['netns', 'exec', ns, 'tc', ...args]);
}

async function inNamespace(ns: string, args: string[]): Promise<void> {
  await command('ip', ['netns', 'exec', ns, ...args]);
}

async function command(file: string, args: string[]): Promise<void> {
  try {
    await run(file, args, { timeout: 10_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new NetnsError('NETNS_COMMAND_FAILED', `${file} ${args.join(' ')}: ${stderr || firstLine(error)}`, { cause: error });
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 300);
}
