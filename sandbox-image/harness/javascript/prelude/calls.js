/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// Running calls into user code or test code, and describing what they throw.

  // ---- Running calls ------------------------------------------------------------------------
  /**
   * @typedef {object} Call
   * @property {number} token
   * @property {boolean} checksAsserts  script tests fail on a falsy console.assert; cases do not
   * @property {{ message: string, line?: number, source?: string } | undefined} failure
   * @property {boolean} settled
   * @property {boolean} threw
   * @property {unknown} outcome  returned value or thrown value
   */
  /** @type {Call | undefined} */
  let current;
  let nextToken = ID_BASE;
  /** @type {unknown} */
  let lastValue;
  /** @type {unknown} */
  let entryFn;

  /**
   * @param {unknown} thrown
   * @returns {{ message: string, line?: number, source?: string, assertion: boolean }}
   */
  function describeThrown(thrown) {
    /** @type {{ message: string, line?: number, source?: string, assertion: boolean }} */
    const info = /** @type {{ message: string, line?: number, source?: string, assertion: boolean }} */ ({ __proto__: null, message: '', assertion: false });
    try {
      if (isObjectLike(thrown) && inheritsFrom(thrown, ErrorProto)) {
        info.message = errorHeadline(thrown);
        info.assertion = isAssertion(thrown);
      } else if (isObjectLike(thrown) && (typeof inheritedData(thrown, 'message') === 'string')) {
        info.message = errorHeadline(thrown);
        info.assertion = isAssertion(thrown);
      } else info.message = 'Uncaught ' + brief(thrown);
      const where = userLine(thrown);
      if (where !== undefined) {
        info.line = where.line;
        info.source = where.source;
      }
    } catch {
      info.message = 'Uncaught exception (it could not be described)';
    }
    if (info.message.length > 4000) info.message = slice(info.message, 0, 4000) + '…';
    return info;
  }

  /**
   * JSON for the host: { state: 'pending', token } or { state: 'done', status, error? }.
   * @param {Call} call
   */
  function doneState(call) {
    if (call.threw) {
      const info = describeThrown(call.outcome);
      const status = call.checksAsserts && info.assertion ? 'failed' : 'error';
      return '{"state":"done","status":"' + status + '","error":' + errorJson(info) + '}';
    }
    if (call.failure !== undefined) return '{"state":"done","status":"failed","error":' + errorJson(call.failure) + '}';
    return '{"state":"done","status":"ok"}';
  }

  /** @param {{ message: string, line?: number, source?: string }} info */
  function errorJson(info) {
    let s = '{"message":' + jsonStringify(info.message);
    if (typeof info.line === 'number') s += ',"line":' + info.line + ',"source":' + jsonStringify(info.source === 'tests' ? 'tests' : 'code');
    return s + '}';
  }

  /**
   * @param {Function} fn @param {unknown[]} args @param {boolean} checksAsserts @param {boolean} nativeOnly
   *   nativeOnly: await only real promises through the captured `then` (script tests: a test must
   *   not be able to hand its own "resolve" to a rewritten Promise.prototype.then).
   */
  function startCall(fn, args, checksAsserts, nativeOnly) {
    /** @type {Call} */
    const call = /** @type {Call} */ ({ __proto__: null, token: nextToken++, checksAsserts, failure: undefined, settled: false, threw: false, outcome: undefined });
    current = call;
    try {
      call.outcome = apply(fn, undefined, args);
    } catch (e) {
      call.threw = true;
      call.outcome = e;
      call.settled = true;
      return doneState(call);
    }
    const r = call.outcome;
    if (isObjectLike(r)) {
      /** @param {unknown} v */
      const onValue = (v) => {
        if (call.settled) return;
        call.settled = true;
        call.outcome = v;
        host.settled(call.token);
      };
      /** @param {unknown} e */
      const onError = (e) => {
        if (call.settled) return;
        call.settled = true;
        call.threw = true;
        call.outcome = e;
        host.settled(call.token);
      };
      let attached = false;
      try {
        apply(promiseThen, r, [onValue, onError]);
        attached = true;
      } catch {
        attached = false;
      }
      if (!attached && !nativeOnly) {
        let then;
        try {
          then = /** @type {{ then?: unknown }} */ (r).then;
        } catch (e) {
          call.threw = true;
          call.outcome = e;
          call.settled = true;
          return doneState(call);
        }
        if (typeof then === 'function') {
          try {
            apply(then, r, [onValue, onError]);
          } catch (e) {
            onError(e);
          }
          attached = true;
        }
      } else if (!attached) {
        call.threw = true;
        call.outcome = new TypeErrorCtor('The test returned a thenable that is not a native promise');
        call.settled = true;
        return doneState(call);
      }
      if (attached) return call.settled ? doneState(call) : '{"state":"pending","token":' + call.token + '}';
    }
    call.settled = true;
    return doneState(call);
  }

