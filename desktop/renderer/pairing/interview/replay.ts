/**
 * Playing a replay log back: the code at a moment, the span of the session, and the characters
 * typed over time. Pure functions of the log (no DOM), shared by the Replay view and the report.
 */
import * as Y from 'yjs';
import { LANGUAGE_IDS, type LanguageId } from '../../../../protocol/languages.js';
import { getCode, getSelection } from '../room-doc.js';
import { fromBase64Url } from './identity.js';
import type { ReplayLog } from './replay-log.js';

const ALL_LANGUAGES: readonly LanguageId[] = LANGUAGE_IDS;

function baselineDoc(log: ReplayLog): Y.Doc {
  const doc = new Y.Doc();
  if (log.baseline) Y.applyUpdate(doc, fromBase64Url(log.baseline));
  return doc;
}

export interface CodeMoment {
  language: LanguageId;
  code: string;
  /** Edits applied to reach this moment. */
  editCount: number;
}

/** The code as it was at `at` (every edit stamped at or before it applied), in the room's language then. */
export function codeAt(log: ReplayLog, at: number, language?: LanguageId): CodeMoment {
  const doc = baselineDoc(log);
  let editCount = 0;
  for (const edit of log.edits) {
    if (edit.at > at) break;
    Y.applyUpdate(doc, fromBase64Url(edit.update));
    editCount++;
  }
  const lang = language ?? getSelection(doc).language ?? 'javascript';
  const code = getCode(doc, lang).toString();
  doc.destroy();
  return { language: lang, code, editCount };
}

/** First and last moments of the session: recording start to the last edit, run or note. */
export function replaySpan(log: ReplayLog): { start: number; end: number } {
  let end = log.startedAt;
  for (const edit of log.edits) end = Math.max(end, edit.at);
  for (const run of log.runs) end = Math.max(end, run.at);
  for (const note of log.notes) end = Math.max(end, note.at);
  return { start: log.startedAt, end };
}

function totalLength(doc: Y.Doc): number {
  return ALL_LANGUAGES.reduce((sum, lang) => sum + getCode(doc, lang).length, 0);
}

/**
 * Cumulative characters typed, one point per edit: each edit's growth of the code (all languages)
 * counts, deletions do not subtract. A paste counts its length.
 */
export function typingSeries(log: ReplayLog): { at: number; typed: number }[] {
  const doc = baselineDoc(log);
  let length = totalLength(doc);
  let typed = 0;
  const points = [{ at: log.startedAt, typed: 0 }];
  for (const edit of log.edits) {
    Y.applyUpdate(doc, fromBase64Url(edit.update));
    const next = totalLength(doc);
    typed += Math.max(0, next - length);
    length = next;
    points.push({ at: edit.at, typed });
  }
  doc.destroy();
  return points;
}

/** Milliseconds from the start to the first accepted Submit (or Run), or null when none was. */
export function timeToFirstAccepted(log: ReplayLog): number | null {
  const first = log.runs.find((run) => run.verdict === 'accepted');
  return first ? Math.max(0, first.at - log.startedAt) : null;
}
