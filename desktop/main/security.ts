/**
 * Security policy of the desktop window, as pure functions so it is tested without Electron.
 * DESIGN.md: contextIsolation, sandbox, no nodeIntegration, a strict CSP, navigation and new
 * windows blocked, every IPC message treated as untrusted.
 */

/**
 * The renderer's Content-Security-Policy. Nothing may load from outside the app: the renderer
 * talks to the judge through the bridge (main makes the HTTP calls), so HTTP stays 'self'.
 * Live pairing is the exception: the renderer opens the gateway's signaling WebSocket itself
 * (ws:/wss:, to the gateway URL from settings, which the person may change at run time, so no
 * fixed host can be named). Only WebSockets are allowed out; the socket carries only signaling
 * (room codes, SDP, ICE candidates), and the data channel it sets up is WebRTC, not covered by CSP.
 * 'unsafe-inline' for styles only: Monaco injects style elements at run time; scripts stay strict.
 * In development the Vite dev server needs inline scripts (React refresh preamble) and its
 * websocket for hot reload; that relaxation never reaches a build.
 */
export function rendererCsp(options: { dev: boolean }): string {
  const script = options.dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'";
  const connect = options.dev ? "connect-src 'self' ws: wss: http://localhost:* http://127.0.0.1:*" : "connect-src 'self' ws: wss:";
  return [
    "default-src 'self'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    connect,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/**
 * The app's pages are served from a privileged custom scheme (app://pairjudge/…) rather than
 * file://: file pages have an opaque origin, which blocks Monaco's module workers and would
 * make every local file "same origin" with the app.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pairjudge';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Where the app's own page lives: the app scheme, or the dev server while developing. */
export interface AppLocation {
  /** Vite dev server URL (ELECTRON_RENDERER_URL) in development. */
  devServerUrl?: string;
}

/** True when `url` is the app's own page; anything else in the window is foreign. */
export function isAppUrl(url: string, app: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (app.devServerUrl) {
    try {
      if (parsed.origin === new URL(app.devServerUrl).origin) return true;
    } catch {
      // A malformed dev server URL trusts nothing.
    }
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/**
 * Maps an app:// request to a file inside the renderer build, or undefined when the path would
 * leave that folder (../, encoded slashes, absolute paths) or the host is not ours.
 */
export function resolveAppFile(requestUrl: string, rendererDir: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\\') || pathname.includes('\0')) return undefined;
  const segments = pathname.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return undefined;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = rendererDir.replace(/[\\/]+$/, '');
  return `${root}/${relative}`;
}

/** What main knows about the frame an IPC message came from. */
export interface SenderInfo {
  url: string;
  /** False for iframes: only the top frame of our window may call the bridge. */
  isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderInfo, app: AppLocation): boolean {
  return sender.isMainFrame && isAppUrl(sender.url, app);
}

/** Links the app may hand to the system browser: http(s) only, never file:, javascript: or custom schemes. */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
