// The demo call page (`npx facecodec serve`): camera -> tracker, fitter, encoder -> data channels -> the other tab's
// decoder -> canvas, with live stats. Plain JavaScript on purpose: the server serves it as it is, next to the bundle.
//
// Query parameters: room (joins at once), role (auto | offerer | answerer; auto takes the free one), send (0: receive
// only, e.g. from the Node sample sender), fps (camera rate, default 15), renderer (mesh-warp | mesh-warp+refine),
// staleAfterMs (frames older than this on arrival are dropped, default 1000).
import * as fc from '/facecodec.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
fc.configureAssets({ modelsUrl: '/models/' });
const signalingUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
/** IPv4 + UDP headers per datagram: getStats counts the bytes above UDP. */
const IP_UDP_HEADER_BYTES = 28;

/** What a test (or a curious user, in the console) reads: `facecodecDemo.snapshot()`. */
const state = { phase: 'idle', role: null, statsUpdates: 0, errors: [], last: null };
globalThis.facecodecDemo = { snapshot: () => JSON.parse(JSON.stringify(state)) };

let call = null;

function status(text) {
  $('status').textContent = text;
}

function fail(where, error) {
  const text = `${where}: ${error?.message ?? error}`;
  state.errors.push(text);
  console.error(text);
  status(text);
}

async function openCamera(fps) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, frameRate: fps }, audio: false });
  const video = $('local');
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return {
    stream,
    grab() {
      if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
      }
      ctx.drawImage(video, 0, 0);
      return fc.rgbaToRgb(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
    },
    close() {
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}

/** Joins as `role`; `auto` offers, and answers when the room already has an offerer. */
async function connect(room, role) {
  const options = (r) => ({ url: signalingUrl, room, role: r, timeoutMs: 600_000, link: { rtcConfig: { iceServers: [] } } });
  if (role !== 'auto') return { link: await fc.connectBrowserPeer(options(role)), role };
  try {
    return { link: await fc.connectBrowserPeer(options('offerer')), role: 'offerer' };
  } catch (error) {
    if (error?.details?.code !== 'ROLE_TAKEN') throw error;
    return { link: await fc.connectBrowserPeer(options('answerer')), role: 'answerer' };
  }
}

async function createRenderer(name) {
  if (name !== 'mesh-warp+refine') return new fc.MeshWarpFaceRenderer();
  // onnxruntime-web loads here (its own chunk, its wasm from /models/onnxruntime-web/): WebGPU if there is an adapter.
  return new fc.RefinedFaceRenderer({ runner: await fc.OnnxRefinerRunner.create() });
}

async function join(settings) {
  state.phase = 'starting';
  state.errors = [];
  $('start').disabled = true;
  status('loading the face model…');
  const model = await fc.loadBuiltinFaceModelFromUrl();
  let camera = null;
  let tracking = null;
  if (settings.send) {
    try {
      camera = await openCamera(settings.fps);
    } catch (error) {
      fail('camera', error);
      status('no camera: receiving only');
    }
  }
  if (camera) {
    status('starting the face tracker (tfjs on WASM)…');
    tracking = await fc.createFaceTracking({ tracker: { fps: settings.fps } });
    // Compile the graphs before the call: the first frames would otherwise take seconds.
    for (let i = 0; i < 2; i++) {
      const image = camera.grab();
      const [box] = await tracking.landmarker.detectFaces(image);
      if (box) await tracking.landmarker.landmarks(image, box);
    }
  }
  const renderer = await createRenderer(settings.renderer);
  const decoder = new fc.Decoder({ models: [model], renderer, keyframeCodec: new fc.BrowserImageCodec() });
  status(`waiting for the other side in room "${settings.room}"…`);
  const { link, role } = await connect(settings.room, settings.role);
  state.role = role;
  state.phase = 'in-call';
  status(`in a call in room "${settings.room}" (${role}, ${renderer.name}${renderer.provider ? ` on ${renderer.provider}` : ''})`);
  const receiver = new fc.CodecReceiver({ link, decoder, staleAfterMs: settings.staleAfterMs });
  receiver.own(decoder);
  const remote = $('remote');
  const remoteCtx = remote.getContext('2d');
  receiver.on('frame', (frame) => {
    if (remote.width !== frame.image.width || remote.height !== frame.image.height) {
      remote.width = frame.image.width;
      remote.height = frame.image.height;
    }
    fc.drawRgbImage(remoteCtx, frame.image);
  });
  receiver.on('error', (error) => fail('receiver', error));
  let sender = null;
  let encoder = null;
  if (camera) {
    encoder = new fc.Encoder({ model, fitter: fc.createFitter(model), tracker: tracking.tracker, frameRateHz: settings.fps, keyframeJpegQuality: 85, keyframeCodec: new fc.JpegImageCodec(), keyframeSwitchDelayMs: 0 });
    sender = new fc.CodecSender({ link, encoder });
    sender.own(encoder);
    sender.own(tracking);
    sender.on('error', (error) => fail('sender', error));
  }
  const current = { link, receiver, sender, encoder, camera, tracking, stopped: false, encodeMs: [] };
  call = current;
  link.on('close', (reason) => {
    if (call === current) void hangup(reason === 'remote' ? 'the other side left' : `link closed (${reason})`);
  });
  $('hangup').disabled = false;
  const statsTimer = setInterval(() => void updateStats(current), 1000);
  current.statsTimer = statsTimer;
  if (camera) void cameraLoop(current, settings.fps);
}

/** A camera at `fps`: each tick grabs the current picture; ticks missed while encoding are skipped. */
async function cameraLoop(current, fps) {
  const periodMs = 1000 / fps;
  const start = performance.now();
  while (!current.stopped && !current.sender.isClosed) {
    const i = Math.ceil((performance.now() - start) / periodMs);
    const waitMs = start + i * periodMs - performance.now();
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    if (current.stopped) break;
    const image = current.camera.grab();
    const t = performance.now();
    try {
      await current.sender.send(image, Math.round(i * periodMs));
    } catch (error) {
      if (!current.stopped) fail('send', error);
      break;
    }
    current.encodeMs.push(performance.now() - t);
  }
}

/** Bytes and datagrams both ways on the selected ICE candidate pair (what the page can see of the wire). */
async function wireCounters(link) {
  const report = await link.rtcPeerConnection.getStats();
  let pair = null;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pair = report.get(s.selectedCandidatePairId) ?? pair;
  });
  if (!pair) report.forEach((s) => {
    if (s.type === 'candidate-pair' && (s.nominated || s.selected) && s.state === 'succeeded') pair = s;
  });
  if (!pair) return null;
  return {
    bytesOut: (pair.bytesSent ?? 0) + (pair.packetsSent ?? 0) * IP_UDP_HEADER_BYTES,
    bytesIn: (pair.bytesReceived ?? 0) + (pair.packetsReceived ?? 0) * IP_UDP_HEADER_BYTES,
  };
}

const kbps = (bytes, ms) => (ms > 0 ? (bytes * 8) / ms : 0);
const fixed = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');

async function updateStats(current) {
  if (current.stopped) return;
  const now = performance.now();
  const r = current.receiver.stats();
  const s = current.sender?.stats() ?? null;
  const wire = await wireCounters(current.link).catch(() => null);
  // A hang-up while getStats ran: keep the last numbers of the call, not those of a closing decoder.
  if (current.stopped) return;
  const sample = {
    atMs: now,
    inBytes: r.frameBytesReceived + r.reliableBytesReceived,
    outBytes: s ? s.frameBytesSent + s.reliableBytesSent : 0,
    framesDecoded: r.framesDecoded,
    framesSent: s?.framesSent ?? 0,
    wire,
  };
  const prev = current.prevSample ?? { atMs: now - 1000, inBytes: 0, outBytes: 0, framesDecoded: 0, framesSent: 0, wire: null };
  current.prevSample = sample;
  const dt = sample.atMs - prev.atMs;
  const encodeMs = current.encodeMs.splice(0);
  const last = {
    sent: {
      framesSent: sample.framesSent,
      keyframesSent: s?.keyframesSent ?? 0,
      fps: ((sample.framesSent - prev.framesSent) * 1000) / dt,
      payloadKbps: kbps(sample.outBytes - prev.outBytes, dt),
      wireKbps: wire && prev.wire ? kbps(wire.bytesOut - prev.wire.bytesOut, dt) : NaN,
      encodeMsMean: encodeMs.length ? encodeMs.reduce((a, b) => a + b, 0) / encodeMs.length : NaN,
      referencesHeld: current.encoder?.referenceIds.length ?? 0,
      // What the other side reports of this stream (every 5 s): its capture-to-decoded delay.
      remoteDelayMsP50: s?.lastReceiverStats?.delayMsP50 ?? NaN,
    },
    received: {
      framesDecoded: sample.framesDecoded,
      framesLost: r.framesLost,
      framesDropped: r.framesDropped,
      keyframesReceived: r.keyframesReceived,
      fps: ((sample.framesDecoded - prev.framesDecoded) * 1000) / dt,
      payloadKbps: kbps(sample.inBytes - prev.inBytes, dt),
      wireKbps: wire && prev.wire ? kbps(wire.bytesIn - prev.wire.bytesIn, dt) : NaN,
      // Capture to decoded, relative to the fastest frame (the two clocks' offset is estimated from it).
      delayMsP50: r.delayMsP50,
      delayMsP95: r.delayMsP95,
      referencesHeld: current.receiver.decoder.heldKeyframeIds.length,
    },
  };
  state.last = last;
  state.statsUpdates++;
  const el = $('stats');
  el.dataset.updates = String(state.statsUpdates);
  const o = last.sent, i = last.received;
  el.textContent = [
    `            payload kbit/s  wire est. kbit/s  fps    frames   references held`,
    `sending     ${fixed(o.payloadKbps, 2).padStart(14)}  ${fixed(o.wireKbps, 2).padStart(16)}  ${fixed(o.fps).padStart(5)}  ${String(o.framesSent).padStart(7)}   ${o.referencesHeld}`,
    `receiving   ${fixed(i.payloadKbps, 2).padStart(14)}  ${fixed(i.wireKbps, 2).padStart(16)}  ${fixed(i.fps).padStart(5)}  ${String(i.framesDecoded).padStart(7)}   ${i.referencesHeld}`,
    ``,
    `latency (capture -> decoded, relative to the fastest frame): here p50 ${fixed(i.delayMsP50, 0)} ms, p95 ${fixed(i.delayMsP95, 0)} ms; the other side reports p50 ${fixed(o.remoteDelayMsP50, 0)} ms`,
    `encode ${fixed(o.encodeMsMean)} ms/frame; keyframes sent ${o.keyframesSent}, received ${i.keyframesReceived}; frames lost ${i.framesLost}, dropped ${i.framesDropped}`,
    `wire estimate: the selected ICE pair's bytes plus ${IP_UDP_HEADER_BYTES} B of IPv4/UDP headers per datagram, both ways of the link`,
  ].join('\n');
}

async function hangup(why = 'hung up') {
  const current = call;
  call = null;
  if (!current) return;
  current.stopped = true;
  clearInterval(current.statsTimer);
  await Promise.allSettled([current.sender?.close(), current.receiver.close()]);
  await current.link.close().catch(() => undefined);
  current.camera?.close();
  state.phase = 'idle';
  status(why);
  $('start').disabled = false;
  $('hangup').disabled = true;
}

function settingsFromForm() {
  return {
    room: $('room').value,
    role: params.get('role') ?? 'auto',
    send: $('send').checked,
    renderer: $('renderer').value,
    fps: Number(params.get('fps') ?? 15),
    staleAfterMs: Number(params.get('staleAfterMs') ?? 1000),
  };
}

$('join').addEventListener('submit', (event) => {
  event.preventDefault();
  join(settingsFromForm()).catch((error) => {
    fail('join', error);
    if (call) void hangup(`could not join: ${error?.message ?? error}`);
    else {
      state.phase = 'idle';
      $('start').disabled = false;
      const video = $('local');
      for (const track of video.srcObject?.getTracks() ?? []) track.stop();
      video.srcObject = null;
    }
  });
});
$('hangup').addEventListener('click', () => void hangup());
window.addEventListener('pagehide', () => void hangup());

if (params.has('room')) $('room').value = params.get('room');
if (params.get('send') === '0') $('send').checked = false;
if (params.has('renderer')) $('renderer').value = params.get('renderer');
if (params.has('room')) $('start').click();
