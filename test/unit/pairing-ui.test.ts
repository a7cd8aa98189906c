import { describe, expect, it } from 'vitest';
import { joinCodeFromHash, joinHash, joinLink } from '../../desktop/renderer/pairing/join-route.js';
import { PEER_COLORS, isSafeColor, pickPeerColor } from '../../desktop/renderer/pairing/peer-colors.js';
import { cssString, remoteCursorCss } from '../../desktop/renderer/pairing/remote-cursor-styles.js';
import { signalingUrlFor } from '../../desktop/renderer/pairing/signaling-url.js';
import { rendererCsp } from '../../desktop/main/security.js';

describe('signaling URL', () => {
  it('uses ws: for an http gateway and wss: for https, at /v1/signal', () => {
    expect(signalingUrlFor('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/v1/signal');
    expect(signalingUrlFor('https://judge.example.org/')).toBe('wss://judge.example.org/v1/signal');
  });

  it('keeps a gateway mounted under a path prefix', () => {
    expect(signalingUrlFor('https://example.org/pairjudge/')).toBe('wss://example.org/pairjudge/v1/signal');
  });
});

describe('renderer CSP for pairing', () => {
  it('allows the signaling WebSocket but no other origin over HTTP', () => {
    const connect = rendererCsp({ dev: false }).split('; ').find((part) => part.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self' ws: wss:");
  });
});

describe('join route', () => {
  it('reads and normalizes the room code of a join hash', () => {
    expect(joinCodeFromHash('#/join/ABCD-EFGH-JKMN')).toBe('ABCD-EFGH-JKMN');
    expect(joinCodeFromHash('#/join/abcdefghjkmn')).toBe('ABCD-EFGH-JKMN');
  });

  it('answers null for other routes and malformed codes', () => {
    expect(joinCodeFromHash('#/challenge/two-sum')).toBeNull();
    expect(joinCodeFromHash('#/join/ABCD')).toBeNull();
    expect(joinCodeFromHash('#/join/ABCD-EFGH-JKM0')).toBeNull();
    expect(joinCodeFromHash('#/join/ABCD-EFGH-JKMN/extra')).toBeNull();
  });

  it('builds a link to this page with the join hash in place of the current one', () => {
    expect(joinHash('ABCD-EFGH-JKMN')).toBe('#/join/ABCD-EFGH-JKMN');
    expect(joinLink('ABCD-EFGH-JKMN', 'http://127.0.0.1:8080/#/challenge/two-sum')).toBe('http://127.0.0.1:8080/#/join/ABCD-EFGH-JKMN');
  });
});

describe('peer colours', () => {
  it('starts from the client id and skips colours others already use', () => {
    const first = pickPeerColor(8, new Set());
    expect(first).toBe(PEER_COLORS[0]);
    expect(pickPeerColor(8, new Set([first]))).toBe(PEER_COLORS[1]);
  });

  it('shares a colour only when the palette is used up', () => {
    expect(pickPeerColor(3, new Set(PEER_COLORS))).toBe(PEER_COLORS[3]);
  });

  it('accepts only #rrggbb colours from peers', () => {
    expect(isSafeColor('#1a2B3c')).toBe(true);
    expect(isSafeColor('red')).toBe(false);
    expect(isSafeColor('#123; } body { display: none')).toBe(false);
    expect(isSafeColor(42)).toBe(false);
  });
});

describe('remote cursor styles', () => {
  it('colours the selection, the caret and a name label per client id', () => {
    const css = remoteCursorCss([{ clientId: 42, name: 'Alice', color: '#1971c2' }]);
    expect(css).toContain('.yRemoteSelection-42 { background-color: #1971c233; }');
    expect(css).toContain('.yRemoteSelectionHead-42 { border-color: #1971c2; }');
    expect(css).toContain('.yRemoteSelectionHead-42::after { content: "Alice"; background-color: #1971c2; }');
  });

  it('escapes every character of a name that could end the string or the rule', () => {
    const hostile = 'x"; } body { display: none } .a { content: "\\';
    const quoted = cssString(hostile);
    expect(quoted.slice(1, -1)).not.toContain('"');
    expect(quoted.slice(1, -1)).not.toContain('{');
    expect(quoted.slice(1, -1)).not.toContain('}');
    expect(cssString('Zoë')).toBe('"Zo\\eb "');
  });

  it('drops entries with a bad colour or client id', () => {
    expect(remoteCursorCss([{ clientId: 1, name: 'A', color: 'red' }])).toBe('');
    expect(remoteCursorCss([{ clientId: -1, name: 'A', color: '#000000' }])).toBe('');
  });
});
