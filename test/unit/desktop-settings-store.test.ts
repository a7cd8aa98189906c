import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../desktop/renderer/bridge/settings-schema.js';
import { ValidationError } from '../../desktop/renderer/bridge/validate.js';
import { SETTINGS_FILE, createSettingsStore } from '../../desktop/main/settings-store.js';

describe('desktop settings store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pairjudge-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from the defaults when no file exists', () => {
    expect(createSettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists an update so a new store reads it back', () => {
    createSettingsStore(dir).update({ gatewayUrl: 'https://judge.example.org/', displayName: 'Ada' });
    const reopened = createSettingsStore(dir).get();
    expect(reopened).toEqual({ ...DEFAULT_SETTINGS, gatewayUrl: 'https://judge.example.org', displayName: 'Ada' });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toEqual(reopened);
  });

  it('refuses a bad patch, names the field, and keeps the file unchanged', () => {
    const store = createSettingsStore(dir);
    store.update({ theme: 'dark' });
    expect(() => store.update({ gatewayUrl: 'file:///etc/passwd' })).toThrow(ValidationError);
    try {
      store.update({ theme: 'neon' });
    } catch (error) {
      expect((error as ValidationError).field).toBe('settings.theme');
    }
    expect(() => store.update({ colour: 'red' })).toThrow(/settings/);
    expect(createSettingsStore(dir).get().theme).toBe('dark');
  });

  it('keeps the valid fields of a damaged file and defaults the rest', () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ gatewayUrl: 'javascript:alert(1)', displayName: 'Grace', theme: 42, extra: true }));
    expect(createSettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, displayName: 'Grace' });
  });

  it('starts from the defaults when the file is not JSON', () => {
    writeFileSync(join(dir, SETTINGS_FILE), '{ not json');
    expect(createSettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('notifies listeners of changes until they unsubscribe', () => {
    const store = createSettingsStore(dir);
    const seen: string[] = [];
    const unsubscribe = store.onChange((settings) => seen.push(settings.theme));
    store.update({ theme: 'light' });
    unsubscribe();
    store.update({ theme: 'dark' });
    expect(seen).toEqual(['light']);
  });
});
