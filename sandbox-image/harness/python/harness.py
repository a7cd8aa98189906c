"""PairJudge Python harness (protocol/harness.ts), standard library only.

Reads one HarnessInput JSON document on stdin, runs the user's code, the cases and the script
tests, and writes exactly one report frame to the real stdout, then exits 0:

    "\\n" + REPORT_MARKER + nonce + " " + base64(JSON of HarnessReport) + "\\n"

Usage: python3 harness.py < input.json

Honest limitation: CPython has no in-process isolation. A determined submission can introspect the
interpreter (gc, frames, sys.modules, /proc/self/fd) and find the nonce or the saved stdout
descriptor, and so print a well-formed frame. The defences that matter do not depend on that
secret: expected values never enter the container, the worker compares the returned values and
decides the verdict outside it, and the container itself (no network, read-only, limits) is the
boundary. The nonce still stops accidental or naive forgeries. (The JavaScript harness has no such
hole: vm2 keeps the nonce out of reach.)
"""

import base64
import builtins
import inspect
import io
import json
import math
import os
import signal
import sys
import threading
import time
import traceback

# -- pre-warm (warm pool) ----------------------------------------------------------------------
# Everything the harness may import is imported here, before the job is read, so that a container
# waiting in the warm pool has paid for it already (asyncio is otherwise imported on the first
# coroutine a test returns).
import asyncio  # noqa: E402,F401

# Tells the worker this container is warm (judge-server/sandbox/sandbox-container.ts strips the
# line from stderr). Written before the job exists, so it carries nothing of it.
sys.stderr.write("@@pairjudge-warm\n")
sys.stderr.flush()
# -- end of pre-warm ---------------------------------------------------------------------------

REPORT_MARKER = "@@pairjudge-report:"
MAX_DEPTH = 64
WATCHDOG_GRACE_S = 1.5
SOLUTION_FILE = "<solution>"
TESTS_FILE = "<tests>"
MAX_TESTS = 1000


class _Timeout(BaseException):
    """Raised by the interval timer; a BaseException so `except Exception` in user code lets it by."""


class BoundedOutput(io.TextIOBase):
    """sys.stdout / sys.stderr replacement: keeps at most `limit` UTF-8 bytes, drops the rest."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.parts = []
        self.used = 0
        self.exceeded = False

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not " + type(s).__name__)
        if self.exceeded:
            return len(s)
        # Slice before encoding so that a huge string costs at most `limit` characters of work.
        room = self.limit - self.used
        head = s[: room + 1]
        data = head.encode("utf-8", "replace")
        if len(data) <= room and len(head) == len(s):
            self.parts.append(head)
            self.used += len(data)
        else:
            cut = data[:room].decode("utf-8", "ignore")
            self.parts.append(cut)
            self.used += len(cut.encode("utf-8"))
            self.exceeded = True
        return len(s)

    def flush(self):
        pass

    def isatty(self):
        return False

    def text(self):
        return "".join(self.parts)


def _bounded(n, low, high, name):
    if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n):
        raise ValueError("limits." + name + " must be a number")
    return int(min(high, max(low, n)))


# ---- Serialization (tags: see protocol/harness.ts) -------------------------------------------

class _Serializer:
    def __init__(self, budget):
        self.budget = budget
        self.size = 0
        self.over = False
        self.ancestors = set()

    def count(self, s):
        self.size += len(s)
        if self.size > self.budget:
            self.over = True
        return s

    def items(self, values, depth):
        parts = []
        for v in values:
            if self.over:
                parts.append('{"$pj":"truncated"}')
                break
            parts.append(self.ser(v, depth + 1))
            self.count(",")
        return "[" + ",".join(parts) + "]"

    def ser(self, v, depth):
        t = type(v)
        if v is None:
            return self.count("null")
        if t is bool or isinstance(v, bool):
            return self.count("true" if v else "false")
        if isinstance(v, int):
            n = int.__int__(v)
            if abs(n) > 2**53:
                return self.count('{"$pj":"bigint","value":"' + str(n) + '"}')
            return self.count(str(n))
        if isinstance(v, float):
            x = float.__float__(v)
            if math.isnan(x):
                return self.count('{"$pj":"nan"}')
            if math.isinf(x):
                return self.count('{"$pj":"infinity","sign":' + ("1" if x > 0 else "-1") + "}")
            return self.count(json.dumps(x))
        if isinstance(v, str):
            s = str.__str__(v)
            if len(s) > self.budget:
                self.over = True
                return '{"$pj":"truncated"}'
            return self.count(json.dumps(s, ensure_ascii=False))
        if depth >= MAX_DEPTH:
            return self.count('{"$pj":"truncated"}')
        key = id(v)
        if key in self.ancestors:
            return self.count('{"$pj":"circular"}')
        self.ancestors.add(key)
        try:
            return self.container(v, depth)
        finally:
            self.ancestors.discard(key)

    def container(self, v, depth):
        if isinstance(v, (list, tuple)):
            seq = list.__iter__(v) if isinstance(v, list) else tuple.__iter__(v)
            return self.count("") + self.items(seq, depth)
        if isinstance(v, dict):
            pairs = list(dict.items(v))
            if all(type(k) is str for k, _ in pairs):
                parts = []
                for k, item in pairs:
                    if self.over:
                        return '{"$pj":"truncated"}'
                    parts.append(self.count(json.dumps(k, ensure_ascii=False) + ":") + self.ser(item, depth + 1))
                body = "{" + ",".join(parts) + "}"
                # A dict that itself has a "$pj" key must not read as a tag.
                return '{"$pj":"escaped","value":' + body + "}" if "$pj" in dict.keys(v) else body
            entries = []
            for k, item in pairs:
                if self.over:
                    entries.append('{"$pj":"truncated"}')
                    break
                entries.append("[" + self.ser(k, depth + 1) + "," + self.ser(item, depth + 1) + "]")
            return self.count('{"$pj":"map","entries":[') + ",".join(entries) + "]}"
        if isinstance(v, (set, frozenset)):
            members = list(set.__iter__(v) if isinstance(v, set) else frozenset.__iter__(v))
            try:
                members.sort()
                return self.items(members, depth)
            except Exception:
                return self.count('{"$pj":"set","values":') + self.items(members, depth) + "}"
        if callable(v) and hasattr(v, "__name__") and inspect.isroutine(v):
            return self.count('{"$pj":"function","name":' + json.dumps(str(getattr(v, "__name__", ""))[:200]) + "}")
        try:
            text = repr(v)
            if not isinstance(text, str):
                text = "<unrepresentable>"
        except Exception:
            text = "<repr failed>"
        if len(text) > 200:
            text = text[:200] + "…"
        return self.count('{"$pj":"object","type":' + json.dumps(type(v).__name__) + ',"repr":' + json.dumps(text) + "}")


def serialize(value, budget):
    return json.loads(_Serializer(budget).ser(value, 0))


# ---- The harness ------------------------------------------------------------------------------

class Harness:
    def __init__(self, nonce, frame_fd):
        self.nonce = nonce
        self.frame_fd = frame_fd
        self.lock = threading.Lock()
        self.results = []
        self.compile_error = None
        self.fatal = None
        self.output = None
        self.written = False
        self.deadline = None  # (monotonic deadline, name, kind) of the running step
        self.timeout_s = 1.0
        self.case_names = []
        self.has_script = False

    # -- report ---------------------------------------------------------------------------------
    def write_report(self):
        with self.lock:
            if self.written:
                return
            self.written = True
            report = {
                "tests": self.results if self.compile_error is None else [],
                "stdout": self.output.text() if self.output else "",
                "outputLimitExceeded": bool(self.output and self.output.exceeded),
            }
            if self.compile_error is not None:
                report["compileError"] = self.compile_error
            if self.fatal is not None:
                report["fatal"] = self.fatal
            # ASCII escapes keep a lone surrogate (print("\ud800")) from making the frame unencodable.
            payload = base64.b64encode(json.dumps(report, ensure_ascii=True).encode("utf-8")).decode("ascii")
            data = ("\n" + REPORT_MARKER + self.nonce + " " + payload + "\n").encode("utf-8")
            while data:
                n = os.write(self.frame_fd, data)
                data = data[n:]

    def finish(self):
        try:
            self.write_report()
        finally:
            # os._exit: user threads, atexit hooks and finalizers cannot delay or change the report.
            os._exit(0)

    # -- timing ---------------------------------------------------------------------------------
    def _on_alarm(self, signum, frame):
        raise _Timeout()

    def run_timed(self, fn, label):
        """Run fn() with the per-test budget. Returns ('ok', value) | ('raised', exc) | ('timeout', None)."""
        signal.signal(signal.SIGALRM, self._on_alarm)
        self.deadline = (time.monotonic() + self.timeout_s + WATCHDOG_GRACE_S, label)
        # Repeats every 50 ms after the first expiry, so a bare `except:` cannot swallow it for good.
        signal.setitimer(signal.ITIMER_REAL, self.timeout_s, 0.05)
        try:
            return ("ok", fn())
        except _Timeout:
            return ("timeout", None)
        except BaseException as e:  # noqa: BLE001 - user code may raise anything, SystemExit too
            return ("raised", e)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.deadline = None

    def watchdog(self):
        """Last resort: a step that ignores the timer (swallowed interrupts, a disabled SIGALRM)
        still gets a report. (A C-level loop that never releases the GIL, such as sum(range(10**12)),
        stops only at the container's deadline.)"""
        while True:
            time.sleep(0.1)
            d = self.deadline
            if d is not None and time.monotonic() > d[0]:
                with self.lock:
                    if not self.written:
                        self.timeout_everything_left(d[1])
                self.finish()

    def timeout_everything_left(self, label):
        """The running step hung: it, and everything that can no longer run, is a timeout."""
        name, kind = label
        error = {"message": "Timed out after %d ms" % int(self.timeout_s * 1000)}
        ms = round(self.timeout_s * 1000)
        if name == "top level":
            name = ""  # loading hung: the cases and the script below stand for it
        if name and kind == "case":
            self.results.append({"name": name, "kind": "case", "status": "timeout", "error": error, "timeMs": ms})
        done = sum(1 for r in self.results if r["kind"] == "case")
        for case_name in self.case_names[done:]:
            self.results.append({"name": case_name, "kind": "case", "status": "timeout", "error": error, "timeMs": 0})
        if name and kind == "script":
            self.results.append({"name": name, "kind": "script", "status": "timeout", "error": error, "timeMs": ms})
        elif self.has_script and not any(r["kind"] == "script" for r in self.results):
            self.results.append({"name": "tests", "kind": "script", "status": "timeout", "error": error, "timeMs": 0})

    # -- errors ---------------------------------------------------------------------------------
    def describe(self, exc):
        def text():
            try:
                msg = str(exc)
            except BaseException:  # noqa: BLE001
                msg = "<message could not be read>"
            name = type(exc).__name__
            return name + (": " + msg if msg else "")

        kind, message = self.run_timed(text, ("", "describe"))
        info = {"message": (message if kind == "ok" else type(exc).__name__)[:4000]}
        solution_line = tests_line = None
        tb = exc.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename == SOLUTION_FILE:
                solution_line = tb.tb_lineno
            elif filename == TESTS_FILE:
                tests_line = tb.tb_lineno
            tb = tb.tb_next
        if isinstance(exc, SyntaxError) and exc.filename in (SOLUTION_FILE, TESTS_FILE) and exc.lineno:
            if exc.filename == SOLUTION_FILE:
                solution_line = exc.lineno
            else:
                tests_line = exc.lineno
        if solution_line is not None:
            info["line"] = solution_line
            info["source"] = "code"
        elif tests_line is not None:
            info["line"] = tests_line
            info["source"] = "tests"
        return info

    # -- running --------------------------------------------------------------------------------
    def call(self, fn, args, label):
        def invoke():
            result = fn(*args)
            if inspect.iscoroutine(result):
                import asyncio
                result = asyncio.run(result)
            return result

        t0 = time.perf_counter()
        kind, value = self.run_timed(invoke, label)
        return kind, value, (time.perf_counter() - t0) * 1000

    def add(self, result):
        with self.lock:
            self.results.append(result)

    def run(self, job):
        limits = job["limits"]
        self.timeout_s = limits["testTimeoutMs"] / 1000.0
        cases = job["cases"]
        script = job.get("script")
        entry = job.get("entry")
        self.case_names = [c["name"] for c in cases]
        self.has_script = script is not None

        try:
            code = compile(job["code"], SOLUTION_FILE, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as e:
            info = {"message": type(e).__name__ + ": " + (getattr(e, "msg", None) or str(e))}
            if isinstance(e, SyntaxError) and e.lineno:
                info["line"] = e.lineno
            self.compile_error = info
            return

        namespace = {"__name__": "__solution__", "__builtins__": builtins}
        kind, value = self.run_timed(lambda: exec(code, namespace), ("top level", "script"))
        if kind != "ok":
            if kind == "timeout":
                status, error = "timeout", {"message": "The code ran past %d ms while loading" % limits["testTimeoutMs"]}
            else:
                status, error = "error", self.describe(value)
            for c in cases:
                self.add({"name": c["name"], "kind": "case", "status": status, "error": error, "timeMs": 0})
            if script is not None:
                self.add({"name": "tests", "kind": "script", "status": status, "error": error, "timeMs": 0})
            return

        if cases:
            fn = namespace.get(entry) if entry else None
            problem = None
            if fn is None:
                problem = "The entry function %s is not defined" % entry
            elif not callable(fn):
                problem = "The entry function %s is not callable" % entry
            timed_out = False
            for c in cases:
                label = (c["name"], "case")
                if problem or timed_out:
                    # After a timeout the verdict is settled: running the rest would only burn
                    # the run's wall-clock budget and the judge's capacity.
                    message = problem or "Not run: an earlier test went past its limits"
                    self.add({"name": c["name"], "kind": "case", "status": "error", "error": {"message": message}, "timeMs": 0})
                    continue
                args = json.loads(c["argsJson"])
                kind, value, ms = self.call(fn, args, label)
                if kind == "timeout":
                    timed_out = True
                    self.add({"name": c["name"], "kind": "case", "status": "timeout",
                              "error": {"message": "Timed out after %d ms" % limits["testTimeoutMs"]}, "timeMs": ms})
                elif kind == "raised":
                    self.add({"name": c["name"], "kind": "case", "status": "error", "error": self.describe(value), "timeMs": ms})
                else:
                    skind, svalue = self.run_timed(lambda: serialize(value, limits["valueBytes"]), label)
                    if skind == "ok":
                        self.add({"name": c["name"], "kind": "case", "status": "ok", "value": svalue, "timeMs": ms})
                    else:
                        why = "timed out" if skind == "timeout" else "failed (" + self.describe(svalue)["message"] + ")"
                        self.add({"name": c["name"], "kind": "case", "status": "error",
                                  "error": {"message": "Reading the returned value " + why}, "timeMs": ms})

        if script is not None:
            self.run_script(script, namespace, limits)

    def run_script(self, script, namespace, limits):
        try:
            code = compile(script, TESTS_FILE, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as e:
            info = {"message": "The test code does not compile: " + type(e).__name__ + ": " + (getattr(e, "msg", None) or str(e))}
            if isinstance(e, SyntaxError) and e.lineno:
                info["line"] = e.lineno
                info["source"] = "tests"
            self.add({"name": "tests", "kind": "script", "status": "error", "error": info, "timeMs": 0})
            return

        registered = []

        def test(name, fn=None):
            """test(name, fn) or @test(name): register a test to run after the test code."""
            def register(f):
                if not callable(f):
                    raise TypeError("test(name, fn) needs a function")
                if len(registered) < MAX_TESTS:
                    registered.append((str(name)[:200], f))
                return f
            return register if fn is None else register(fn)

        namespace["test"] = test
        t0 = time.perf_counter()
        kind, value = self.run_timed(lambda: exec(code, namespace), ("tests", "script"))
        top_ms = (time.perf_counter() - t0) * 1000

        def outcome(name, kind, value, ms):
            if kind == "ok":
                return {"name": name, "kind": "script", "status": "ok", "timeMs": ms}
            if kind == "timeout":
                return {"name": name, "kind": "script", "status": "timeout",
                        "error": {"message": "Timed out after %d ms" % limits["testTimeoutMs"]}, "timeMs": ms}
            status = "failed" if isinstance(value, AssertionError) else "error"
            return {"name": name, "kind": "script", "status": status, "error": self.describe(value), "timeMs": ms}

        if not registered:
            # A script without test() calls is one test (HumanEval's `check(candidate)` style).
            self.add(outcome("tests", kind, value, top_ms))
            return
        for name, fn in registered:
            k, v, ms = self.call(fn, (), (name, "script"))
            self.add(outcome(name, k, v, ms))
        if kind != "ok":
            self.add(outcome("top level", kind, value, top_ms))


def main():
    raw = sys.stdin.buffer.read()
    # Keep a private copy of the real stdout for the frame, then point fds 0-2 away from the
    # worker's pipes: user input() sees EOF, and prints go to the bounded capture only.
    frame_fd = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    sys.stdin = io.StringIO("")

    nonce = ""
    harness = None
    try:
        doc = json.loads(raw.decode("utf-8"))
        if isinstance(doc, dict) and isinstance(doc.get("nonce"), str):
            nonce = doc["nonce"]
        harness = Harness(nonce, frame_fd)
        job = validate(doc)
        harness.output = BoundedOutput(job["limits"]["outputBytes"])
        sys.stdout = harness.output
        sys.stderr = harness.output
        threading.Thread(target=harness.watchdog, daemon=True).start()
        harness.run(job)
    except BaseException as e:  # noqa: BLE001 - the report must be written whatever happened
        if harness is None:
            harness = Harness(nonce, frame_fd)
        harness.fatal = {"message": "Harness failure: " + type(e).__name__ + ": " + str(e)[:1000]}
        if os.environ.get("PAIRJUDGE_HARNESS_DEBUG"):
            traceback.print_exc(file=sys.__stderr__)
    harness.finish()


def validate(doc):
    if not isinstance(doc, dict):
        raise ValueError("the input must be a JSON object")
    if not isinstance(doc.get("nonce"), str) or not doc["nonce"]:
        raise ValueError("nonce must be a non-empty string")
    if not isinstance(doc.get("code"), str):
        raise ValueError("code must be a string")
    if doc.get("script") is not None and not isinstance(doc["script"], str):
        raise ValueError("script must be a string")
    cases = doc.get("cases")
    if not isinstance(cases, list):
        raise ValueError("cases must be an array")
    out_cases = []
    for i, c in enumerate(cases):
        if not isinstance(c, dict) or not isinstance(c.get("name"), str) or not isinstance(c.get("args"), list):
            raise ValueError("cases[%d] must have a string name and an args array" % i)
        out_cases.append({"name": c["name"], "argsJson": json.dumps(c["args"])})
    entry = doc.get("entry")
    if out_cases and (not isinstance(entry, str) or not entry):
        raise ValueError("entry is required when there are cases")
    limits = doc.get("limits") if isinstance(doc.get("limits"), dict) else {}
    return {
        "code": doc["code"],
        "entry": entry,
        "cases": out_cases,
        "script": doc.get("script"),
        "limits": {
            "testTimeoutMs": _bounded(limits.get("testTimeoutMs"), 1, 60000, "testTimeoutMs"),
            "outputBytes": _bounded(limits.get("outputBytes"), 0, 16 * 1024 * 1024, "outputBytes"),
            "valueBytes": _bounded(limits.get("valueBytes"), 16, 16 * 1024 * 1024, "valueBytes"),
        },
    }


if __name__ == "__main__":
    main()
