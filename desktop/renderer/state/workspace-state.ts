/**
 * Everything a workspace holds, in one reducer: the open challenge, the chosen language, the
 * code per language, the person's own test cases and the last run. Components only dispatch
 * actions, so another source of edits (live pairing over Yjs) can drive the same state by
 * dispatching the same actions.
 */
import {
  LANGUAGE_IDS,
  isLanguageId,
  type LanguageId,
  type PublicChallenge,
  type SubmissionMode,
  type SubmissionResult,
} from '../../../protocol/index.js';
import type { JudgeError } from '../bridge/bridge-api.js';

export interface CustomCase {
  id: string;
  name: string;
  /** JSON array of arguments, as typed. */
  argsText: string;
  /** JSON of the expected return value, as typed. */
  expectedText: string;
}

export type RunState =
  | { status: 'idle' }
  | { status: 'judging'; mode: SubmissionMode; language: LanguageId }
  /**
   * `by` names the pairing partner whose run this is; absent for this person's own runs.
   * `origin` is 'local' when this machine judged it (the judge was unreachable; never official).
   */
  | { status: 'done'; mode: SubmissionMode; language: LanguageId; result: SubmissionResult; by?: string; origin?: 'official' | 'local' }
  /** A Submit waiting in the outbox (the judge was unreachable) under its idempotency key. */
  | { status: 'queued'; mode: 'submit'; language: LanguageId; key: string }
  | { status: 'failed'; mode: SubmissionMode; language: LanguageId; error: JudgeError };

export interface WorkspaceState {
  challenge: PublicChallenge | null;
  language: LanguageId;
  /** Code per language; a language appears once it is opened (from the starter) or edited. */
  code: Partial<Record<LanguageId, string>>;
  customCases: CustomCase[];
  run: RunState;
  /** Increments for every custom case, so ids stay unique after removals. */
  nextCaseNumber: number;
}

export type WorkspaceAction =
  | { type: 'open'; challenge: PublicChallenge; language?: LanguageId; code?: Partial<Record<LanguageId, string>> }
  | { type: 'close' }
  | { type: 'selectLanguage'; language: LanguageId }
  | { type: 'editCode'; language: LanguageId; code: string }
  | { type: 'resetCode'; language: LanguageId }
  | { type: 'addCase'; argsText?: string; expectedText?: string }
  | { type: 'updateCase'; id: string; patch: Partial<Omit<CustomCase, 'id'>> }
  | { type: 'removeCase'; id: string }
  | { type: 'runStarted'; mode: SubmissionMode }
  | { type: 'runFinished'; result: SubmissionResult; origin?: 'official' | 'local' }
  /** The Submit in flight went to the outbox. */
  | { type: 'runQueued'; key: string }
  /** The judge gave the official verdict of an outbox entry. */
  | { type: 'outboxSettled'; key: string; result: SubmissionResult }
  | { type: 'runFailed'; error: JudgeError }
  /** A pairing partner's Run or Submit finished: both people see its result. */
  | { type: 'partnerRun'; mode: SubmissionMode; language: LanguageId; result: SubmissionResult; by: string };

export const initialWorkspaceState: WorkspaceState = {
  challenge: null,
  language: 'javascript',
  code: {},
  customCases: [],
  run: { status: 'idle' },
  nextCaseNumber: 1,
};

/** Languages the open challenge offers that the app knows, in the app's order. */
export function challengeLanguages(challenge: PublicChallenge | null): LanguageId[] {
  if (!challenge) return [];
  return LANGUAGE_IDS.filter((id) => challenge.languages.includes(id) && challenge.starter[id] !== undefined);
}

function starterFor(challenge: PublicChallenge, language: LanguageId): string {
  return challenge.starter[language] ?? '';
}

export function isJudging(state: WorkspaceState): boolean {
  return state.run.status === 'judging';
}

/** Whether a partner's run may take the results panel: only when it holds no result of this person's. */
function showsPartnerRun(run: RunState): boolean {
  return run.status === 'idle' || (run.status === 'done' && run.by !== undefined);
}

export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'open': {
      const offered = challengeLanguages(action.challenge);
      const language =
        action.language && offered.includes(action.language) ? action.language : (offered[0] ?? 'javascript');
      const code: Partial<Record<LanguageId, string>> = {};
      for (const [id, text] of Object.entries(action.code ?? {})) {
        if (isLanguageId(id) && offered.includes(id) && typeof text === 'string') code[id] = text;
      }
      code[language] ??= starterFor(action.challenge, language);
      return { ...initialWorkspaceState, challenge: action.challenge, language, code };
    }
    case 'close':
      return initialWorkspaceState;
    case 'selectLanguage': {
      if (!state.challenge || !challengeLanguages(state.challenge).includes(action.language)) return state;
      const code = { ...state.code };
      code[action.language] ??= starterFor(state.challenge, action.language);
      return { ...state, language: action.language, code };
    }
    case 'editCode':
      if (state.code[action.language] === action.code) return state;
      return { ...state, code: { ...state.code, [action.language]: action.code } };
    case 'resetCode':
      if (!state.challenge) return state;
      return { ...state, code: { ...state.code, [action.language]: starterFor(state.challenge, action.language) } };
    case 'addCase': {
      const number = state.nextCaseNumber;
      const added: CustomCase = {
        id: `case-${number}`,
        name: `my test ${number}`,
        argsText: action.argsText ?? '[]',
        expectedText: action.expectedText ?? 'null',
      };
      return { ...state, customCases: [...state.customCases, added], nextCaseNumber: number + 1 };
    }
    case 'updateCase':
      return {
        ...state,
        customCases: state.customCases.map((item) => (item.id === action.id ? { ...item, ...action.patch } : item)),
      };
    case 'removeCase':
      return { ...state, customCases: state.customCases.filter((item) => item.id !== action.id) };
    case 'runStarted':
      // One judgement at a time: a second start while judging is ignored.
      if (isJudging(state)) return state;
      return { ...state, run: { status: 'judging', mode: action.mode, language: state.language } };
    case 'runFinished':
      if (state.run.status !== 'judging') return state;
      return {
        ...state,
        run: { status: 'done', mode: state.run.mode, language: state.run.language, result: action.result, ...(action.origin ? { origin: action.origin } : {}) },
      };
    case 'runQueued':
      if (state.run.status !== 'judging') return state;
      return { ...state, run: { status: 'queued', mode: 'submit', language: state.run.language, key: action.key } };
    case 'outboxSettled':
      // Only the queued Submit on screen turns into its verdict; others show up as notifications.
      if (state.run.status !== 'queued' || state.run.key !== action.key) return state;
      return { ...state, run: { status: 'done', mode: 'submit', language: state.run.language, result: action.result, origin: 'official' } };
    case 'runFailed':
      if (state.run.status !== 'judging') return state;
      return { ...state, run: { status: 'failed', mode: state.run.mode, language: state.run.language, error: action.error } };
    case 'partnerRun':
      // A partner's result never replaces this person's own (in flight, finished or failed): a
      // partner could otherwise show anyone an "Accepted" they never earned. It only fills an
      // empty panel or replaces an earlier partner run; the room's run list keeps the rest.
      if (!showsPartnerRun(state.run)) return state;
      return { ...state, run: { status: 'done', mode: action.mode, language: action.language, result: action.result, by: action.by } };
  }
}
