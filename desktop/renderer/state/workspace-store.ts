/**
 * A tiny external store around the workspace reducer. React reads it with
 * useSyncExternalStore; anything else (a future live-pairing binding) can subscribe and
 * dispatch the same actions without going through components.
 */
import { useSyncExternalStore } from 'react';
import {
  initialWorkspaceState,
  workspaceReducer,
  type WorkspaceAction,
  type WorkspaceState,
} from './workspace-state.js';

export interface WorkspaceStore {
  getState(): WorkspaceState;
  dispatch(action: WorkspaceAction): void;
  /** Listener gets the new state and the action that produced it; returns unsubscribe. */
  subscribe(listener: (state: WorkspaceState, action: WorkspaceAction) => void): () => void;
}

export function createWorkspaceStore(initial: WorkspaceState = initialWorkspaceState): WorkspaceStore {
  let state = initial;
  const listeners = new Set<(state: WorkspaceState, action: WorkspaceAction) => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = workspaceReducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener(state, action);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export function useWorkspaceState(store: WorkspaceStore): WorkspaceState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
