/**
 * Models whose text another source owns (a live-pairing binding to a room document). While a
 * model is bound, the room's text is the truth: CodeEditor must not push the store's value into
 * it, because a render computed before the binding took over carries the older text and that
 * push would be written into the room as the person's own edit.
 */
import type { monaco } from './monaco-setup.js';

const bound = new WeakSet<monaco.editor.ITextModel>();

export function setModelBound(model: monaco.editor.ITextModel, isBound: boolean): void {
  if (isBound) bound.add(model);
  else bound.delete(model);
}

export function isModelBound(model: monaco.editor.ITextModel): boolean {
  return bound.has(model);
}
