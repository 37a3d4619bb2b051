/** A minimal typed event emitter (used by the encoder, transport and call layers): listeners keyed by event name, with argument tuples checked by the compiler. */

/** Map from event name to the tuple of arguments its listeners receive. */
export type EventMap = { [name: string]: unknown[] };

/** Listener of one event of an {@link EventMap}. */
export type Listener<Args extends unknown[]> = (...args: Args) => void;

// Listeners of all events share one map; each is stored type-erased and only called with its own event's arguments.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyListener = (...args: any[]) => void;

/** The listening half of a {@link TypedEmitter}, for interfaces that must not expose `emit`. */
export interface Subscribable<E extends EventMap> {
  /** Adds `listener` for `name`; returns a function that removes it again. */
  on<K extends keyof E>(name: K, listener: Listener<E[K]>): () => void;
  /** Adds `listener` for the next `name` event only. */
  once<K extends keyof E>(name: K, listener: Listener<E[K]>): () => void;
  /** Removes `listener` from `name`. */
  off<K extends keyof E>(name: K, listener: Listener<E[K]>): void;
}

/**
 * Typed emitter used by links, channels and signaling objects.
 * Unlike Node's EventEmitter an `error` event with no listener is not thrown: errors are emitted from inside
 * network callbacks where a throw would crash the process; owners also count them in their stats.
 */
export class TypedEmitter<E extends EventMap> implements Subscribable<E> {
  private readonly listeners = new Map<keyof E, Set<AnyListener>>();

  /** Adds `listener` for `name`; returns a function that removes it again. */
  on<K extends keyof E>(name: K, listener: Listener<E[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as AnyListener);
    return () => this.off(name, listener);
  }

  /** Adds `listener` for the next `name` event only. */
  once<K extends keyof E>(name: K, listener: Listener<E[K]>): () => void {
    const off = this.on(name, ((...args: E[K]) => {
      off();
      listener(...args);
    }) as Listener<E[K]>);
    return off;
  }

  /** Removes `listener` from `name`. */
  off<K extends keyof E>(name: K, listener: Listener<E[K]>): void {
    this.listeners.get(name)?.delete(listener as AnyListener);
  }

  /** Number of listeners on `name` (lets owners know whether an error would go unobserved). */
  listenerCount<K extends keyof E>(name: K): number {
    return this.listeners.get(name)?.size ?? 0;
  }

  /** Removes every listener; owners call it from `close()` so nothing keeps them reachable. */
  removeAllListeners(): void {
    this.listeners.clear();
  }

  /** Calls the listeners of `name` in insertion order; a throwing listener does not stop the others. */
  protected emit<K extends keyof E>(name: K, ...args: E[K]): void {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<E[K]>)(...args);
      } catch (error) {
        // A listener bug must not break the transport loop; surface it asynchronously like an uncaught error.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
