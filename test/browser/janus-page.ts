/**
 * Functions that run in a test page (serialized by playwright, so each is self-contained): a browser participant of
 * an encrypted Janus room, with facecodec/browser's MultipartyCall on the page's WebSocket and RTCPeerConnection.
 */

/** What the page's participant reports. */
export interface PageRoomStats {
  /** Remote participant ids being received now. */
  remotes: number[];
  /** Frames decoded (not interpolated) and drawn, by remote id. */
  decoded: Record<string, number>;
  keyframesReceived: Record<string, number>;
  framesSent: number;
  keyframesSent: number;
  cameraSkipped: number;
  encodeMsMedian: number;
  /** Capture to drawn, ms, over every remote stream (the receivers estimate each sender's clock offset). */
  delayMsP50: number;
  delayMsP95: number;
  e2eeErrors: string[];
  errors: string[];
  left: number[];
  epoch: number;
  payloadBytesUp: number;
  payloadBytesDown: number;
  /** Canvases in the page's grid, one per remote. */
  tiles: number;
  closed: string | undefined;
}

export type RoomPageWindow = {
  __room?: { stats: () => PageRoomStats; play: (seconds: number, cameraHz: number) => Promise<void>; stopCamera: () => void; leave: () => Promise<void> };
};

/**
 * Runs in the page: loads the bundle (/facecodec.js), the models (/models/) and the camera frames (/frames.rgb), warms
 * the tracker, joins the room and draws every remote participant on a canvas of its own. Resolves once joined; the
 * camera starts with `__room.play`.
 */
export async function joinPageParticipant(arg: {
  url: string;
  token: string;
  room: number;
  pin: string;
  selfId: number;
  /** The app's secret of epochs 0, 1, 2, ... (a real page would fetch the next one from its app server). */
  secrets: number[][];
  iceAddress: string;
  width: number;
  height: number;
  frames: number;
}): Promise<void> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/' });
  const model = await fc.loadBuiltinFaceModelFromUrl();
  const all = new Uint8Array(await (await fetch('/frames.rgb')).arrayBuffer());
  const size = arg.width * arg.height * 3;
  const image = (k: number) => ({ width: arg.width, height: arg.height, data: all.subarray((k % arg.frames) * size, ((k % arg.frames) + 1) * size) });
  const tracking = await fc.createFaceTracking({ tracker: { fps: 10 } });
  // The first inferences compile the WASM graphs (seconds on two cores): run them before joining.
  for (let i = 0; i < 2; i++) {
    const [box] = await tracking.landmarker.detectFaces(image(0));
    if (box) await tracking.landmarker.landmarks(image(0), box);
  }
  const encoder = new fc.Encoder({ model, fitter: fc.createFitter(model), tracker: tracking.tracker, frameRateHz: 10, keyframeJpegQuality: 85, keyframeCodec: new fc.JpegImageCodec(), keyframeSwitchDelayMs: 0 });
  const e2ee = await fc.SframeContext.create({ selfId: arg.selfId, epochSecret: new Uint8Array(arg.secrets[0]) });
  const stats = { decoded: {} as Record<string, number>, keyframes: {} as Record<string, number>, e2eeErrors: [] as string[], errors: [] as string[], left: [] as number[], delays: [] as number[], encodeMs: [] as number[], cameraSkipped: 0, closed: undefined as string | undefined };
  const call = await fc.MultipartyCall.join({
    member: {
      url: arg.url,
      token: arg.token,
      room: arg.room,
      pin: arg.pin,
      selfId: arg.selfId,
      display: 'browser',
      e2ee,
      rekey: (epoch: number) => new Uint8Array(arg.secrets[epoch]),
      iceAddress: arg.iceAddress,
      rtcConfig: { iceServers: [] },
      connectTimeoutMs: 30_000,
    },
    encoder,
    closeEncoder: () => {
      encoder.close();
      tracking.close();
    },
    createDecoder: async () => new fc.Decoder({ models: [model], renderer: new fc.MeshWarpFaceRenderer(), keyframeCodec: new fc.BrowserImageCodec() }),
    sender: { framesPerMessage: 1 },
    receiver: { staleAfterMs: 10_000, holdTimeoutMs: 3000 },
  });
  // The grid: one canvas per remote participant, as a conferencing page lays them out.
  type Canvas = { width: number; height: number; id: string; getContext(k: string): unknown; remove(): void };
  const doc = (globalThis as unknown as { document: { createElement(t: string): Canvas; body: { appendChild(n: unknown): void; style: Record<string, string> } } }).document;
  doc.body.style.display = 'flex';
  doc.body.style.gap = '4px';
  doc.body.style.margin = '0';
  const tiles = new Map<number, Canvas>();
  const tile = (remoteId: number): Canvas => {
    let canvas = tiles.get(remoteId);
    if (!canvas) {
      canvas = doc.createElement('canvas');
      canvas.id = `remote-${remoteId}`;
      doc.body.appendChild(canvas);
      tiles.set(remoteId, canvas);
    }
    return canvas;
  };
  call.on('remoteJoined', (remoteId: number) => tile(remoteId));
  call.on('remoteLeft', (remoteId: number) => {
    stats.left.push(remoteId);
    tiles.get(remoteId)?.remove();
    tiles.delete(remoteId);
  });
  call.on('frame', (remoteId: number, frame: { interpolated?: boolean; delayMs: number; image: { width: number; height: number } }) => {
    const canvas = tile(remoteId);
    if (canvas.width !== frame.image.width || canvas.height !== frame.image.height) {
      canvas.width = frame.image.width;
      canvas.height = frame.image.height;
    }
    fc.drawRgbImage(canvas.getContext('2d'), frame.image);
    if (frame.interpolated) return;
    stats.decoded[remoteId] = (stats.decoded[remoteId] ?? 0) + 1;
    stats.delays.push(frame.delayMs);
  });
  call.on('e2eeError', (error: { code: string }, from: number) => stats.e2eeErrors.push(`${error.code} from ${from}`));
  call.on('error', (error: Error) => stats.errors.push(error.message));
  call.on('close', (reason: string) => (stats.closed = reason));
  const q = (values: number[], p: number): number => {
    const s = [...values].sort((a, b) => a - b);
    return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))];
  };
  // One clock for every play(): timestamps keep increasing from call to call.
  const origin = performance.now();
  let cameraOn = false;
  (globalThis as unknown as RoomPageWindow).__room = {
    stats: () => {
      const sent = call.sender.stats();
      const member = call.member.stats();
      const keyframesReceived: Record<string, number> = {};
      for (const [id, receiver] of call.receivers) keyframesReceived[id] = receiver.stats().keyframesReceived;
      return {
        remotes: [...call.receivers.keys()],
        decoded: { ...stats.decoded },
        keyframesReceived,
        framesSent: sent.framesSent,
        keyframesSent: sent.keyframesSent,
        cameraSkipped: stats.cameraSkipped,
        encodeMsMedian: q(stats.encodeMs, 0.5),
        delayMsP50: q(stats.delays, 0.5),
        delayMsP95: q(stats.delays, 0.95),
        e2eeErrors: stats.e2eeErrors,
        errors: stats.errors,
        left: stats.left,
        epoch: e2ee.currentEpoch,
        payloadBytesUp: member.payloadBytesUp,
        payloadBytesDown: member.payloadBytesDown,
        tiles: tiles.size,
        closed: stats.closed,
      };
    },
    // A camera: frame i is due at start + i periods; one whose time passed while the previous was encoding is dropped.
    play: async (seconds: number, cameraHz: number) => {
      const periodMs = 1000 / cameraHz;
      const start = performance.now();
      cameraOn = true;
      for (let i = 0; cameraOn && i < Math.round(seconds * cameraHz); i++) {
        const waitMs = start + i * periodMs - performance.now();
        if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
        else if (-waitMs > periodMs) {
          stats.cameraSkipped++;
          continue;
        }
        const t = performance.now();
        await call.sender.send(image(i * 2), Math.round(t - origin));
        stats.encodeMs.push(performance.now() - t);
      }
      call.sender.flushFrames();
    },
    stopCamera: () => {
      cameraOn = false;
    },
    leave: () => call.close(),
  };
}
