/**
 * SFrame-style end-to-end encryption of facecodec payloads with WebCrypto only (Node 20 and browsers alike), so an
 * SFU that relays them (Janus) sees ciphertext and can neither read nor alter the face data.
 *
 * Keys: for each epoch the application hands every participant the same epoch secret (never given to the SFU). Each
 * sender's AES-128-GCM key and nonce salt are derived from it with HKDF-SHA-256, info = epoch and sender id, so no two
 * senders share a key and each sender's counter alone keeps its nonces unique. Rotation: when a participant leaves,
 * the others move to a new epoch with a new secret from the application; the previous epoch's keys stay usable for
 * receiving for a moment (packets in flight), then are dropped.
 *
 * Limits, said plainly: every holder of an epoch secret can derive every sender's key of that epoch, so the layer
 * protects against the SFU and outsiders, not one participant impersonating another; a departed participant is
 * locked out only if the application's next secret is not derivable from what it knew.
 */
import { E2eeError } from './e2ee-error.js';
import { MAX_COUNTER, MAX_SENDER_ID, SFRAME_HEADER_BYTES, keyIdOf, nonceOf, readHeader, writeHeader } from './sframe-header.js';
import { ReplayWindow } from './replay-window.js';

/** Shortest epoch secret accepted (256 bits). */
export const MIN_EPOCH_SECRET_BYTES = 32;
/** Epochs kept for receiving: the current one and the one before (packets sent just before a rotation). */
const EPOCHS_KEPT = 2;
const encoder = new TextEncoder();

// Types taken from the global `crypto` (no DOM lib, no node: import): the same names in Node's and a browser's typings.
type Subtle = typeof globalThis.crypto.subtle;
type CryptoKey = Awaited<ReturnType<Subtle['importKey']>>;

/** One sender's key in one epoch. */
interface SenderKey {
  key: CryptoKey;
  salt: Uint8Array;
  window: ReplayWindow;
}

interface Epoch {
  epoch: number;
  hkdf: CryptoKey;
  /** Derivations by sender id, started on first use (a promise, so concurrent packets derive once). */
  senders: Map<number, Promise<SenderKey>>;
  /** Senders that left during this epoch: refused, so their packets cannot be replayed into a fresh window. */
  removed: Set<number>;
}

/** A packet opened by {@link SframeContext.decrypt}. */
export interface OpenedPacket {
  plaintext: Uint8Array;
  senderId: number;
  epoch: number;
  counter: number;
}

/** Counters of a {@link SframeContext}. */
export interface SframeStats {
  encrypted: number;
  decrypted: number;
  /** Refused packets by error code. */
  refused: Partial<Record<E2eeError['code'], number>>;
}

function subtle(): Subtle {
  const crypto = globalThis.crypto;
  if (!crypto?.subtle) throw new E2eeError('E2EE_BAD_ARGUMENT', 'WebCrypto (globalThis.crypto.subtle) is not available here');
  return crypto.subtle;
}

/**
 * One participant's encryption state: its own send counter and key for the current epoch, and the receive keys and
 * replay windows of every sender it hears. Create with {@link SframeContext.create}.
 */
export class SframeContext {
  private readonly epochs: Epoch[] = [];
  private sendKey: SenderKey | undefined;
  private counter = 0;
  private readonly counters: SframeStats = { encrypted: 0, decrypted: 0, refused: {} };

  private constructor(readonly selfId: number) {}

  /** A context for sender `selfId` (0..2^24-1) holding `epochSecret` as epoch `epoch`. Throws `E2EE_BAD_ARGUMENT`. */
  static async create(options: { selfId: number; epochSecret: Uint8Array; epoch?: number }): Promise<SframeContext> {
    const context = new SframeContext(checkSenderId(options?.selfId));
    await context.setEpoch(options.epoch ?? 0, options.epochSecret);
    return context;
  }

  /** The epoch this side sends in. */
  get currentEpoch(): number {
    return this.epochs[this.epochs.length - 1].epoch;
  }

  /**
   * Moves to epoch `epoch` (greater than the current one) with its secret: this side sends with the new keys from
   * now on, accepts the previous epoch's packets until the next rotation, and forgets older epochs.
   */
  async setEpoch(epoch: number, epochSecret: Uint8Array): Promise<void> {
    if (!Number.isSafeInteger(epoch) || epoch < 0) throw new E2eeError('E2EE_BAD_ARGUMENT', `epoch must be a non-negative integer, got ${epoch}`);
    if (this.epochs.length > 0 && epoch <= this.currentEpoch) {
      throw new E2eeError('E2EE_BAD_ARGUMENT', `epoch ${epoch} is not after the current epoch ${this.currentEpoch}`);
    }
    if (!(epochSecret instanceof Uint8Array) || epochSecret.byteLength < MIN_EPOCH_SECRET_BYTES) {
      throw new E2eeError('E2EE_BAD_ARGUMENT', `the epoch secret must be a Uint8Array of at least ${MIN_EPOCH_SECRET_BYTES} bytes`);
    }
    const hkdf = await subtle().importKey('raw', epochSecret, 'HKDF', false, ['deriveBits']);
    const entry: Epoch = { epoch, hkdf, senders: new Map(), removed: new Set() };
    const sendKey = await this.senderKey(entry, this.selfId);
    this.epochs.push(entry);
    while (this.epochs.length > EPOCHS_KEPT) this.epochs.shift();
    this.sendKey = sendKey;
    this.counter = 0;
  }

  /** Refuses a sender's packets (it left) in the epochs held now, and frees its keys; a new epoch accepts it again. */
  forgetSender(senderId: number): void {
    for (const entry of this.epochs) {
      entry.senders.delete(senderId);
      entry.removed.add(senderId);
    }
  }

  /** Seals `plaintext` with this side's key: header, then ciphertext and tag. Throws `E2EE_COUNTER_EXHAUSTED`. */
  async encrypt(plaintext: Uint8Array): Promise<Uint8Array> {
    if (!(plaintext instanceof Uint8Array)) throw new E2eeError('E2EE_BAD_ARGUMENT', 'encrypt needs a Uint8Array');
    const key = this.sendKey!;
    if (this.counter > MAX_COUNTER) throw new E2eeError('E2EE_COUNTER_EXHAUSTED', `sender ${this.selfId} used every counter of epoch ${this.currentEpoch}`);
    // Taken synchronously, so concurrent calls never share a counter.
    const counter = this.counter++;
    const header = new Uint8Array(SFRAME_HEADER_BYTES);
    writeHeader(header, { epochByte: this.currentEpoch, senderId: this.selfId, counter });
    const sealed = new Uint8Array(
      await subtle().encrypt({ name: 'AES-GCM', iv: nonceOf(key.salt, counter), additionalData: header, tagLength: 128 }, key.key, plaintext),
    );
    const packet = new Uint8Array(SFRAME_HEADER_BYTES + sealed.byteLength);
    packet.set(header, 0);
    packet.set(sealed, SFRAME_HEADER_BYTES);
    this.counters.encrypted++;
    return packet;
  }

  /**
   * Opens a packet. `expectedSender`, when given, is the sender the transport says it came from: a packet under
   * another sender's key id is refused. Throws {@link E2eeError} (`E2EE_TRUNCATED`, `E2EE_UNKNOWN_KEY`,
   * `E2EE_REPLAYED`, `E2EE_AUTH_FAILED`); a refused packet changes no state.
   */
  async decrypt(packet: Uint8Array, expectedSender?: number): Promise<OpenedPacket> {
    try {
      return await this.open(packet, expectedSender);
    } catch (error) {
      if (error instanceof E2eeError) this.counters.refused[error.code] = (this.counters.refused[error.code] ?? 0) + 1;
      throw error;
    }
  }

  /** A copy of the counters. */
  stats(): SframeStats {
    return { encrypted: this.counters.encrypted, decrypted: this.counters.decrypted, refused: { ...this.counters.refused } };
  }

  private async open(packet: Uint8Array, expectedSender: number | undefined): Promise<OpenedPacket> {
    const header = readHeader(packet);
    const details = { keyId: keyIdOf(header.epochByte, header.senderId), senderId: header.senderId, counter: header.counter };
    if (expectedSender !== undefined && header.senderId !== expectedSender) {
      throw new E2eeError('E2EE_UNKNOWN_KEY', `packet under sender ${header.senderId}'s key arrived from sender ${expectedSender}`, { details });
    }
    const entry = this.epochs.find((e) => (e.epoch & 0xff) === header.epochByte);
    if (!entry) throw new E2eeError('E2EE_UNKNOWN_KEY', `no key for epoch byte ${header.epochByte} (sender ${header.senderId})`, { details });
    if (entry.removed.has(header.senderId)) throw new E2eeError('E2EE_UNKNOWN_KEY', `sender ${header.senderId} left epoch ${entry.epoch}`, { details });
    const key = await this.senderKey(entry, header.senderId);
    if (!key.window.admits(header.counter)) {
      throw new E2eeError('E2EE_REPLAYED', `sender ${header.senderId}'s counter ${header.counter} was already accepted or is too old`, { details });
    }
    let plaintext: ArrayBuffer;
    try {
      plaintext = await subtle().decrypt(
        { name: 'AES-GCM', iv: nonceOf(key.salt, header.counter), additionalData: packet.subarray(0, SFRAME_HEADER_BYTES), tagLength: 128 },
        key.key,
        packet.subarray(SFRAME_HEADER_BYTES),
      );
    } catch (cause) {
      throw new E2eeError('E2EE_AUTH_FAILED', `packet from sender ${header.senderId} failed authentication (altered, or another key)`, { cause, details });
    }
    // Checked again: another copy of the same packet may have been accepted while this one was being decrypted.
    if (!key.window.admits(header.counter)) {
      throw new E2eeError('E2EE_REPLAYED', `sender ${header.senderId}'s counter ${header.counter} was already accepted`, { details });
    }
    key.window.accept(header.counter);
    this.counters.decrypted++;
    return { plaintext: new Uint8Array(plaintext), senderId: header.senderId, epoch: entry.epoch, counter: header.counter };
  }

  private senderKey(entry: Epoch, senderId: number): Promise<SenderKey> {
    let derived = entry.senders.get(senderId);
    if (!derived) {
      derived = deriveSenderKey(entry, senderId);
      entry.senders.set(senderId, derived);
    }
    return derived;
  }
}

async function deriveSenderKey(entry: Epoch, senderId: number): Promise<SenderKey> {
  const info = encoder.encode(`facecodec sframe v1 epoch ${entry.epoch} sender ${senderId}`);
  // 16 bytes of AES key, then 12 of nonce salt.
  const bits = new Uint8Array(await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('facecodec-e2ee'), info }, entry.hkdf, 28 * 8));
  const key = await subtle().importKey('raw', bits.subarray(0, 16), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return { key, salt: bits.slice(16, 28), window: new ReplayWindow() };
}

function checkSenderId(senderId: unknown): number {
  if (typeof senderId !== 'number' || !Number.isInteger(senderId) || senderId < 0 || senderId > MAX_SENDER_ID) {
    throw new E2eeError('E2EE_BAD_ARGUMENT', `sender id must be an integer in 0..${MAX_SENDER_ID}, got ${String(senderId)}`);
  }
  return senderId;
}


