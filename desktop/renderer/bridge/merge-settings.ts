/**
 * Reading settings that may be hand-edited or stale: each field valid on its own is kept and
 * the defaults fill the rest, so one bad value never resets everything or stops the app.
 */
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from './settings-schema.js';

export function mergeValidSettings(raw: unknown, defaults: Settings = DEFAULT_SETTINGS): Settings {
  const merged: Settings = { ...defaults };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return merged;
  for (const key of Object.keys(defaults) as (keyof Settings)[]) {
    const value = (raw as Record<string, unknown>)[key];
    if (value !== undefined && Value.Check(SettingsSchema, { ...merged, [key]: value })) Object.assign(merged, { [key]: value });
  }
  return merged;
}
