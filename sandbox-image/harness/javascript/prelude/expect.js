/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// expect (the common Jest matchers).

  // ---- expect (the common Jest matchers) -----------------------------------------------------
  /**
   * @param {unknown} received
   * @param {boolean} negated
   * @param {'' | 'resolves' | 'rejects'} mode
   */
  function makeMatchers(received, negated, mode) {
    /**
     * @param {string} name
     * @param {(actual: unknown, args: unknown[]) => { pass: boolean, message: string }} check
     */
    const matcher = (name, check) => {
      /** @param {unknown} actual @param {unknown[]} args */
      const run = (actual, args) => {
        const r = check(actual, args);
        if (r.pass === negated) {
          const head = 'expect(received).' + (negated ? 'not.' : '') + (mode ? mode + '.' : '') + name + '(' + (args.length > 0 ? 'expected' : '') + ')';
          throw fail(head + '\n\n' + r.message, actual, args[0], name);
        }
      };
      /** @param {unknown[]} args */
      return (...args) => {
        if (mode === '') return run(received, args);
        return (async () => {
          let value;
          let threw = false;
          try {
            value = await received;
          } catch (e) {
            threw = true;
            value = e;
          }
          if (mode === 'resolves' && threw) throw fail('expect(received).resolves.' + name + '()\n\nReceived promise rejected instead of resolved\nRejected to value: ' + brief(value));
          if (mode === 'rejects' && !threw) throw fail('expect(received).rejects.' + name + '()\n\nReceived promise resolved instead of rejected\nResolved to value: ' + brief(value));
          run(value, args);
        })();
      };
    };
    /** @param {unknown} expected @param {unknown} actual */
    const diff = (expected, actual) => (negated ? 'Expected: not ' : 'Expected: ') + brief(expected) + '\nReceived: ' + brief(actual);
    /** @param {unknown} v @returns {number | bigint} */
    const num = (v) => {
      if (typeof v !== 'number' && typeof v !== 'bigint') throw fail('Matcher error: received value must be a number or bigint\n\nReceived: ' + brief(v));
      return v;
    };
    return {
      toBe: matcher('toBe', (a, args, e = args[0]) => ({ pass: objectIs(a, e), message: diff(e, a) })),
      toEqual: matcher('toEqual', (a, args, e = args[0]) => ({ pass: deepEqual(a, e, 'jest', []), message: diff(e, a) })),
      toStrictEqual: matcher('toStrictEqual', (a, args, e = args[0]) => ({ pass: deepEqual(a, e, 'strict', []), message: diff(e, a) })),
      toBeTruthy: matcher('toBeTruthy', (a) => ({ pass: !!a, message: 'Received: ' + brief(a) })),
      toBeFalsy: matcher('toBeFalsy', (a) => ({ pass: !a, message: 'Received: ' + brief(a) })),
      toBeNull: matcher('toBeNull', (a) => ({ pass: a === null, message: 'Received: ' + brief(a) })),
      toBeUndefined: matcher('toBeUndefined', (a) => ({ pass: a === undefined, message: 'Received: ' + brief(a) })),
      toBeDefined: matcher('toBeDefined', (a) => ({ pass: a !== undefined, message: 'Received: ' + brief(a) })),
      toBeNaN: matcher('toBeNaN', (a) => ({ pass: typeof a === 'number' && a !== a, message: 'Received: ' + brief(a) })),
      toContain: matcher('toContain', (a, args, e = args[0]) => {
        let pass = false;
        if (typeof a === 'string') pass = typeof e === 'string' && indexOf(a, e) !== -1;
        else if (isObjectLike(a) && isArray(a)) {
          for (let i = 0; i < a.length && !pass; i++) pass = a[i] === e;
        } else if (isObjectLike(a) && brand(setSize, a)) pass = apply(setHas, a, [e]);
        return { pass, message: 'Expected value: ' + brief(e) + '\nReceived: ' + brief(a) };
      }),
      toContainEqual: matcher('toContainEqual', (a, args, e = args[0]) => {
        let pass = false;
        if (isObjectLike(a) && isArray(a)) for (let i = 0; i < a.length && !pass; i++) pass = deepEqual(a[i], e, 'jest', []);
        return { pass, message: 'Expected value: ' + brief(e) + '\nReceived: ' + brief(a) };
      }),
      toHaveLength: matcher('toHaveLength', (a, args, e = args[0]) => {
        const len = typeof a === 'string' ? a.length : isObjectLike(a) ? inheritedData(a, 'length') : undefined;
        return { pass: len === e, message: 'Expected length: ' + brief(e) + '\nReceived length: ' + brief(len) + '\nReceived: ' + brief(a) };
      }),
      toHaveProperty: matcher('toHaveProperty', (a, args, key = args[0], value = args[1]) => {
        const has = isObjectLike(a) && (typeof key === 'string' || typeof key === 'symbol') && (hasOwn(a, key) || inheritedData(a, key) !== undefined);
        const pass = has && (value === undefined || deepEqual(inheritedData(/** @type {object} */ (a), /** @type {PropertyKey} */ (key)), value, 'jest', []));
        return { pass, message: 'Expected path: ' + brief(key) + '\nReceived: ' + brief(a) };
      }),
      toBeGreaterThan: matcher('toBeGreaterThan', (a, args, e = args[0]) => ({ pass: num(a) > /** @type {number} */ (e), message: 'Expected: > ' + brief(e) + '\nReceived:   ' + brief(a) })),
      toBeGreaterThanOrEqual: matcher('toBeGreaterThanOrEqual', (a, args, e = args[0]) => ({ pass: num(a) >= /** @type {number} */ (e), message: 'Expected: >= ' + brief(e) + '\nReceived:    ' + brief(a) })),
      toBeLessThan: matcher('toBeLessThan', (a, args, e = args[0]) => ({ pass: num(a) < /** @type {number} */ (e), message: 'Expected: < ' + brief(e) + '\nReceived:   ' + brief(a) })),
      toBeLessThanOrEqual: matcher('toBeLessThanOrEqual', (a, args, e = args[0]) => ({ pass: num(a) <= /** @type {number} */ (e), message: 'Expected: <= ' + brief(e) + '\nReceived:    ' + brief(a) })),
      toBeCloseTo: matcher('toBeCloseTo', (a, args, e = args[0], digits = args[1]) => {
        const d = typeof digits === 'number' ? digits : 2;
        const x = /** @type {number} */ (num(a));
        const pass = (x === Infinity && e === Infinity) || (x === -Infinity && e === -Infinity) || mathAbs(/** @type {number} */ (e) - x) < mathPow(10, -d) / 2;
        return { pass, message: 'Expected: ' + brief(e) + ' (precision ' + d + ')\nReceived: ' + brief(a) };
      }),
      toMatch: matcher('toMatch', (a, args, e = args[0]) => {
        const pass = typeof a === 'string' && (typeof e === 'string' ? indexOf(a, e) !== -1 : isObjectLike(e) && brand(regexpSource, e) && matches(/** @type {RegExp} */ (e), a));
        return { pass, message: 'Expected pattern: ' + brief(e) + '\nReceived string:  ' + brief(a) };
      }),
      toBeInstanceOf: matcher('toBeInstanceOf', (a, args, e = args[0]) => ({ pass: typeof e === 'function' && apply(functionHasInstance, e, [a]), message: 'Expected constructor: ' + expectedName(e) + '\nReceived value: ' + brief(a) })),
      toThrow: matcher('toThrow', (a, args, e = args[0]) => {
        let threw = false;
        let error;
        if (mode === 'rejects') {
          threw = true;
          error = a;
        } else {
          if (typeof a !== 'function') throw fail('Matcher error: received value must be a function\n\nReceived: ' + brief(a));
          try {
            apply(a, undefined, []);
          } catch (x) {
            threw = true;
            error = x;
          }
        }
        const pass = threw && errorMatches(error, e);
        return { pass, message: threw ? 'Expected: ' + brief(e) + '\nReceived error: ' + (isObjectLike(error) ? errorHeadline(error) : brief(error)) : 'Received function did not throw' };
      }),
    };
  }

  /** @param {unknown} received */
  function expect(received) {
    checksMade++;
    const base = makeMatchers(received, false, '');
    defineProp(base, 'not', { __proto__: null, value: makeMatchers(received, true, ''), enumerable: true });
    const resolves = makeMatchers(received, false, 'resolves');
    defineProp(resolves, 'not', { __proto__: null, value: makeMatchers(received, true, 'resolves'), enumerable: true });
    const rejects = makeMatchers(received, false, 'rejects');
    defineProp(rejects, 'not', { __proto__: null, value: makeMatchers(received, true, 'rejects'), enumerable: true });
    defineProp(base, 'resolves', { __proto__: null, value: resolves, enumerable: true });
    defineProp(base, 'rejects', { __proto__: null, value: rejects, enumerable: true });
    return base;
  }

