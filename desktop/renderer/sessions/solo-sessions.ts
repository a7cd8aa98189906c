/**
 * The solo workspace as a session: the open challenge's code per language, its language and its
 * Run/Submit history kept in a Yjs document (the room layout, pairing/room-doc.ts) under
 * `solo-<challengeId>`, so it survives reloads, appears in Recent sessions and has a History.
 *
 * Drafts kept in localStorage by earlier versions are migrated once: the first time a challenge's
 * solo session is opened and holds nothing, its draft (if any) becomes the session's code. Drafts
 * are not written any more.
 *
 * While a pairing room is active the room document is the session (the editor is bound to it):
 * the solo session then neither follows edits nor records runs.
 */
import * as Y from 'yjs';
import { LANGUAGE_IDS, type LanguageId, type PublicChallenge } from '../../../protocol/index.js';
import { soloSessionId } from '../bridge/session-schema.js';
import { getCode, getMeta, getSelection, readRuns, recordRun, setSelection, settleQueuedRun, LOCAL_ORIGIN, getRuns, type RunRecord } from '../pairing/room-doc.js';
import { readDrafts, type DraftStorage } from '../state/drafts.js';
import type { WorkspaceAction, WorkspaceState } from '../state/workspace-state.js';
import type { WorkspaceStore } from '../state/workspace-store.js';
import { queuedRecordOf, runRecordOf, settledRecordOf } from './run-record.js';
import type { SessionPersistence } from './session-persistence.js';
import { setText } from './set-text.js';
import { createSummaryWriter, type SummaryWriter } from './summary-writer.js';

interface OpenSolo {
  challengeId: string;
  doc: Y.Doc;
  stop: () => void;
  summary: SummaryWriter;
  cleanups: (() => void)[];
}

export interface SoloSnapshot {
  challengeId: string | null;
  runs: RunRecord[];
}

const EMPTY: SoloSnapshot = { challengeId: null, runs: [] };

export interface SoloSessionsOptions {
  store: WorkspaceStore;
  persistence: () => SessionPersistence;
  /** True while a pairing room is the session. */
  paired: () => boolean;
  drafts: DraftStorage;
  /** The person's name on their own runs. */
  name: () => string;
}

function codeOf(doc: Y.Doc): Partial<Record<LanguageId, string>> {
  const code: Partial<Record<LanguageId, string>> = {};
  for (const language of LANGUAGE_IDS) {
    const text = getCode(doc, language);
    if (text.length > 0) code[language] = text.toString();
  }
  return code;
}

export class SoloSessions {
  private current: OpenSolo | null = null;
  private opening: Promise<OpenSolo | null> | null = null;
  private openingId: string | null = null;
  private snapshot: SoloSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: SoloSessionsOptions) {
    options.store.subscribe((state, action) => this.onAction(state, action));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): SoloSnapshot => this.snapshot;

  /**
   * Opens the solo session of `challengeId` (closing another) and answers its code per language and
   * its language, for the workspace's `open`. Storage failures leave an unsaved, working session.
   */
  async open(challengeId: string): Promise<{ code: Partial<Record<LanguageId, string>>; language?: LanguageId }> {
    const solo = await this.ensure(challengeId);
    if (!solo) return { code: readDrafts(this.options.drafts, challengeId) };
    const language = getSelection(solo.doc).language;
    return { code: codeOf(solo.doc), ...(language ? { language } : {}) };
  }

  /** The code a session holds, without keeping it open (an offline reopen builds its challenge from it). */
  async peekCode(challengeId: string): Promise<Partial<Record<LanguageId, string>>> {
    return (await this.open(challengeId)).code;
  }

  private ensure(challengeId: string): Promise<OpenSolo | null> {
    if (this.current?.challengeId === challengeId) return Promise.resolve(this.current);
    if (this.opening && this.openingId === challengeId) return this.opening;
    this.close();
    this.openingId = challengeId;
    const opening = this.attach(challengeId).finally(() => {
      if (this.opening === opening) {
        this.opening = null;
        this.openingId = null;
      }
    });
    this.opening = opening;
    return opening;
  }

  private async attach(challengeId: string): Promise<OpenSolo | null> {
    const doc = new Y.Doc();
    const persistence = this.options.persistence();
    let stop: () => void;
    try {
      stop = await persistence.attach(soloSessionId(challengeId), doc);
    } catch (error) {
      console.warn('sessions: the solo session could not be read; it is not saved', error);
      doc.destroy();
      return null;
    }
    if (this.openingId !== challengeId) {
      stop();
      doc.destroy();
      return null;
    }
    const meta = getMeta(doc);
    if (meta.get('seeded') !== true) {
      // First open: the old localStorage draft becomes the session's code, once.
      const drafts = readDrafts(this.options.drafts, challengeId);
      doc.transact(() => {
        for (const [language, code] of Object.entries(drafts) as [LanguageId, string][]) setText(getCode(doc, language), code);
        meta.set('challengeId', challengeId);
        meta.set('seeded', true);
      }, LOCAL_ORIGIN);
    }
    const summary = createSummaryWriter(persistence, () => this.summaryOf(challengeId, doc));
    const solo: OpenSolo = { challengeId, doc, stop, summary, cleanups: [] };
    const onUpdate = () => summary.touch();
    doc.on('update', onUpdate);
    solo.cleanups.push(() => doc.off('update', onUpdate));
    const runs = getRuns(doc);
    const onRuns = () => this.update({ challengeId, runs: readRuns(doc) });
    runs.observe(onRuns);
    solo.cleanups.push(() => runs.unobserve(onRuns));
    this.current = solo;
    this.update({ challengeId, runs: readRuns(doc) });
    return solo;
  }

  /** Records a run in the open solo session (e.g. a local or queued one); false when none is open. */
  record(run: RunRecord): boolean {
    if (!this.current) return false;
    recordRun(this.current.doc, run);
    return true;
  }

  close(): void {
    const solo = this.current;
    this.current = null;
    this.openingId = null;
    if (!solo) return;
    for (const cleanup of solo.cleanups) cleanup();
    solo.summary.stop();
    solo.stop();
    solo.doc.destroy();
    this.update(EMPTY);
  }

  private summaryOf(challengeId: string, doc: Y.Doc) {
    const state = this.options.store.getState();
    const challenge = state.challenge?.id === challengeId ? state.challenge : undefined;
    const language = getSelection(doc).language;
    return {
      id: soloSessionId(challengeId),
      kind: 'solo' as const,
      challengeId,
      ...(challenge ? { challengeTitle: challenge.title.slice(0, 200), difficulty: challenge.difficulty } : {}),
      ...(language ? { language } : {}),
      partners: [],
      updatedAt: Date.now(),
    };
  }

  private onAction(state: WorkspaceState, action: WorkspaceAction): void {
    if (this.options.paired() || !state.challenge) return;
    const solo = this.current;
    if (!solo || state.challenge.id !== solo.challengeId) {
      // Editing a challenge whose solo session is not open (just out of a room): open it, and
      // the code on screen becomes the session's.
      if (action.type === 'editCode' || action.type === 'resetCode' || action.type === 'selectLanguage') void this.adopt(state.challenge.id);
      return;
    }
    const { doc } = solo;
    switch (action.type) {
      case 'open':
      case 'selectLanguage':
        if (getSelection(doc).language !== state.language) setSelection(doc, { language: state.language });
        setText(getCode(doc, state.language), state.code[state.language] ?? '');
        break;
      case 'editCode':
      case 'resetCode':
        doc.transact(() => setText(getCode(doc, action.language), state.code[action.language] ?? ''), LOCAL_ORIGIN);
        break;
      case 'runFinished':
        if (state.run.status === 'done' && !state.run.by) {
          recordRun(
            doc,
            runRecordOf({
              id: crypto.randomUUID(),
              name: this.options.name(),
              mode: state.run.mode,
              language: state.run.language,
              challengeId: solo.challengeId,
              result: state.run.result,
              code: state.code[state.run.language] ?? '',
              at: Date.now(),
              origin: state.run.origin ?? 'official',
            }),
          );
        }
        break;
      // A Submit that went to the outbox shows in History at once, as queued …
      case 'runQueued':
        if (state.run.status === 'queued') {
          const { language } = state.run;
          recordRun(doc, queuedRecordOf({ key: action.key, name: this.options.name(), language, challengeId: solo.challengeId, code: state.code[language] ?? '', at: Date.now() }));
        }
        break;
      // … and becomes its official record when the judge's verdict arrives (after a restart too).
      case 'outboxSettled':
        settleQueuedRun(doc, action.key, (queued) => settledRecordOf(queued, action.result, Date.now()));
        break;
      default:
        break;
    }
  }

  private async adopt(challengeId: string): Promise<void> {
    const solo = await this.ensure(challengeId);
    const state = this.options.store.getState();
    if (!solo || this.current !== solo || this.options.paired() || state.challenge?.id !== challengeId) return;
    solo.doc.transact(() => {
      for (const [language, code] of Object.entries(state.code) as [LanguageId, string][]) setText(getCode(solo.doc, language), code);
      setSelection(solo.doc, { language: state.language });
    }, LOCAL_ORIGIN);
  }

  private update(next: SoloSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/** A stand-in challenge for a session whose statement cannot be fetched (no network): the code only. */
export function offlineChallenge(
  challengeId: string,
  title: string | undefined,
  code: Partial<Record<LanguageId, string>>,
  difficulty: PublicChallenge['difficulty'] = 'easy',
): PublicChallenge {
  const languages = LANGUAGE_IDS.filter((language) => code[language] !== undefined);
  const offered = languages.length > 0 ? languages : [...LANGUAGE_IDS];
  const starter: Record<string, string> = {};
  for (const language of offered) starter[language] = code[language] ?? '';
  return {
    id: challengeId,
    title: title ?? challengeId,
    difficulty,
    // Shown where the tags go: this is the copy on this machine, not the judge's statement.
    tags: ['offline copy'],
    languages: offered,
    statement: 'The statement cannot be loaded right now (the judge is unreachable). Your code is here, saved on this machine; Run and Submit need the judge.',
    entry: {},
    starter,
    tests: [],
    hiddenTestCount: 0,
  };
}
