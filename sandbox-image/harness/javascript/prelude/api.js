/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// The API the host drives.

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
      return s + ',"checks":' + checksMade + '}';
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
    setStdin(text) {
      stdinText = typeof text === 'string' ? text : '';
    },
    // -- the bridge (bridge.js) --
    exportBinding(name, value) {
      // Solution side: '' when the test code may see `name`, 'function' or 'value:<copy>'.
      if (typeof value === 'function') {
        apply(mapSet, exported, [name, value]);
        return 'function';
      }
      if (value === undefined) return '';
      return 'value:' + serialize(value);
    },
    callExported(name, argsText) {
      return callExported(name, argsText);
    },
    wantsImport(name) {
      // Test side: names the test realm already has (its built-ins, test, assert, ...) stay its own.
      return !hasOwn(G, name);
    },
    importBinding(name, kind) {
      const value = kind === 'function' ? makeImport(name) : fromCopy(slice(kind, 6));
      // Configurable, so that a top-level let/const of the same name in the test code still works.
      defineProp(G, name, { __proto__: null, value, writable: true, enumerable: false, configurable: true });
    },
    settleImport(id, answerText) {
      const p = apply(mapGet, pendingImports, [id]);
      if (p === undefined) return;
      apply(mapDelete, pendingImports, [id]);
      const answer = readAnswer(p.name, answerText);
      if (answer.ok) p.resolve(answer.value);
      else p.reject(answer.error);
    },
  };
