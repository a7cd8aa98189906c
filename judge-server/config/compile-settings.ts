/**
 * The compile stage's settings. The worker enforces them and the gateway shows them
 * (GET /v1/languages), so both read them from here: a judge started with COMPILE_* lists the
 * limits it applies, not judge-core's defaults.
 */
import { LANGUAGE_IDS, type LanguageId } from '../../protocol/index.js';
import { DEFAULT_COMPILE_LIMITS, LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import type { CompileLimits } from '../../judge-core/sandbox.js';
import { ConfigError, integer, type Setting, type SettingValues } from './settings.js';

const MIN_WALL_MS = 5000;
const MAX_WALL_MS = 120_000;

/**
 * The languages whose compiler needs more than the common deadline, as `language=ms` pairs. rustc
 * links each program against the standard library itself: the catalog's Rust references took up
 * to ~20 s on a loaded two-core machine (docs/benchmarks.md), too near the common 30 s.
 */
export const DEFAULT_WALL_TIME_BY_LANGUAGE = 'rust=60000';

const COMPILED = LANGUAGE_IDS.filter((id) => LANGUAGE_RUNTIMES[id].compile);
const BY_LANGUAGE_ACCEPTS = `comma-separated language=milliseconds pairs (languages: ${COMPILED.join(', ')}; ${MIN_WALL_MS} to ${MAX_WALL_MS}), or "none"`;

/** `rust=60000,java=45000` as a map; throws a ConfigError naming `env` when it is not that. */
export function parseWallTimeByLanguage(env: string, raw: string): Partial<Record<LanguageId, number>> {
  const value: Partial<Record<LanguageId, number>> = {};
  if (raw.trim() === 'none') return value;
  for (const pair of raw.split(',')) {
    const [language = '', ms = ''] = pair.split('=').map((part) => part.trim());
    if (!(COMPILED as string[]).includes(language)) throw new ConfigError(`${env}: "${language}" is not a compiled language; ${env} must be ${BY_LANGUAGE_ACCEPTS}`);
    const n = Number(ms);
    if (!Number.isInteger(n) || n < MIN_WALL_MS || n > MAX_WALL_MS) throw new ConfigError(`${env}: ${language}'s deadline must be an integer from ${MIN_WALL_MS} to ${MAX_WALL_MS} (got "${ms}")`);
    value[language as LanguageId] = n;
  }
  return value;
}

// Kept as the text it was given (so .env.example shows it as it is written) and checked at start-up.
function wallTimeByLanguage(env: string, description: string, def: string): Setting<string> {
  return {
    env,
    description,
    default: def,
    accepts: BY_LANGUAGE_ACCEPTS,
    parse(raw) {
      parseWallTimeByLanguage(env, raw);
      return raw;
    },
  };
}

export const compileSettings = {
  compileWallTimeMs: integer(
    'COMPILE_WALL_TIME_MS',
    'Wall-clock deadline of one build (languages without their own in COMPILE_WALL_TIME_MS_BY_LANGUAGE); past it the submission is a compile_error',
    DEFAULT_COMPILE_LIMITS.wallTimeMs,
    MIN_WALL_MS,
    MAX_WALL_MS,
  ),
  compileWallTimeByLanguage: wallTimeByLanguage(
    'COMPILE_WALL_TIME_MS_BY_LANGUAGE',
    'Build deadlines of the languages whose compilers are slower, in place of COMPILE_WALL_TIME_MS',
    DEFAULT_WALL_TIME_BY_LANGUAGE,
  ),
  compileMemoryMb: integer('COMPILE_MEMORY_MB', 'Memory limit of the compile container (swap is off)', DEFAULT_COMPILE_LIMITS.memoryBytes / (1024 * 1024), 256, 4096),
  compilePids: integer('COMPILE_PIDS', 'Processes and threads the compile container may have (compilers fork)', DEFAULT_COMPILE_LIMITS.pids, 16, 512),
};

export type CompileConfig = SettingValues<typeof compileSettings>;

/** The compile stage's limits for one language as the settings give them (the rest are judge-core's defaults). */
export function compileLimitsFor(config: CompileConfig, language: LanguageId): CompileLimits {
  return {
    ...DEFAULT_COMPILE_LIMITS,
    wallTimeMs: parseWallTimeByLanguage('COMPILE_WALL_TIME_MS_BY_LANGUAGE', config.compileWallTimeByLanguage)[language] ?? config.compileWallTimeMs,
    memoryBytes: config.compileMemoryMb * 1024 * 1024,
    pids: config.compilePids,
  };
}
