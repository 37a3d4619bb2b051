/** The Buffer-free helpers of the core: SHA-256, hex and latin1/UTF-8 text agree with Node's own implementations. */
import { createHash } from 'node:crypto';
import { bytesToHex, hexToBytes } from '../../src/io/hex.js';
import { Sha256, sha256Hex } from '../../src/io/sha256.js';
import { latin1Decode, latin1Encode, utf8Decode } from '../../src/io/text-bytes.js';

const pattern = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 17) & 255);

test.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 4096, 100_003])('sha256 of %i bytes matches node:crypto, whole and in pieces', (n) => {
  const bytes = pattern(n);
  expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  const h = new Sha256();
  for (let i = 0; i < n; i += 37) h.update(bytes.subarray(i, i + 37));
  h.update('facecodec flame data v1\n é');
  expect(h.digestHex()).toBe(createHash('sha256').update(bytes).update('facecodec flame data v1\n é').digest('hex'));
});

test('a hash cannot be updated or read after its digest', () => {
  const h = new Sha256().update('x');
  h.digest();
  expect(() => h.update('y')).toThrow(/after digest/);
  expect(() => h.digest()).toThrow(/twice/);
});

test('hex round-trips and stops at the first non-hex pair, as Buffer does', () => {
  const bytes = pattern(300);
  expect(bytesToHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
  expect(hexToBytes(bytesToHex(bytes))).toEqual(bytes);
  expect(Array.from(hexToBytes('0aFFzz12'))).toEqual(Array.from(Buffer.from('0aFFzz12', 'hex')));
});

test('latin1 and UTF-8 decoding match Buffer (0x80..0x9f stay themselves; a BOM is kept)', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  expect(latin1Decode(all)).toBe(Buffer.from(all).toString('latin1'));
  expect(latin1Encode(latin1Decode(all))).toEqual(all);
  const big = pattern(200_000);
  expect(latin1Decode(big)).toBe(Buffer.from(big).toString('latin1'));
  const text = Buffer.from('\ufeffFLAME é ✓', 'utf8');
  expect(utf8Decode(text)).toBe(text.toString('utf8'));
  const broken = Uint8Array.from([0x61, 0xc3, 0x28, 0xff]);
  expect(utf8Decode(broken)).toBe(Buffer.from(broken).toString('utf8'));
});
