// @ts-check
'use strict';

/**
 * Escape-simulation mode only: a realm WITHOUT vm2, a plain node:vm context with the same
 * interface the runner uses (run, compile). The runner gives the solution's realm the host's own
 * require and process, as if vm2 had fallen, so that the tests can check the container's walls
 * (no network, read-only root, no secrets, no host writes) hold on their own.
 * Never used for a real verdict: the trusted side selects it with a command-line flag
 * (judge-core/languages.ts), never the job.
 */
const nodeVm = require('node:vm');

/** @param {number} timeoutMs */
function createPlainVm(timeoutMs) {
  const context = nodeVm.createContext({});
  return {
    /** @param {string | import('node:vm').Script} code @param {string} [filename] */
    run(code, filename = 'vm.js') {
      const script = typeof code === 'string' ? new nodeVm.Script(code, { filename }) : code;
      return script.runInContext(context, { timeout: timeoutMs, displayErrors: false });
    },
    /** @param {string} code @param {string} filename */
    compile(code, filename) {
      return new nodeVm.Script(code, { filename });
    },
  };
}

module.exports = { createPlainVm };
