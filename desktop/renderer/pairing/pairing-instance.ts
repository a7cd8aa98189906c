/**
 * The window's one pairing session, next to the workspace store it drives, with the editor
 * hook wired: every new workspace editor is handed to the session for the y-monaco binding.
 */
import { onEditorReady, workspaceStore } from '../state/workspace-instance.js';
import { sessionPersistence } from '../sessions/persistence-instance.js';
import { PairingSession } from './pairing-session.js';
import { RoomPersistence } from './room-persistence.js';

export const pairingSession = new PairingSession(workspaceStore, new RoomPersistence(), sessionPersistence);

onEditorReady((editor, monacoNamespace) => pairingSession.attachEditor(editor, monacoNamespace));
