/** Room tokens and the token bucket, without sockets: signature, expiry, room, malformed input, rotation; rate and burst. */
import { createHmac } from 'node:crypto';
import { createRoomToken, TokenBucket, verifyRoomToken } from '../../src/transport/index.js';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const OTHER_SECRET = 'another-secret-0123456789abcdef012345';
const NOW = 1_800_000_000_000;

describe('room tokens', () => {
  test('a token verifies for its room until it expires, and carries the participant', () => {
    const token = createRoomToken({ secret: SECRET, room: 'room-1', participant: 'alice', expiresAt: NOW + 60_000 });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyRoomToken(token, 'room-1', SECRET, NOW)).toEqual({ ok: true, claims: { room: 'room-1', participant: 'alice', expiresAt: NOW + 60_000 } });
    expect(verifyRoomToken(token, 'room-1', SECRET, NOW + 59_999)).toMatchObject({ ok: true });
    expect(verifyRoomToken(token, 'room-1', SECRET, NOW + 60_000)).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' });
    expect(verifyRoomToken(token, 'room-2', SECRET, NOW)).toMatchObject({ ok: false, code: 'TOKEN_WRONG_ROOM' });
    const fromDate = createRoomToken({ secret: Buffer.from(SECRET), room: 'room-1', expiresAt: new Date(NOW + 1000) });
    expect(verifyRoomToken(fromDate, 'room-1', SECRET, NOW)).toEqual({ ok: true, claims: { room: 'room-1', expiresAt: NOW + 1000 } });
  });

  test('forged, tampered and malformed tokens are TOKEN_INVALID; a missing one is TOKEN_REQUIRED', () => {
    const token = createRoomToken({ secret: SECRET, room: 'room-1', expiresAt: NOW + 60_000 });
    const [payload, mac] = token.split('.');
    const forged = createRoomToken({ secret: OTHER_SECRET, room: 'room-1', expiresAt: NOW + 60_000 });
    // The same signature on a payload that names another room (or a later expiry).
    const retargeted = `${Buffer.from(JSON.stringify({ v: 1, room: 'room-2', exp: NOW + 60_000 })).toString('base64url')}.${mac}`;
    const extended = `${Buffer.from(JSON.stringify({ v: 1, room: 'room-1', exp: NOW + 9e9 })).toString('base64url')}.${mac}`;
    const flipped = `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    const cases: unknown[] = [forged, retargeted, extended, flipped, `${payload}.${mac.slice(0, 20)}`, `${payload}.`, payload, 'a.b.c', '', 42, 'x'.repeat(5000)];
    for (const candidate of cases) {
      expect(verifyRoomToken(candidate, 'room-1', SECRET, NOW)).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
    }
    expect(verifyRoomToken(undefined, 'room-1', SECRET, NOW)).toMatchObject({ ok: false, code: 'TOKEN_REQUIRED' });
    // Signed but not a token payload: still refused, not thrown.
    const notJson = Buffer.from('not json').toString('base64url');
    const signedGarbage = `${notJson}.${createHmac('sha256', SECRET).update(notJson).digest().toString('base64url')}`;
    expect(verifyRoomToken(signedGarbage, 'room-1', SECRET, NOW)).toMatchObject({ ok: false, code: 'TOKEN_INVALID', reason: 'payload is not JSON' });
  });

  test('while rotating, tokens of any listed secret verify', () => {
    const old = createRoomToken({ secret: OTHER_SECRET, room: 'r', expiresAt: NOW + 1000 });
    expect(verifyRoomToken(old, 'r', [SECRET, OTHER_SECRET], NOW)).toMatchObject({ ok: true });
    expect(verifyRoomToken(old, 'r', [SECRET], NOW)).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
  });

  test('createRoomToken refuses short secrets and bad rooms with TRANSPORT_BAD_ARGUMENT', () => {
    expect(() => createRoomToken({ secret: 'short', room: 'r', expiresAt: NOW })).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
    expect(() => createRoomToken({ secret: SECRET, room: 'has space', expiresAt: NOW })).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
    expect(() => createRoomToken({ secret: SECRET, room: 'r', expiresAt: -1 })).toThrow(expect.objectContaining({ code: 'TRANSPORT_BAD_ARGUMENT' }));
  });
});

describe('token bucket', () => {
  test('allows the burst at once, then the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now = 99;
    expect(bucket.take()).toBe(false);
    now = 100; // 10/s: one token per 100 ms
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now = 10_000; // never more than the burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});
