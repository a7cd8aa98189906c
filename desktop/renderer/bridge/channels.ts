/**
 * IPC channel names of the desktop bridge. Main registers one handler per channel and the
 * preload exposes one named function per channel; nothing else crosses the boundary.
 * No imports here: the sandboxed preload bundles this file and must stay tiny.
 */
export const CHANNELS = {
  listChallenges: 'judge:list-challenges',
  getChallenge: 'judge:get-challenge',
  listLanguages: 'judge:list-languages',
  submit: 'judge:submit',
  health: 'judge:health',
  listMyChallenges: 'authoring:list-mine',
  saveChallenge: 'authoring:save',
  deleteChallenge: 'authoring:delete',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  settingsChanged: 'settings:changed',
  openExternal: 'shell:open-external',
  listSessions: 'sessions:list',
  loadSession: 'sessions:load',
  appendSession: 'sessions:append',
  describeSession: 'sessions:describe',
  removeSession: 'sessions:remove',
  lanHost: 'lan:host',
  lanStopHost: 'lan:stop-host',
  lanCurrent: 'lan:current',
  lanFind: 'lan:find',
  // Offline judging (desktop/main/offline): local Run and the outbox.
  runLocal: 'offline:run-local',
  enqueueSubmit: 'offline:enqueue',
  listOutbox: 'offline:list-outbox',
  flushOutbox: 'offline:flush-outbox',
  dismissOutbox: 'offline:dismiss',
  outboxChanged: 'offline:outbox-changed',
} as const;

export type ChannelName = (typeof CHANNELS)[keyof typeof CHANNELS];
