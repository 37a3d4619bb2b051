/** BrowserPeerLink and connectBrowserPeer refuse bad input with typed errors, and say so where there is no WebRTC (Node). */
import { BrowserPeerLink } from '../../src/browser/browser-peer-link.js';
import { connectBrowserPeer } from '../../src/browser/connect-browser-peer.js';
import { TransportError } from '../../src/transport/transport-error.js';

describe('BrowserPeerLink outside a browser', () => {
  it('refuses unknown options with TRANSPORT_BAD_ARGUMENT', () => {
    expect(() => new BrowserPeerLink({ loopbackOnly: true } as never)).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
    expect(() => new BrowserPeerLink({ maxFrameBytes: 1 << 20 })).toThrow(TransportError);
  });

  it('reports a platform without RTCPeerConnection as TRANSPORT_CONNECTION_FAILED', () => {
    expect(() => new BrowserPeerLink()).toThrow(expect.objectContaining({ code: 'TRANSPORT_CONNECTION_FAILED' }));
  });

  it('connectBrowserPeer validates its options before connecting', async () => {
    await expect(connectBrowserPeer({ url: 'http://127.0.0.1:1/', room: 'r', role: 'offerer' })).rejects.toMatchObject({ code: 'TRANSPORT_BAD_ARGUMENT' });
    await expect(connectBrowserPeer({ url: 'ws://127.0.0.1:1/', room: 'bad room!', role: 'offerer' })).rejects.toMatchObject({ code: 'TRANSPORT_BAD_ARGUMENT' });
  });
});
