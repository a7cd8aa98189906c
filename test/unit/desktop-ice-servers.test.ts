import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { formatIceServers, parseIceServers } from '../../desktop/renderer/bridge/ice-servers-text.js';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../desktop/renderer/bridge/settings-schema.js';
import { mergeValidSettings } from '../../desktop/renderer/bridge/merge-settings.js';

describe('ICE servers in settings', () => {
  it('parses STUN and TURN lines, skipping blanks and comments, and formats them back', () => {
    const text = 'stun:stun.example.org:3478\n\n# office relay\nturn:turn.example.org:3478?transport=tcp alice s3cret\n';
    const parsed = parseIceServers(text);
    expect(parsed).toEqual({
      ok: true,
      value: [{ urls: 'stun:stun.example.org:3478' }, { urls: 'turn:turn.example.org:3478?transport=tcp', username: 'alice', credential: 's3cret' }],
    });
    if (parsed.ok) expect(parseIceServers(formatIceServers(parsed.value))).toEqual(parsed);
  });

  it('names the line of a bad entry', () => {
    expect(parseIceServers('stun:a\nhttp://b')).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/Line 2/) });
    expect(parseIceServers('turn:relay:3478')).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/needs a username/) });
    expect(parseIceServers('turn:relay:3478 alice')).toMatchObject({ ok: false, line: 1 });
    expect(parseIceServers(Array.from({ length: 9 }, (_, i) => `stun:s${i}`).join('\n'))).toMatchObject({ ok: false, message: 'At most 8 ICE servers' });
  });

  it('defaults to none, and an old settings file without them still loads', () => {
    expect(DEFAULT_SETTINGS.iceServers).toEqual([]);
    expect(Value.Check(SettingsSchema, DEFAULT_SETTINGS)).toBe(true);
    const merged = mergeValidSettings({ displayName: 'Ada', iceServers: [{ urls: 'file:///etc/passwd' }] });
    expect(merged.displayName).toBe('Ada');
    expect(merged.iceServers).toEqual([]);
  });
});
