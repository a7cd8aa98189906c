// @ts-check
'use strict';

/**
 * Image build step: writes the assembled prelude (see sandbox-prelude.cjs) to the given file.
 * Usage: node build-prelude.cjs OUT_FILE
 */
const fs = require('node:fs');
const { assemblePrelude } = require('./sandbox-prelude.cjs');

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node build-prelude.cjs OUT_FILE\n');
  process.exit(2);
}
const text = assemblePrelude();
// Fail the build rather than ship a prelude that does not even parse.
new Function('return ' + text);
fs.writeFileSync(out, text);
