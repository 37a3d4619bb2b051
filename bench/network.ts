/**
 * Network bench: real calls between two werift peers in processes of their own, under each path condition of issue
 * 19 (both directions). Two paths: network namespaces joined through a router namespace (bench/support/netns.ts,
 * conditions by tc on the router's veths; loss, delay and reordering need the kernel's sch_netem), or loopback
 * through a userspace UDP relay (bench/support/udp-impairment-relay.ts, every condition, no root). Per condition: decoded fraction, frozen-time fraction, capture-to-display
 * p50/p95 (sender and receiver share the wall clock), time to the first picture, recovery after the outage, and the
 * wire rate from a packet capture on the router. Writes `<out>/network.json` and `<out>/network.md`, prints one
 * JSON line last. Conditions that need tc netem are reported as not run where the kernel lacks it.
 *
 *   npm run bench:network                                  # every condition, 12 s calls
 *   npx tsx bench/network.ts --seconds 6 --conditions baseline,rate-16,outage-2s
 *   npx tsx bench/network.ts --path relay                  # the userspace relay even where netem exists
 *
 * `--path auto` (default) takes the namespaces where netem works, else the relay. The netns path needs root
 * (namespaces, tc, tcpdump).
 */
import '../src/node/index.js';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { defaultInput } from '../src/cli/builtin-sample.js';
import { sharedClip } from '../src/paths.js';
import { needsNetem, probeNetns, TestNetwork } from './support/netns.js';
import { CONDITIONS, FPS, FREEZE_AFTER_MS, OUTAGE_MS, runNetworkCall, runRelayCall, type ConditionResult, type SenderSettings } from './support/network-call.js';

const program = new Command()
  .name('bench:network')
  .option('--seconds <s>', 'call length per condition', '12')
  .option('--conditions <list>', 'comma-separated condition names (default: all)')
  .option('--path <path>', 'auto | netns | relay: namespaces and tc, or the userspace UDP relay on loopback', 'auto')
  .option('--seed <n>', 'relay path: seed of the loss, jitter and reordering draws', '1')
  .option('--first-picture-bytes <n>', "the sender's quick first picture budget (createEncoder firstPictureBytes; default off)")
  .option('--out <dir>', 'where network.json and network.md go', 'bench/results/network');

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts<{ seconds: string; conditions?: string; out: string; path: string; seed: string; firstPictureBytes?: string }>();
  const settings: SenderSettings = opts.firstPictureBytes ? { firstPictureBytes: Number(opts.firstPictureBytes) } : {};
  const seconds = Number(opts.seconds);
  if (!(seconds >= 4 && seconds <= 120)) throw new Error('--seconds must be in [4, 120]');
  const wanted = opts.conditions?.split(',').map((s) => s.trim());
  const conditions = wanted ? CONDITIONS.filter((c) => wanted.includes(c.name)) : CONDITIONS;
  if (wanted && conditions.length !== wanted.length) throw new Error(`unknown condition in ${opts.conditions}; known: ${CONDITIONS.map((c) => c.name).join(', ')}`);
  if (!['auto', 'netns', 'relay'].includes(opts.path)) throw new Error('--path must be auto, netns or relay');
  const support = await probeNetns();
  const pathKind = opts.path === 'auto' ? (support.netem ? 'netns' : 'relay') : opts.path;
  const sample = await defaultInput(sharedClip('liveportrait_d10.mp4'));
  const results: ConditionResult[] = [];
  if (pathKind === 'relay') {
    console.error('bench:network: conditions by the userspace UDP relay on loopback');
    for (const condition of conditions) {
      const result = await runRelayCall(condition, seconds, sample.path, Number(opts.seed), settings);
      console.error(`bench:network: ${JSON.stringify(result)}`);
      results.push(result);
    }
    await writeReport(opts.out, { seconds, fps: FPS, camera: sample.description, path: 'relay', seed: Number(opts.seed), ...settings, cpus: os.cpus().length, results });
    return;
  }
  if (!support.namespaces) throw new Error(`bench:network needs network namespaces: ${support.reason}`);
  if (!support.netem) console.error(`bench:network: ${support.reason}; conditions that need it are not run`);
  const network = await TestNetwork.create();
  try {
    for (const condition of conditions) {
      if (needsNetem(condition.path) && !support.netem) {
        results.push({ name: condition.name, path: condition.path, skipped: 'tc netem not available in this kernel' });
        continue;
      }
      await network.setCondition(condition.path);
      const result = await runNetworkCall(network, condition, seconds, sample.path, settings);
      console.error(`bench:network: ${JSON.stringify(result)}`);
      results.push(result);
      await network.setCondition({});
    }
  } finally {
    await network.close();
  }
  await writeReport(opts.out, { seconds, fps: FPS, camera: sample.description, path: 'netns', ...settings, netem: support.netem, netemReason: support.reason ?? null, cpus: os.cpus().length, results });
}

/** Writes `<out>/network.json` (`network-relay.json` for the relay path) and its table, and prints the JSON line. */
async function writeReport(out: string, report: { seconds: number; path: string; results: ConditionResult[] } & Record<string, unknown>): Promise<void> {
  const outDir = path.resolve(out);
  await mkdir(outDir, { recursive: true });
  const base = report.path === 'relay' ? 'network-relay' : 'network';
  await writeFile(path.join(outDir, `${base}.json`), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(outDir, `${base}.md`), markdownTable(report.results, report.seconds, report.path));
  console.log(JSON.stringify(report));
}

function markdownTable(results: ConditionResult[], seconds: number, pathKind: string): string {
  const cell = (v: number | null | undefined, digits = 0, scale = 1): string => (v === undefined ? '' : v === null ? 'none' : (v * scale).toFixed(digits));
  const relay = pathKind === 'relay';
  const extraHead = relay ? ' sender frame rate at the end, Hz | datagrams up: relay saw / link sent |' : '';
  const lines = [
    `| condition | decoded | frozen | first picture ms | capture to display p50 / p95 ms | recovery ms | wire kbit/s delivered (up + down) | sent up kbit/s |${extraHead}`,
    `|---|---|---|---|---|---|---|---|${relay ? '---|---|' : ''}`,
  ];
  for (const r of results) {
    if (r.skipped) {
      lines.push(`| ${r.name} | not run: ${r.skipped} | | | | | | |`);
      continue;
    }
    const extra = relay && r.relay ? ` ${cell(r.frameRateHz, 1)} | ${r.relay.upReceived - r.relay.upStun} / ${r.relay.senderLinkDatagrams} |` : '';
    lines.push(
      `| ${r.name} | ${cell(r.decodedFraction, 0, 100)} % (${r.framesDecoded}/${r.framesEncoded}) | ${cell(r.frozenFraction, 0, 100)} % | ${cell(r.firstPictureMs)} | ${r.framesDecoded ? `${cell(r.latencyMsP50)} / ${cell(r.latencyMsP95)}` : '-'} | ${cell(r.recoveryMs)} | ${cell(r.wireKbps, 1)} (${cell(r.wireKbpsUp, 1)} + ${cell(r.wireKbpsDown, 1)}) | ${cell(r.sentKbps, 1)} |${extra}`,
    );
  }
  return `${lines.join('\n')}\n\n${seconds} s calls at ${FPS} fps; frozen: time without a new picture for over ${FREEZE_AFTER_MS} ms, from the first picture on; recovery: the first picture after a ${OUTAGE_MS / 1000} s outage ends; wire: IP bytes the path delivered each way (${pathKind === 'relay' ? 'counted by the relay as it forwarded them' : 'captured where they leave the router'}), against what the sender's link put out.\n`;
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
