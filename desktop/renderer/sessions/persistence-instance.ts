/** The window's session persistence, picked on first use (the bridge is known by then). */
import { getBridge } from '../bridge/get-bridge.js';
import { choosePersistence } from './choose-persistence.js';
import type { SessionPersistence } from './session-persistence.js';

let persistence: SessionPersistence | undefined;

export function sessionPersistence(): SessionPersistence {
  persistence ??= choosePersistence(getBridge(), window.localStorage);
  return persistence;
}
