/**
 * The layout of a pairing room's Yjs document, in one place so every part reads it the same way:
 *
 *   meta          Y.Map   challengeId, language, seeded (true once the creator seeded it)
 *   code:<lang>   Y.Text  the solution in that language, one per language
 *   runs          Y.Array RunRecord, the room's run history, newest last (capped at MAX_RUNS)
 *
 * Chat is not in the document: it is a live message (protocol/pairing-messages.ts).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import * as Y from 'yjs';
import {
  CHALLENGE_ID_PATTERN,
  LanguageSchema,
  MAX_CODE_BYTES,
  MAX_DISPLAY_NAME_LENGTH,
  SubmissionModeSchema,
  VerdictSchema,
  isLanguageId,
  type LanguageId,
} from '../../../protocol/index.js';

/** Origin of edits made on this machine (the editor binding uses its own, passed to the undo manager). */
export const LOCAL_ORIGIN = 'pairjudge:local';
/** Runs kept in the document; older ones are dropped so a long session does not grow it forever. */
export const MAX_RUNS = 50;

/** Tests a run can report, far above any challenge's; a bound so a forged count stays plausible. */
const MAX_RUN_TESTS = 10_000;

/**
 * A run as stored in the room document. The document is shared with a partner who may be hostile
 * and is restored from IndexedDB, so every record read from it is checked against this schema:
 * one `null`, or a name that is an object, would otherwise crash the UI of everyone in the room.
 */
export const RunRecordSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ maxLength: MAX_DISPLAY_NAME_LENGTH }),
  mode: SubmissionModeSchema,
  language: LanguageSchema,
  challengeId: Type.Optional(Type.String({ pattern: CHALLENGE_ID_PATTERN })),
  /** Absent only while the record is queued (a Submit waiting in the outbox has no verdict yet). */
  verdict: Type.Optional(VerdictSchema),
  passed: Type.Integer({ minimum: 0, maximum: MAX_RUN_TESTS }),
  total: Type.Integer({ minimum: 0, maximum: MAX_RUN_TESTS }),
  at: Type.Number({ minimum: 0 }),
  /**
   * Who judged it: the cloud or LAN judge (`official`, the default for older records), a judge on
   * this machine while the judge was unreachable (`local`, never official), or a Submit waiting in
   * the outbox (`queued`, replaced by its official record once sent).
   */
  origin: Type.Optional(Type.Union([Type.Literal('official'), Type.Literal('local'), Type.Literal('queued')])),
  /** The code that was judged, so History can show it beside the current code and restore it. */
  code: Type.Optional(Type.String({ maxLength: MAX_CODE_BYTES })),
  /** The judge's submission id, once the judge has accepted it. */
  submissionId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export type RunRecord = Static<typeof RunRecordSchema>;

const CHALLENGE_ID = new RegExp(CHALLENGE_ID_PATTERN);

export function getMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function getCode(doc: Y.Doc, language: LanguageId): Y.Text {
  return doc.getText(`code:${language}`);
}

/** The raw shared array: its items are whatever any peer pushed. Read them with `readRuns`. */
export function getRuns(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>('runs');
}

/**
 * The room's valid runs, newest last. Only the last MAX_RUNS items are looked at, since a peer's
 * pushes are not trimmed by our `recordRun` and could grow the array without bound; items that
 * do not match RunRecordSchema are dropped.
 */
export function readRuns(doc: Y.Doc): RunRecord[] {
  const runs = getRuns(doc);
  const recent = runs.slice(Math.max(0, runs.length - MAX_RUNS));
  return recent.filter((item): item is RunRecord => Value.Check(RunRecordSchema, item) && isQueued(item) === (item.verdict === undefined));
}

function isQueued(run: RunRecord): boolean {
  return run.origin === 'queued';
}

/**
 * Replaces the queued record of an outbox entry (its id is the entry's key) by what `settle`
 * makes of it, in one transaction: History shows the Submit once, first queued, then official.
 * Answers false, changing nothing, when this document holds no such queued record.
 */
export function settleQueuedRun(doc: Y.Doc, key: string, settle: (queued: RunRecord) => RunRecord, origin: unknown = LOCAL_ORIGIN): boolean {
  const runs = getRuns(doc);
  const items = runs.toArray();
  const index = items.findIndex((item) => Value.Check(RunRecordSchema, item) && item.id === key && isQueued(item));
  if (index < 0) return false;
  const queued = items[index] as RunRecord;
  doc.transact(() => {
    runs.delete(index, 1);
    runs.push([settle(queued)]);
  }, origin);
  return true;
}

export interface RoomSelection {
  challengeId?: string;
  language?: LanguageId;
}

export function getSelection(doc: Y.Doc): RoomSelection {
  const meta = getMeta(doc);
  const challengeId = meta.get('challengeId');
  const language = meta.get('language');
  // Both come from the shared document: anything but a well-formed id is ignored.
  return {
    ...(typeof challengeId === 'string' && CHALLENGE_ID.test(challengeId) ? { challengeId } : {}),
    ...(typeof language === 'string' && isLanguageId(language) ? { language } : {}),
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
