/**
 * The source of the browser guest's local JavaScript harness: the person's code runs in a Web
 * Worker made from a blob holding this prelude, their code and a line that hands back the entry
 * function. A blob rather than eval: the page's CSP allows blob: workers and no eval, and a blob
 * worker keeps it. The worker reports each test as it ends, so a test that never returns leaves
 * the earlier ones reported when the page terminates the worker at its deadline.
 *
 * This is the person's own code (or their pair's, on screen) in their own browser, so the worker
 * is not a security wall like the judge's sandbox; it still loses the network and storage APIs
 * before the code runs, so a Run cannot post anything anywhere or read the page's stored data
 * (nor start a nested worker, which would have them all again).
 * Values are serialized as protocol/harness.ts describes, and compared outside the worker by the
 * judge core's own decideVerdict.
 */

/** Lines of the prelude before the person's code starts: error line numbers are shifted by it. */
export const PRELUDE_LINES = 3;

const PRELUDE = `for (const name of ['fetch','XMLHttpRequest','WebSocket','EventSource','indexedDB','caches','importScripts','BroadcastChannel','navigator','Worker','SharedWorker','WebSocketStream','WebTransport']) { try { Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false }); } catch {} }
const __pj = { out: '', over: false, cap: 0, testOut: '' }; const __pjWrite = (...parts) => { const text = parts.map((p) => typeof p === 'string' ? p : (() => { try { return JSON.stringify(p); } catch { return String(p); } })()).join(' ') + '\\n'; __pj.testOut += text; if (__pj.out.length + text.length > __pj.cap) { __pj.over = true; __pj.out += text.slice(0, Math.max(0, __pj.cap - __pj.out.length)); } else __pj.out += text; };
for (const level of ['log','info','warn','error','debug']) console[level] = __pjWrite; const __pjEntry = (function () {
`;

/** Runs in the worker after the code: serializes values and runs the cases it is sent. */
const RUNNER = String.raw`
const __pjSerialize = (value, depth, seen, budget) => {
  if (depth > 64 || budget.left <= 0) return { $pj: 'truncated' };
  budget.left -= 1;
  switch (typeof value) {
    case 'undefined': return { $pj: 'undefined' };
    case 'number':
      if (Number.isNaN(value)) return { $pj: 'nan' };
      if (!Number.isFinite(value)) return { $pj: 'infinity', sign: value > 0 ? 1 : -1 };
      return value;
    case 'bigint': return { $pj: 'bigint', value: String(value) };
    case 'function': return { $pj: 'function', name: value.name || '' };
    case 'symbol': return { $pj: 'symbol', description: value.description || '' };
    case 'string': budget.left -= Math.floor(value.length / 16); return value;
    case 'boolean': return value;
  }
  if (value === null) return null;
  if (seen.has(value)) return { $pj: 'circular' };
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value, (item) => __pjSerialize(item, depth + 1, seen, budget));
    if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => { const d = Object.getOwnPropertyDescriptor(value, i); return __pjSerialize(d && 'value' in d ? d.value : undefined, depth + 1, seen, budget); });
    if (value instanceof Map) return { $pj: 'map', entries: [...value.entries()].map(([k, v]) => [__pjSerialize(k, depth + 1, seen, budget), __pjSerialize(v, depth + 1, seen, budget)]) };
    if (value instanceof Set) return { $pj: 'set', values: [...value.values()].map((v) => __pjSerialize(v, depth + 1, seen, budget)) };
    const out = {};
    for (const key of Object.keys(value)) { const d = Object.getOwnPropertyDescriptor(value, key); out[key] = __pjSerialize(d && 'value' in d ? d.value : undefined, depth + 1, seen, budget); }
    return Object.prototype.hasOwnProperty.call(out, '$pj') ? { $pj: 'escaped', value: out } : out;
  } finally { seen.delete(value); }
};
const __pjLine = (error) => { const match = /<anonymous>:(\d+):\d+|blob:[^\s)]*:(\d+):\d+/.exec(String(error && error.stack || '')); const line = match ? Number(match[1] || match[2]) - PRELUDE_LINES : undefined; return line !== undefined && line > 0 ? line : undefined; };
self.onmessage = (event) => {
  const { cases, limits } = event.data;
  __pj.cap = limits.outputBytes;
  if (typeof __pjEntry !== 'function') { self.postMessage({ type: 'done', stdout: __pj.out, over: __pj.over, missingEntry: true }); return; }
  for (const testCase of cases) {
    __pj.testOut = '';
    // Tells the page a test starts: it holds each test to its own time budget.
    self.postMessage({ type: 'start', name: testCase.name });
    const started = performance.now();
    let report;
    try {
      const value = __pjEntry(...testCase.args);
      report = { name: testCase.name, kind: 'case', status: 'ok', value: __pjSerialize(value, 0, new Set(), { left: Math.max(1, Math.floor(limits.valueBytes / 8)) }) };
    } catch (error) {
      const message = error instanceof Error ? (error.name + ': ' + error.message) : String(error);
      const line = __pjLine(error);
      report = { name: testCase.name, kind: 'case', status: 'error', error: line ? { message, line } : { message } };
    }
    report.timeMs = Math.max(0, performance.now() - started);
    if (__pj.testOut) report.stdout = __pj.testOut.slice(0, limits.outputBytes);
    self.postMessage({ type: 'test', report });
  }
  self.postMessage({ type: 'done', stdout: __pj.out, over: __pj.over });
};
`;

/** The worker's whole source for one run. `entry` matches IDENTIFIER_PATTERN (checked by buildJob). */
export function workerSource(code: string, entry: string): string {
  return `${PRELUDE}${code}\n;return typeof ${entry} === 'function' ? ${entry} : undefined;\n})();\nconst PRELUDE_LINES = ${PRELUDE_LINES};\n${RUNNER}`;
}
