/**
 * Entry of the Electron main process: one instance, one window, the IPC handlers, settings in
 * the user-data folder and the judge client they drive.
 */
import { app, BrowserWindow, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANNELS } from '../renderer/bridge/channels.js';
import { mergeValidSettings } from '../renderer/bridge/merge-settings.js';
import { DEFAULT_SETTINGS } from '../renderer/bridge/settings-schema.js';
import { createIpcHandlers } from './ipc-handlers.js';
import { registerIpcHandlers } from './ipc-register.js';
import { createJudgeClient } from './judge-client.js';
import {
  APP_SCHEME,
  isExternalHttpUrl,
  isTrustedSender,
  rendererCsp,
  resolveAppFile,
  type AppLocation,
} from './security.js';
import { createSettingsStore } from './settings-store.js';
import { createMainWindow } from './window.js';
import { createLanService } from './lan/lan-service.js';
import { createSessionIpcHandlers } from './session-ipc-handlers.js';
import { createSessionStore } from './sessions/session-store.js';
import { startOfflineJudge } from './offline/start-offline-judge.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const appLocation: AppLocation = {
  // Set by electron-vite in development only.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
};

// Must happen before `ready`: app:// behaves like https (standard, secure), so the page gets a
// real origin for its module workers and the CSP's 'self'.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// A second launch focuses the running window instead of starting another app with the same files.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // Belt and braces for any web contents, not only our window.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    const dev = Boolean(appLocation.devServerUrl);
    // The CSP also arrives as a header for http(s) pages (the dev server); built pages carry it in a meta tag.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [rendererCsp({ dev })] },
      });
    });
    // The renderer needs no camera, microphone, notifications or anything else that asks.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    // `npm start` passes the judge it started; otherwise the default local gateway.
    const defaults = mergeValidSettings({ gatewayUrl: process.env.PAIRJUDGE_GATEWAY_URL }, DEFAULT_SETTINGS);
    // Serves only files inside the renderer build; anything else is a 404.
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppFile(request.url, rendererDir);
      if (!file) return new Response('Not found', { status: 404 });
      // The CSP as a header too: workers loaded from app:// do not see the page's meta tag.
      const response = await net.fetch(pathToFileURL(file).href);
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', rendererCsp({ dev }));
      return new Response(response.body, { status: response.status, headers });
    });

    const settings = createSettingsStore(app.getPath('userData'), defaults);
    const cloudJudge = createJudgeClient({ baseUrl: () => settings.get().gatewayUrl, coachToken: () => settings.get().coachToken });
    // The catalog cache, local Run and the outbox: what keeps working with the judge unreachable.
    const offline = startOfflineJudge({
      userData: app.getPath('userData'),
      judge: cloudJudge,
      broadcast: (entries) => {
        for (const window of BrowserWindow.getAllWindows()) window.webContents.send(CHANNELS.outboxChanged, entries);
      },
      isTrustedSender: (sender) => isTrustedSender(sender, appLocation),
    });
    app.on('will-quit', () => void offline.close());
    const judge = offline.judge;
    registerIpcHandlers(offline.handlers);
    const handlers = createIpcHandlers({
      judge,
      settings,
      openExternal: async (url) => {
        if (isExternalHttpUrl(url)) await shell.openExternal(url);
      },
      isTrustedSender: (sender) => isTrustedSender(sender, appLocation),
    });
    registerIpcHandlers(handlers);
    const sessions = createSessionStore(app.getPath('userData'));
    const lan = createLanService();
    registerIpcHandlers(createSessionIpcHandlers({ sessions, lan, isTrustedSender: (sender) => isTrustedSender(sender, appLocation) }));
    // Appends already resolved are on disk; close flushes the rest and stops a LAN host.
    app.on('will-quit', () => {
      void sessions.close();
      void lan.close();
    });

    const preloadPath = join(here, '../preload/index.cjs');
    mainWindow = createMainWindow({ preloadPath, app: appLocation });
    settings.onChange((next) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(CHANNELS.settingsChanged, next);
    });

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow({ preloadPath, app: appLocation });
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
