/**
 * Code drafts per challenge and language, kept in localStorage so closing the window or
 * reloading the guest tab does not lose work. Saving is debounced: typing must stay smooth.
 */
import { isLanguageId, type LanguageId } from '../../../protocol/index.js';
import type { WorkspaceStore } from './workspace-store.js';

const PREFIX = 'pairjudge.draft.';
/** A draft larger than the judge's code limit per language is not worth keeping. */
const MAX_DRAFT_CHARS = 256 * 1024;

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function readDrafts(storage: DraftStorage, challengeId: string): Partial<Record<LanguageId, string>> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(PREFIX + challengeId) ?? '{}');
    const drafts: Partial<Record<LanguageId, string>> = {};
    if (parsed && typeof parsed === 'object') {
      for (const [language, code] of Object.entries(parsed)) {
        if (isLanguageId(language) && typeof code === 'string') drafts[language] = code;
      }
    }
    return drafts;
  } catch {
    return {};
  }
}

/** Saves the open challenge's code after edits settle; returns a function that stops saving. */
export function persistDrafts(store: WorkspaceStore, storage: DraftStorage, delayMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const { challenge, code } = store.getState();
    if (!challenge) return;
    const text = JSON.stringify(code);
    if (text.length > MAX_DRAFT_CHARS) return;
    try {
      storage.setItem(PREFIX + challenge.id, text);
    } catch {
      // Storage full or disabled: drafts are a convenience, the session keeps working.
    }
  };
  const unsubscribe = store.subscribe((_state, action) => {
    if (action.type !== 'editCode' && action.type !== 'resetCode') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });
  return () => {
    unsubscribe();
    if (timer) {
      clearTimeout(timer);
      save();
    }
  };
}
