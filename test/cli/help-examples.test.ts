// Every command's help ends with a working example (the real CLI, through bin/facecodec.js).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const bin = resolve('bin/facecodec.js');
const help = (...args: string[]) => execFileSync(process.execPath, [bin, ...args, '--help'], { encoding: 'utf8', env: { ...process.env, FACECODEC_FROM_SOURCE: '1' } });

test('facecodec --help lists examples, starting with the README main command', () => {
  const text = help();
  expect(text).toMatch(/Examples/);
  expect(text).toMatch(/\$ npx facecodec roundtrip\s/);
});

test.each(['roundtrip', 'encode', 'decode', 'info', 'track', 'reenact', 'sample', 'serve'])('facecodec %s --help shows an example of itself', (command) => {
  expect(help(command)).toMatch(new RegExp(`Example:\\n  \\$ npx facecodec ${command} `));
}, 30_000);
