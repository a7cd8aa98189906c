/**
 * A small typed event emitter: `on` returns the unsubscribe function (the habit of the preload
 * bridge). A listener that throws is not swallowed: the error propagates to the emitter's caller.
 */
type AnyListener = (...args: unknown[]) => void;

export class TypedEvents<Events extends { [K in keyof Events]: unknown[] }> {
  private readonly listeners = new Map<keyof Events, Set<AnyListener>>();

  on<K extends keyof Events>(name: K, listener: (...args: Events[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const stored = listener as unknown as AnyListener;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  /** Resolves with the arguments of the next `name` event. */
  once<K extends keyof Events>(name: K): Promise<Events[K]> {
    return new Promise((resolve) => {
      const off = this.on(name, (...args) => {
        off();
        resolve(args);
      });
    });
  }

  protected emit<K extends keyof Events>(name: K, ...args: Events[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) listener(...args);
  }

  protected removeAllListeners(): void {
    this.listeners.clear();
  }
}
