// @ts-check
'use strict';

/**
 * The sandbox prelude as a compiled vm2 script, made once per thread. vm2 parses and rewrites
 * every script it runs (its transformer walks the code with acorn), which for the 70 KB prelude
 * costs hundreds of milliseconds on a 1-CPU sandbox; compiled here, the pre-warm step
 * (prewarm-runner.cjs) pays for it while the container waits for its job, and runner.cjs runs the
 * cached copy in its new VM. A compiled script holds no state of any VM it ran in.
 */

const { VMScript } = require('vm2');
const { preludeSource } = require('./sandbox-prelude.cjs');

/** @type {import('vm2').VMScript | undefined} */
let compiled;

function preludeScript() {
  compiled ??= new VMScript(preludeSource(), 'pairjudge-prelude.js').compile();
  return compiled;
}

module.exports = { preludeScript };
