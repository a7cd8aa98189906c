// @ts-check
'use strict';

/**
 * The identifiers a test script refers to (acorn, which the image carries for vm2). The runner
 * offers each one the solution defines to the test realm; taking too many names is harmless (a
 * name the solution lacks is skipped), so this does not resolve scopes.
 */
const acorn = require('acorn');
const walk = require('acorn-walk');

const NAME = /^[A-Za-z_$][\w$]*$/;
// More names than any honest test script uses; each costs a lookup in the solution's realm.
const MAX_NAMES = 500;

/**
 * @param {string} source
 * @returns {string[]}
 */
function freeNames(source) {
  /** @type {Set<string>} */
  const names = new Set();
  let ast;
  try {
    ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
  } catch {
    return [];
  }
  walk.full(ast, (node) => {
    // Only names in reference position reach here as Identifier: non-computed member and key
    // names are not walked as expressions.
    if (node.type === 'Identifier' && names.size < MAX_NAMES) {
      const name = /** @type {import('acorn').Identifier} */ (node).name;
      if (NAME.test(name)) names.add(name);
    }
  });
  return [...names];
}

module.exports = { freeNames };
