/**
 * jazzer.js 4.0.0's prebuilt linux-x64 fuzzer is linked against glibc 2.38 and GCC 13's libstdc++, newer than
 * Debian 12's (2.36, GCC 12); it needs only three symbols from them. Where it does not load, this makes a copy
 * under .cache/ whose references to those two versions are weak (so the loader does not refuse it), and a small
 * preloaded library with the three symbols (__isoc23_strtol/strtoul are strtol/strtoul without C23's "0b" prefixes;
 * std::ios_base_library_init initialises iostreams, as GCC 12 does per translation unit). node_modules stays as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PREBUILT = 'fuzzer-linux-x64.node';
const WEAKEN = new Set(['GLIBC_2.38', 'GLIBCXX_3.4.32']);
const VER_FLG_WEAK = 0x2;
const SHT_GNU_VERNEED = 0x6ffffffe;

const SHIM = `#include <cstdlib>
#include <ios>
extern "C" long __isoc23_strtol(const char *s, char **e, int b) { return std::strtol(s, e, b); }
extern "C" unsigned long __isoc23_strtoul(const char *s, char **e, int b) { return std::strtoul(s, e, b); }
namespace std { void ios_base_library_init() { static ios_base::Init init; } }
`;

/** Marks the ELF's version needs named in WEAKEN as weak; returns how many it changed. */
export function weakenVersionNeeds(elf: Buffer): number {
  if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) throw new Error('not a little-endian ELF64 file');
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a), shnum = elf.readUInt16LE(0x3c);
  const section = (i: number) => {
    const at = shoff + i * shentsize;
    return { type: elf.readUInt32LE(at + 4), offset: Number(elf.readBigUInt64LE(at + 0x18)), link: elf.readUInt32LE(at + 0x28), info: elf.readUInt32LE(at + 0x2c) };
  };
  let changed = 0;
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (s.type !== SHT_GNU_VERNEED) continue;
    const strings = section(s.link).offset;
    const name = (o: number) => elf.toString('latin1', strings + o, elf.indexOf(0, strings + o));
    let need = s.offset;
    for (let n = 0; n < s.info; n++) {
      let aux = need + elf.readUInt32LE(need + 8);
      for (let k = 0; k < elf.readUInt16LE(need + 2); k++) {
        if (WEAKEN.has(name(elf.readUInt32LE(aux + 8)))) {
          elf.writeUInt16LE(elf.readUInt16LE(aux + 4) | VER_FLG_WEAK, aux + 4);
          changed++;
        }
        aux += elf.readUInt32LE(aux + 12);
      }
      need += elf.readUInt32LE(need + 12);
    }
  }
  return changed;
}

/** Whether `node` loads the addon at `path` with `env`. */
function loads(path: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const r = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(path)})`], { env, encoding: 'utf8' });
  return r.status === 0;
}

/**
 * What the jazzer process needs to run here: extra node arguments and environment (none where the prebuilt loads).
 * Throws when it loads neither as shipped nor patched (another platform, no g++).
 */
export function jazzerCompat(packageRoot: string): { nodeArgs: string[]; env: NodeJS.ProcessEnv; patched: boolean } {
  const prebuilt = resolve(packageRoot, 'node_modules', '@jazzer.js', 'fuzzer', 'prebuilds', PREBUILT);
  if (loads(prebuilt)) return { nodeArgs: [], env: process.env, patched: false };
  const dir = resolve(packageRoot, '.cache', 'fuzz', 'compat');
  mkdirSync(dir, { recursive: true });
  const patchedAddon = resolve(dir, PREBUILT), shim = resolve(dir, 'compat-shim.so'), redirect = resolve(dir, 'redirect.cjs');
  const elf = readFileSync(prebuilt);
  if (weakenVersionNeeds(elf) === 0) throw new Error(`${prebuilt} does not load here, and not for the glibc/libstdc++ versions this knows how to bridge`);
  writeFileSync(patchedAddon, elf);
  if (!existsSync(shim)) {
    writeFileSync(resolve(dir, 'compat-shim.cc'), SHIM);
    const cc = spawnSync('g++', ['-shared', '-fPIC', '-O2', '-o', shim, resolve(dir, 'compat-shim.cc')], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`g++ could not build the compatibility shim: ${cc.stderr || cc.error}`);
  }
  writeFileSync(
    redirect,
    `// Loads the patched copy of jazzer's fuzzer addon (scripts/jazzer-compat.ts).\nconst Module = require('module');\nconst load = Module._extensions['.node'];\nModule._extensions['.node'] = (m, f) => load(m, f.endsWith(${JSON.stringify(PREBUILT)}) ? ${JSON.stringify(patchedAddon)} : f);\n`,
  );
  const env = { ...process.env, LD_PRELOAD: [shim, process.env.LD_PRELOAD].filter(Boolean).join(':') };
  if (!loads(patchedAddon, env)) throw new Error(`${prebuilt} does not load here, even patched (${patchedAddon} with ${shim} preloaded)`);
  return { nodeArgs: ['--require', redirect], env, patched: true };
}
