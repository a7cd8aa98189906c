/**
 * Sessions this machine could not save: main refused an update (a session's size bound, the
 * session count, a full disk). The workspace shows it, since edits the person believes are kept
 * would otherwise be lost at the next restart without a word. A later successful save clears it.
 */
export interface SaveProblem {
  sessionId: string;
  message: string;
}

let problems: readonly SaveProblem[] = [];
const listeners = new Set<() => void>();

function set(next: readonly SaveProblem[]): void {
  problems = next;
  for (const listener of listeners) listener();
}

export const saveProblems = {
  get: (): readonly SaveProblem[] => problems,
  report(sessionId: string, message: string): void {
    const current = problems.find((problem) => problem.sessionId === sessionId);
    if (current?.message === message) return;
    set([...problems.filter((problem) => problem.sessionId !== sessionId), { sessionId, message }]);
  },
  clear(sessionId: string): void {
    if (problems.some((problem) => problem.sessionId === sessionId)) set(problems.filter((problem) => problem.sessionId !== sessionId));
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};
