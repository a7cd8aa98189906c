/**
 * Renderer entry: picks the bridge (desktop preload or browser guest), reads the settings and
 * renders the app around the shared workspace store (state/workspace-instance.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getBridge } from './bridge/get-bridge.js';
import { App } from './components/App.js';
import { warmCatalogCacheOnControl } from './offline/warm-catalog-cache.js';
import { notifyEditorReady, workspaceStore } from './state/workspace-instance.js';
import './styles/app.css';
import './styles/sessions.css';

async function start(): Promise<void> {
  const bridge = getBridge();
  const settings = await bridge.settings.get();
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App bridge={bridge} store={workspaceStore} initialSettings={settings} onEditorReady={notifyEditorReady} />
    </StrictMode>,
  );
}

void start();

// The browser guest works offline through its service worker (vite.web.config.ts); the desktop
// window has its own offline judge in main and loads from app://, so it registers none. (The
// dev server has no sw.js: there the registration fails with a warning and nothing else.)
if (!window.pairjudge && 'serviceWorker' in navigator) {
  warmCatalogCacheOnControl(navigator.serviceWorker, window.location.origin, () => window.location.hash);
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('offline support unavailable:', error));
  });
}
