/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// Hardening: the intrinsics the prelude uses, captured before any user code exists, and small safe helpers.

  // ---- Intrinsics, captured before any user code exists -------------------------------------
  const G = globalThis;
  const ReflectObj = Reflect;
  const apply = ReflectObj.apply;
  // Loosely typed on purpose: descriptors here are `__proto__: null` records and keys come from ownKeys.
  const ownKeys = /** @type {(o: object) => any[]} */ (ReflectObj.ownKeys);
  const gopd = /** @type {(o: any, key: any) => PropertyDescriptor | undefined} */ (ReflectObj.getOwnPropertyDescriptor);
  const defineProp = /** @type {(o: any, key: any, desc: any) => boolean} */ (ReflectObj.defineProperty);
  const getProto = /** @type {(o: any) => any} */ (ReflectObj.getPrototypeOf);
  const ObjectCtor = Object;
  const objectIs = ObjectCtor.is;
  const freeze = ObjectCtor.freeze;
  const hasOwn = ObjectCtor.hasOwn;
  const ObjectProto = ObjectCtor.prototype;
  const isArray = Array.isArray;
  const jsonStringify = JSON.stringify;
  const jsonParse = JSON.parse;
  const JSONObj = JSON;
  const MathObj = Math;
  const mathAbs = MathObj.abs;
  const mathPow = MathObj.pow;
  const mathMax = MathObj.max;
  const numberIsNaN = Number.isNaN;
  const StringCtor = String;
  const NumberCtor = Number;
  const ErrorCtor = Error;
  const ErrorProto = ErrorCtor.prototype;
  const TypeErrorCtor = TypeError;
  const PromiseCtor = Promise;
  const promiseThen = PromiseCtor.prototype.then;
  const promiseResolve = PromiseCtor.resolve;
  const WeakMapCtor = WeakMap;
  const weakMapGet = WeakMapCtor.prototype.get;
  const weakMapSet = WeakMapCtor.prototype.set;
  const WeakSetCtor = WeakSet;
  const weakSetHas = WeakSetCtor.prototype.has;
  const weakSetAdd = WeakSetCtor.prototype.add;
  const MapCtor = Map;
  const mapSize = /** @type {() => number} */ (/** @type {PropertyDescriptor} */ (gopd(MapCtor.prototype, 'size')).get);
  const mapForEach = MapCtor.prototype.forEach;
  const mapGet = MapCtor.prototype.get;
  const mapSet = MapCtor.prototype.set;
  const mapHas = MapCtor.prototype.has;
  const mapDelete = MapCtor.prototype.delete;
  const SetCtor = Set;
  const setSize = /** @type {() => number} */ (/** @type {PropertyDescriptor} */ (gopd(SetCtor.prototype, 'size')).get);
  const setForEach = SetCtor.prototype.forEach;
  const setHas = SetCtor.prototype.has;
  const dateGetTime = Date.prototype.getTime;
  const dateToISO = Date.prototype.toISOString;
  const TypedArrayProto = getProto(Uint8Array.prototype);
  const typedArrayLength = /** @type {() => number} */ (/** @type {PropertyDescriptor} */ (gopd(TypedArrayProto, 'length')).get);
  const typedArrayTag = /** @type {() => string} */ (/** @type {PropertyDescriptor} */ (gopd(TypedArrayProto, Symbol.toStringTag)).get);
  const symbolDescription = /** @type {() => string | undefined} */ (/** @type {PropertyDescriptor} */ (gopd(Symbol.prototype, 'description')).get);
  const symbolToString = Symbol.prototype.toString;
  const numberValueOf = Number.prototype.valueOf;
  const stringValueOf = String.prototype.valueOf;
  const booleanValueOf = Boolean.prototype.valueOf;
  const bigintValueOf = BigInt.prototype.valueOf;
  const regexpExec = RegExp.prototype.exec;
  const regexpSource = /** @type {() => string} */ (/** @type {PropertyDescriptor} */ (gopd(RegExp.prototype, 'source')).get);
  const regexpFlags = /** @type {() => string} */ (/** @type {PropertyDescriptor} */ (gopd(RegExp.prototype, 'flags')).get);
  const functionToString = Function.prototype.toString;
  const functionHasInstance = Function.prototype[Symbol.hasInstance];
  const strSlice = String.prototype.slice;
  const strIndexOf = String.prototype.indexOf;
  const strCharCodeAt = String.prototype.charCodeAt;
  const ID_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  const USER_FILES = /** @type {Record<string, string | undefined>} */ (/** @type {unknown} */ ({ __proto__: null, 'solution.js': 'code', 'tests.js': 'tests' }));

  const MAX_DEPTH = 64;
  // Assertions made (console.assert, assert.*, expect): a script test that makes none proves nothing.
  let checksMade = 0;
  // Tokens and timer ids of the two realms (solution, tests) never collide in the host's maps.
  const ID_BASE = role === 'tests' ? 1000000000 : 1;
  const MAX_TESTS = 1000;
  const VALUE_BUDGET = limits.valueBytes;
  // One console call never renders more than the whole output budget (plus one byte so that the
  // host can tell the budget was exceeded): a 1 MB string printed in a loop costs a slice, not a copy.
  const OUTPUT_CAP = limits.outputBytes + 1;

  /** @param {string} s @param {number} a @param {number} [b] @returns {string} */
  const slice = (s, a, b) => apply(strSlice, s, b === undefined ? [a] : [a, b]);
  /** @param {string} s @param {string} sub @returns {number} */
  const indexOf = (s, sub) => apply(strIndexOf, s, [sub]);
  /** @param {any[]} arr @param {unknown} v */
  const push = (arr, v) => {
    defineProp(arr, arr.length, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true });
  };
  /** @param {any[]} arr */
  const pop = (arr) => {
    const v = arr[arr.length - 1];
    arr.length = arr.length - 1;
    return v;
  };
  /** @param {RegExp} re @param {string} s */
  const matches = (re, s) => {
    re.lastIndex = 0;
    return apply(regexpExec, re, [s]) !== null;
  };
  /** @param {Function} fn @param {unknown} self @returns {boolean} */
  const brand = (fn, self) => {
    try {
      apply(fn, self, []);
      return true;
    } catch {
      return false;
    }
  };
  /** @param {unknown} v @returns {v is object} */
  const isObjectLike = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';

  /**
   * Own data property, or undefined. Never runs a getter (a Proxy's trap may still run, under the
   * caller's timeout).
   * @param {object} o @param {PropertyKey} key
   */
  function ownData(o, key) {
    const d = gopd(o, key);
    if (d === undefined || !hasOwn(d, 'value')) return undefined;
    return d.value;
  }

  /**
   * Data property found along the prototype chain (bounded), never a getter.
   * @param {object} o @param {PropertyKey} key
   */
  function inheritedData(o, key) {
    /** @type {object | null} */
    let cur = o;
    for (let i = 0; i < 32 && cur !== null; i++) {
      const d = gopd(cur, key);
      if (d !== undefined) return hasOwn(d, 'value') ? d.value : undefined;
      cur = getProto(cur);
    }
    return undefined;
  }

  /** @param {object} o @param {object} proto */
  function inheritsFrom(o, proto) {
    let cur = getProto(o);
    for (let i = 0; i < 64 && cur !== null; i++) {
      if (cur === proto) return true;
      cur = getProto(cur);
    }
    return false;
  }

