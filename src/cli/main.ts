/** The `facecodec` command line: encode, decode, roundtrip, info, track, reenact, sample, serve. */
import '../node/index.js';
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { FacecodecError } from '../errors.js';
import { defaultSampleClip } from '../paths.js';
import { BUILTIN_SAMPLE_DESCRIPTION, BUILTIN_SAMPLE_VIDEO, defaultInput, renderBuiltinSample } from './builtin-sample.js';
import { parseNeuralFlags, type NeuralFlags } from './neural-option.js';
import { hasProfileFlags, parseProfile, type ProfileFlags } from './profile-option.js';
import { addReenactCommand } from './reenact.js';
import { roundtrip } from './roundtrip.js';
import { serve, type ServeFlags } from './serve-command.js';
import { decodeFile, encodeFile, streamInfo } from './stream-commands.js';

const program = new Command();
program.name('facecodec').description('Talking-head video at a few kbit/s: 3D face keypoints and expression instead of pixels.');
program.addHelpText(
  'after',
  `
Examples (each works on a fresh clone; without ../shared the roundtrip uses the built-in sample):
  $ npx facecodec roundtrip                                   # built-in defaults: writes out/roundtrip.mp4
  $ npx facecodec roundtrip --side-by-side --stream out/roundtrip.fcs
  $ npx facecodec sample                                      # writes out/sample/astronaut-talking.mp4
  $ npx facecodec info out/roundtrip.fcs
  $ npx facecodec decode out/roundtrip.fcs -o out/decoded.mp4
  $ npx facecodec encode out/sample/astronaut-talking.mp4 -o out/sample.fcs --profile k8e5
  $ npx facecodec track out/sample/astronaut-talking.mp4 -o out/track.json
  $ npx facecodec reenact --source assets/sample/astronaut-face.jpg --driver out/sample/astronaut-talking.mp4 -o out/reenact.mp4 --emotion happy:0.5
  $ npx facecodec serve --port 8080                           # then open http://127.0.0.1:8080/?room=demo in two tabs
The .fcs examples read what the roundtrip with --stream wrote; the others read what 'npx facecodec sample' wrote.`,
);

const withProfile = (c: Command) =>
  c
    .option('--profile <kXeY>', 'keypoints and expression dims, e.g. k16e10 (default), k4e0, k68e50; suffix -fixed for fixed-length coding')
    .option('--keypoints <n>', 'number of 3D keypoints (1..68)')
    .option('--expression-dims <n>', 'expression coefficients sent')
    .option('--keypoint-bits <n>', 'bit depth of keypoint coordinates')
    .option('--learned-keypoints <n>', 'send n learned keypoints of a neural model exported in the unsupervised mode instead of landmarks')
    .option('--coding <range|fixed>', 'entropy coding')
    .option('--eyes', 'carry lid apertures and gaze in every frame (runs the iris network on the sender)')
    .option('--no-eyes', 'carry no eye state')
    .option('--intra-interval <n>', 'frames between intra frames')
    .option('--flame <folder>', 'use FLAME 2023 Open from this folder instead of the built-in face model')
    .option('--face-model <v1|v2>', 'which shipped built-in face model to code with (default v1)')
    .option('--max-frames <n>', 'stop after this many frames');

/** `--face-model v1|v2` -> the built-in version (undefined: the default). */
function builtinVersion(value: unknown): 1 | 2 | undefined {
  if (value === undefined) return undefined;
  if (value === 'v1' || value === 'v2') return value === 'v1' ? 1 : 2;
  throw new FacecodecError('BAD_ARGUMENT', `--face-model must be v1 or v2, got ${String(value)}`);
}

function wholeNumber(flag: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new FacecodecError('BAD_ARGUMENT', `${flag} must be a whole number >= 0, got ${String(value)}`);
  return n;
}

function checkRenderer(name: unknown): 'mesh-warp' | 'neural' | 'mesh-warp+refine' {
  if (name !== 'mesh-warp' && name !== 'neural' && name !== 'mesh-warp+refine') {
    throw new FacecodecError('BAD_ARGUMENT', '--renderer must be mesh-warp, neural or mesh-warp+refine');
  }
  return name;
}

const NEURAL_PROVIDERS_HELP = 'execution providers the neural renderer tries in order, e.g. cpu or webgpu,cpu (default webgpu,cuda,cpu)';

/** A command's help ends with a working example (and where its input comes from). */
const example = (command: string, args: string, note: string) => `\nExample:\n  $ npx facecodec ${command} ${args}\n  (${note})`;
const AFTER_ROUNDTRIP = 'out/sample/astronaut-talking.mp4 is written by `npx facecodec sample`; any video works';

const maxFrames = (v: unknown) => (v === undefined ? undefined : Number(v));

withProfile(
  program
    .command('roundtrip')
    .description('encode and decode a video; write the reconstruction and print bytes per frame and kbit/s as JSON')
    .argument('[video]', 'input video (default: ../shared/clips/liveportrait_d18.mp4, else the built-in sample)')
    .option('-o, --output <file.mp4>', 'output video (input size, frame count and rate)', 'out/roundtrip.mp4')
    .option('--stream <file.fcs>', 'keep the bitstream')
    .option('--side-by-side', 'original | reconstruction')
    .option('--paste-on-input', 'paste the face crop over the input frame (demo only: the receiver never has those pixels)')
    .option('--crop-size <px>', 'side of the coded face crop (default 256; 512 for sharper output at 4x the decode cost)')
    .option('--mouth-reference-bytes <n>', 'send one image of the open mouth (teeth) of about n bytes when it first opens wide (default 0: none)')
    .option('--no-person-matte', 'sender: no person matte with keyframes (the background then bends with a moving head)')
    .option('--no-texture-alignment', 'sender: fit to the tracker\'s mesh only, without pulling the fit to where the keyframe\'s texture went (faster, lower quality)')
    .option('--renderer <mesh-warp|neural|mesh-warp+refine>', 'frame generator (neural needs an exported model; mesh-warp+refine the refiner in models/refiner)', 'mesh-warp')
    .option('--neural-model-dir <dir>', 'the neural renderer\'s model folder (default models/neural); an unsupervised-mode export also drives the sender')
    .option('--neural-providers <list>', NEURAL_PROVIDERS_HELP)
    .addHelpText('after', example('roundtrip', '--side-by-side --profile k8e5 --stream out/roundtrip.fcs', 'no video: ../shared\'s sample clip, or the built-in sample (a public-domain portrait, reenacted)')),
).action(async (video: string | undefined, opts: ProfileFlags & Record<string, string | boolean | undefined>) => {
  const renderer = checkRenderer(opts.renderer);
  const neural = parseNeuralFlags(opts as NeuralFlags);
  // No profile flags: the codec's default, or the learned keypoints an unsupervised-mode neural model needs. Checked
  // before the built-in sample is rendered, so a bad flag fails at once.
  const profile = hasProfileFlags(opts) ? parseProfile(opts, Boolean(opts.flame)) : undefined;
  // No input: the shared clip where it exists (nothing changes there), else the built-in sample, said so on stderr.
  const sample = video === undefined ? await defaultInput() : undefined;
  if (sample?.kind === 'builtin') console.error(`facecodec: ${defaultSampleClip()} not found; using the ${sample.description}`);
  const report = await roundtrip({
    input: video ?? sample!.path,
    output: opts.output as string,
    streamPath: opts.stream as string | undefined,
    profile,
    renderer,
    neuralModelDir: neural?.modelDir,
    neuralProviders: neural?.providers,
    sideBySide: Boolean(opts.sideBySide),
    pasteOnInput: Boolean(opts.pasteOnInput),
    maxFrames: maxFrames(opts.maxFrames),
    flameFolder: opts.flame as string | undefined,
    builtinVersion: builtinVersion(opts.faceModel),
    encoder: {
      ...(opts.cropSize ? { cropSizePx: Number(opts.cropSize) } : {}),
      ...(opts.mouthReferenceBytes !== undefined ? { mouthReferenceBytes: wholeNumber('--mouth-reference-bytes', opts.mouthReferenceBytes) } : {}),
      personMatte: opts.personMatte !== false,
      textureAlignment: opts.textureAlignment !== false,
    },
  });
  console.log(JSON.stringify(sample?.kind === 'builtin' ? { sample: sample.description, ...report } : report, null, 2));
});

withProfile(
  program
    .command('encode')
    .description('encode a video into a .fcs stream file')
    .argument('<video>')
    .requiredOption('-o, --output <stream.fcs>', 'stream file')
    .option('--neural-model-dir <dir>', 'a neural model exported in the unsupervised mode: send its learned keypoints')
    .option('--no-texture-alignment', 'sender: fit to the tracker\'s mesh only, without pulling the fit to where the keyframe\'s texture went (faster, lower quality)')
    .addHelpText('after', example('encode', 'out/sample/astronaut-talking.mp4 -o out/sample.fcs --profile k8e5', AFTER_ROUNDTRIP)),
).action(async (video: string, opts: ProfileFlags & Record<string, string | boolean | undefined>) => {
  const { summary } = await encodeFile({
    input: video,
    output: opts.output as string,
    profile: hasProfileFlags(opts) || !opts.neuralModelDir ? parseProfile(opts, Boolean(opts.flame)) : undefined,
    learnedKeypointsModelDir: opts.neuralModelDir as string | undefined,
    maxFrames: maxFrames(opts.maxFrames as string | undefined),
    flameFolder: opts.flame as string | undefined,
    builtinVersion: builtinVersion(opts.faceModel),
    textureAlignment: opts.textureAlignment !== false,
  });
  console.log(JSON.stringify(summary, null, 2));
});

program
  .command('decode')
  .description('decode a .fcs stream file to mp4 (or a folder of PNG frames)')
  .argument('<stream.fcs>')
  .requiredOption('-o, --output <video.mp4|folder>', 'output')
  .option('--flame <folder>', 'FLAME 2023 Open folder, for streams that use FLAME')
  .option('--renderer <mesh-warp|neural|mesh-warp+refine>', 'frame generator (neural needs models/neural/*.onnx; mesh-warp+refine models/refiner)', 'mesh-warp')
  .option('--neural-model-dir <dir>', 'the neural renderer\'s model folder (default models/neural)')
  .option('--neural-providers <list>', NEURAL_PROVIDERS_HELP)
  .addHelpText('after', example('decode', 'out/roundtrip.fcs -o out/decoded.mp4', 'out/roundtrip.fcs from: npx facecodec roundtrip --stream out/roundtrip.fcs'))
  .action(async (input: string, opts: NeuralFlags & { output: string; flame?: string; renderer: string }) => {
    const renderer = checkRenderer(opts.renderer);
    const neural = parseNeuralFlags(opts);
    console.log(JSON.stringify(await decodeFile(input, opts.output, opts.flame, renderer, neural), null, 2));
  });

program
  .command('info')
  .description('print facts about a .fcs stream file')
  .argument('<stream.fcs>')
  .option('--json', 'print JSON')
  .addHelpText('after', example('info', 'out/roundtrip.fcs --json', 'out/roundtrip.fcs from: npx facecodec roundtrip --stream out/roundtrip.fcs'))
  .action(async (input: string, opts: { json?: boolean }) => {
    const info = await streamInfo(input);
    if (opts.json) console.log(JSON.stringify(info, null, 2));
    else {
      const h = info.header as { faceModelId?: string; profile?: { keypoints: number; expressionDims: number } } | null;
      console.log(`${info.file}: ${info.frames} frames (${info.intraFrames} intra), ${info.durationS.toFixed(2)} s`);
      console.log(`model ${h?.faceModelId ?? '?'}, ${h?.profile?.keypoints ?? '?'} keypoints, ${h?.profile?.expressionDims ?? '?'} expression dims`);
      console.log(`${info.bytesPerFrame.toFixed(2)} bytes/frame = ${info.kbps.toFixed(2)} kbit/s; ${info.keyframes} keyframes, first ${info.firstKeyframeBytes} bytes`);
    }
  });

withProfile(
  program
    .command('track')
    .description('track and fit a video; write per-frame parameters and keypoints as JSON')
    .argument('<video>')
    .requiredOption('-o, --output <track.json>', 'output JSON')
    .addHelpText('after', example('track', 'out/sample/astronaut-talking.mp4 -o out/track.json', AFTER_ROUNDTRIP)),
).action(async (video: string, opts: ProfileFlags & Record<string, string | undefined>) => {
  const { summary, track } = await encodeFile({
    input: video,
    profile: parseProfile(opts, Boolean(opts.flame)),
    maxFrames: maxFrames(opts.maxFrames),
    flameFolder: opts.flame,
    collectTrack: true,
  });
  await writeFile(opts.output!, JSON.stringify({ name: video, frameRateHz: summary.frameRateHz, frames: track }));
  const rms = track.filter((f) => f.status === 'ok').map((f) => f.rmsErrorPx);
  console.log(JSON.stringify({ output: opts.output, frames: summary.frames, tracked: rms.length, meanRmsErrorPx: rms.reduce((a, b) => a + b, 0) / Math.max(1, rms.length) }));
});

addReenactCommand(program);

program
  .command('sample')
  .description('render the built-in sample video: a public-domain portrait reenacted by the built-in motion track (what roundtrip uses without ../shared)')
  .option('-o, --output <file.mp4>', 'output video', BUILTIN_SAMPLE_VIDEO)
  .addHelpText('after', example('sample', `-o ${BUILTIN_SAMPLE_VIDEO}`, 'sources and terms: assets/sample/NOTICE.md'))
  .action(async (opts: { output: string }) => {
    console.log(JSON.stringify({ sample: BUILTIN_SAMPLE_DESCRIPTION, ...(await renderBuiltinSample(opts.output)) }, null, 2));
  });

program
  .command('serve')
  .description('serve the demo call page with the signaling server on one port: two tabs in a room call each other')
  .option('--port <n>', 'port (0 picks a free one)', '8080')
  .option('--host <address>', 'address to listen on (a camera needs localhost or https: other hosts only receive)', '127.0.0.1')
  .option('--bundle <dir>', 'browser bundle folder (default dist/browser; in a git checkout a fresh build)')
  .addHelpText('after', example('serve', '--port 8080', 'open http://127.0.0.1:8080/?room=demo in two tabs; SIGINT or SIGTERM stops it'))
  .action(async (opts: ServeFlags) => {
    await serve(opts);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof FacecodecError) {
    console.error(`facecodec: ${err.code}: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
});
