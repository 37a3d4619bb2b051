/** Lifecycle shared by the sender and the receiver of a call: link listeners, owned resources, exactly one close. */
import type { Closable, PeerLink } from '../transport/index.js';
import { TypedEmitter, type EventMap } from '../typed-emitter.js';
import { CallError } from './call-error.js';

/** Why a session closed: `close()` was called, or its link closed under it. */
export type SessionCloseReason = 'local' | 'link';

type CloseEvent = { close: [reason: SessionCloseReason] };

export abstract class CallSession<E extends EventMap & CloseEvent> extends TypedEmitter<E> {
  abstract readonly link: PeerLink;
  /** Unsubscribers of the listeners the session put on its link; removed first when it closes. */
  protected readonly listening: Array<() => void> = [];
  private readonly owned: Closable[] = [];
  private closingPromise: Promise<void> | undefined;

  /** @param sessionName used in error messages ("sender", "receiver") */
  protected constructor(private readonly sessionName: string) {
    super();
  }

  /** Whether `close()` was called or the link closed (true from the moment closing starts). */
  get isClosed(): boolean {
    return this.closingPromise !== undefined;
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

  /** The session's own teardown (timers, work in flight), after the link listeners are gone. */
  protected stop(): void | Promise<void> {}

  private async release(reason: SessionCloseReason): Promise<void> {
    for (const off of this.listening) off();
    this.listening.length = 0;
    await this.stop();
    const closes: Array<Promise<unknown>> = this.owned.map(async (resource) => resource.close());
    if (this.ownsLink && reason === 'local') closes.push(this.link.close());
    const results = await Promise.allSettled(closes);
    this.owned.length = 0;
    (this as unknown as { emit(name: 'close', reason: SessionCloseReason): void }).emit('close', reason);
    this.removeAllListeners();
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw new CallError('CALL_CLOSED', `closing the ${this.sessionName} failed`, { cause: failure.reason });
  }
}
