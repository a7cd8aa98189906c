/**
 * Whether a local Python Run is waiting for Pyodide to load (seconds, the first time): the
 * toolbar says "Loading Python…" then instead of "Judging…", so the wait has a name.
 */
let loading = false;
const listeners = new Set<() => void>();

export const pythonLoading = {
  get: (): boolean => loading,
  set(value: boolean): void {
    if (value === loading) return;
    loading = value;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};
