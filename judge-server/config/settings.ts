/**
 * Settings read from the environment, each with a description, a default and a validator, checked
 * once at start-up (Piston's habit). A bad value stops the process with the setting's name and
 * what it accepts; a limit outside its server-side range is refused rather than silently clamped.
 */

export interface Setting<T> {
  env: string;
  description: string;
  default: T;
  parse(raw: string): T;
  /** Human-readable accepted range, shown in errors and .env.example. */
  accepts: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function integer(env: string, description: string, def: number, min: number, max: number): Setting<number> {
  return numberInRange(env, description, def, min, max, 'an integer', Number.isInteger);
}

export function decimal(env: string, description: string, def: number, min: number, max: number): Setting<number> {
  return numberInRange(env, description, def, min, max, 'a number', Number.isFinite);
}

function numberInRange(
  env: string,
  description: string,
  def: number,
  min: number,
  max: number,
  kind: string,
  isKind: (value: number) => boolean,
): Setting<number> {
  const accepts = `${kind} from ${min} to ${max}`;
  return {
    env,
    description,
    default: def,
    accepts,
    parse(raw) {
      const value = Number(raw);
      if (!isKind(value) || value < min || value > max) throw new ConfigError(`${env} must be ${accepts} (got "${raw}")`);
      return value;
    },
  };
}

export function text(env: string, description: string, def: string, pattern?: RegExp): Setting<string> {
  return {
    env,
    description,
    default: def,
    accepts: pattern ? `text matching ${pattern}` : 'text',
    parse(raw) {
      if (pattern && !pattern.test(raw)) throw new ConfigError(`${env} must match ${pattern} (got "${raw}")`);
      return raw;
    },
  };
}

export function url(env: string, description: string, def: string, protocols: string[]): Setting<string> {
  return {
    env,
    description,
    default: def,
    accepts: `a ${protocols.join(' or ')} URL`,
    parse(raw) {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw new ConfigError(`${env} must be a URL (got "${raw}")`);
      }
      if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
        throw new ConfigError(`${env} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
      return raw;
    },
  };
}

/** A JSON value checked by `check`, which returns a problem to report or undefined when fine. */
export function json<T>(env: string, description: string, def: T, accepts: string, check: (value: unknown) => string | undefined): Setting<T> {
  return {
    env,
    description,
    default: def,
    accepts,
    parse(raw) {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new ConfigError(`${env} must be JSON: ${accepts}`);
      }
      const problem = check(value);
      if (problem) throw new ConfigError(`${env} ${problem}`);
      return value as T;
    },
  };
}

export type SettingValues<S extends Record<string, Setting<unknown>>> = { [K in keyof S]: S[K]['default'] };

/** Reads every setting from `env`; empty strings count as unset. */
export function readSettings<S extends Record<string, Setting<unknown>>>(
  settings: S,
  env: NodeJS.ProcessEnv = process.env,
): SettingValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const raw = env[setting.env];
    values[key] = raw === undefined || raw === '' ? setting.default : setting.parse(raw);
  }
  return values as SettingValues<S>;
}
