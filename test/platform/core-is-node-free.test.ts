/**
 * The platform-neutral core (bitstream, face models, fitting, encoder, decoder, renderers, controls, model readers)
 * and everything the browser entry reaches import no Node module and use no Node global: Node-only code sits in
 * src/node/ behind src/io/platform-files.ts.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { findNodeUses, importSpecifiers } from './node-free-scan.js';

const SRC = path.resolve('src');
const CORE_FOLDERS = ['bitstream', 'face', 'encoder', 'decoder', 'controls', 'io', 'e2ee'];
const BROWSER_ENTRY = path.join(SRC, 'browser.ts');
/** npm packages that only run in Node: the browser bundle must not reach them. */
const NODE_ONLY_PACKAGES = ['onnxruntime-node', 'sharp', 'werift', 'ws', 'commander', 'cli-progress', 'tsx'];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(p);
    return /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** A relative specifier's file: `./x.js` is `./x.ts` in the sources (or the generated `.js`). */
function resolveRelative(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.(ts|js)$/)) return candidate;
  }
  return null;
}

/** Every source file reachable from `entry` through relative imports, and the bare packages they import. */
function reachable(entry: string): { files: string[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const spec of importSpecifiers(source)) {
      if (spec.startsWith('.')) {
        const next = resolveRelative(file, spec);
        if (next) todo.push(next);
      } else {
        packages.set(spec, path.relative(SRC, file));
      }
    }
  }
  return { files: [...seen], packages };
}

function report(files: string[]): string[] {
  return files.flatMap((f) => findNodeUses(f, readFileSync(f, 'utf8')).map((u) => `${path.relative(SRC, f)}:${u.line} ${u.what}`));
}

describe('platform-neutral core', () => {
  it('the scanner sees node: imports, builtin imports and Node globals (and not member names or comments)', () => {
    const uses = findNodeUses(
      'probe.ts',
      [
        "import { readFile } from 'node:fs/promises';",
        "import path from 'path';",
        "const m = await import('node:crypto');",
        'const b = Buffer.from([1]);',
        'const env = process.env.X;',
        '// Buffer and process in a comment are fine',
        'const o = { process: 1 }; o.process; const s = "Buffer";',
      ].join('\n'),
    );
    expect(uses.map((u) => `${u.line} ${u.what}`)).toEqual(['1 imports node:fs/promises', '2 imports path', '3 imports node:crypto', '4 uses Buffer', '5 uses process']);
  });

  it.each(CORE_FOLDERS)('src/%s imports no Node module and uses no Node global', (folder) => {
    const files = sourcesUnder(path.join(SRC, folder));
    expect(files.length).toBeGreaterThan(0);
    expect(report(files)).toEqual([]);
  });

  it('everything src/browser.ts reaches is Node-free and imports no Node-only package', () => {
    const { files, packages } = reachable(BROWSER_ENTRY);
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.includes(`${path.sep}node${path.sep}`))).toBe(false);
    expect(report(files)).toEqual([]);
    const nodeOnly = [...packages].filter(([p]) => NODE_ONLY_PACKAGES.includes(p.split('/')[0])).map(([p, by]) => `${by} imports ${p}`);
    expect(nodeOnly).toEqual([]);
  });
});
