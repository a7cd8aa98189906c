import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, isExternalHttpUrl, isTrustedSender, rendererCsp, resolveAppFile } from '../../desktop/main/security.js';

const app = {};

describe('desktop security policy', () => {
  it('builds a CSP without inline or remote scripts for the built app', () => {
    const csp = rendererCsp({ dev: false });
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('relaxes scripts only for the dev server', () => {
    expect(rendererCsp({ dev: true })).toContain("script-src 'self' 'unsafe-inline'");
  });

  it('recognises the app page and the dev server, nothing else', () => {
    expect(isAppUrl(APP_INDEX_URL, app)).toBe(true);
    expect(isAppUrl('app://pairjudge/index.html#/challenge/two-sum', app)).toBe(true);
    expect(isAppUrl('app://other/index.html', app)).toBe(false);
    expect(isAppUrl('file:///app/out/renderer/index.html', app)).toBe(false);
    expect(isAppUrl('https://example.org/', app)).toBe(false);
    expect(isAppUrl('not a url', app)).toBe(false);
    const dev = { devServerUrl: 'http://localhost:5173' };
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
  });

  it('trusts only the top frame of the app page', () => {
    expect(isTrustedSender({ url: APP_INDEX_URL, isMainFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: APP_INDEX_URL, isMainFrame: false }, app)).toBe(false);
  });

  it('serves app:// paths only from inside the renderer build', () => {
    expect(resolveAppFile('app://pairjudge/index.html', '/opt/app/out/renderer')).toBe('/opt/app/out/renderer/index.html');
    expect(resolveAppFile('app://pairjudge/', '/opt/app/out/renderer/')).toBe('/opt/app/out/renderer/index.html');
    expect(resolveAppFile('app://pairjudge/assets/editor.worker-1.js?worker', '/r')).toBe('/r/assets/editor.worker-1.js');
    for (const url of [
      'app://pairjudge/../../etc/passwd',
      'app://pairjudge/assets/%2e%2e/%2e%2e/etc/passwd',
      'app://pairjudge/assets/..%2f..%2fsecret',
      'app://pairjudge/a%5c..%5csecret',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://pairjudge/%E0%A4%A',
    ]) {
      const resolved = resolveAppFile(url, '/r');
      expect(resolved === undefined || (resolved.startsWith('/r/') && !resolved.includes('..')), url).toBe(true);
    }
    // URL parsing already folds dot segments: traversal lands inside the build, never outside.
    expect(resolveAppFile('app://pairjudge/assets/%2e%2e/%2e%2e/etc/passwd', '/r')).toBe('/r/etc/passwd');
    expect(resolveAppFile('app://pairjudge/assets/..%2f..%2fsecret', '/r')).toBeUndefined();
  });

  it('sends only http(s) links to the system browser', () => {
    expect(isExternalHttpUrl('https://example.org')).toBe(true);
    expect(isExternalHttpUrl('http://example.org/a?b')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'mailto:a@b.c', '']) {
      expect(isExternalHttpUrl(url)).toBe(false);
    }
  });
});
