/**
 * A packet capture of UDP on loopback, made with Debian's tcpdump, and a reader for the pcap files it writes: the
 * wire bench counts what the network carries from these, not from the SDK's own estimates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** One captured IPv4 UDP datagram. */
export interface CapturedDatagram {
  /** Capture time, ms since the epoch (microsecond resolution). */
  atMs: number;
  /** Bytes of the IP packet (header included): what the link carries above layer 2. */
  ipBytes: number;
  srcPort: number;
  dstPort: number;
  /** The UDP payload (as much as was captured). */
  payload: Uint8Array;
}

/** Bytes of the layer-2 header for the pcap link types tcpdump uses on Linux loopback. */
function linkHeaderBytes(linkType: number): number {
  switch (linkType) {
    case 0: // BSD loopback
      return 4;
    case 1: // Ethernet (Linux `lo`)
      return 14;
    case 101: // raw IP
      return 0;
    case 113: // Linux cooked v1 (`-i any`)
      return 16;
    case 276: // Linux cooked v2
      return 20;
    default:
      throw new Error(`pcap link type ${linkType} is not supported`);
  }
}

/** Parses a classic pcap file (either byte order, micro- or nanosecond stamps) into its IPv4 UDP datagrams. */
export function parsePcap(file: Uint8Array): CapturedDatagram[] {
  if (file.byteLength < 24) throw new Error('pcap file shorter than its header');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && view.getUint32(0, false) !== 0xa1b2c3d4 && view.getUint32(0, false) !== 0xa1b23c4d) throw new Error('not a pcap file');
  const nano = (little ? magic : view.getUint32(0, false)) === 0xa1b23c4d;
  const linkBytes = linkHeaderBytes(view.getUint32(20, little) & 0xffff);
  const datagrams: CapturedDatagram[] = [];
  let offset = 24;
  while (offset + 16 <= file.byteLength) {
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const captured = view.getUint32(offset + 8, little);
    const start = offset + 16;
    offset = start + captured;
    if (offset > file.byteLength) break; // a record cut off when tcpdump stopped
    const ip = start + linkBytes;
    if (captured < linkBytes + 28 || view.getUint8(ip) >> 4 !== 4) continue;
    if (view.getUint8(ip + 9) !== 17) continue; // not UDP
    const ipHeader = (view.getUint8(ip) & 0x0f) * 4;
    const udp = ip + ipHeader;
    datagrams.push({
      atMs: seconds * 1000 + fraction / (nano ? 1e6 : 1e3),
      ipBytes: view.getUint16(ip + 2),
      srcPort: view.getUint16(udp),
      dstPort: view.getUint16(udp + 2),
      payload: file.subarray(udp + 8, Math.min(offset, udp + view.getUint16(udp + 4))),
    });
  }
  return datagrams;
}

/** A running tcpdump; `stop()` ends it and returns what it captured. */
export class PacketCapture {
  private constructor(
    private readonly child: ChildProcess,
    private readonly path: string,
    private readonly exited: Promise<number | null>,
  ) {}

  /**
   * Starts `tcpdump -i lo` on UDP to or from 127.0.0.1, writing `path`; resolves once it is listening. Needs root
   * or CAP_NET_RAW (CI and the developer machines run as root); rejects with tcpdump's own message otherwise.
   * `where` captures on another `device` instead, inside the network namespace `netns` when given (bench:network).
   */
  static async start(path: string, filter = 'udp and host 127.0.0.1', where: { device?: string; netns?: string } = {}): Promise<PacketCapture> {
    const tcpdump = ['tcpdump', '-i', where.device ?? 'lo', '-n', '-U', '-s', '2048', '-w', path, filter];
    const [file, ...args] = where.netns ? ['ip', 'netns', 'exec', where.netns, ...tcpdump] : tcpdump;
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', (error) => reject(new Error(`tcpdump could not start (is it installed? scripts/setup.sh installs it): ${error.message}`)));
      child.stderr!.on('data', (data: Buffer) => {
        stderr += data.toString();
        if (/listening on/.test(stderr)) resolve();
      });
      void exited.then((code) => reject(new Error(`tcpdump exited (${code}) before listening: ${stderr.trim()}`)));
    });
    return new PacketCapture(child, path, exited);
  }

  /** Ends tcpdump at once if it still runs (after a failure); nothing is read. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** Stops the capture (after a short grace so the last datagrams are written) and parses it. */
  async stop(): Promise<CapturedDatagram[]> {
    await new Promise((resolve) => setTimeout(resolve, 200));
    this.child.kill('SIGINT');
    await this.exited;
    return parsePcap(await readFile(this.path));
  }
}
