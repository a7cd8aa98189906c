/**
 * Binds the workspace's Monaco editor to a room document with y-monaco: the model of the open
 * challenge and language shows `code:<language>` of the room, remote cursors and selections are
 * drawn from awareness, and Ctrl/Cmd+Z undoes only this person's edits.
 *
 * Undo: Monaco's own undo stack holds every change of the model, the partner's included. While a
 * model is bound, the undo/redo keys run a Yjs UndoManager that tracks only the binding's origin
 * (local typing), never the provider's (remote edits). The keys are editor commands guarded by a
 * context key, so outside a room Monaco's own undo works as before.
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { MonacoBinding } from 'y-monaco';
import type { LanguageId } from '../../../protocol/languages.js';
import { setModelBound } from '../editor/bound-models.js';
import type { Monaco, monaco } from '../editor/monaco-setup.js';
import { createLocalUndoManager, getCode } from './room-doc.js';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** What should be bound now: the room's text of this challenge and language, or nothing. */
export interface BindingTarget {
  challengeId: string;
  language: LanguageId;
}

const ROOM_BOUND_CONTEXT = 'pairjudgeRoomBound';

function extensionOf(language: LanguageId): string {
  return language === 'python' ? 'py' : 'js';
}

/** Whether `model` is the workspace's model of this challenge and language (see CodeEditor's modelUri). */
function isModelOf(model: monaco.editor.ITextModel, target: BindingTarget): boolean {
  return model.uri.authority === 'pairjudge' && model.uri.path === `/${target.challengeId}/solution.${extensionOf(target.language)}`;
}

interface Bound {
  model: monaco.editor.ITextModel;
  language: LanguageId;
  binding: MonacoBinding;
  undo: Y.UndoManager;
  listeners: { dispose(): void }[];
}

/**
 * The editor as y-monaco sees it. y-monaco 0.1.6 subscribes to cursor changes and never
 * unsubscribes (its destroy() leaves that listener behind), so every rebinding of a model (a
 * language switch and back) would add one more listener writing this person's cursor into
 * awareness. This view records those subscriptions so unbinding can dispose them.
 */
function editorView(editor: Editor, listeners: { dispose(): void }[]): Editor {
  return new Proxy(editor, {
    get(target, property) {
      if (property === 'onDidChangeCursorSelection') {
        return (listener: Parameters<Editor['onDidChangeCursorSelection']>[0]) => {
          const subscription = target.onDidChangeCursorSelection(listener);
          listeners.push(subscription);
          return subscription;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export class EditorBinding {
  private editor: Editor | null = null;
  private bound: Bound | null = null;
  private roomBound: monaco.editor.IContextKey<boolean> | null = null;
  private room: { doc: Y.Doc; awareness: Awareness } | null = null;
  private target: BindingTarget | null = null;
  private refreshQueued = false;
  private readOnly = false;

  /** Called with each new workspace editor (onEditorReady). */
  attach(editor: Editor, monacoNamespace: Monaco): void {
    this.unbind();
    this.editor = editor;
    if (this.readOnly) editor.updateOptions({ readOnly: true });
    this.roomBound = editor.createContextKey(ROOM_BOUND_CONTEXT, false);
    const { KeyMod, KeyCode } = monacoNamespace;
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, () => this.bound?.undo.undo(), ROOM_BOUND_CONTEXT);
    editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, () => this.bound?.undo.redo(), ROOM_BOUND_CONTEXT);
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, () => this.bound?.undo.redo(), ROOM_BOUND_CONTEXT);
    editor.onDidChangeModel(() => this.refresh());
    editor.onDidDispose(() => {
      if (this.editor !== editor) return;
      this.unbind();
      this.editor = null;
      this.roomBound = null;
    });
    this.refresh();
  }

  setRoom(room: { doc: Y.Doc; awareness: Awareness } | null): void {
    if (this.room?.doc !== room?.doc) this.unbind();
    this.room = room;
    this.refresh();
  }

  /** An interview observer's editor is read-only (the other peers refuse its edits anyway). */
  setReadOnly(readOnly: boolean): void {
    if (this.readOnly === readOnly) return;
    this.readOnly = readOnly;
    this.editor?.updateOptions({ readOnly });
  }

  setTarget(target: BindingTarget | null): void {
    this.target = target;
    this.refresh();
  }

  /**
   * Binds, rebinds or unbinds to match the editor's current model, the room and the target, in a
   * microtask: a model switch happens inside CodeEditor's effects, and the same effect pass then
   * reconciles the model with the store's (older) text. Binding only after that pass means the
   * binding's "take the room's text" is the last word, and the store's text never reaches the room.
   */
  refresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(() => {
      this.refreshQueued = false;
      this.apply();
    });
  }

  private apply(): void {
    const model = this.editor?.getModel() ?? null;
    const wanted = this.editor && this.room && this.target && model && isModelOf(model, this.target) ? model : null;
    if (this.bound && this.bound.model === wanted && this.bound.language === this.target?.language) return;
    this.unbind();
    if (!wanted || !this.editor || !this.room || !this.target) return;
    const text = getCode(this.room.doc, this.target.language);
    // The binding replaces the model's text with the room's (it never writes the model into the room).
    const listeners: { dispose(): void }[] = [];
    const binding = new MonacoBinding(text, wanted, new Set([editorView(this.editor, listeners)]), this.room.awareness);
    const undo = createLocalUndoManager(this.room.doc, this.target.language, [binding]);
    this.bound = { model: wanted, language: this.target.language, binding, undo, listeners };
    setModelBound(wanted, true);
    this.roomBound?.set(true);
  }

  private unbind(): void {
    if (!this.bound) return;
    setModelBound(this.bound.model, false);
    this.bound.undo.destroy();
    this.bound.binding.destroy();
    for (const listener of this.bound.listeners) listener.dispose();
    this.bound = null;
    this.roomBound?.set(false);
    // The partner's cursors belonged to the room; without the binding they would stay painted.
    const model = this.editor?.getModel();
    if (model) for (const decoration of model.getAllDecorations()) if (decoration.options.className?.startsWith('yRemoteSelection')) model.deltaDecorations([decoration.id], []);
  }

  /**
   * Replaces the bound language's text in the room (Reset to starter while pairing), as this
   * person's edit: the binding's origin, so the partner gets it and Ctrl/Cmd+Z undoes it.
   * Answers false when that language is not bound.
   */
  replaceText(language: LanguageId, code: string): boolean {
    const bound = this.bound;
    if (!bound || bound.language !== language || !this.room) return false;
    const text = getCode(this.room.doc, language);
    if (text.toString() === code) return true;
    this.room.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, code);
    }, bound.binding);
    return true;
  }

  destroy(): void {
    this.unbind();
    this.room = null;
    this.target = null;
  }
}
