/** Lifecycle: a peer leaving mid-call closes the other side, and after close() no socket or timer keeps running. */
import { SignalingServer, TransportError, type LinkCloseReason } from '../../src/transport/index.js';
import { sleep, startCall, waitFor } from './call-harness.js';

/** Network handles (UDP sockets, TCP sockets and servers) currently keeping the event loop alive. */
function networkHandles(): string[] {
  return process.getActiveResourcesInfo().filter((name) => /UDP|TCP/i.test(name));
}

function timerCount(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

test('a peer that leaves mid-call is detected, and everything is released after close()', async () => {
  // Jest reuses worker processes: sockets of an earlier test file must be gone too (they close within ~0.5 s).
  await waitFor(() => networkHandles().length === 0, 2000, 'earlier tests to release their sockets');
  const baselineTimers = timerCount();
  const server = await SignalingServer.listen();
  const call = await startCall({ server, room: 'lifecycle', offerer: { reassemblyTimeoutMs: 60_000 } });
  expect(server.clientCount).toBe(2);
  expect(networkHandles().length).toBeGreaterThan(0);

  const reasons: Record<string, LinkCloseReason> = {};
  call.offerer.on('close', (reason) => (reasons.offerer = reason));
  call.answerer.on('close', (reason) => (reasons.answerer = reason));
  let frames = 0;
  call.offerer.on('frame', () => frames++);
  // Mid-call: frames flowing both ways and a keyframe half received by the offerer (its reassembly timer armed).
  const pump = setInterval(() => {
    if (call.answerer.isOpen) call.answerer.sendFrame(new Uint8Array(40));
    if (call.offerer.isOpen) call.offerer.sendFrame(new Uint8Array(40));
  }, 5);
  try {
    await waitFor(() => frames > 5, 2000, 'frames');
    call.answerer.sendReliable(new Uint8Array(300 * 1024));
    await sleep(2);
    await call.answerer.close();
    await waitFor(() => reasons.offerer !== undefined, 3000, 'the offerer to notice');
  } finally {
    clearInterval(pump);
  }
  expect(reasons).toEqual({ answerer: 'local', offerer: 'remote' });
  expect(call.offerer.isClosed).toBe(true);
  expect(() => call.offerer.sendFrame(new Uint8Array(1))).toThrow(TransportError);
  expect(() => call.answerer.sendReliable(new Uint8Array(1))).toThrow(expect.objectContaining({ code: 'TRANSPORT_CLOSED' }));
  // Closing the link closed its child, the signaling client: the server saw both leave.
  await waitFor(() => server.clientCount === 0, 2000, 'signaling clients to disconnect');
  expect(server.roomNames).toEqual([]);
  await call.offerer.close(); // idempotent
  await server.close();

  // No sockets remain; werift's last DTLS handshake timers (at most 500 ms) run out on their own.
  await waitFor(() => networkHandles().length === 0 && timerCount() <= baselineTimers, 2000, `handles to go (${process.getActiveResourcesInfo().join(', ')})`);
});

test('closing a link whose peer crashed without signaling still releases everything', async () => {
  const baselineTimers = timerCount();
  const call = await startCall();
  const closed = new Promise<LinkCloseReason>((resolve) => call.offerer.once('close', resolve));
  // Simulate a crash of the answerer's WebRTC stack only: no signaling 'leave' is sent.
  await call.answerer.rtcPeerConnection.close();
  const reason = await Promise.race([closed, sleep(3000).then(() => 'still open' as const)]);
  expect(reason).toBe('remote');
  await call.close();
  // After a crash werift's last timers can take 3 s to run out when an earlier test's connections were torn down
  // just before (measured after rtp-frames.test.ts); 5 s still catches a leak, which never ends.
  await waitFor(() => networkHandles().length === 0 && timerCount() <= baselineTimers, 5000, `handles to go (${process.getActiveResourcesInfo().join(', ')})`);
});
