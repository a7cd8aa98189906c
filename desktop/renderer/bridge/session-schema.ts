/**
 * What identifies and describes a session (a solo workspace or a pairing room kept on this
 * machine): shared by main (which validates every IPC payload with it) and the renderer.
 *
 * Session ids: `solo-<challengeId>` for the solo workspace of a challenge, `room-<ROOM-CODE>` for
 * a pairing room. The id doubles as a file name in the user-data folder, so its pattern admits
 * no dot, slash or other path syntax.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CHALLENGE_ID_PATTERN, DifficultySchema, LanguageSchema, MAX_DISPLAY_NAME_LENGTH } from '../../../protocol/index.js';

export const SESSION_ID_PATTERN = '^(solo-[a-z0-9][a-z0-9-]{0,63}|room-[A-Z0-9][A-Z0-9-]{0,31})$';
export const SessionIdSchema = Type.String({ pattern: SESSION_ID_PATTERN, maxLength: 70 });
/** Partners listed per session; a room has at most a handful of people. */
export const MAX_SESSION_PARTNERS = 8;
/** One Yjs update sent to main at a time; far above a keystroke's, bounded so IPC stays sane. */
export const MAX_SESSION_UPDATE_BYTES = 4 * 1024 * 1024;

export const SessionSummarySchema = Type.Object(
  {
    id: SessionIdSchema,
    kind: Type.Union([Type.Literal('solo'), Type.Literal('room')]),
    challengeId: Type.Optional(Type.String({ pattern: CHALLENGE_ID_PATTERN })),
    challengeTitle: Type.Optional(Type.String({ maxLength: 200 })),
    difficulty: Type.Optional(DifficultySchema),
    language: Type.Optional(LanguageSchema),
    /** Names of the other people seen in the room (empty for a solo session). */
    partners: Type.Array(Type.String({ maxLength: MAX_DISPLAY_NAME_LENGTH }), { maxItems: MAX_SESSION_PARTNERS }),
    roomCode: Type.Optional(Type.String({ maxLength: 32 })),
    /** Last change, ms since the epoch. */
    updatedAt: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type SessionSummary = Static<typeof SessionSummarySchema>;

const SESSION_ID = new RegExp(SESSION_ID_PATTERN);

export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value);
}

export function soloSessionId(challengeId: string): string {
  return `solo-${challengeId}`;
}

export function roomSessionId(code: string): string {
  return `room-${code}`;
}
