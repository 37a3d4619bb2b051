/** Byte <-> string conversions the model readers need, without Node's Buffer (the core also runs in browsers). */

/** Bytes as latin1 text: one char per byte (TextDecoder's 'latin1' is windows-1252, which remaps 0x80..0x9f). */
export function latin1Decode(bytes: Uint8Array): string {
  let out = '';
  // fromCharCode takes its arguments on the stack: convert in chunks.
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

/** latin1 text as bytes (each char's low byte); callers check first that every char is below 256. */
export function latin1Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

// ignoreBOM keeps a leading U+FEFF, as Buffer's utf8 decoding did; malformed sequences become U+FFFD as there.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** UTF-8 bytes as text. */
export function utf8Decode(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
