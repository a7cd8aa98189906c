/**
 * The source of the browser guest's local Python harness: a module Web Worker (from a blob, as
 * the JavaScript one: the page's CSP allows blob: workers) that loads Pyodide from the guest's
 * own build (`pyodide/` beside index.html, never a CDN), then drops the network and storage APIs
 * before any of the person's code runs, as js-worker-harness.ts does (nested workers included).
 * Pyodide needs fetch only while it loads its runtime and standard library.
 *
 * It speaks the same messages as the JavaScript worker ('start' before each test, 'test' after,
 * 'done' at the end). It loads Python on a first message and says 'ready'; the run is a second
 * message, and the page starts the run's deadline only then: loading is not the code's time. Values are serialized as
 * protocol/harness.ts describes, and compared outside the worker by judge-core's decideVerdict.
 */

/** Runs inside Pyodide: compiles the code in its own namespace and calls the entry per case. */
const PYTHON_RUNNER = String.raw`
import json as _pj_json, math as _pj_math, sys as _pj_sys, io as _pj_io, time as _pj_time

class _PjOut(_pj_io.TextIOBase):
    def __init__(self, cap):
        self.cap = cap; self.parts = []; self.used = 0; self.over = False; self.test = []
    def writable(self): return True
    def write(self, s):
        s = str(s); self.test.append(s)
        if self.used + len(s) > self.cap:
            self.over = True; s = s[: max(0, self.cap - self.used)]
        self.parts.append(s); self.used += len(s)
        return len(s)

def _pj_ser(v, depth, seen):
    if v is None or isinstance(v, bool) or isinstance(v, str): return v
    if isinstance(v, int):
        return v if -(2**53) <= v <= 2**53 else {"$pj": "bigint", "value": repr(int(v))}
    if isinstance(v, float):
        if _pj_math.isnan(v): return {"$pj": "nan"}
        if _pj_math.isinf(v): return {"$pj": "infinity", "sign": 1 if v > 0 else -1}
        return v
    if depth >= 64: return {"$pj": "truncated"}
    if any(s is v for s in seen): return {"$pj": "circular"}
    seen.append(v)
    try:
        if isinstance(v, (list, tuple)): return [_pj_ser(x, depth + 1, seen) for x in v]
        if isinstance(v, dict):
            if all(type(k) is str for k in v):
                out = {k: _pj_ser(x, depth + 1, seen) for k, x in v.items()}
                return {"$pj": "escaped", "value": out} if "$pj" in out else out
            return {"$pj": "map", "entries": [[_pj_ser(k, depth + 1, seen), _pj_ser(x, depth + 1, seen)] for k, x in v.items()]}
        if isinstance(v, (set, frozenset)):
            members = list(v)
            try:
                members.sort()
                return [_pj_ser(x, depth + 1, seen) for x in members]
            except Exception:
                return {"$pj": "set", "values": [_pj_ser(x, depth + 1, seen) for x in members]}
        if callable(v): return {"$pj": "function", "name": str(getattr(v, "__name__", ""))[:200]}
        try: text = repr(v)
        except Exception: text = "<repr failed>"
        return {"$pj": "object", "type": type(v).__name__, "repr": text[:200]}
    finally:
        seen.pop()

def _pj_error(e):
    line = None
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<solution>": line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(e, SyntaxError) and e.filename == "<solution>" and e.lineno: line = e.lineno
    message = type(e).__name__ + ": " + str(e)
    return {"message": message, "line": line} if line else {"message": message}

_pj_ns = {"__name__": "__main__"}
_pj_entry = None

def _pj_load(code, entry, cap):
    global _pj_entry
    _pj_sys.stdout = _pj_sys.stderr = _pj_out = _PjOut(cap)
    globals()["_pj_out"] = _pj_out
    try:
        exec(compile(code, "<solution>", "exec", dont_inherit=True), _pj_ns)
    except BaseException as e:
        return _pj_json.dumps({"compileError": _pj_error(e)})
    _pj_entry = _pj_ns.get(entry)
    return _pj_json.dumps({"missingEntry": not callable(_pj_entry)})

def _pj_case(name, args_json, value_bytes):
    _pj_out.test = []
    args = _pj_json.loads(args_json)
    started = _pj_time.perf_counter()
    try:
        value = _pj_entry(*args)
        report = {"name": name, "kind": "case", "status": "ok", "value": _pj_ser(value, 0, [])}
    except BaseException as e:
        report = {"name": name, "kind": "case", "status": "error", "error": _pj_error(e)}
    report["timeMs"] = max(0.0, (_pj_time.perf_counter() - started) * 1000.0)
    if _pj_out.test: report["stdout"] = "".join(_pj_out.test)[:value_bytes]
    text = _pj_json.dumps(report, allow_nan=False)
    return text if len(text) <= value_bytes else _pj_json.dumps({**report, "value": {"$pj": "truncated"}})

def _pj_done():
    return _pj_json.dumps({"stdout": "".join(_pj_out.parts), "over": _pj_out.over})
`;

const WORKER = String.raw`
const BLOCKED = ['fetch','XMLHttpRequest','WebSocket','EventSource','indexedDB','caches','importScripts','BroadcastChannel','navigator','Worker','SharedWorker','WebSocketStream','WebTransport'];
let py;
// The first message loads Python; the second, sent once the page has seen 'ready', is the run.
self.onmessage = async (event) => {
  if (event.data.type === 'load') {
    try {
      const { loadPyodide } = await import(event.data.indexURL + 'pyodide.mjs');
      py = await loadPyodide({ indexURL: event.data.indexURL, stdout: () => {}, stderr: () => {} });
      py.runPython(PYTHON_RUNNER);
    } catch (error) {
      self.postMessage({ type: 'load-failed', message: String(error && error.message || error) });
      return;
    }
    // From here on the person's code may run: no network, no storage, no nested workers.
    for (const name of BLOCKED) { try { Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false }); } catch {} }
    self.postMessage({ type: 'ready' });
    return;
  }
  const { code, entry, cases, limits } = event.data;
  const call = (name, ...args) => { const fn = py.globals.get(name); try { return JSON.parse(fn(...args)); } finally { fn.destroy(); } };
  const loaded = call('_pj_load', code, entry, limits.outputBytes);
  if (loaded.compileError) { self.postMessage({ type: 'compile-error', error: loaded.compileError }); return; }
  if (loaded.missingEntry) { self.postMessage({ type: 'done', stdout: '', over: false, missingEntry: true }); return; }
  for (const testCase of cases) {
    self.postMessage({ type: 'start', name: testCase.name });
    self.postMessage({ type: 'test', report: call('_pj_case', testCase.name, JSON.stringify(testCase.args), limits.valueBytes) });
  }
  const done = call('_pj_done');
  self.postMessage({ type: 'done', stdout: done.stdout, over: done.over });
};
`;

/** The module worker's whole source; the code and cases arrive by message, never in the source. */
export function pythonWorkerSource(): string {
  return `const PYTHON_RUNNER = ${JSON.stringify(PYTHON_RUNNER)};\n${WORKER}`;
}

/** Where the guest build puts the Pyodide runtime (vite.web.config.ts copies it there). */
export function pyodideIndexUrl(): string {
  return new URL('pyodide/', document.baseURI).href;
}
