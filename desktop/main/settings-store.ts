/**
 * Settings persisted as JSON in the user-data folder. The file may be hand-edited or damaged:
 * loading keeps every valid field and falls back to defaults for the rest, so a typo never
 * stops the app from starting. Writes go to a temporary file renamed into place, so a crash
 * mid-write leaves the old file intact.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeValidSettings } from '../renderer/bridge/merge-settings.js';
import { DEFAULT_SETTINGS, SettingsPatchSchema, type Settings, type SettingsPatch } from '../renderer/bridge/settings-schema.js';
import { assertValid } from '../renderer/bridge/validate.js';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  get(): Settings;
  /** Validates the patch (throwing ValidationError naming the field), saves, notifies. */
  update(patch: unknown): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
  readonly filePath: string;
}

export function createSettingsStore(dir: string, defaults: Settings = DEFAULT_SETTINGS): SettingsStore {
  const filePath = join(dir, SETTINGS_FILE);
  const listeners = new Set<(settings: Settings) => void>();
  let current = load();

  function load(): Settings {
    let text: string;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch {
      return { ...defaults };
    }
    try {
      return mergeValidSettings(JSON.parse(text), defaults);
    } catch {
      return { ...defaults };
    }
  }

  function save(settings: Settings): void {
    mkdirSync(dir, { recursive: true });
    const temporary = `${filePath}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, filePath);
  }

  return {
    filePath,
    get: () => ({ ...current }),
    update(patch: unknown) {
      assertValid(SettingsPatchSchema, patch, 'settings');
      const next: Settings = { ...current, ...(patch as SettingsPatch) };
      // Trailing slashes would double up when paths are joined; store the URL in one form.
      next.gatewayUrl = next.gatewayUrl.replace(/\/+$/, '');
      save(next);
      current = next;
      for (const listener of listeners) listener({ ...current });
      return { ...current };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
