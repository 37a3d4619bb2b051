/** Lifecycle shared by the sender and the receiver of a call: link listeners, reconnection, owned resources, exactly one close. */
import { z } from 'zod';
import type { CodecLink } from '../transport/codec-link.js';
import type { Closable, LinkCloseReason } from '../transport/link-types.js';
import { TypedEmitter, type EventMap } from '../typed-emitter.js';
import { CallError } from './call-error.js';
import { reconnectDelayMs, reconnectPolicySchema, type ReconnectEvents, type ReconnectPolicy } from './reconnect-policy.js';

/** Why a session closed: `close()` was called, or its link closed under it (and reconnecting, if asked, failed). */
export type SessionCloseReason = 'local' | 'link';

type CloseEvent = { close: [reason: SessionCloseReason] };

/** Emits the events every session has, whatever its own event map. */
type BaseEmit = {
  emit(name: 'close', reason: SessionCloseReason): void;
  emit<K extends keyof ReconnectEvents>(name: K, ...args: ReconnectEvents[K]): void;
  emit(name: 'error', error: Error): void;
};

export abstract class CallSession<E extends EventMap & CloseEvent & ReconnectEvents> extends TypedEmitter<E> {
  /** Unsubscribers of listeners the session put on other objects; removed first when it closes. */
  protected readonly listening: Array<() => void> = [];
  /** Unsubscribers of the listeners on the current link; replaced with it. */
  private linkListening: Array<() => void> = [];
  private currentLink: CodecLink | undefined;
  private reconnectPolicy: z.output<typeof reconnectPolicySchema> | undefined;
  private reconnecting: { abort: AbortController; done: Promise<void>; wake: () => void } | undefined;
  private readonly owned: Closable[] = [];
  private closingPromise: Promise<void> | undefined;

  /** @param sessionName used in error messages ("sender", "receiver") */
  protected constructor(private readonly sessionName: string) {
    super();
  }

  /** The link the session runs on now (a new one after each reconnection). */
  get link(): CodecLink {
    if (!this.currentLink) throw new CallError('CALL_CLOSED', `the ${this.sessionName} has no link yet`);
    return this.currentLink;
  }

  /** Whether `close()` was called or the link closed (true from the moment closing starts). */
  get isClosed(): boolean {
    return this.closingPromise !== undefined;
  }

  /** Whether the link was lost and the session is trying to connect again. */
  get isReconnecting(): boolean {
    return this.reconnecting !== undefined && !this.isClosed;
  }

  /** Makes the session close `resource` (e.g. the encoder or decoder) when it closes. */
  own(resource: Closable): void {
    if (this.closingPromise) {
      void Promise.resolve(resource.close()).catch(() => undefined);
      return;
    }
    this.owned.push(resource);
  }

  /** Stops listening, ends the session's own work, closes owned resources and (when it owns it) the link; idempotent. */
  close(): Promise<void> {
    return this.shutdown('local');
  }

  protected shutdown(reason: SessionCloseReason): Promise<void> {
    this.closingPromise ??= this.release(reason);
    return this.closingPromise;
  }

  /** Whether a local close also closes the link. */
  protected abstract get ownsLink(): boolean;

  /** Puts the session's listeners on `link` (its `close` is the base class's); returns their unsubscribers. */
  protected abstract bindLink(link: CodecLink): Array<() => void>;

  /** Called once a new link replaced a lost one: resynchronise the stream (a keyframe). */
  protected abstract onRelinked(): void;

  /** The session's own teardown (timers, work in flight), after the link listeners are gone. */
  protected stop(): void | Promise<void> {}

  /** Validates the reconnect option; throws `CALL_BAD_ARGUMENT`. */
  protected static parseReconnect(value: ReconnectPolicy | false | undefined): z.output<typeof reconnectPolicySchema> | undefined {
    if (value === undefined || value === false) return undefined;
    const parsed = reconnectPolicySchema.safeParse(value);
    if (!parsed.success) throw new CallError('CALL_BAD_ARGUMENT', `invalid reconnect option: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  /** Starts the session on its first link (from the subclass constructor, once its own fields are set). */
  protected start(link: CodecLink, reconnect: z.output<typeof reconnectPolicySchema> | undefined): void {
    if (link.isClosed) throw new CallError('CALL_CLOSED', 'the link is already closed');
    this.reconnectPolicy = reconnect;
    this.attach(link);
  }

  private attach(link: CodecLink): void {
    for (const off of this.linkListening) off();
    this.currentLink = link;
    this.linkListening = [...this.bindLink(link), link.on('close', (reason) => this.onLinkClose(reason))];
  }

  private onLinkClose(reason: LinkCloseReason): void {
    if (this.isClosed || this.reconnecting) return;
    // A link closed by this side's own code is a hang-up, not a failure.
    if (!this.reconnectPolicy || reason === 'local') {
      void this.shutdown('link');
      return;
    }
    const abort = new AbortController();
    let wake: () => void = () => undefined;
    const done = this.rejoin(this.reconnectPolicy, reason, abort.signal, (w) => (wake = w)).finally(() => {
      this.reconnecting = undefined;
    });
    this.reconnecting = { abort, done, wake: () => wake() };
  }

  /** Tries `attempts` times, with backoff, to get a new link; closes the session when every try fails. */
  private async rejoin(
    policy: z.output<typeof reconnectPolicySchema>,
    reason: LinkCloseReason,
    signal: AbortSignal,
    onWait: (wake: () => void) => void,
  ): Promise<void> {
    const lostMs = performance.now();
    // Yield first, so `this.reconnecting` is set before a listener of the event below can call close().
    await Promise.resolve();
    let lastError: Error | undefined;
    const emit = (this as unknown as BaseEmit).emit.bind(this);
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      const delayMs = reconnectDelayMs(policy, attempt);
      emit('reconnecting', { attempt, reason, delayMs, ...(lastError ? { lastError } : {}) });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        onWait(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (signal.aborted || this.isClosed) return;
      let link: CodecLink;
      try {
        link = await policy.connect(signal);
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
        continue;
      }
      if (signal.aborted || this.isClosed || link.isClosed) {
        await link.close().catch(() => undefined);
        if (signal.aborted || this.isClosed) return;
        continue;
      }
      this.attach(link);
      this.onRelinked();
      emit('reconnected', { attempts: attempt, downMs: performance.now() - lostMs });
      return;
    }
    emit('error', new CallError('CALL_RECONNECT_FAILED', `the ${this.sessionName} could not reconnect in ${policy.attempts} tries`, { cause: lastError }));
    void this.shutdown('link');
  }

  private async release(reason: SessionCloseReason): Promise<void> {
    for (const off of [...this.listening, ...this.linkListening]) off();
    this.listening.length = 0;
    this.linkListening = [];
    const reconnecting = this.reconnecting;
    if (reconnecting && reason === 'local') {
      reconnecting.abort.abort();
      reconnecting.wake();
      await reconnecting.done;
    }
    await this.stop();
    const closes: Array<Promise<unknown>> = this.owned.map(async (resource) => resource.close());
    if (this.ownsLink && reason === 'local' && this.currentLink) closes.push(this.currentLink.close());
    const results = await Promise.allSettled(closes);
    this.owned.length = 0;
    (this as unknown as BaseEmit).emit('close', reason);
    this.removeAllListeners();
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw new CallError('CALL_CLOSED', `closing the ${this.sessionName} failed`, { cause: failure.reason });
  }
}
