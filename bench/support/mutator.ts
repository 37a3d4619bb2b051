/**
 * Byte mutations of valid seeds for the fuzz bench: bit flips, byte sets, truncation, extension, splices of two
 * seeds, inserted and deleted runs, and huge length fields (protobuf varints, msgpack str/bin/array/map 32-bit
 * lengths, big-endian u32s), each seeded so a failing input can be made again from its index.
 */

export const MUTATIONS = ['bit-flip', 'byte-set', 'truncate', 'extend', 'splice', 'huge-length', 'insert', 'delete', 'duplicate'] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Byte values that sit on boundaries of the formats (varint continuation, msgpack type bytes, signs). */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x0a, 0x12, 0x1a, 0x22, 0xc0, 0xc1, 0xc4, 0xd9, 0xdb, 0xdc, 0xdd, 0xde, 0xdf];

/** Length fields a parser should refuse rather than allocate or loop on. */
const HUGE_LENGTHS: readonly (readonly number[])[] = [
  [0xff, 0xff, 0xff, 0xff, 0x0f], // protobuf varint 2^32 - 1
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], // the longest varint
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80], // a varint that never ends
  [0xdb, 0xff, 0xff, 0xff, 0xff], // msgpack str32
  [0xc6, 0x7f, 0xff, 0xff, 0xff], // msgpack bin32
  [0xdd, 0x7f, 0xff, 0xff, 0xff], // msgpack array32
  [0xdf, 0xff, 0xff, 0xff, 0xff], // msgpack map32
  [0xff, 0xff, 0xff, 0xff], // big-endian u32 (chunk envelope totalBytes, message id)
  [0xff, 0xff], // big-endian u16 (chunk index, count)
];

/** One mutated input from `seed` (and `other`, for splices), chosen by `rand`. */
export function mutate(seed: Uint8Array, other: Uint8Array, rand: () => number): { bytes: Uint8Array; mutation: Mutation } {
  const mutation = MUTATIONS[Math.floor(rand() * MUTATIONS.length)];
  const at = (n: number) => Math.floor(rand() * n);
  const n = seed.length;
  let out: Uint8Array;
  switch (mutation) {
    case 'bit-flip': {
      out = Uint8Array.from(seed);
      const flips = 1 + at(4);
      for (let i = 0; i < flips && n > 0; i++) out[at(n)] ^= 1 << at(8);
      break;
    }
    case 'byte-set': {
      out = Uint8Array.from(seed);
      const sets = 1 + at(3);
      for (let i = 0; i < sets && n > 0; i++) out[at(n)] = rand() < 0.5 ? INTERESTING[at(INTERESTING.length)] : at(256);
      break;
    }
    case 'truncate':
      out = seed.slice(0, at(n + 1));
      break;
    case 'extend': {
      const tail = new Uint8Array(1 + at(rand() < 0.9 ? 16 : 4096));
      for (let i = 0; i < tail.length; i++) tail[i] = at(256);
      out = concat(seed, tail);
      break;
    }
    case 'splice': {
      const a = at(n + 1), b = at(other.length + 1);
      out = concat(seed.subarray(0, a), other.subarray(b));
      break;
    }
    case 'huge-length': {
      const pattern = Uint8Array.from(HUGE_LENGTHS[at(HUGE_LENGTHS.length)]);
      const pos = at(n + 1);
      // Overwrite (a length field in place) or insert (a new field's length).
      out = rand() < 0.5 ? concat(seed.subarray(0, pos), pattern, seed.subarray(Math.min(n, pos + pattern.length))) : concat(seed.subarray(0, pos), pattern, seed.subarray(pos));
      break;
    }
    case 'insert': {
      const run = new Uint8Array(1 + at(8));
      for (let i = 0; i < run.length; i++) run[i] = rand() < 0.5 ? INTERESTING[at(INTERESTING.length)] : at(256);
      const pos = at(n + 1);
      out = concat(seed.subarray(0, pos), run, seed.subarray(pos));
      break;
    }
    case 'delete': {
      const pos = at(n + 1);
      out = concat(seed.subarray(0, pos), seed.subarray(Math.min(n, pos + 1 + at(8))));
      break;
    }
    case 'duplicate': {
      const a = at(n + 1), b = Math.min(n, a + 1 + at(32));
      out = concat(seed.subarray(0, b), seed.subarray(a, b), seed.subarray(b));
      break;
    }
  }
  return { bytes: out, mutation };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
