/**
 * The preload: a short list of named functions, one per IPC channel, exposed as
 * `window.pairjudge`. It never hands out ipcRenderer itself, and listeners get only the
 * payload (not the IPC event) and a function to unsubscribe.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PairJudgeBridge } from '../renderer/bridge/bridge-api.js';
import { CHANNELS } from '../renderer/bridge/channels.js';
import type { OutboxEntry } from '../renderer/bridge/offline-api.js';
import type { Settings } from '../renderer/bridge/settings-schema.js';

const bridge: PairJudgeBridge = {
  kind: 'desktop',
  judge: {
    listChallenges: () => ipcRenderer.invoke(CHANNELS.listChallenges),
    getChallenge: (id) => ipcRenderer.invoke(CHANNELS.getChallenge, id),
    listLanguages: () => ipcRenderer.invoke(CHANNELS.listLanguages),
    submit: (request) => ipcRenderer.invoke(CHANNELS.submit, request),
    health: () => ipcRenderer.invoke(CHANNELS.health),
  },
  authoring: {
    listMine: () => ipcRenderer.invoke(CHANNELS.listMyChallenges),
    save: (id, challenge) => ipcRenderer.invoke(CHANNELS.saveChallenge, id, challenge),
    remove: (id) => ipcRenderer.invoke(CHANNELS.deleteChallenge, id),
  },
  settings: {
    get: () => ipcRenderer.invoke(CHANNELS.getSettings),
    update: (patch) => ipcRenderer.invoke(CHANNELS.updateSettings, patch),
    onChange(listener) {
      const wrapped = (_event: IpcRendererEvent, settings: Settings) => listener(settings);
      ipcRenderer.on(CHANNELS.settingsChanged, wrapped);
      return () => {
        ipcRenderer.removeListener(CHANNELS.settingsChanged, wrapped);
      };
    },
  },
  sessions: {
    list: () => ipcRenderer.invoke(CHANNELS.listSessions),
    load: (id) => ipcRenderer.invoke(CHANNELS.loadSession, id),
    append: (id, update) => ipcRenderer.invoke(CHANNELS.appendSession, id, update),
    describe: (summary) => ipcRenderer.invoke(CHANNELS.describeSession, summary),
    remove: (id) => ipcRenderer.invoke(CHANNELS.removeSession, id),
  },
  lan: {
    host: () => ipcRenderer.invoke(CHANNELS.lanHost),
    stopHost: () => ipcRenderer.invoke(CHANNELS.lanStopHost),
    current: () => ipcRenderer.invoke(CHANNELS.lanCurrent),
    find: () => ipcRenderer.invoke(CHANNELS.lanFind),
  },
  offline: {
    runLocal: (request, consent) => ipcRenderer.invoke(CHANNELS.runLocal, request, consent),
    enqueue: (request) => ipcRenderer.invoke(CHANNELS.enqueueSubmit, request),
    listOutbox: () => ipcRenderer.invoke(CHANNELS.listOutbox),
    flushOutbox: () => ipcRenderer.invoke(CHANNELS.flushOutbox),
    dismiss: (key) => ipcRenderer.invoke(CHANNELS.dismissOutbox, key),
    onOutboxChange(listener) {
      const wrapped = (_event: IpcRendererEvent, entries: OutboxEntry[]) => listener(entries);
      ipcRenderer.on(CHANNELS.outboxChanged, wrapped);
      return () => {
        ipcRenderer.removeListener(CHANNELS.outboxChanged, wrapped);
      };
    },
  },
  openExternal: (url) => ipcRenderer.invoke(CHANNELS.openExternal, url),
};

contextBridge.exposeInMainWorld('pairjudge', bridge);
