/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// Stack traces reduced to the user's frames, and assertion errors recognisable without trusting the thrown object.

  // ---- Stack traces: keep only the user's frames and remember where they point ---------------
  /** @type {WeakMap<object, { file: string, line: number }[]>} */
  const framesOf = new WeakMapCtor();
  /**
   * @param {unknown} error
   * @param {{ getFileName(): string | null, getLineNumber(): number | null, getColumnNumber(): number | null, getFunctionName(): string | null }[]} callSites
   */
  function prepareStackTrace(error, callSites) {
    /** @type {{ file: string, line: number }[]} */
    const frames = [];
    let text = '';
    try {
      text = errorHeadline(error);
    } catch {
      text = 'Error';
    }
    for (let i = 0; i < callSites.length; i++) {
      const site = callSites[i];
      if (site === undefined) continue;
      const file = site.getFileName();
      if (typeof file !== 'string' || USER_FILES[file] === undefined) continue;
      const line = site.getLineNumber();
      const column = site.getColumnNumber();
      const fn = site.getFunctionName();
      push(frames, { __proto__: null, file, line: typeof line === 'number' ? line : 0 });
      const where = file + ':' + line + ':' + column;
      text += '\n    at ' + (typeof fn === 'string' && fn !== '' ? fn + ' (' + where + ')' : where);
    }
    if (isObjectLike(error)) apply(weakMapSet, framesOf, [error, frames]);
    return text;
  }
  ErrorCtor.prepareStackTrace = prepareStackTrace;
  ErrorCtor.stackTraceLimit = 30;

  /** @param {unknown} error */
  function errorHeadline(error) {
    if (!isObjectLike(error)) return 'Error';
    const name = inheritedData(error, 'name');
    const message = inheritedData(error, 'message');
    const n = typeof name === 'string' ? name : 'Error';
    return typeof message === 'string' && message !== '' ? n + ': ' + message : n;
  }

  /**
   * Where an error points in the user's text: the innermost frame in the solution, else the
   * innermost frame in the test code.
   * @param {unknown} error
   * @returns {{ line: number, source: string } | undefined}
   */
  function userLine(error) {
    if (!isObjectLike(error)) return undefined;
    try {
      // Reading `stack` formats it (through prepareStackTrace above) if it was not yet.
      void (/** @type {{ stack?: unknown }} */ (error)).stack;
    } catch {
      return undefined;
    }
    const frames = apply(weakMapGet, framesOf, [error]);
    if (frames === undefined) return undefined;
    let tests;
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i];
      if (f.line <= 0) continue;
      if (f.file === 'solution.js') return { line: f.line, source: 'code' };
      if (tests === undefined) tests = { line: f.line, source: 'tests' };
    }
    return tests;
  }

  /** Frames of the current call site, as an Error whose stack we formatted. */
  function hereLine() {
    const probe = new ErrorCtor('probe');
    return userLine(probe);
  }

  // ---- Assertion errors (ours are recognisable without trusting the thrown object) ----------
  /** @type {WeakSet<object>} */
  const assertionErrors = new WeakSetCtor();
  class AssertionError extends ErrorCtor {
    /** @param {{ message?: string, actual?: unknown, expected?: unknown, operator?: string }} [options] */
    constructor(options) {
      const o = /** @type {{ message?: string, actual?: unknown, expected?: unknown, operator?: string }} */ (options === undefined ? { __proto__: null } : options);
      super(typeof o.message === 'string' ? o.message : 'Failed');
      defineProp(this, 'name', { __proto__: null, value: 'AssertionError', writable: true, configurable: true });
      defineProp(this, 'code', { __proto__: null, value: 'ERR_ASSERTION', writable: true, configurable: true, enumerable: true });
      defineProp(this, 'actual', { __proto__: null, value: o.actual, writable: true, configurable: true, enumerable: true });
      defineProp(this, 'expected', { __proto__: null, value: o.expected, writable: true, configurable: true, enumerable: true });
      defineProp(this, 'operator', { __proto__: null, value: o.operator, writable: true, configurable: true, enumerable: true });
      apply(weakSetAdd, assertionErrors, [this]);
    }
  }

  /** @param {string} message @param {unknown} [actual] @param {unknown} [expected] @param {string} [operator] */
  function fail(message, actual, expected, operator) {
    return new AssertionError({ message, actual, expected, operator });
  }

  /** @param {unknown} e */
  function isAssertion(e) {
    if (!isObjectLike(e)) return false;
    if (apply(weakSetHas, assertionErrors, [e])) return true;
    // Test code may bring its own assertion helpers; Node's AssertionError has this name and code.
    const name = inheritedData(e, 'name');
    const code = inheritedData(e, 'code');
    return name === 'AssertionError' || code === 'ERR_ASSERTION';
  }

