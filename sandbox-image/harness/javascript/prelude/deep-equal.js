/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// Deep equality shared by assert and expect.

  // ---- Deep equality for assert / expect ----------------------------------------------------
  /**
   * @param {unknown} a @param {unknown} b
   * @param {'loose' | 'strict' | 'jest'} mode  loose: assert.deepEqual; strict: deepStrictEqual /
   *   toStrictEqual; jest: toEqual (ignores undefined properties and prototypes).
   * @param {object[]} memo  pairs already being compared (cycles)
   * @returns {boolean}
   */
  function deepEqual(a, b, mode, memo) {
    if (mode === 'loose' ? a == b || (a !== a && b !== b) : objectIs(a, b)) return true;
    if (mode !== 'loose' && typeof a === 'number' && typeof b === 'number') return false;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      return mode === 'loose' && !isObjectLike(a) && !isObjectLike(b) ? a == b : false;
    }
    for (let i = 0; i + 1 < memo.length; i += 2) if (memo[i] === a && memo[i + 1] === b) return true;
    if (mode === 'strict' && getProto(a) !== getProto(b)) return false;
    if (isArray(a) !== isArray(b)) return false;
    const aDate = brand(dateGetTime, a);
    if (aDate !== brand(dateGetTime, b)) return false;
    if (aDate) return objectIs(apply(dateGetTime, a, []), apply(dateGetTime, b, []));
    const aRe = brand(regexpSource, a);
    if (aRe !== brand(regexpSource, b)) return false;
    if (aRe && (apply(regexpSource, a, []) !== apply(regexpSource, b, []) || apply(regexpFlags, a, []) !== apply(regexpFlags, b, []))) return false;
    const boxes = /** @type {Function[]} */ ([numberValueOf, stringValueOf, booleanValueOf, bigintValueOf]);
    for (let i = 0; i < boxes.length; i++) {
      const f = /** @type {Function} */ (boxes[i]);
      const ab = brand(f, a);
      if (ab !== brand(f, b)) return false;
      if (ab && !objectIs(apply(f, a, []), apply(f, b, []))) return false;
    }
    push(memo, a);
    push(memo, b);
    try {
      const aMap = brand(mapSize, a);
      if (aMap !== brand(mapSize, b)) return false;
      if (aMap) return mapsEqual(a, b, mode, memo);
      const aSet = brand(setSize, a);
      if (aSet !== brand(setSize, b)) return false;
      if (aSet) return setsEqual(a, b, mode, memo);
      const aKeys = comparableKeys(a, mode);
      const bKeys = comparableKeys(b, mode);
      if (aKeys.length !== bKeys.length) return false;
      for (let i = 0; i < aKeys.length; i++) {
        const key = aKeys[i];
        const bd = gopd(b, key);
        if (bd === undefined || !bd.enumerable) return false;
        const ad = /** @type {PropertyDescriptor} */ (gopd(a, key));
        if (!deepEqual(ad.value, bd.value, mode, memo)) return false;
      }
      return true;
    } finally {
      memo.length -= 2;
    }
  }

  /** @param {object} o @param {string} mode @returns {PropertyKey[]} */
  function comparableKeys(o, mode) {
    const keys = ownKeys(o);
    /** @type {PropertyKey[]} */
    const out = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (mode !== 'strict' && typeof key === 'symbol') continue;
      const d = gopd(o, key);
      if (d === undefined || !d.enumerable) continue;
      if (mode === 'jest' && hasOwn(d, 'value') && d.value === undefined) continue;
      push(out, key);
    }
    return out;
  }

  /** @param {object} a @param {object} b @param {'loose'|'strict'|'jest'} mode @param {object[]} memo */
  function mapsEqual(a, b, mode, memo) {
    if (apply(mapSize, a, []) !== apply(mapSize, b, [])) return false;
    let ok = true;
    apply(mapForEach, a, [
      /** @param {unknown} value @param {unknown} key */
      (value, key) => {
        if (!ok) return;
        if (apply(mapHas, b, [key])) {
          ok = deepEqual(value, apply(mapGet, b, [key]), mode, memo);
          return;
        }
        let found = false;
        apply(mapForEach, b, [
          /** @param {unknown} bv @param {unknown} bk */
          (bv, bk) => {
            if (!found && deepEqual(key, bk, mode, memo) && deepEqual(value, bv, mode, memo)) found = true;
          },
        ]);
        ok = found;
      },
    ]);
    return ok;
  }

  /** @param {object} a @param {object} b @param {'loose'|'strict'|'jest'} mode @param {object[]} memo */
  function setsEqual(a, b, mode, memo) {
    if (apply(setSize, a, []) !== apply(setSize, b, [])) return false;
    let ok = true;
    apply(setForEach, a, [
      /** @param {unknown} value */
      (value) => {
        if (!ok || apply(setHas, b, [value])) return;
        let found = false;
        apply(setForEach, b, [
          /** @param {unknown} bv */
          (bv) => {
            if (!found && deepEqual(value, bv, mode, memo)) found = true;
          },
        ]);
        ok = found;
      },
    ]);
    return ok;
  }

