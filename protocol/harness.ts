/**
 * The harness protocol: what the worker writes on the sandbox's stdin and what the harness
 * reports back. The harnesses themselves (sandbox-image/harness/*) are plain scripts that run
 * with or without Docker (`node harness.cjs < input.json`, `python3 harness.py < input.json`).
 *
 * Input: one JSON document (HarnessInput) on stdin, then EOF.
 *
 * Output: user output is captured by the harness and returned inside the report, capped at
 * `limits.outputBytes`. The report is written to stdout as one frame:
 *
 *     "\n" + REPORT_MARKER + nonce + " " + base64(JSON of HarnessReport) + "\n"
 *
 * The nonce is random per run and known to the harness and the worker; the worker takes the last
 * frame whose nonce matches and ignores anything else, so printing a report-shaped line cannot
 * forge a result. In JavaScript vm2 keeps the nonce out of user code's reach; in Python user code
 * can find it by introspection, so nothing the worker decides may rest on it: expected values
 * never enter the sandbox (cases carry only `args`, and the worker compares the returned values
 * itself), hidden cases run in a run of their own whose details are never shown, script tests are
 * decided by a `replay` run that holds no user code, and a broken or forged report is the
 * submission's runtime error, never the judge's (judge-core/run-job.ts).
 */

export const REPORT_MARKER = '@@pairjudge-report:';

/**
 * A function case calls the entry with `args`; a stdin/stdout case (`input`) runs the whole
 * program afresh with `input` on its standard input, and reports what it wrote to standard
 * output as the test's `value` (a string; standard error becomes the test's `stdout`, shown as
 * console output). One input holds cases of one kind only.
 */
export type HarnessCase = { name: string; args: unknown[] } | { name: string; input: string };

export interface HarnessInput {
  /** Random token the report frame must carry. */
  nonce: string;
  code: string;
  /** Function that each case calls; required when `cases` holds function cases. */
  entry?: string;
  cases: HarnessCase[];
  /** Test code run after the user's code, with `test`, `assert` (and `expect` in JavaScript). */
  script?: string;
  /**
   * How the script meets the user's code (a harness that does not know the field runs `inline`):
   * - `inline`: in the same namespace and process as the user's code.
   * - `record`: the tests see the user's functions only through JSON copies of arguments and
   *   results, and the report lists every call (`scriptCalls`); its script outcomes are not believed.
   * - `replay`: no user code runs (`code` is ignored); each call the tests make is answered from
   *   `replay.calls`, which must hold that call next. Only this run's script outcomes count.
   */
  scriptMode?: 'inline' | 'record' | 'replay';
  /**
   * TypeScript: also type-check the code after the tests and report the type errors as
   * `diagnostics`, if that can end within `withinMs` of the job's arrival (the harness's check has
   * a bound of its own too). Set for the run whose output is shown only.
   */
  typeCheck?: { withinMs: number };
  /** The calls a `record` run reported and the names the tests may call (replay mode only). */
  replay?: { names: string[]; calls: ScriptCall[] };
  limits: {
    /** Per-test time budget for synchronous work (the container's deadline backs it up). */
    testTimeoutMs: number;
    /** Cap on captured console output, in bytes. */
    outputBytes: number;
    /** Cap on one serialized return value, in bytes. */
    valueBytes: number;
  };
}

export type HarnessTestStatus =
  /** A case returned (its `value` is compared by the worker) or a script test passed. */
  | 'ok'
  /** A script test whose assertion failed (including a falsy console.assert). */
  | 'failed'
  /** The code threw. */
  | 'error'
  /** The test ran past its time budget. */
  | 'timeout';

export interface HarnessTestReport {
  name: string;
  kind: 'case' | 'script';
  status: HarnessTestStatus;
  /** Serialized return value of a case (see Serialized values below). */
  value?: unknown;
  /**
   * `line` is 1-based in the text named by `source`: the user's code (the default when absent) or
   * the test script (for example the line of a failed assertion in the test code).
   */
  error?: { message: string; line?: number; source?: 'code' | 'tests' };
  /** Finite, at least 0 (harnesses clamp it; the worker clamps it again). */
  timeMs: number;
  /** Console output printed while this test ran (a share of the report's `stdout`). */
  stdout?: string;
}

export interface HarnessDiagnostic {
  line: number;
  column: number;
  message: string;
}

/**
 * One call the test code made into the user's code in a `record` run. Values travel as JSON
 * text in the harness's own relay encoding (opaque to the worker, which only carries them).
 */
export interface ScriptCall {
  name: string;
  /** Relay-encoded `[positional args, keyword args]`. */
  args: string;
  outcome: 'ok' | 'error' | 'timeout' | 'unrecorded';
  /** Relay-encoded returned value, when `outcome` is ok. */
  value?: string;
  error?: { type: string; message: string; line?: number };
  timeMs: number;
}

export interface HarnessReport {
  /** The code could not be parsed or loaded; no test ran. */
  compileError?: { message: string; line?: number };
  tests: HarnessTestReport[];
  stdout: string;
  /** User output went past `limits.outputBytes` (the rest was dropped). */
  outputLimitExceeded: boolean;
  /** The harness itself failed in a way the tests do not explain. */
  fatal?: { message: string };
  /**
   * TypeScript: the type checker's errors in the user's code (1-based line and column). They do
   * not change the verdict; a type check that could not finish says so in one diagnostic at line 1.
   */
  diagnostics?: HarnessDiagnostic[];
  /** `record` mode: the calls the tests made, and the user's callable names they could call. */
  scriptCalls?: ScriptCall[];
  scriptNames?: string[];
}

/**
 * Serialized values: JSON, with tagged objects for what JSON cannot carry, so that the worker
 * can compare and show them without running anything:
 *   { "$pj": "undefined" } | { "$pj": "nan" } | { "$pj": "infinity", "sign": 1 | -1 }
 *   { "$pj": "bigint", "value": "123" } | { "$pj": "circular" } | { "$pj": "function", "name": "f" }
 *   { "$pj": "symbol", "description": "s" } | { "$pj": "truncated" } (too deep or too large)
 *   { "$pj": "map", "entries": [[k, v], ...] } | { "$pj": "set", "values": [...] }
 *   { "$pj": "object", "type": "ClassName", "repr": "..." } (Python: any other object, repr capped)
 *   { "$pj": "escaped", "value": { ... } } (a plain object that itself has a "$pj" key; the keys of
 *     `value` are literal, its values are serialized values)
 * Python tuples become arrays; Python sets become sorted arrays when their items sort; a Python dict
 * with non-string keys becomes a map. JavaScript Dates become ISO strings, typed arrays arrays.
 * Only own enumerable data properties are read: getters never run (an accessor array element reads
 * as undefined). Past depth 64 a value is `truncated`; past `limits.valueBytes` (about; counted in
 * UTF-16 units in JavaScript) the rest of a container is cut and a `truncated` tag ends it.
 */
export const SERIALIZED_TAG = '$pj';
