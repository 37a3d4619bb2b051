/**
 * The facecodec command as a child process (bin/facecodec.js, from the sources): JSON and exit code 0 on a good run,
 * and for bad input a non-zero exit code with one line `facecodec: CODE: message` on stderr, no stack trace.
 * Runs without ../shared: FACECODEC_SHARED points at nothing, so the roundtrip uses the built-in sample.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StreamFileWriter, readStreamFile } from '../../src/bitstream/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repo, 'bin/facecodec.js');
let work: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in the work folder (the built-in sample is rendered into its out/). */
function facecodec(...args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, FACECODEC_FROM_SOURCE: '1', FACECODEC_SHARED: path.join(work, 'no-shared') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failed run: non-zero exit, nothing on stdout, exactly one `facecodec: CODE: message` line on stderr. */
function expectTypedFailure(r: Run, code: string): void {
  expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^facecodec: ${code}: \\S.*$`))]);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.status).not.toBe(0);
  expect(r.status).not.toBeNull();
  expect(r.stdout).toBe('');
}

const file = (name: string): string => path.join(work, name);

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'facecodec-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a good run', () => {
  test('roundtrip --max-frames 10 on the built-in sample: exit 0, a JSON report on stdout, the stream kept', () => {
    const r = facecodec('roundtrip', '--max-frames', '10', '-o', file('rt.mp4'), '--stream', file('rt.fcs'));
    expect(r.stderr).toMatch(/^facecodec: .* not found; using the built-in sample/);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ frames: 10, framesWithFace: 10, keyframes: 1, intraFrames: 1, output: file('rt.mp4') });
    expect(report.sample).toMatch(/^built-in sample/);
    // 17 B/frame observed for the default profile on the sample.
    expect(report.bytesPerFrame).toBeGreaterThan(10);
    expect(report.bytesPerFrame).toBeLessThan(30);
  }, 180_000);

  test('info --json and decode read that stream: exit 0 and JSON', () => {
    const info = facecodec('info', file('rt.fcs'), '--json');
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ frames: 10, intraFrames: 1, keyframes: 1 });
    const decoded = facecodec('decode', file('rt.fcs'), '-o', file('decoded.mp4'));
    expect(decoded.status).toBe(0);
    expect(JSON.parse(decoded.stdout)).toMatchObject({ frames: 10, errors: 0 });
  }, 120_000);
});

describe('smoke runs of encode, track and reenact on the built-in sample the roundtrip rendered', () => {
  const sample = (): string => file('out/sample/astronaut-talking.mp4');
  // Run alone (-t), nothing has rendered the sample yet.
  beforeAll(() => {
    if (!existsSync(sample())) expect(facecodec('sample', '-o', sample()).status).toBe(0);
  }, 120_000);

  test('encode --profile k8e5 writes a stream that info reads back with that profile', () => {
    const r = facecodec('encode', sample(), '-o', file('enc.fcs'), '--profile', 'k8e5', '--max-frames', '5');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ frames: 5, framesWithoutPacket: 0 });
    const info = JSON.parse(facecodec('info', file('enc.fcs'), '--json').stdout) as { frames: number; header: { profile: { keypoints: number; expressionDims: number } } };
    expect(info.frames).toBe(5);
    expect(info.header.profile).toMatchObject({ keypoints: 8, expressionDims: 5 });
  }, 120_000);

  test('track writes one fitted frame per input frame', () => {
    const r = facecodec('track', sample(), '-o', file('track.json'), '--max-frames', '5');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ frames: 5, tracked: 5 });
    const track = JSON.parse(readFileSync(file('track.json'), 'utf8')) as { frames: Array<{ status: string }> };
    expect(track.frames.map((f) => f.status)).toEqual(Array(5).fill('ok'));
  }, 120_000);

  test('reenact animates the sample portrait with the sample video', () => {
    const r = facecodec('reenact', '--source', path.join(repo, 'assets/sample/astronaut-face.jpg'), '--driver', sample(), '-o', file('reenact.mp4'), '--max-frames', '5', '--emotion', 'happy:0.5');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ frames: 5, output: file('reenact.mp4') });
    expect(readFileSync(file('reenact.mp4')).length).toBeGreaterThan(1000);
  }, 120_000);
});

describe('bad input fails with a typed one-line message', () => {
  test('a missing input video', () => {
    expectTypedFailure(facecodec('roundtrip', file('missing.mp4'), '-o', file('x.mp4')), 'MEDIA_NOT_FOUND');
    expectTypedFailure(facecodec('encode', file('missing.mp4'), '-o', file('x.fcs')), 'MEDIA_NOT_FOUND');
  }, 60_000);

  test('a bad --profile (refused before any sample is rendered) and an unknown --renderer', () => {
    expectTypedFailure(facecodec('roundtrip', '--profile', 'bogus'), 'BAD_ARGUMENT');
    expectTypedFailure(facecodec('encode', file('missing.mp4'), '-o', file('x.fcs'), '--profile', 'k99e0'), 'BAD_ARGUMENT');
    expectTypedFailure(facecodec('roundtrip', '--renderer', 'pixels'), 'BAD_ARGUMENT');
  }, 60_000);

  test('a missing .fcs to decode and info', () => {
    expectTypedFailure(facecodec('info', file('missing.fcs')), 'FILE_NOT_FOUND');
    expectTypedFailure(facecodec('decode', file('missing.fcs'), '-o', file('x.mp4')), 'FILE_NOT_FOUND');
  }, 60_000);

  test('a corrupt .fcs to decode and info: bad magic, truncated, without its keyframe', () => {
    const good = new Uint8Array(readFileSync(file('rt.fcs')));
    writeFileSync(file('magic.fcs'), Buffer.concat([Buffer.from('MP4 '), good.subarray(4)]));
    writeFileSync(file('truncated.fcs'), good.subarray(0, good.length - 7));
    const writer = new StreamFileWriter();
    for (const { message } of readStreamFile(good)) if (message.type !== 'keyframe') writer.add(message);
    writeFileSync(file('no-keyframe.fcs'), writer.finish());
    for (const command of ['info', 'decode']) {
      const out = command === 'decode' ? ['-o', file('x.mp4')] : [];
      expectTypedFailure(facecodec(command, file('magic.fcs'), ...out), 'INVALID_MESSAGE');
      expectTypedFailure(facecodec(command, file('truncated.fcs'), ...out), 'TRUNCATED');
    }
    // Structurally sound, so info describes it (0 keyframes); decoding it is an error, not an empty video.
    const info = facecodec('info', file('no-keyframe.fcs'), '--json');
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ frames: 10, keyframes: 0 });
    expectTypedFailure(facecodec('decode', file('no-keyframe.fcs'), '-o', file('x.mp4')), 'MISSING_KEYFRAME');
  }, 120_000);
});
