/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// Hardening: require allow-list, timers served by the host, and the locked globals of the realm.

  // ---- require(): a small pure allow-list, nothing from the host -----------------------------
  /** @type {Record<string, unknown>} */
  const modules = {
    __proto__: null,
    assert: assertLoose,
    'node:assert': assertLoose,
    'assert/strict': assertStrict,
    'node:assert/strict': assertStrict,
  };
  // Stdin/stdout runs only: an `fs` whose one file is standard input, readFileSync(0) or
  // ('/dev/stdin'), read as a string whatever the encoding argument says.
  const fsModule = freeze({
    /** @param {unknown} file */
    readFileSync(file) {
      if (file !== 0 && file !== '/dev/stdin') throw new ErrorCtor('Only standard input can be read in the sandbox: require("fs").readFileSync(0, "utf8")');
      return stdinText;
    },
  });
  /** @param {unknown} name */
  function sandboxRequire(name) {
    const key = typeof name === 'string' ? name : '';
    if (stdinText !== undefined && (key === 'fs' || key === 'node:fs')) return fsModule;
    const mod = modules[key];
    if (mod === undefined) throw new ErrorCtor('Module "' + (typeof name === 'string' ? slice(name, 0, 100) : brief(name)) + '" is not available in the sandbox');
    return mod;
  }

  // ---- Timers, served by the host's event loop; callbacks never leave the sandbox -------------
  /** @type {Map<number, { fn: Function, args: unknown[], repeat: number }>} */
  const timerCallbacks = new MapCtor();
  let nextTimerId = ID_BASE;
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
  // Escape-simulation mode only (chosen by the trusted side, never by the job): the solution gets
  // the host's own require and process, as if vm2 had been escaped, so that the container's walls
  // are tested on their own.
  if (powers !== undefined && role === 'solution') {
    lockGlobal('require', powers.require);
    lockGlobal('process', powers.process);
  } else lockGlobal('require', sandboxRequire);
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

