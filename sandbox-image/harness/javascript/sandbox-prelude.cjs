// @ts-check
'use strict';

/**
 * The part of the JavaScript harness that runs INSIDE a sandbox realm, before any user code.
 *
 * Its source lives in prelude/*.js, one file per job, each a fragment of one function body:
 *   hardening      intrinsics.js (captured built-ins), globals.js (require, timers, locked globals)
 *   rendering      format.js (inspect/format), console.js
 *   assertions     errors.js, deep-equal.js, assert.js, expect.js, test-registry.js
 *   running        calls.js, serialize.js (value copies), bridge.js (solution <-> tests), api.js
 * `assemblePrelude` joins them, in that order, into the one text that enters each VM:
 *     (function sandboxPrelude(host, limits, role, powers) { 'use strict'; ...parts...; return freeze(api); })
 * The image build writes that text once (build-prelude.cjs -> sandbox-prelude.assembled.js); on a
 * machine without the image (unit tests, the process sandbox) the same function assembles it from
 * the parts at load time, so both paths run the same text.
 *
 * Two realms run this text: the solution's ('solution') and the test script's ('tests'). The
 * test code never shares a realm with the submission: it calls the solution's functions through
 * bridge.js, with arguments and results copied as text, so nothing the submission rewrites
 * (Array.prototype, JSON, assert, ...) is seen by the test code.
 *
 * Rules the fragments keep, because user code runs in the same realm afterwards and may rewrite
 * any built-in it can reach (Array.prototype, JSON, Object.keys, Promise.prototype.then, ...):
 * - call built-ins only through the references captured at the top (`apply(captured, self, args)`),
 *   never through `value.method(...)`;
 * - no spread, array destructuring or for-of (they go through the replaceable iterator protocol);
 * - descriptors and internal records are created with `__proto__: null`, so a polluted
 *   Object.prototype cannot add fields to them;
 * - user values are only looked at through Reflect with own descriptors: accessor properties are
 *   never invoked by the serializer or by console formatting.
 * Everything here that touches user values runs under the host's timeout (the host calls these
 * API functions inside a vm timeout), so a hostile Proxy trap or getter can stall only its own test.
 */

const fs = require('node:fs');
const path = require('node:path');

/** The fragments, in the order they are joined (later ones use names of earlier ones). */
const PRELUDE_PARTS = [
  'intrinsics.js',
  'errors.js',
  'format.js',
  'console.js',
  'deep-equal.js',
  'assert.js',
  'expect.js',
  'test-registry.js',
  'calls.js',
  'globals.js',
  'serialize.js',
  'bridge.js',
  'api.js',
];

/** Where the image build leaves the assembled text. */
const ASSEMBLED_FILE = path.join(__dirname, 'sandbox-prelude.assembled.js');

/**
 * Joins the fragments in `dir` into the prelude's source text (a function expression).
 * @param {string} [dir]
 * @returns {string}
 */
function assemblePrelude(dir = path.join(__dirname, 'prelude')) {
  let body = '';
  for (const part of PRELUDE_PARTS) {
    // Each fragment starts with tool directives that make no sense inside the joined function.
    const text = fs.readFileSync(path.join(dir, part), 'utf8').replace(/^(\/\/ @ts-nocheck.*|\/\* eslint-disable .*\*\/)\n/gm, '');
    body += '\n// ==== ' + part + ' ====\n' + text;
  }
  return "(function sandboxPrelude(host, limits, role, powers) {\n  'use strict';\n" + body + '\n  return freeze(api);\n})';
}

/** @type {string | undefined} */
let cached;
/**
 * The prelude text: the image's assembled file when present, else assembled from the parts.
 * @returns {string}
 */
function preludeSource() {
  if (cached === undefined) {
    try {
      cached = fs.readFileSync(ASSEMBLED_FILE, 'utf8');
    } catch {
      cached = assemblePrelude();
    }
  }
  return cached;
}

/**
 * @typedef {object} SandboxHost
 * @property {(text: string) => void} output  Append user console output.
 * @property {(text: string) => void} errorOutput  Stdin/stdout runs: append console.error/warn output (not the answer).
 * @property {(id: number, ms: number) => void} setTimer  Fire `api.fireTimer(id)` after ms.
 * @property {(id: number) => void} clearTimer
 * @property {(token: number) => void} settled  An awaited call with this token finished.
 * @property {(name: string, argsText: string) => string} callSolution  Test realm: call a solution function (copied values).
 * @property {(id: number, answerText: string) => void} bridgeSettled  Solution realm: an async bridged call settled.
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
 * @property {(text: string) => void} setStdin  Make this realm a stdin/stdout run reading `text`.
 * @property {(name: string, value: unknown) => string} exportBinding  Solution realm: '' (nothing), 'function' or 'value:' + copy.
 * @property {(name: string, argsText: string) => string} callExported  Solution realm: run an exported function, answer as text.
 * @property {(name: string) => boolean} wantsImport  Test realm: false for names it has of its own.
 * @property {(name: string, kind: string) => void} importBinding  Test realm: define a stand-in or copy.
 * @property {(id: number, answerText: string) => void} settleImport  Test realm: settle an async stand-in call.
 */

module.exports = { PRELUDE_PARTS, ASSEMBLED_FILE, assemblePrelude, preludeSource };
