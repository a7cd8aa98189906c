// Runs a JavaScript challenge solution on the host, outside the sandbox, for catalog checks:
//   node run-solution.mjs <solution.js> <entry>   (stdin: JSON array of argument lists)
// Prints one JSON array: { value } or { error } per argument list, in order.
// The solution is loaded the way the judge sees it: a plain script whose top-level function
// is looked up by name. Trusted repository code only; this is no sandbox.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const [file, entry] = process.argv.slice(2);
if (!file || !entry) {
  process.stderr.write('usage: node run-solution.mjs <solution.js> <entry>\n');
  process.exit(2);
}
/** @type {unknown[][]} */
const argLists = JSON.parse(readFileSync(0, 'utf8'));
const context = vm.createContext({});
vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });
const fn = context[entry];
if (typeof fn !== 'function') {
  process.stderr.write(`${file} defines no function ${entry}\n`);
  process.exit(3);
}
const results = argLists.map((args) => {
  try {
    // A JSON round trip gives what the judge compares: plain data, undefined dropped.
    const value = fn(...args);
    return { value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
});
process.stdout.write(JSON.stringify(results));
