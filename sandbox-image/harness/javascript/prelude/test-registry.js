/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// test() / describe(): the script's test registry.

  // ---- test() registry -----------------------------------------------------------------------
  /** @type {{ name: string, fn: Function }[]} */
  const tests = [];
  let collecting = false;
  let tooManyTests = false;
  /** @type {string[]} */
  const describePrefix = [];

  /** @param {unknown} name */
  function testName(name) {
    let prefix = '';
    for (let i = 0; i < describePrefix.length; i++) prefix += describePrefix[i] + ' > ';
    const text = typeof name === 'string' ? name : brief(name);
    return slice(prefix + text, 0, 200);
  }

  /** @param {unknown} name @param {unknown} fn */
  function test(name, fn) {
    if (!collecting) throw new TypeErrorCtor('test() can only be called from the test code');
    if (typeof fn !== 'function') throw new TypeErrorCtor('test(name, fn) needs a function as its second argument');
    if (tests.length >= MAX_TESTS) {
      tooManyTests = true;
      return;
    }
    push(tests, { __proto__: null, name: testName(name), fn });
  }

  /** @param {unknown} name @param {unknown} fn */
  function describe(name, fn) {
    if (typeof fn !== 'function') throw new TypeErrorCtor('describe(name, fn) needs a function as its second argument');
    push(describePrefix, typeof name === 'string' ? slice(name, 0, 100) : brief(name));
    try {
      apply(fn, undefined, []);
    } finally {
      pop(describePrefix);
    }
  }

