/** Functions that run in a test page (serialized by playwright, so each is self-contained): the receiving side of a call. */

/** What the page's receiver reports. */
export interface PageReceiverResult {
  framesDecoded: number;
  framesReceived: number;
  framesShown: number;
  keyframesReceived: number;
  /** Packet arrival to decoded-and-rendered, ms. */
  decodeMsP50: number;
  decodeMsP95: number;
  /** Capture to shown, ms (relative to the fastest frame). */
  delayMsP50: number;
  delayMsP95: number;
  linkState: string;
  framesLost: number;
  dropsByReason: Record<string, number>;
}

export type PageWindow = { __call?: { stats: () => Promise<PageReceiverResult> } };

/** Runs in the page: joins the room as answerer (the facecodec bundle at /facecodec.js, models under /models/) and decodes what arrives, keeping counters for {@link pageReceiverStats}. */
export async function startPageReceiver(arg: { url: string; room: string; staleAfterMs: number }): Promise<void> {
  const fc = await import(/* the page's own URL space */ '/facecodec.js' as string);
  fc.configureAssets({ modelsUrl: '/models/' });
  const model = await fc.loadBuiltinFaceModelFromUrl();
  const link = await fc.connectBrowserPeer({ url: arg.url, room: arg.room, role: 'answerer', link: { rtcConfig: { iceServers: [] } } });
  const decoder = new fc.Decoder({ models: [model], renderer: new fc.MeshWarpFaceRenderer(), keyframeCodec: new fc.BrowserImageCodec() });
  const receiver = new fc.CodecReceiver({ link, decoder, staleAfterMs: arg.staleAfterMs });
  receiver.own(decoder);
  const decodeMs: number[] = [];
  let framesShown = 0;
  // The frames go on a canvas in the page, as an app shows them (and a screenshot can see them).
  const doc = (globalThis as unknown as { document: { createElement(t: string): { width: number; height: number; id: string; getContext(k: string): unknown }; body: { appendChild(n: unknown): void } } }).document;
  const canvas = doc.createElement('canvas');
  canvas.id = 'received';
  doc.body.appendChild(canvas);
  receiver.on('frame', (frame: { interpolated?: boolean; arrivalMs: number; decodedMs: number; image: { width: number; height: number } }) => {
    framesShown++;
    if (canvas.width !== frame.image.width || canvas.height !== frame.image.height) {
      canvas.width = frame.image.width;
      canvas.height = frame.image.height;
    }
    fc.drawRgbImage(canvas.getContext('2d'), frame.image);
    if (!frame.interpolated) decodeMs.push(frame.decodedMs - frame.arrivalMs);
  });
  const q = (p: number): number => {
    const s = [...decodeMs].sort((a, b) => a - b);
    return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))];
  };
  (globalThis as unknown as PageWindow).__call = {
    stats: async () => {
      await receiver.idle();
      const s = receiver.stats();
      const linkState = link.stats().connectionState;
      await receiver.close();
      return { framesDecoded: s.framesDecoded, framesReceived: s.framesReceived, framesShown, keyframesReceived: s.keyframesReceived, decodeMsP50: q(0.5), decodeMsP95: q(0.95), delayMsP50: s.delayMsP50, delayMsP95: s.delayMsP95, linkState, framesLost: s.framesLost, dropsByReason: s.dropsByReason };
    },
  };
}

