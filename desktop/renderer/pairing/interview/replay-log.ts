/**
 * The interviewer's record of a session: the room document as recording began, then every Yjs
 * update with its time and author, every Run/Submit with its verdict and tests, and the private
 * notes. It lives only on interviewer peers (never in the shared document) and is what the Replay
 * view plays, the report summarizes, and the exported `.json` file holds.
 *
 * A replay file is opened again from disk, so it is read back through a schema with limits, as
 * anything from outside is.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import * as Y from 'yjs';
import { RoleSchema } from '../../../../protocol/interview-messages.js';
import { CHALLENGE_ID_PATTERN, LanguageSchema, SubmissionModeSchema, VerdictSchema } from '../../../../protocol/index.js';
import { fromBase64Url, toBase64Url } from './identity.js';

export const REPLAY_FORMAT = 'pairjudge-replay';
/** Edits kept: hours of steady typing. Past it the oldest are folded into the baseline. */
export const MAX_REPLAY_EDITS = 50_000;
export const MAX_REPLAY_RUNS = 500;
/** A replay file larger than this is refused before parsing. */
export const MAX_REPLAY_FILE_BYTES = 32 * 1024 * 1024;

const NameSchema = Type.String({ maxLength: 64 });
const AuthorRoleSchema = Type.Union([RoleSchema, Type.Null()]);

export const ReplayEditSchema = Type.Object(
  { at: Type.Number({ minimum: 0 }), by: NameSchema, role: AuthorRoleSchema, update: Type.String({ pattern: '^[A-Za-z0-9_-]*$' }) },
  { additionalProperties: false },
);
export type ReplayEdit = Static<typeof ReplayEditSchema>;

export const ReplayRunSchema = Type.Object(
  {
    at: Type.Number({ minimum: 0 }),
    by: NameSchema,
    role: AuthorRoleSchema,
    mode: SubmissionModeSchema,
    language: LanguageSchema,
    challengeId: Type.Optional(Type.String({ pattern: CHALLENGE_ID_PATTERN })),
    verdict: VerdictSchema,
    tests: Type.Array(Type.Object({ name: Type.String({ maxLength: 200 }), passed: Type.Boolean(), hidden: Type.Boolean() }, { additionalProperties: false }), {
      maxItems: 10_000,
    }),
    /** The code that ran, so the report shows it even if the edit log was trimmed. */
    code: Type.String({ maxLength: 256 * 1024 }),
  },
  { additionalProperties: false },
);
export type ReplayRun = Static<typeof ReplayRunSchema>;

export const ReplayNoteSchema = Type.Object(
  { at: Type.Number({ minimum: 0 }), author: NameSchema, text: Type.String({ maxLength: 20_000 }) },
  { additionalProperties: false },
);
export type ReplayNote = Static<typeof ReplayNoteSchema>;

export const ReplayLogSchema = Type.Object(
  {
    format: Type.Literal(REPLAY_FORMAT),
    version: Type.Literal(1),
    room: Type.String({ maxLength: 32 }),
    challengeId: Type.Optional(Type.String({ pattern: CHALLENGE_ID_PATTERN })),
    challengeTitle: Type.Optional(Type.String({ maxLength: 200 })),
    startedAt: Type.Number({ minimum: 0 }),
    /** The room document when recording began (Y.encodeStateAsUpdate, base64url). */
    baseline: Type.String({ pattern: '^[A-Za-z0-9_-]*$' }),
    edits: Type.Array(ReplayEditSchema, { maxItems: MAX_REPLAY_EDITS }),
    runs: Type.Array(ReplayRunSchema, { maxItems: MAX_REPLAY_RUNS }),
    notes: Type.Array(ReplayNoteSchema, { maxItems: 10_000 }),
  },
  { additionalProperties: false },
);
export type ReplayLog = Static<typeof ReplayLogSchema>;

export function emptyReplayLog(room: string, doc: Y.Doc, startedAt: number): ReplayLog {
  return { format: REPLAY_FORMAT, version: 1, room, startedAt, baseline: toBase64Url(Y.encodeStateAsUpdate(doc)), edits: [], runs: [], notes: [] };
}

/** Appends an edit; past the cap, the oldest edit is folded into the baseline so nothing is lost. */
export function appendEdit(log: ReplayLog, edit: { at: number; by: string; role: ReplayEdit['role']; update: Uint8Array }): void {
  log.edits.push({ at: edit.at, by: edit.by.slice(0, 64), role: edit.role, update: toBase64Url(edit.update) });
  if (log.edits.length > MAX_REPLAY_EDITS) {
    const oldest = log.edits.shift()!;
    log.baseline = toBase64Url(Y.mergeUpdates([fromBase64Url(log.baseline), fromBase64Url(oldest.update)]));
  }
}

export function appendRun(log: ReplayLog, run: ReplayRun): void {
  log.runs.push(run);
  if (log.runs.length > MAX_REPLAY_RUNS) log.runs.shift();
}

export function serializeReplay(log: ReplayLog): string {
  return JSON.stringify(log);
}

/** Reads a replay file; throws an Error naming the first bad field. */
export function parseReplay(text: string): ReplayLog {
  if (text.length > MAX_REPLAY_FILE_BYTES) throw new Error(`a replay file may be at most ${MAX_REPLAY_FILE_BYTES / 1024 / 1024} MiB`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not a replay file: ${(error as Error).message}`);
  }
  const problem = Value.Errors(ReplayLogSchema, value).First();
  if (problem) throw new Error(`not a replay file: ${problem.path || '/'} ${problem.message}`);
  const log = value as ReplayLog;
  // The updates must be Yjs updates; a damaged one is named rather than breaking the view later.
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64Url(log.baseline));
    log.edits.forEach((edit, index) => {
      try {
        Y.applyUpdate(doc, fromBase64Url(edit.update));
      } catch {
        throw new Error(`/edits/${index}/update is not a Yjs update`);
      }
    });
    doc.destroy();
  } catch (error) {
    throw new Error(`not a replay file: ${(error as Error).message}`);
  }
  return log;
}
