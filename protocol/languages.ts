/**
 * The languages the judge accepts. Adding one means adding its id here and one entry in the
 * worker's language registry (judge-server/sandbox/languages.ts); nothing else changes.
 */
export const LANGUAGE_IDS = ['javascript', 'python'] as const;

export type LanguageId = (typeof LANGUAGE_IDS)[number];

export interface LanguageInfo {
  id: LanguageId;
  name: string;
  /** File extension used for starter code in the catalog. */
  extension: string;
  /** Monaco language id, so the editor can highlight it. */
  editorLanguage: string;
}

export const LANGUAGES: Record<LanguageId, LanguageInfo> = {
  javascript: { id: 'javascript', name: 'JavaScript', extension: 'js', editorLanguage: 'javascript' },
  python: { id: 'python', name: 'Python', extension: 'py', editorLanguage: 'python' },
};

export function isLanguageId(value: unknown): value is LanguageId {
  return typeof value === 'string' && (LANGUAGE_IDS as readonly string[]).includes(value);
}
