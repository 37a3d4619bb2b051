/** Lower-case hex of bytes and back: model hashes travel as bytes in the stream header and as hex in memory. */

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += bytes[i].toString(16).padStart(2, '0');
  return out;
}

/** Bytes of a hex string; like Buffer.from(hex, 'hex') it stops at the first pair that is not hex. */
export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  let n = 0;
  for (; n < out.length; n++) {
    const pair = hex.slice(2 * n, 2 * n + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) break;
    out[n] = parseInt(pair, 16);
  }
  return n === out.length ? out : out.slice(0, n);
}
