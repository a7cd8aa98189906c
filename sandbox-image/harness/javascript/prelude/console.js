/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// The console: one bounded stream to the host; console.assert feeds script tests.

  // ---- Console: one bounded stream to the host ---------------------------------------------
  let quiet = false;
  let sent = 0;
  let indent = '';
  /**
   * Standard input of a stdin/stdout run (api.setStdin); undefined in a function or script run.
   * Such a run's console.log output is its answer, so console.error and console.warn go to a
   * stream of their own there (shown as the test's console output, never compared).
   * @type {string | undefined}
   */
  let stdinText;
  /** @param {string} text */
  function writeError(text) {
    if (stdinText === undefined) {
      write(text);
      return;
    }
    if (quiet || sent > OUTPUT_CAP) return;
    const t = text.length > OUTPUT_CAP ? slice(text, 0, OUTPUT_CAP) : text;
    sent += t.length;
    host.errorOutput(t + '\n');
  }
  /** @param {string} text */
  function write(text) {
    if (quiet || sent > OUTPUT_CAP) return;
    let t = text;
    if (indent !== '') {
      t = indent;
      for (let i = 0; i < text.length; i++) t += text[i] === '\n' ? '\n' + indent : text[i];
    }
    if (t.length > OUTPUT_CAP) t = slice(t, 0, OUTPUT_CAP);
    sent += t.length;
    host.output(t + '\n');
  }
  /** @type {Map<string, number>} */
  const counters = new MapCtor();
  /** @type {Map<string, number>} */
  const timers = new MapCtor();
  const dateNow = Date.now;

  /** Where a falsy console.assert counts: the running test, the script's top level, or nowhere. */
  /** @type {{ message: string, line?: number, source?: string } | undefined} */
  let topLevelFailure;
  let inScriptTopLevel = false;

  const consoleObject = {
    /** @param {unknown[]} args */
    log: (...args) => write(format(args)),
    /** @param {unknown[]} args */
    info: (...args) => write(format(args)),
    /** @param {unknown[]} args */
    debug: (...args) => write(format(args)),
    /** @param {unknown[]} args */
    warn: (...args) => writeError(format(args)),
    /** @param {unknown[]} args */
    error: (...args) => writeError(format(args)),
    /** @param {unknown[]} args */
    trace: (...args) => {
      const probe = new ErrorCtor('probe');
      const stack = ownData(probe, 'stack');
      const frames = typeof stack === 'string' ? slice(stack, mathMax(0, indexOf(stack, '\n'))) : '';
      write('Trace' + (args.length > 0 ? ': ' + format(args) : '') + frames);
    },
    /** @param {unknown} v */
    dir: (v) => write(show(v, { left: OUTPUT_CAP })),
    /** @param {unknown} v */
    table: (v) => write(show(v, { left: OUTPUT_CAP })),
    /** @param {unknown} condition @param {unknown[]} args */
    assert: (condition, ...args) => {
      checksMade++;
      if (condition) return;
      const text = args.length > 0 ? format(args) : '';
      write('Assertion failed' + (text !== '' ? ': ' + text : ''));
      const where = hereLine();
      const failure = /** @type {{ message: string, line?: number, source?: string }} */ ({ __proto__: null, message: 'console.assert failed' + (text !== '' ? ': ' + slice(text, 0, 2000) : '') });
      if (where !== undefined) {
        failure.line = where.line;
        failure.source = where.source;
        failure.message += ' (' + (where.source === 'code' ? 'line ' : 'test code line ') + where.line + ')';
      }
      if (current !== undefined && current.checksAsserts) {
        if (current.failure === undefined) current.failure = failure;
      } else if (inScriptTopLevel && topLevelFailure === undefined) topLevelFailure = failure;
    },
    /** @param {unknown} [label] */
    count: (label) => {
      const key = label === undefined ? 'default' : typeof label === 'string' ? label : brief(label);
      const n = (apply(mapGet, counters, [key]) || 0) + 1;
      apply(mapSet, counters, [key, n]);
      write(key + ': ' + n);
    },
    /** @param {unknown} [label] */
    countReset: (label) => {
      apply(mapDelete, counters, [label === undefined ? 'default' : typeof label === 'string' ? label : brief(label)]);
    },
    /** @param {unknown[]} args */
    group: (...args) => {
      if (args.length > 0) write(format(args));
      if (indent.length < 64) indent += '  ';
    },
    /** @param {unknown[]} args */
    groupCollapsed: (...args) => {
      if (args.length > 0) write(format(args));
      if (indent.length < 64) indent += '  ';
    },
    groupEnd: () => {
      indent = slice(indent, 2);
    },
    /** @param {unknown} [label] */
    time: (label) => {
      apply(mapSet, timers, [label === undefined ? 'default' : typeof label === 'string' ? label : brief(label), dateNow()]);
    },
    /** @param {unknown} [label] */
    timeEnd: (label) => {
      const key = label === undefined ? 'default' : typeof label === 'string' ? label : brief(label);
      if (apply(mapHas, timers, [key])) {
        write(key + ': ' + (dateNow() - apply(mapGet, timers, [key])) + 'ms');
        apply(mapDelete, timers, [key]);
      }
    },
    /** @param {unknown} [label] */
    timeLog: (label) => {
      const key = label === undefined ? 'default' : typeof label === 'string' ? label : brief(label);
      if (apply(mapHas, timers, [key])) write(key + ': ' + (dateNow() - apply(mapGet, timers, [key])) + 'ms');
    },
  };

