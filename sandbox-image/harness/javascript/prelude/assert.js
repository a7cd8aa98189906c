/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// assert (node:assert, the commonly used part, with Node-like messages).

  // ---- assert (node:assert, the commonly used part, with Node-like messages) ---------------
  /** @param {unknown} message @param {string} fallback */
  function messageOr(message, fallback) {
    if (message === undefined) return fallback;
    if (typeof message === 'string') return message;
    if (isObjectLike(message) && inheritsFrom(message, ErrorProto)) throw message;
    return brief(message);
  }

  /**
   * Does `error` satisfy assert.throws' / expect().toThrow's `expected`?
   * @param {unknown} error @param {unknown} expected
   */
  function errorMatches(error, expected) {
    if (expected === undefined) return true;
    if (typeof expected === 'string') {
      const msg = isObjectLike(error) ? inheritedData(error, 'message') : error;
      return typeof msg === 'string' && indexOf(msg, expected) !== -1;
    }
    if (isObjectLike(expected) && brand(regexpSource, expected)) {
      const text = isObjectLike(error) ? errorHeadline(error) : typeof error === 'string' ? error : brief(error);
      const msg = isObjectLike(error) ? inheritedData(error, 'message') : undefined;
      return matches(/** @type {RegExp} */ (expected), text) || (typeof msg === 'string' && matches(/** @type {RegExp} */ (expected), msg));
    }
    if (typeof expected === 'function') {
      const proto = ownData(expected, 'prototype');
      if (isObjectLike(proto) && apply(functionHasInstance, expected, [error])) return true;
      if (isObjectLike(proto) && (proto === ErrorProto || inheritsFrom(proto, ErrorProto))) return false;
      return apply(expected, undefined, [error]) === true;
    }
    if (isObjectLike(expected) && isObjectLike(error)) {
      const keys = ownKeys(expected);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const want = ownData(expected, key);
        const got = inheritedData(error, key);
        if (isObjectLike(want) && brand(regexpSource, want) && typeof got === 'string') {
          if (!matches(/** @type {RegExp} */ (want), got)) return false;
        } else if (!deepEqual(got, want, 'strict', [])) return false;
      }
      return true;
    }
    return false;
  }

  /** @param {unknown} v @param {unknown} [message] */
  function ok(v, message) {
    if (!v) throw fail(messageOr(message, 'The expression evaluated to a falsy value:\n\n  assert.ok(' + brief(v) + ')\n'), v, true, '==');
  }

  /** @param {boolean} strict */
  function makeAssert(strict) {
    /** @param {unknown} v @param {unknown} [message] */
    const assert = (v, message) => {
      checksMade++;
      ok(v, message);
    };
    const methods = {
      ok,
      /** @param {unknown} a @param {unknown} b @param {unknown} [m] */
      equal: (a, b, m) => {
        if (strict) return methods.strictEqual(a, b, m);
        if (!(a == b || (a !== a && b !== b))) throw fail(messageOr(m, brief(a) + ' == ' + brief(b)), a, b, '==');
      },
      /** @param {unknown} a @param {unknown} b @param {unknown} [m] */
      notEqual: (a, b, m) => {
        if (strict) return methods.notStrictEqual(a, b, m);
        if (a == b || (a !== a && b !== b)) throw fail(messageOr(m, brief(a) + ' != ' + brief(b)), a, b, '!=');
      },
      /** @param {unknown} a @param {unknown} b @param {unknown} [m] */
      strictEqual: (a, b, m) => {
        if (!objectIs(a, b)) throw fail(messageOr(m, 'Expected values to be strictly equal:\n\n' + brief(a) + ' !== ' + brief(b) + '\n'), a, b, 'strictEqual');
      },
      /** @param {unknown} a @param {unknown} b @param {unknown} [m] */
      notStrictEqual: (a, b, m) => {
        if (objectIs(a, b)) throw fail(messageOr(m, 'Expected "actual" to be strictly unequal to: ' + brief(b)), a, b, 'notStrictEqual');
      },
      /** @param {unknown} a @param {unknown} b @param {unknown} [m] */
      deepEqual: (a, b, m) => {
        if (!deepEqual(a, b, strict ? 'strict' : 'loose', [])) {
          throw fail(messageOr(m, 'Expected values to be ' + (strict ? 'strictly ' : 'loosely ') + 'deep-equal:\n\n' + brief(a) + '\n\nshould ' + (strict ? '' : 'loosely ') + 'deep-equal\n\n' + brief(b)), a, b, strict ? 'deepStrictEqual' : 'deepEqual');
        }
      },
      /** @param {unknown} a @param {unknown} b @param {unknown} [m] */
      notDeepEqual: (a, b, m) => {
        if (deepEqual(a, b, strict ? 'strict' : 'loose', [])) throw fail(messageOr(m, 'Expected "actual" not to be ' + (strict ? 'strictly ' : 'loosely ') + 'deep-equal to: ' + brief(b)), a, b, 'notDeepEqual');
      },
      /** @param {unknown} a @param {unknown} b @param {unknown} [m] */
      deepStrictEqual: (a, b, m) => {
        if (!deepEqual(a, b, 'strict', [])) throw fail(messageOr(m, 'Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ ' + brief(a) + '\n- ' + brief(b)), a, b, 'deepStrictEqual');
      },
      /** @param {unknown} a @param {unknown} b @param {unknown} [m] */
      notDeepStrictEqual: (a, b, m) => {
        if (deepEqual(a, b, 'strict', [])) throw fail(messageOr(m, 'Expected "actual" not to be strictly deep-equal to: ' + brief(b)), a, b, 'notDeepStrictEqual');
      },
      /** @param {unknown} fn @param {unknown} [expected] @param {unknown} [m] */
      throws: (fn, expected, m) => {
        if (typeof fn !== 'function') throw new TypeErrorCtor('The "fn" argument must be of type function. Received ' + brief(fn));
        if (typeof expected === 'string' && m === undefined) {
          m = expected;
          expected = undefined;
        }
        let threw = false;
        let error;
        try {
          apply(fn, undefined, []);
        } catch (e) {
          threw = true;
          error = e;
        }
        if (!threw) throw fail(messageOr(m, 'Missing expected exception' + expectedName(expected) + '.'), undefined, expected, 'throws');
        if (!errorMatches(error, expected)) {
          if (typeof expected === 'function' && !isObjectLike(ownData(expected, 'prototype'))) throw fail(messageOr(m, 'The validation function is expected to return "true". Received false'), error, expected, 'throws');
          throw error;
        }
      },
      /** @param {unknown} fn @param {unknown} [m] */
      doesNotThrow: (fn, m) => {
        if (typeof fn !== 'function') throw new TypeErrorCtor('The "fn" argument must be of type function. Received ' + brief(fn));
        try {
          apply(fn, undefined, []);
        } catch (e) {
          throw fail(messageOr(m, 'Got unwanted exception.\nActual message: "' + (isObjectLike(e) ? inheritedData(e, 'message') : brief(e)) + '"'), e, undefined, 'doesNotThrow');
        }
      },
      /** @param {unknown} promiseOrFn @param {unknown} [expected] @param {unknown} [m] */
      rejects: async (promiseOrFn, expected, m) => {
        if (typeof expected === 'string' && m === undefined) {
          m = expected;
          expected = undefined;
        }
        let rejected = false;
        let error;
        try {
          await (typeof promiseOrFn === 'function' ? apply(promiseOrFn, undefined, []) : promiseOrFn);
        } catch (e) {
          rejected = true;
          error = e;
        }
        if (!rejected) throw fail(messageOr(m, 'Missing expected rejection' + expectedName(expected) + '.'), undefined, expected, 'rejects');
        if (!errorMatches(error, expected)) throw error;
      },
      /** @param {unknown} promiseOrFn @param {unknown} [m] */
      doesNotReject: async (promiseOrFn, m) => {
        try {
          await (typeof promiseOrFn === 'function' ? apply(promiseOrFn, undefined, []) : promiseOrFn);
        } catch (e) {
          throw fail(messageOr(m, 'Got unwanted rejection.\nActual message: "' + (isObjectLike(e) ? inheritedData(e, 'message') : brief(e)) + '"'), e, undefined, 'doesNotReject');
        }
      },
      /** @param {unknown} s @param {unknown} re @param {unknown} [m] */
      match: (s, re, m) => {
        if (typeof s !== 'string' || !isObjectLike(re) || !brand(regexpSource, re) || !matches(/** @type {RegExp} */ (re), s)) {
          throw fail(messageOr(m, 'The input did not match the regular expression ' + brief(re) + '. Input:\n\n' + brief(s) + '\n'), s, re, 'match');
        }
      },
      /** @param {unknown} s @param {unknown} re @param {unknown} [m] */
      doesNotMatch: (s, re, m) => {
        if (typeof s === 'string' && isObjectLike(re) && brand(regexpSource, re) && matches(/** @type {RegExp} */ (re), s)) {
          throw fail(messageOr(m, 'The input was expected to not match the regular expression ' + brief(re) + '. Input:\n\n' + brief(s) + '\n'), s, re, 'doesNotMatch');
        }
      },
      /** @param {unknown} [m] */
      fail: (m) => {
        throw fail(messageOr(m, 'Failed'), undefined, undefined, 'fail');
      },
      /** @param {unknown} v */
      ifError: (v) => {
        if (v !== null && v !== undefined) throw fail('ifError got unwanted exception: ' + (isObjectLike(v) ? inheritedData(v, 'message') : brief(v)), v, null, 'ifError');
      },
      AssertionError,
    };
    const names = ownKeys(methods);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const method = /** @type {Record<PropertyKey, Function>} */ (methods)[name];
      // Every assertion counts as a check: a script whose top level checks nothing is no test.
      const counted = function (...args) {
        checksMade++;
        return apply(method, undefined, args);
      };
      defineProp(assert, name, { __proto__: null, value: counted, enumerable: true });
    }
    return assert;
  }

  /** @param {unknown} expected */
  function expectedName(expected) {
    if (typeof expected !== 'function') return '';
    const name = ownData(expected, 'name');
    return typeof name === 'string' && name !== '' ? ' (' + name + ')' : '';
  }

  const assertLoose = makeAssert(false);
  const assertStrict = makeAssert(true);
  defineProp(assertLoose, 'strict', { __proto__: null, value: assertStrict, enumerable: true });
  defineProp(assertStrict, 'strict', { __proto__: null, value: assertStrict, enumerable: true });
  freeze(assertLoose);
  freeze(assertStrict);

