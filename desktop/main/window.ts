/**
 * The app window with the secure defaults of DESIGN.md. The renderer gets no Node, runs in a
 * sandbox with an isolated context, and can neither navigate away nor open windows: links to
 * the web go to the system browser instead.
 */
import { BrowserWindow, nativeTheme, shell } from 'electron';
import { APP_INDEX_URL, isAppUrl, isExternalHttpUrl, type AppLocation } from './security.js';

export interface WindowOptions {
  preloadPath: string;
  app: AppLocation;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 860,
    minHeight: 560,
    show: false,
    title: 'PairJudge',
    // Matches the renderer's background so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#f7f7f5',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  window.once('ready-to-show', () => window.show());

  // No navigation away from the app: a link in a statement must not replace the UI.
  window.webContents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, options.app)) return;
    event.preventDefault();
    if (isExternalHttpUrl(url)) void shell.openExternal(url);
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, options.app)) event.preventDefault();
  });
  // No new windows; http(s) links open in the system browser.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // No <webview>, ever, even if something managed to inject one.
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if (options.app.devServerUrl) void window.loadURL(options.app.devServerUrl);
  else void window.loadURL(APP_INDEX_URL);
  return window;
}
