/**
 * The window's one pairing session, next to the workspace store it drives, with the editor
 * hook wired: every new workspace editor is handed to the session for the y-monaco binding.
 */
import { onEditorReady, workspaceStore } from '../state/workspace-instance.js';
import { PairingSession } from './pairing-session.js';

export const pairingSession = new PairingSession(workspaceStore);

onEditorReady((editor, monacoNamespace) => pairingSession.attachEditor(editor, monacoNamespace));
