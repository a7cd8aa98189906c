// @ts-check
'use strict';

/**
 * The part of the JavaScript harness that runs INSIDE the vm2 sandbox, before the user's code.
 *
 * `sandboxPrelude` is never called in the host realm: runner.cjs sends its source text
 * (Function.prototype.toString) into the VM, so it must not close over anything in this module.
 * It captures the intrinsics it needs first, then installs the sandbox's globals (console, test,
 * assert, expect, require, timers) and hands the host an API whose methods take and return only
 * primitives (JSON strings), so no user object ever crosses into the host.
 *
 * Rules this file keeps, because user code runs in the same realm afterwards and may rewrite any
 * built-in it can reach (Array.prototype, JSON, Object.keys, Promise.prototype.then, ...):
 * - call built-ins only through the references captured at the top (`apply(captured, self, args)`),
 *   never through `value.method(...)`;
 * - no spread, array destructuring or for-of (they go through the replaceable iterator protocol);
 * - descriptors and internal records are created with `__proto__: null`, so a polluted
 *   Object.prototype cannot add fields to them;
 * - user values are only looked at through Reflect with own descriptors: accessor properties are
 *   never invoked by the serializer or by console formatting.
 * Everything here that touches user values runs under the host's timeout (the host calls these
 * API functions inside a vm timeout), so a hostile Proxy trap or getter can stall only its own test.
 *
 * What this cannot do: script tests run in the same realm as the submission, so a submission that
 * rewrites a built-in the test code itself calls (say Array.prototype.join) can still fool that test
 * code. The globals test code leans on most (console, assert, expect, JSON, Math, Object, ...) are
 * locked before the user's code runs; case results cannot be forged this way because the worker
 * compares returned values outside the sandbox.
 */

/**
 * @typedef {object} SandboxHost
 * @property {(text: string) => void} output  Append user console output.
 * @property {(id: number, ms: number) => void} setTimer  Fire `api.fireTimer(id)` after ms.
 * @property {(id: number) => void} clearTimer
 * @property {(token: number) => void} settled  An awaited call with this token finished.
 */

/**
 * @typedef {object} SandboxApi
 * @property {(fn: unknown) => string} setEntry  '' when callable, else the reason.
 * @property {(argsJson: string) => string} startCase  CallState JSON.
 * @property {(index: number) => string} startTest  CallState JSON.
 * @property {(token: number) => string} finish  CallState JSON of a settled async call.
 * @property {() => void} abandon  Forget the running call (it timed out).
 * @property {() => string} serializeResult  Serialized value of the last case, as JSON text.
 * @property {(thrown: unknown) => string} describe  ErrorInfo JSON for something the user code threw.
 * @property {() => void} beginScript
 * @property {() => string} endScript  ScriptPlan JSON.
 * @property {(id: number) => void} fireTimer
 * @property {(on: boolean) => void} setQuiet  Drop console output (used when re-running setup code).
 */

/**
 * @param {SandboxHost} host
 * @param {{ valueBytes: number, outputBytes: number }} limits
 * @returns {SandboxApi}
 */
function sandboxPrelude(host, limits) {
  'use strict';

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

  // ---- Safe rendering for people (console output, assertion messages) -----------------------
  /** @param {string} s */
  function quote(s) {
    // A plain loop: String.prototype.replace would consult the replaceable RegExp.prototype.
    let out = "'";
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      out += c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c === "'" || c === '\\' ? '\\' + c : c;
    }
    return out + "'";
  }

  /** @param {unknown} fn */
  function functionLabel(fn) {
    const name = ownData(/** @type {object} */ (fn), 'name');
    let source = '';
    try {
      source = apply(functionToString, fn, []);
    } catch {
      source = '';
    }
    const label = typeof name === 'string' && name !== '' ? name : '';
    if (slice(source, 0, 5) === 'class') return label ? '[class ' + label + ']' : '[class (anonymous)]';
    return label ? '[Function: ' + label + ']' : '[Function (anonymous)]';
  }

  /** @param {PropertyKey} key */
  function keyLabel(key) {
    if (typeof key === 'symbol') return '[' + apply(symbolToString, key, []) + ']';
    const text = typeof key === 'string' ? key : '' + key;
    return matches(ID_RE, text) ? text : quote(text);
  }

  /**
   * util.inspect, roughly: one line, depth 2, at most 100 items per container, never calls a
   * getter, toString or valueOf; stops once `budget.left` runs out.
   * @param {unknown} v @param {number} depth @param {object[]} seen @param {{ left: number }} budget
   * @returns {string}
   */
  function inspect(v, depth, seen, budget) {
    if (budget.left <= 0) return '…';
    const s = inspectInner(v, depth, seen, budget);
    budget.left -= s.length;
    return s;
  }

  /** @param {unknown} v @param {number} depth @param {object[]} seen @param {{ left: number }} budget @returns {string} */
  function inspectInner(v, depth, seen, budget) {
    switch (typeof v) {
      case 'string':
        return quote(v.length > budget.left ? slice(v, 0, mathMax(0, budget.left)) + '…' : v);
      case 'number':
        return objectIs(v, -0) ? '-0' : '' + v;
      case 'bigint':
        return '' + v + 'n';
      case 'symbol':
        return apply(symbolToString, v, []);
      case 'undefined':
        return 'undefined';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'function':
        return functionLabel(v);
      default:
        break;
    }
    if (v === null) return 'null';
    const o = /** @type {object} */ (v);
    for (let i = 0; i < seen.length; i++) if (seen[i] === o) return '[Circular]';
    if (brand(dateGetTime, o)) {
      const t = apply(dateGetTime, o, []);
      return numberIsNaN(t) ? 'Invalid Date' : apply(dateToISO, o, []);
    }
    if (brand(regexpSource, o)) return '/' + apply(regexpSource, o, []) + '/' + apply(regexpFlags, o, []);
    if (brand(numberValueOf, o)) return '[Number: ' + inspectInner(apply(numberValueOf, o, []), 0, seen, budget) + ']';
    if (brand(stringValueOf, o)) return '[String: ' + quote(apply(stringValueOf, o, [])) + ']';
    if (brand(booleanValueOf, o)) return '[Boolean: ' + apply(booleanValueOf, o, []) + ']';
    if (inheritsFrom(o, ErrorProto)) {
      const stack = ownData(o, 'stack');
      return typeof stack === 'string' ? stack : errorHeadline(o);
    }
    const isMap = brand(mapSize, o);
    const isSet = !isMap && brand(setSize, o);
    const isTyped = !isMap && !isSet && brand(typedArrayLength, o);
    const arr = !isMap && !isSet && !isTyped && isArray(o);
    if (depth > 2) {
      if (arr) return '[Array]';
      if (isMap) return '[Map]';
      if (isSet) return '[Set]';
      return '[Object]';
    }
    push(seen, o);
    /** @type {string[]} */
    const parts = [];
    let prefix = '';
    let open = '{';
    let close = '}';
    if (isMap || isSet) {
      const size = apply(isMap ? mapSize : setSize, o, []);
      prefix = (isMap ? 'Map(' : 'Set(') + size + ') ';
      let n = 0;
      apply(isMap ? mapForEach : setForEach, o, [
        /** @param {unknown} value @param {unknown} key */
        (value, key) => {
          n++;
          if (n > 100 || budget.left <= 0) return;
          push(parts, isMap ? inspect(key, depth + 1, seen, budget) + ' => ' + inspect(value, depth + 1, seen, budget) : inspect(value, depth + 1, seen, budget));
        },
      ]);
      if (n > 100) push(parts, '... ' + (n - 100) + ' more items');
    } else if (arr || isTyped) {
      open = '[';
      close = ']';
      const len = isTyped ? apply(typedArrayLength, o, []) : ownData(o, 'length');
      const length = typeof len === 'number' ? len : 0;
      if (isTyped) prefix = apply(typedArrayTag, o, []) + '(' + length + ') ';
      let holes = 0;
      const shown = length < 100 ? length : 100;
      for (let i = 0; i < shown && budget.left > 0; i++) {
        const d = gopd(o, '' + i);
        if (d === undefined) {
          holes++;
          continue;
        }
        if (holes > 0) {
          push(parts, '<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
          holes = 0;
        }
        push(parts, hasOwn(d, 'value') ? inspect(d.value, depth + 1, seen, budget) : accessorLabel(d));
      }
      if (holes > 0) push(parts, '<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
      if (length > shown) push(parts, '... ' + (length - shown) + ' more items');
    } else {
      const proto = getProto(o);
      if (proto === null) prefix = '[Object: null prototype] ';
      else if (proto !== ObjectProto) {
        const ctor = ownData(proto, 'constructor');
        const name = typeof ctor === 'function' ? ownData(ctor, 'name') : undefined;
        if (typeof name === 'string' && name !== '' && name !== 'Object') prefix = name + ' ';
      }
    }
    if (!arr && !isTyped) {
      const keys = isMap || isSet ? [] : ownKeys(o);
      let count = 0;
      for (let i = 0; i < keys.length && budget.left > 0; i++) {
        const key = keys[i];
        const d = gopd(o, key);
        if (d === undefined || !d.enumerable) continue;
        if (++count > 100) {
          push(parts, '...');
          break;
        }
        push(parts, keyLabel(key) + ': ' + (hasOwn(d, 'value') ? inspect(d.value, depth + 1, seen, budget) : accessorLabel(d)));
      }
    }
    pop(seen);
    if (parts.length === 0) return prefix + open + close;
    let body = '';
    for (let i = 0; i < parts.length; i++) body += (i === 0 ? '' : ', ') + parts[i];
    return prefix + open + ' ' + body + ' ' + close;
  }

  /** @param {PropertyDescriptor} d */
  function accessorLabel(d) {
    if (d.get && d.set) return '[Getter/Setter]';
    return d.get ? '[Getter]' : '[Setter]';
  }

  /** @param {unknown} v @param {{ left: number }} budget */
  function show(v, budget) {
    return inspect(v, 0, [], budget);
  }

  /** A short rendering for assertion messages. @param {unknown} v */
  function brief(v) {
    return show(v, { left: 2000 });
  }

  /**
   * util.format, roughly (%s %d %i %f %j %o %O %c %%), with every argument capped.
   * @param {ArrayLike<unknown>} args
   */
  function format(args) {
    const budget = { left: OUTPUT_CAP };
    let out = '';
    let next = 0;
    const first = args[0];
    if (typeof first === 'string' && indexOf(first, '%') !== -1) {
      next = 1;
      for (let i = 0; i < first.length && budget.left > 0; i++) {
        const c = apply(strCharCodeAt, first, [i]);
        if (c !== 37 /* % */ || i + 1 >= first.length) {
          out += first[i];
          budget.left--;
          continue;
        }
        const spec = first[i + 1];
        if (spec === '%') {
          out += '%';
          i++;
          continue;
        }
        if (spec !== 's' && spec !== 'd' && spec !== 'i' && spec !== 'f' && spec !== 'j' && spec !== 'o' && spec !== 'O' && spec !== 'c') {
          out += '%';
          continue;
        }
        i++;
        if (next >= args.length) {
          out += '%' + spec;
          continue;
        }
        const arg = args[next++];
        if (spec === 'c') continue;
        if (spec === 's') out += typeof arg === 'string' ? capped(arg, budget) : typeof arg === 'bigint' ? '' + arg + 'n' : show(arg, budget);
        else if (spec === 'd' || spec === 'i' || spec === 'f') {
          if (typeof arg === 'bigint') out += '' + arg + 'n';
          else if (typeof arg === 'number') out += spec === 'i' ? '' + MathObj.trunc(arg) : '' + arg;
          else if (typeof arg === 'string' || typeof arg === 'boolean') out += '' + NumberCtor(arg);
          else out += 'NaN';
        } else if (spec === 'j') {
          try {
            const j = jsonStringify(arg);
            out += typeof j === 'string' ? capped(j, budget) : 'undefined';
          } catch {
            out += '[Circular]';
          }
        } else out += show(arg, budget);
      }
    }
    for (let i = next; i < args.length && budget.left > 0; i++) {
      const arg = args[i];
      if (out !== '' || i > 0) out += ' ';
      out += typeof arg === 'string' ? capped(arg, budget) : show(arg, budget);
    }
    return out;
  }

  /** @param {string} s @param {{ left: number }} budget */
  function capped(s, budget) {
    const r = s.length > budget.left ? slice(s, 0, mathMax(0, budget.left)) : s;
    budget.left -= r.length;
    return r;
  }

  // ---- Console: one bounded stream to the host ---------------------------------------------
  let quiet = false;
  let sent = 0;
  let indent = '';
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
    warn: (...args) => write(format(args)),
    /** @param {unknown[]} args */
    error: (...args) => write(format(args)),
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
    const assert = (v, message) => ok(v, message);
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
      defineProp(assert, name, { __proto__: null, value: /** @type {Record<PropertyKey, unknown>} */ (methods)[name], enumerable: true });
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

  // ---- require(): a small pure allow-list, nothing from the host -----------------------------
  /** @type {Record<string, unknown>} */
  const modules = {
    __proto__: null,
    assert: assertLoose,
    'node:assert': assertLoose,
    'assert/strict': assertStrict,
    'node:assert/strict': assertStrict,
  };
  /** @param {unknown} name */
  function sandboxRequire(name) {
    const key = typeof name === 'string' ? name : '';
    const mod = modules[key];
    if (mod === undefined) throw new ErrorCtor('Module "' + (typeof name === 'string' ? slice(name, 0, 100) : brief(name)) + '" is not available in the sandbox');
    return mod;
  }

  // ---- Timers, served by the host's event loop; callbacks never leave the sandbox -------------
  /** @type {Map<number, { fn: Function, args: unknown[], repeat: number }>} */
  const timerCallbacks = new MapCtor();
  let nextTimerId = 1;
  /** @param {unknown} fn @param {unknown} ms @param {unknown[]} args @param {boolean} repeat */
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function. Received ' + brief(fn));
    // Bounded: a submission cannot make the host hold an unbounded number of timers.
    if (apply(mapSize, timerCallbacks, []) >= 10000) throw new ErrorCtor('Too many timers in the sandbox');
    const delay = typeof ms === 'number' && ms > 0 ? (ms < 2147483647 ? ms : 2147483647) : 1;
    const id = nextTimerId++;
    apply(mapSet, timerCallbacks, [id, { __proto__: null, fn, args, repeat: repeat ? delay : 0 }]);
    host.setTimer(id, delay);
    return id;
  }
  /** @param {unknown} id */
  function removeTimer(id) {
    if (typeof id === 'number' && apply(mapDelete, timerCallbacks, [id])) host.clearTimer(id);
  }

  // ---- Globals of the sandbox ---------------------------------------------------------------
  /** @param {string} name @param {unknown} value */
  const lockGlobal = (name, value) => {
    // Non-configurable and read-only: the user's code can neither replace these nor shadow them
    // with a top-level let/const/class (that is a SyntaxError against a non-configurable global).
    defineProp(G, name, { __proto__: null, value, writable: false, enumerable: false, configurable: false });
  };
  freeze(consoleObject);
  freeze(expect);
  freeze(test);
  lockGlobal('console', consoleObject);
  lockGlobal('assert', assertLoose);
  lockGlobal('expect', expect);
  lockGlobal('test', test);
  lockGlobal('it', test);
  lockGlobal('describe', describe);
  lockGlobal('require', sandboxRequire);
  lockGlobal('setTimeout', (/** @type {unknown} */ fn, /** @type {unknown} */ ms, /** @type {unknown[]} */ ...args) => addTimer(fn, ms, args, false));
  lockGlobal('setInterval', (/** @type {unknown} */ fn, /** @type {unknown} */ ms, /** @type {unknown[]} */ ...args) => addTimer(fn, ms, args, true));
  lockGlobal('setImmediate', (/** @type {unknown} */ fn, /** @type {unknown[]} */ ...args) => addTimer(fn, 0, args, false));
  lockGlobal('clearTimeout', removeTimer);
  lockGlobal('clearInterval', removeTimer);
  lockGlobal('clearImmediate', removeTimer);
  lockGlobal('queueMicrotask', (/** @type {unknown} */ fn) => {
    if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
    apply(promiseThen, apply(promiseResolve, PromiseCtor, []), [() => apply(fn, undefined, [])]);
  });
  // Host objects vm2 puts in every VM; nothing a solution needs, and each is surface.
  const hostNames = ['Buffer', 'VMError', 'GLOBAL', 'root'];
  for (let i = 0; i < hostNames.length; i++) ReflectObj.deleteProperty(G, /** @type {string} */ (hostNames[i]));
  // CommonJS-style solutions end with `module.exports = ...`; give them something harmless.
  const moduleObject = { exports: {} };
  /** @type {any} */ (G).module = moduleObject;
  /** @type {any} */ (G).exports = moduleObject.exports;
  // The built-ins test code leans on: their bindings cannot be replaced and the namespaces are
  // frozen (prototypes stay writable, or ordinary code such as `Foo.prototype.toString = ...`
  // would break).
  const locked = ['JSON', 'Math', 'Reflect', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'Proxy', 'Function', 'parseInt', 'parseFloat', 'isNaN', 'isFinite'];
  for (let i = 0; i < locked.length; i++) {
    const name = /** @type {string} */ (locked[i]);
    const d = gopd(G, name);
    if (d !== undefined && hasOwn(d, 'value')) lockGlobal(name, d.value);
  }
  freeze(JSONObj);
  freeze(MathObj);
  freeze(ReflectObj);
  const frozenStatics = [ObjectCtor, Array, StringCtor, NumberCtor, PromiseCtor];
  for (let i = 0; i < frozenStatics.length; i++) freeze(frozenStatics[i]);

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
  let nextToken = 1;
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

  // ---- Serialization of returned values (see protocol/harness.ts for the tags) --------------
  /**
   * @param {unknown} root
   * @returns {string}
   */
  function serialize(root) {
    let size = 0;
    let over = false;
    /** @type {object[]} */
    const ancestors = [];
    const TRUNCATED = '{"$pj":"truncated"}';

    /** @param {string} s */
    const count = (s) => {
      size += s.length;
      if (size > VALUE_BUDGET) over = true;
      return s;
    };

    /** @param {unknown} v @param {number} depth @returns {string} */
    function ser(v, depth) {
      switch (typeof v) {
        case 'undefined':
          return count('{"$pj":"undefined"}');
        case 'boolean':
          return count(v ? 'true' : 'false');
        case 'number':
          if (v !== v) return count('{"$pj":"nan"}');
          if (v === Infinity) return count('{"$pj":"infinity","sign":1}');
          if (v === -Infinity) return count('{"$pj":"infinity","sign":-1}');
          return count('' + v);
        case 'bigint':
          return count('{"$pj":"bigint","value":"' + v + '"}');
        case 'string':
          if (v.length > VALUE_BUDGET) {
            over = true;
            return TRUNCATED;
          }
          return count(jsonStringify(v));
        case 'symbol': {
          const d = apply(symbolDescription, v, []);
          return count(typeof d === 'string' ? '{"$pj":"symbol","description":' + jsonStringify(d) + '}' : '{"$pj":"symbol"}');
        }
        case 'function': {
          const name = ownData(v, 'name');
          return count('{"$pj":"function","name":' + jsonStringify(typeof name === 'string' ? slice(name, 0, 200) : '') + '}');
        }
        default:
          break;
      }
      if (v === null) return count('null');
      const o = /** @type {object} */ (v);
      if (depth >= MAX_DEPTH) return count(TRUNCATED);
      for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === o) return count('{"$pj":"circular"}');
      if (brand(dateGetTime, o)) {
        const t = apply(dateGetTime, o, []);
        return count(numberIsNaN(t) ? '"Invalid Date"' : jsonStringify(apply(dateToISO, o, [])));
      }
      if (brand(numberValueOf, o)) return ser(apply(numberValueOf, o, []), depth);
      if (brand(stringValueOf, o)) return ser(apply(stringValueOf, o, []), depth);
      if (brand(booleanValueOf, o)) return ser(apply(booleanValueOf, o, []), depth);
      if (brand(bigintValueOf, o)) return ser(apply(bigintValueOf, o, []), depth);
      push(ancestors, o);
      try {
        if (brand(mapSize, o)) {
          let body = '';
          apply(mapForEach, o, [
            /** @param {unknown} value @param {unknown} key */
            (value, key) => {
              if (over) return;
              body += (body === '' ? '' : ',') + count('[') + ser(key, depth + 1) + count(',') + ser(value, depth + 1) + count(']');
            },
          ]);
          if (over) body += (body === '' ? '' : ',') + TRUNCATED;
          return count('{"$pj":"map","entries":[') + body + count(']}');
        }
        if (brand(setSize, o)) {
          let body = '';
          apply(setForEach, o, [
            /** @param {unknown} value */
            (value) => {
              if (over) return;
              body += (body === '' ? '' : ',') + ser(value, depth + 1);
            },
          ]);
          if (over) body += (body === '' ? '' : ',') + TRUNCATED;
          return count('{"$pj":"set","values":[') + body + count(']}');
        }
        if (brand(typedArrayLength, o)) {
          const len = apply(typedArrayLength, o, []);
          let body = '';
          for (let i = 0; i < len && !over; i++) body += (i === 0 ? '' : ',') + ser(/** @type {Record<number, unknown>} */ (o)[i], depth + 1);
          if (over) body += (body === '' ? '' : ',') + TRUNCATED;
          return count('[') + body + count(']');
        }
        if (isArray(o)) {
          const len = ownData(o, 'length');
          const length = typeof len === 'number' ? len : 0;
          let body = '';
          for (let i = 0; i < length && !over; i++) {
            const d = gopd(o, '' + i);
            // Holes and accessor elements read as undefined: getters are never run.
            const item = d !== undefined && hasOwn(d, 'value') ? ser(d.value, depth + 1) : count('{"$pj":"undefined"}');
            body += (i === 0 ? '' : count(',')) + item;
          }
          if (over) body += (body === '' ? '' : ',') + TRUNCATED;
          return count('[') + body + count(']');
        }
        const keys = ownKeys(o);
        let body = '';
        let escaped = false;
        for (let i = 0; i < keys.length && !over; i++) {
          const key = keys[i];
          if (typeof key !== 'string') continue;
          const d = gopd(o, key);
          // Only own enumerable data properties: accessors are skipped, never invoked.
          if (d === undefined || !d.enumerable || !hasOwn(d, 'value')) continue;
          if (key === '$pj') escaped = true;
          body += (body === '' ? '' : ',') + count(jsonStringify(key) + ':') + ser(d.value, depth + 1);
        }
        if (over) return TRUNCATED;
        // A plain object that happens to have a "$pj" key must not read as a tag.
        return escaped ? count('{"$pj":"escaped","value":{') + body + count('}}') : count('{') + body + count('}');
      } finally {
        pop(ancestors);
      }
    }

    const text = ser(root, 0);
    return text;
  }

  // ---- The API the host drives --------------------------------------------------------------
  /** @type {SandboxApi} */
  const api = {
    setEntry(fn) {
      if (typeof fn !== 'function') return 'is ' + (fn === undefined ? 'not defined' : 'not a function (it is ' + brief(fn) + ')');
      entryFn = fn;
      return '';
    },
    startCase(argsJson) {
      lastValue = undefined;
      const args = jsonParse(argsJson);
      return startCall(/** @type {Function} */ (entryFn), isArray(args) ? args : [], false, false);
    },
    startTest(index) {
      const t = tests[index];
      if (t === undefined) return '{"state":"done","status":"error","error":{"message":"no such test"}}';
      return startCall(t.fn, [], true, true);
    },
    finish(token) {
      const call = current;
      if (call === undefined || call.token !== token || !call.settled) return '{"state":"done","status":"error","error":{"message":"the call did not settle"}}';
      return doneState(call);
    },
    abandon() {
      if (current !== undefined) current.settled = true;
      current = undefined;
    },
    serializeResult() {
      const call = current;
      current = undefined;
      lastValue = call === undefined ? undefined : call.outcome;
      return serialize(lastValue);
    },
    describe(thrown) {
      return errorJson(describeThrown(thrown));
    },
    beginScript() {
      collecting = true;
      inScriptTopLevel = true;
      topLevelFailure = undefined;
      current = undefined;
    },
    endScript() {
      collecting = false;
      inScriptTopLevel = false;
      let names = '';
      for (let i = 0; i < tests.length; i++) names += (i === 0 ? '' : ',') + jsonStringify(/** @type {{ name: string }} */ (tests[i]).name);
      let s = '{"tests":[' + names + '],"tooMany":' + (tooManyTests ? 'true' : 'false');
      if (topLevelFailure !== undefined) s += ',"topLevelFailure":' + errorJson(topLevelFailure);
      return s + '}';
    },
    fireTimer(id) {
      const t = apply(mapGet, timerCallbacks, [id]);
      if (t === undefined) return;
      if (t.repeat > 0) host.setTimer(id, t.repeat);
      else apply(mapDelete, timerCallbacks, [id]);
      apply(t.fn, undefined, t.args);
    },
    setQuiet(on) {
      quiet = on;
    },
  };
  return freeze(api);
}

module.exports = { sandboxPrelude };
