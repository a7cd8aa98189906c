/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// The narrow channel between the solution's realm and the test script's realm.
//
// Why: script tests that share the submission's realm can be forged (Array.prototype.toJSON,
// reading the test's source through `caller`, an emptied Array.prototype.forEach, a patched
// assert). Here the test code runs in a realm of its own; each name it uses that the solution
// defines becomes, in the test realm, a function that sends its arguments as text (serialize.js)
// through the host, calls the solution's function in the solution's realm, and turns the text of
// the result (or of the error) back into values of the test realm. No object crosses, and the
// solution's function is called by this strict-mode code, so `caller` shows it nothing.

  // ---- Turning copied text back into values (the inverse of serialize.js) ---------------------
  const BigIntCtor = BigInt;
  const SymbolCtor = Symbol;
  const mapCtorNew = () => new MapCtor();
  const setAdd = SetCtor.prototype.add;
  // An error from the solution comes back as the test realm's error of the same standard kind,
  // so that `expect(...).toThrow(RangeError)` works across the two realms.
  const standardErrors = { __proto__: null, Error: ErrorCtor, TypeError: TypeErrorCtor, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

  /** @param {unknown} v @param {number} depth @returns {unknown} */
  function revive(v, depth) {
    if (typeof v !== 'object' || v === null || depth > MAX_DEPTH + 2) return v;
    if (isArray(v)) {
      const len = ownData(v, 'length');
      for (let i = 0; i < len; i++) defineProp(v, '' + i, { __proto__: null, value: revive(ownData(v, '' + i), depth + 1), writable: true, enumerable: true, configurable: true });
      return v;
    }
    const tag = ownData(v, '$pj');
    if (typeof tag === 'string') {
      switch (tag) {
        case 'undefined':
          return undefined;
        case 'nan':
          return NaN;
        case 'infinity':
          return ownData(v, 'sign') === -1 ? -Infinity : Infinity;
        case 'bigint':
          return BigIntCtor(ownData(v, 'value'));
        case 'symbol': {
          const d = ownData(v, 'description');
          return typeof d === 'string' ? SymbolCtor(d) : SymbolCtor();
        }
        case 'function': {
          const name = ownData(v, 'name');
          // Functions cannot be copied between realms: a stand-in that says so when called.
          return () => {
            throw new TypeErrorCtor('The function ' + (typeof name === 'string' && name !== '' ? name + ' ' : '') + 'was passed between the solution and the test code; only values can be');
          };
        }
        case 'map': {
          const m = mapCtorNew();
          const entries = ownData(v, 'entries');
          if (isArray(entries)) {
            for (let i = 0; i < entries.length; i++) {
              const e = entries[i];
              if (isArray(e)) apply(mapSet, m, [revive(e[0], depth + 1), revive(e[1], depth + 1)]);
            }
          }
          return m;
        }
        case 'set': {
          const s = new SetCtor();
          const values = ownData(v, 'values');
          if (isArray(values)) for (let i = 0; i < values.length; i++) apply(setAdd, s, [revive(values[i], depth + 1)]);
          return s;
        }
        case 'escaped': {
          const inner = ownData(v, 'value');
          if (typeof inner !== 'object' || inner === null) return inner;
          reviveFields(inner, depth);
          return inner;
        }
        default:
          // circular, truncated: kept as the tagged object, which reads as what happened.
          return v;
      }
    }
    reviveFields(v, depth);
    return v;
  }

  /** @param {object} o @param {number} depth */
  function reviveFields(o, depth) {
    const keys = ownKeys(o);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      defineProp(o, key, { __proto__: null, value: revive(ownData(o, key), depth + 1), writable: true, enumerable: true, configurable: true });
    }
  }

  /** @param {string} text */
  function fromCopy(text) {
    return revive(jsonParse(text), 0);
  }

  // ---- Solution side: what the test code may call ---------------------------------------------
  /** @type {Map<string, Function>} */
  const exported = new MapCtor();
  let nextBridgeCall = ID_BASE;

  /** @param {unknown} thrown */
  function errorAnswer(thrown) {
    return '{"ok":false,"error":' + errorJson(describeThrown(thrown)) + '}';
  }

  /** @param {string} name @param {string} argsText */
  function callExported(name, argsText) {
    const fn = apply(mapGet, exported, [name]);
    if (fn === undefined) return '{"ok":false,"error":{"message":"' + name + ' is not a function of the solution"}}';
    const args = fromCopy(argsText);
    let r;
    try {
      r = apply(fn, undefined, isArray(args) ? args : []);
    } catch (e) {
      return errorAnswer(e);
    }
    // A native promise settles later: the answer goes to the host when it does.
    let isPromise = false;
    if (isObjectLike(r)) {
      try {
        apply(promiseThen, r, [() => {}, () => {}]);
        isPromise = true;
      } catch {
        isPromise = false;
      }
    }
    if (!isPromise) return '{"ok":true,"value":' + serialize(r) + '}';
    const id = nextBridgeCall++;
    apply(promiseThen, r, [
      (v) => {
        let answer;
        try {
          answer = '{"ok":true,"value":' + serialize(v) + '}';
        } catch (e) {
          answer = errorAnswer(e);
        }
        host.bridgeSettled(id, answer);
      },
      (e) => host.bridgeSettled(id, errorAnswer(e)),
    ]);
    return '{"pending":' + id + '}';
  }

  // ---- Test side: stand-ins for the solution's names --------------------------------------------
  /** @type {Map<number, { resolve: Function, reject: Function }>} */
  const pendingImports = new MapCtor();

  /** @param {string} name @param {string} answerText @returns {{ ok: boolean, value?: unknown, error?: Error, pending?: number }} */
  function readAnswer(name, answerText) {
    const a = jsonParse(answerText);
    const pending = ownData(a, 'pending');
    if (typeof pending === 'number') return { __proto__: null, ok: true, pending };
    if (ownData(a, 'ok') === true) return { __proto__: null, ok: true, value: revive(ownData(a, 'value'), 0) };
    const info = ownData(a, 'error');
    const message = isObjectLike(info) && typeof ownData(info, 'message') === 'string' ? ownData(info, 'message') : name + ' failed';
    // "RangeError: bad input" comes back as an error of that name with that message.
    const colon = indexOf(message, ': ');
    const head = colon > 0 ? slice(message, 0, colon) : '';
    const named = colon > 0 && colon < 60 && matches(ID_RE, head);
    const Kind = named ? standardErrors[head] : undefined;
    const error = new (Kind === undefined ? ErrorCtor : Kind)(named ? slice(message, colon + 2) : message);
    if (named && Kind === undefined) defineProp(error, 'name', { __proto__: null, value: head, writable: true, configurable: true });
    const line = isObjectLike(info) ? ownData(info, 'line') : undefined;
    if (typeof line === 'number' && ownData(info, 'source') !== 'tests') {
      // Point the failure at the solution's line: the stack trace is formatted now, then the
      // solution's frame is put first.
      void ownData(error, 'stack');
      const frames = apply(weakMapGet, framesOf, [error]);
      const withSolution = [{ __proto__: null, file: 'solution.js', line }];
      if (frames !== undefined) for (let i = 0; i < frames.length; i++) push(withSolution, frames[i]);
      apply(weakMapSet, framesOf, [error, withSolution]);
    }
    return { __proto__: null, ok: false, error };
  }

  /** @param {string} name */
  function makeImport(name) {
    // A plain function (not an arrow) so that `new` can be refused with a clear message.
    return function (...args) {
      if (new.target !== undefined) throw new TypeErrorCtor(name + ' comes from the solution: the test code can call it but not construct it (values are copied between the two)');
      const answer = readAnswer(name, host.callSolution(name, serialize(args)));
      if (answer.pending !== undefined) {
        return new PromiseCtor((resolve, reject) => {
          apply(mapSet, pendingImports, [answer.pending, { __proto__: null, resolve, reject, name }]);
        });
      }
      if (!answer.ok) throw answer.error;
      return answer.value;
    };
  }
