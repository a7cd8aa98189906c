import { describe, expect, it } from 'vitest';
import { guestCsp } from '../../desktop/build/csp-html-plugin.js';
import { rendererCsp } from '../../desktop/main/security.js';

describe('the browser guest CSP', () => {
  it('allows WebAssembly compilation (Pyodide) and still no JavaScript eval', () => {
    const csp = guestCsp({ dev: false });
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('changes nothing else of the renderer policy, and the desktop window keeps its own', () => {
    expect(guestCsp({ dev: false }).replace(" 'wasm-unsafe-eval'", '')).toBe(rendererCsp({ dev: false }));
    expect(rendererCsp({ dev: false })).not.toContain('wasm');
  });
});
