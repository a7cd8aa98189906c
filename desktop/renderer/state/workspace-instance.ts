/**
 * The app's one workspace store and the editor-ready hook, in a module of their own so that
 * features beside the workspace (live pairing) can import them without importing the app's
 * entry or its components:
 *
 *   import { workspaceStore, onEditorReady } from '../state/workspace-instance.js';
 *   onEditorReady((editor, monaco) => { ...bind y-monaco to editor.getModel()... });
 *   workspaceStore.subscribe((state, action) => { ...mirror into Yjs... });
 */
import type { CodeEditorProps } from '../editor/CodeEditor.js';
import { createWorkspaceStore } from './workspace-store.js';

export type EditorReadyListener = NonNullable<CodeEditorProps['onEditorReady']>;

export const workspaceStore = createWorkspaceStore();

const editorReadyListeners = new Set<EditorReadyListener>();

/** Called with each new Monaco editor and the monaco namespace; returns unsubscribe. */
export function onEditorReady(listener: EditorReadyListener): () => void {
  editorReadyListeners.add(listener);
  return () => {
    editorReadyListeners.delete(listener);
  };
}

/** Passed to the workspace's CodeEditor; tells every listener about a new editor. */
export const notifyEditorReady: EditorReadyListener = (editor, monaco) => {
  for (const listener of editorReadyListeners) listener(editor, monaco);
};
