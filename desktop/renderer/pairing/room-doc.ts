/**
 * The layout of a pairing room's Yjs document, in one place so every part reads it the same way:
 *
 *   meta          Y.Map   challengeId, language, seeded (true once the creator seeded it)
 *   code:<lang>   Y.Text  the solution in that language, one per language
 *   runs          Y.Array RunRecord, the room's run history, newest last (capped at MAX_RUNS)
 *
 * Chat is not in the document: it is a live message (protocol/pairing-messages.ts).
 */
import * as Y from 'yjs';
import type { LanguageId } from '../../../protocol/languages.js';
import type { SubmissionMode, Verdict } from '../../../protocol/index.js';

/** Origin of edits made on this machine (the editor binding uses its own, passed to the undo manager). */
export const LOCAL_ORIGIN = 'pairjudge:local';
/** Runs kept in the document; older ones are dropped so a long session does not grow it forever. */
export const MAX_RUNS = 50;

export interface RunRecord {
  id: string;
  name: string;
  mode: SubmissionMode;
  language: LanguageId;
  challengeId?: string;
  verdict: Verdict;
  passed: number;
  total: number;
  at: number;
}

export function getMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function getCode(doc: Y.Doc, language: LanguageId): Y.Text {
  return doc.getText(`code:${language}`);
}

export function getRuns(doc: Y.Doc): Y.Array<RunRecord> {
  return doc.getArray<RunRecord>('runs');
}

export interface RoomSelection {
  challengeId?: string;
  language?: LanguageId;
}

export function getSelection(doc: Y.Doc): RoomSelection {
  const meta = getMeta(doc);
  const challengeId = meta.get('challengeId');
  const language = meta.get('language');
  return {
    ...(typeof challengeId === 'string' ? { challengeId } : {}),
    ...(typeof language === 'string' ? { language: language as LanguageId } : {}),
  };
}

export function setSelection(doc: Y.Doc, selection: RoomSelection, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const meta = getMeta(doc);
    if (selection.challengeId !== undefined) meta.set('challengeId', selection.challengeId);
    if (selection.language !== undefined) meta.set('language', selection.language);
  }, origin);
}

export interface SeedInput {
  challengeId: string;
  language: LanguageId;
  /** Starter code per language, from the catalog. */
  starterCode: Partial<Record<LanguageId, string>>;
}

/**
 * Puts the starter code into a new room. Only the room's creator calls it, once, before any peer
 * syncs: if both peers inserted the same starter text, Yjs would keep both copies. The `seeded`
 * flag is read and set in the same transaction, so a second call (a reconnect, a reload of a
 * stored document) changes nothing. Returns whether it seeded.
 */
export function seedStarterCode(doc: Y.Doc, input: SeedInput, origin: unknown = LOCAL_ORIGIN): boolean {
  let seeded = false;
  doc.transact(() => {
    const meta = getMeta(doc);
    if (meta.get('seeded') === true) return;
    for (const [language, code] of Object.entries(input.starterCode) as [LanguageId, string][]) {
      const text = getCode(doc, language);
      if (text.length === 0) text.insert(0, code);
    }
    meta.set('challengeId', input.challengeId);
    meta.set('language', input.language);
    meta.set('seeded', true);
    seeded = true;
  }, origin);
  return seeded;
}

export function recordRun(doc: Y.Doc, run: RunRecord, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const runs = getRuns(doc);
    runs.push([run]);
    if (runs.length > MAX_RUNS) runs.delete(0, runs.length - MAX_RUNS);
  }, origin);
}

/**
 * An undo manager for one language's text that undoes only this person's edits: it tracks the
 * given local origins (LOCAL_ORIGIN, and the editor binding, e.g. y-monaco's MonacoBinding), never
 * the provider's origin under which remote edits are applied.
 */
export function createLocalUndoManager(doc: Y.Doc, language: LanguageId, localOrigins: unknown[] = [LOCAL_ORIGIN]): Y.UndoManager {
  return new Y.UndoManager(getCode(doc, language), {
    trackedOrigins: new Set(localOrigins),
    // Keystrokes within half a second undo together, as editors usually group typing.
    captureTimeout: 500,
  });
}
