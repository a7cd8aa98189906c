"""PairJudge Python harness (protocol/harness.ts), standard library only.

Reads one HarnessInput JSON document on stdin, runs the user's code, the cases and the script
tests, and writes exactly one report frame to the real stdout, then exits 0:

    "\\n" + REPORT_MARKER + nonce + " " + base64(JSON of HarnessReport) + "\\n"

Usage: python3 harness.py < input.json

What this file can and cannot promise. CPython has no in-process isolation: code in this process
can reach every object (gc, frames, sys.modules, /proc/self/fd), so it can find the nonce and
the report descriptor and print a well-formed frame. The judge is built so that this buys
nothing (judge-core/run-job.ts):
- expected values never enter the container, and the worker compares the returned values itself,
  so a forged case result is no more than returning that value;
- hidden cases run in a sandbox of their own whose details are all withheld, so nothing this
  process shows can carry a hidden input;
- script tests are decided in a second sandbox that holds no user code ("replay" below), so a
  forged script outcome is never read;
- any broken or missing report from a run that held user code is the submission's runtime error.
What this file does promise: ordinary breakage by the submission (replacing builtins or json /
signal / time attributes, exceptions whose attributes raise, a lowered recursion or address-space
limit, trace hooks, SystemExit) ends as that test's error or timeout, never as a harness failure.
To that end every module function and builtin the harness uses is captured below, before any
user code runs, and the process state the submission can change is restored after each call.

Script modes (HarnessInput.scriptMode):
- "inline" (default): the test script runs in the user's namespace, as in HumanEval.
- "record": the test script sees the user's functions only through recorders that pass JSON
  copies of arguments and results; the report lists every call (`scriptCalls`). The outcomes of
  this run are not believed.
- "replay": no user code at all. The script runs against stubs that answer each call from the
  recorded list (the call must match in order, name and arguments). Its outcomes are the verdict.
"""

import binascii
import builtins
import gc
import io
import json
import json.encoder
import math
import os
import random
import _signal  # the C module: signal.signal is a Python wrapper that calls builtins
import sys
import threading
import time
import types

try:
    import resource
except ImportError:  # pragma: no cover - not on Linux
    resource = None

# ---- Private references, taken before any user code runs ------------------------------------
# The submission shares these modules and `builtins`; it may replace their attributes. The
# harness only ever calls the objects captured here (C functions whose behaviour cannot be
# patched), and plain methods of built-in types (str.join, list.append), which cannot be changed.
_BaseException = BaseException
_Exception = Exception
_AssertionError = AssertionError
_MemoryError = MemoryError
_RecursionError = RecursionError
_SyntaxError = SyntaxError
_TypeError = TypeError
_ValueError = ValueError
_type = type
_issubclass = issubclass
_len = len
_str = str
_int = int
_float = float
_list = list
_tuple = tuple
_dict = dict
_set = set
_frozenset = frozenset
_bool = bool
_id = id
_min = min
_max = max
_round = round
_range = range
_repr = repr
_callable = callable
# Names the test code may mean as Python's own (abs, all, len, sorted, ...): a submission that
# defines a function with one of these names must not have the tests call it, or a recorded lie
# (`def all(xs): return True`) would be replayed as the truth.
_BUILTIN_NAMES = frozenset(dir(builtins))
_compile = compile
_exec = exec
_sorted = sorted
_any = any
_getattr = getattr
_builtins_dict = builtins.__dict__
_type_name = _type.__dict__["__name__"].__get__
_exc_traceback = _BaseException.__dict__["__traceback__"].__get__
_exc_args = _BaseException.__dict__["args"].__get__
_str_str = _str.__str__
_int_int = _int.__int__
_int_repr = _int.__repr__
_float_float = _float.__float__
_float_repr = _float.__repr__
_isfinite = math.isfinite
_isnan = math.isnan
_json_str = json.encoder.encode_basestring_ascii  # the C encoder when _json is present
_json_loads = json.loads  # only before user code runs (input) and in the replay run (no user code)
_b64 = binascii.b2a_base64
_os_write = os.write
_os_dup = os.dup
_os_dup2 = os.dup2
_os_open = os.open
_os_close = os.close
_exit = os._exit
_devnull = os.devnull
_O_RDWR = os.O_RDWR
_environ_get = os.environ.get
_perf = time.perf_counter
_monotonic = time.monotonic
_sleep = time.sleep
_signal_signal = _signal.signal
_setitimer = _signal.setitimer
_SIGALRM = _signal.SIGALRM
_ITIMER_REAL = _signal.ITIMER_REAL
_pthread_sigmask = _signal.pthread_sigmask
_SIG_UNBLOCK = _signal.SIG_UNBLOCK
_getrecursionlimit = sys.getrecursionlimit
_setrecursionlimit = sys.setrecursionlimit
_getswitchinterval = sys.getswitchinterval
_setswitchinterval = sys.setswitchinterval
_settrace = sys.settrace
_setprofile = sys.setprofile
_threading_settrace = threading.settrace
_threading_setprofile = threading.setprofile
_monitoring = _getattr(sys, "monitoring", None)
_gc_enable = gc.enable
_gc_collect = gc.collect
_random_seed = random.Random.seed.__get__(random._inst)
_Lock = threading.Lock
_Thread = threading.Thread
_StringIO = io.StringIO
_BytesIO = io.BytesIO
_TextIOWrapper = io.TextIOWrapper
_SystemExit = SystemExit
_TextIOBase = io.TextIOBase
_FunctionType = types.FunctionType
_BuiltinFunctionType = types.BuiltinFunctionType
_MethodType = types.MethodType
_CoroutineType = types.CoroutineType
_sys = sys
_getrlimit = resource.getrlimit if resource else None
_setrlimit = resource.setrlimit if resource else None
_RLIMIT_AS = resource.RLIMIT_AS if resource else None

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
# A recorded call list larger than this cannot be sent to the replay run: later calls are
# recorded as "unrecorded", and fail there.
MAX_SCRIPT_CALLS = 10000
# A time the harness reports is clamped to this: no clock trick can produce an absurd or
# non-finite number (protocol/harness.ts; the worker clamps again).
MAX_REPORTED_MS = 600000.0


class _Timeout(_BaseException):
    """Raised by the interval timer; a BaseException so `except Exception` in user code lets it by."""


class _Raw:
    """JSON text produced by the serializer, put into the report as is."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def _dump(v):
    """JSON text of harness-owned data (dict with str keys, list, str, int, finite float, bool,
    None, _Raw). Uses no json module attribute, so a patched json cannot break the report."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    t = _type(v)
    if t is _str:
        return _json_str(v)
    if t is _int:
        return _int_repr(v)
    if t is _float:
        return _float_repr(v) if _isfinite(v) else "0"
    if t is _Raw:
        return v.text
    if t is _list:
        return "[" + ",".join([_dump(x) for x in v]) + "]"
    if t is _dict:
        return "{" + ",".join([_json_str(k) + ":" + _dump(x) for k, x in _dict.items(v)]) + "}"
    raise _TypeError("the harness cannot encode " + _type_name(t))


def _ms(seconds):
    """Milliseconds, finite and within [0, MAX_REPORTED_MS]."""
    ms = _float(seconds) * 1000.0
    if not _isfinite(ms) or ms < 0:
        return 0.0
    return _round(_min(ms, MAX_REPORTED_MS), 3)


class BoundedOutput(_TextIOBase):
    """sys.stdout / sys.stderr replacement: keeps at most `limit` UTF-8 bytes, drops the rest.
    `mark()` and `since()` give one test's share of it."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.parts = []
        self.used = 0
        self.exceeded = False

    def writable(self):
        return True

    def write(self, s):
        if not _issubclass(_type(s), _str):
            raise _TypeError("write() argument must be str, not " + _type_name(_type(s)))
        s = _str_str(s)
        if self.exceeded:
            return _len(s)
        # Slice before encoding so that a huge string costs at most `limit` characters of work.
        room = self.limit - self.used
        head = s[: room + 1]
        data = head.encode("utf-8", "replace")
        if _len(data) <= room and _len(head) == _len(s):
            self.parts.append(head)
            self.used += _len(data)
        else:
            cut = data[:room].decode("utf-8", "ignore")
            self.parts.append(cut)
            self.used += _len(cut.encode("utf-8"))
            self.exceeded = True
        return _len(s)

    def flush(self):
        pass

    def isatty(self):
        return False

    def mark(self):
        return _len(self.parts)

    def since(self, mark):
        return "".join(self.parts[mark:])

    def text(self):
        return "".join(self.parts)


def _bounded(n, low, high, name):
    if _type(n) not in (_int, _float) or not _isfinite(n):
        raise _ValueError("limits." + name + " must be a number")
    return _int(_min(high, _max(low, n)))


# ---- Serialization (tags: see protocol/harness.ts) -------------------------------------------
# Runs under the per-test timer: repr() and sorting may call user code. Types are read with
# type(), never isinstance() (which trusts a user-defined __class__).

def _is(v, cls):
    return _issubclass(_type(v), cls)


class _Serializer:
    def __init__(self, budget, relay=False):
        self.budget = budget
        self.size = 0
        self.over = False
        # Identity of the containers being walked; a list, since id() raises an audit event that a
        # submission's audit hook could refuse.
        self.ancestors = []
        # relay: the encoding between a recording and a replay run (Python to Python), which
        # keeps tuples, sets and non-finite floats apart from lists and tags.
        self.relay = relay

    def count(self, s):
        self.size += _len(s)
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
        if v is None:
            return self.count("null")
        if v is True or v is False or _is(v, _bool):
            return self.count("true" if v else "false")
        if _is(v, _int):
            n = _int_int(v)
            if not self.relay and (n > 2**53 or n < -(2**53)):
                return self.count('{"$pj":"bigint","value":"' + _int_repr(n) + '"}')
            return self.count(_int_repr(n))
        if _is(v, _float):
            x = _float_float(v)
            if _isnan(x):
                return self.count('{"$pj":"nan"}')
            if not _isfinite(x):
                return self.count('{"$pj":"infinity","sign":' + ("1" if x > 0 else "-1") + "}")
            return self.count(_float_repr(x))
        if _is(v, _str):
            s = _str_str(v)
            if _len(s) > self.budget:
                self.over = True
                return '{"$pj":"truncated"}'
            return self.count(_json_str(s))
        if depth >= MAX_DEPTH:
            return self.count('{"$pj":"truncated"}')
        for seen in self.ancestors:
            if seen is v:
                return self.count('{"$pj":"circular"}')
        self.ancestors.append(v)
        try:
            return self.container(v, depth)
        finally:
            self.ancestors.pop()

    def container(self, v, depth):
        if _is(v, _list):
            return self.items(_list.__iter__(v), depth)
        if _is(v, _tuple):
            body = self.items(_tuple.__iter__(v), depth)
            return '{"$pj":"tuple","values":' + body + "}" if self.relay else body
        if _is(v, _dict):
            pairs = _list(_dict.items(v))
            if not _any([_type(k) is not _str for k, _ in pairs]):
                parts = []
                for k, item in pairs:
                    if self.over:
                        return '{"$pj":"truncated"}'
                    parts.append(self.count(_json_str(k) + ":") + self.ser(item, depth + 1))
                body = "{" + ",".join(parts) + "}"
                # A dict that itself has a "$pj" key must not read as a tag.
                return '{"$pj":"escaped","value":' + body + "}" if "$pj" in _dict.keys(v) else body
            entries = []
            for k, item in pairs:
                if self.over:
                    entries.append('{"$pj":"truncated"}')
                    break
                entries.append("[" + self.ser(k, depth + 1) + "," + self.ser(item, depth + 1) + "]")
            return self.count('{"$pj":"map","entries":[') + ",".join(entries) + "]}"
        if _is(v, _set) or _is(v, _frozenset):
            members = _list(_set.__iter__(v) if _is(v, _set) else _frozenset.__iter__(v))
            if self.relay:
                return self.count('{"$pj":"set","values":') + self.items(members, depth) + "}"
            try:
                members.sort()
                return self.items(members, depth)
            except _Exception:
                return self.count('{"$pj":"set","values":') + self.items(members, depth) + "}"
        if _type(v) in (_FunctionType, _BuiltinFunctionType, _MethodType):
            name = _getattr(v, "__name__", "")
            name = _str_str(name)[:200] if _is(name, _str) else ""
            return self.count('{"$pj":"function","name":' + _json_str(name) + "}")
        try:
            text = _repr(v)
            text = _str_str(text) if _is(text, _str) else "<unrepresentable>"
        except _Exception:
            text = "<repr failed>"
        if _len(text) > 200:
            text = text[:200] + "\u2026"
        return self.count('{"$pj":"object","type":' + _json_str(_type_name(_type(v))) + ',"repr":' + _json_str(text) + "}")


def serialize(value, budget, relay=False):
    """JSON text of a returned value."""
    return _Serializer(budget, relay).ser(value, 0)


# ---- Relay values (record and replay runs) ---------------------------------------------------

class Opaque:
    """A returned object with no plain form (an instance, a function): equal only to the same
    type and repr, so a test comparing it with a plain value fails."""

    def __init__(self, type_name, text):
        self.type_name = type_name
        self.text = text

    def __eq__(self, other):
        return _type(other) is Opaque and other.type_name == self.type_name and other.text == self.text

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None

    def __repr__(self):
        return self.text


def relay_decode(v, depth=0):
    """Python value of a relay-encoded JSON value. Total: a malformed value raises ValueError."""
    if depth > MAX_DEPTH + 2:
        raise _ValueError("too deep")
    t = _type(v)
    if v is None or t in (_bool, _int, _float, _str):
        return v
    if t is _list:
        return [relay_decode(x, depth + 1) for x in v]
    if t is not _dict:
        raise _ValueError("not a relay value")
    tag = v.get("$pj")
    if tag is None:
        return {k: relay_decode(x, depth + 1) for k, x in v.items()}
    if tag == "escaped" and _type(v.get("value")) is _dict:
        return {k: relay_decode(x, depth + 1) for k, x in v["value"].items()}
    if tag == "tuple" and _type(v.get("values")) is _list:
        return _tuple(relay_decode(x, depth + 1) for x in v["values"])
    if tag == "set" and _type(v.get("values")) is _list:
        try:
            return _set(relay_decode(x, depth + 1) for x in v["values"])
        except _TypeError:
            return Opaque("set", "<unhashable set>")
    if tag == "map" and _type(v.get("entries")) is _list:
        out = {}
        for entry in v["entries"]:
            if _type(entry) is not _list or _len(entry) != 2:
                raise _ValueError("bad map entry")
            try:
                out[relay_decode(entry[0], depth + 1)] = relay_decode(entry[1], depth + 1)
            except _TypeError:
                return Opaque("dict", "<dict with unhashable keys>")
        return out
    if tag == "nan":
        return _float("nan")
    if tag == "infinity":
        return _float("inf") if v.get("sign") == 1 else _float("-inf")
    if tag == "object":
        return Opaque(_str(v.get("type")), _str(v.get("repr")))
    if tag == "function":
        return Opaque("function", "<function " + _str(v.get("name")) + ">")
    if tag == "circular":
        return Opaque("circular", "<circular>")
    if tag == "truncated":
        return Opaque("truncated", "<truncated>")
    raise _ValueError("unknown tag")


class ReplayMismatch(_Exception):
    """The replay run made a call the recording run did not make in that order."""


def _rebuild_error(info):
    """An exception like the one the submission raised: the built-in type when its name is one,
    else RuntimeError, with the recorded message."""
    name = info.get("type") if _type(info) is _dict else None
    message = info.get("message") if _type(info) is _dict else None
    message = message if _type(message) is _str else ""
    cls = _builtins_dict.get(name) if _type(name) is _str else None
    if not (_type(cls) is _type and _issubclass(cls, _Exception)) or _issubclass(cls, ReplayMismatch):
        cls = RuntimeError
        message = (_str(name) + ": " if _type(name) is _str else "") + message
    try:
        return cls(message)
    except _BaseException:
        return RuntimeError(message)


# ---- The harness ------------------------------------------------------------------------------

class Harness:
    def __init__(self, nonce, frame_fd, diag_fd):
        self.nonce = nonce
        self.frame_fd = frame_fd
        self.diag_fd = diag_fd
        self.lock = _Lock()
        self.results = []
        self.compile_error = None
        self.fatal = None
        self.output = None
        self.written = False
        self.armed = False
        self.deadline = None  # (monotonic deadline, label) of the running step
        self.timeout_s = 1.0
        self.case_names = []
        self.has_script = False
        self.user_code_ran = False
        self.script_calls = None  # record mode: the calls the tests made
        self.script_names = None
        # Memory kept back so the report can still be built after the submission filled the heap.
        self.reserve = bytearray(4 * 1024 * 1024)
        self.recursion_limit = _getrecursionlimit()
        self.switch_interval = _getswitchinterval()
        self.address_limit = None
        if _getrlimit is not None:
            try:
                self.address_limit = _getrlimit(_RLIMIT_AS)
            except _BaseException:
                self.address_limit = None

    # -- report ---------------------------------------------------------------------------------
    def report_text(self):
        report = {
            "tests": self.results if self.compile_error is None else [],
            "stdout": self.output.text() if self.output else "",
            "outputLimitExceeded": _bool(self.output and self.output.exceeded),
        }
        if self.compile_error is not None:
            report["compileError"] = self.compile_error
        if self.fatal is not None:
            report["fatal"] = self.fatal
        if self.script_calls is not None:
            report["scriptCalls"] = self.script_calls
            report["scriptNames"] = self.script_names or []
        # ASCII escapes keep a lone surrogate (print("\ud800")) from making the frame unencodable.
        payload = _b64(_dump(report).encode("ascii"), newline=False).decode("ascii")
        return ("\n" + REPORT_MARKER + self.nonce + " " + payload + "\n").encode("ascii")

    def write_report(self):
        with self.lock:
            if self.written:
                return
            self.written = True
            self.restore()
            try:
                data = self.report_text()
            except _MemoryError:
                # The submission left the heap (or its address space) full: give back the reserve.
                self.reserve = None
                _gc_collect()
                data = self.report_text()
            while data:
                n = _os_write(self.frame_fd, data)
                data = data[n:]

    def finish(self):
        code = 0
        try:
            self.write_report()
        except _BaseException as e:  # noqa: BLE001
            # No report: the worker reads that as the submission's crash (or, with this marker on
            # stderr, as running out of memory). Never a harness failure the judge is blamed for.
            code = 1
            try:
                self.reserve = None
                what = b"MemoryError" if _is(e, _MemoryError) else b"report failed"
                _os_write(self.diag_fd, b"pairjudge harness: " + what + b"\n")
            except _BaseException:
                pass
        # os._exit: user threads, atexit hooks and finalizers cannot delay or change the report.
        _exit(code)

    # -- guarding the harness's own work --------------------------------------------------------
    def restore(self):
        """Undo what user code may have changed about the process before the harness works again:
        trace and profile hooks, the recursion limit, the switch interval, a blocked timer signal, the address-space
        limit (only the soft one can be raised back; a lowered hard limit stays, and the reserve
        above is what then lets the report be built)."""
        for step in (
            lambda: _settrace(None),
            lambda: _setprofile(None),
            lambda: _threading_settrace(None),
            lambda: _threading_setprofile(None),
            lambda: _setrecursionlimit(self.recursion_limit),
            lambda: _setswitchinterval(self.switch_interval),
            lambda: _pthread_sigmask(_SIG_UNBLOCK, [_SIGALRM]),
            self.restore_address_limit,
            self.clear_monitoring,
            _gc_enable,
        ):
            try:
                step()
            except _BaseException:
                pass
        if self.output is not None:
            _sys.stdout = self.output
            _sys.stderr = self.output

    def restore_address_limit(self):
        if self.address_limit is None:
            return
        soft, hard = _getrlimit(_RLIMIT_AS)
        want = self.address_limit[0]
        if soft != want:
            _setrlimit(_RLIMIT_AS, (want if hard == -1 or (want != -1 and want <= hard) else hard, hard))

    def clear_monitoring(self):
        if _monitoring is None:
            return
        for tool in _range(6):
            try:
                _monitoring.set_events(tool, 0)
            except _BaseException:
                pass

    # -- timing ---------------------------------------------------------------------------------
    def _on_alarm(self, signum, frame):
        if self.armed:
            raise _Timeout()

    def run_timed(self, fn, label, args=()):
        """Run fn() with the per-test budget. Returns ('ok', value) | ('raised', exc) | ('timeout', None).

        After fn the harness takes the process back before it calls anything of its own: hooks
        first (a trace or profile hook runs on every call the harness makes; CPython drops a hook
        that raises, hence the retries), then the timer (a late tick is ignored once `armed` is
        off), then the rest of the process state (restore)."""
        outcome = ("timeout", None)
        try:
            _signal_signal(_SIGALRM, self._on_alarm)
            self.deadline = (_monotonic() + self.timeout_s + WATCHDOG_GRACE_S, label)
            self.armed = True
            # Repeats every 50 ms after the first expiry, so a bare `except:` cannot swallow it for good.
            _setitimer(_ITIMER_REAL, self.timeout_s, 0.05)
            # User functions are called right here, not through a wrapper: a profile hook the
            # submission set then meets no harness frame until the hooks are removed below.
            outcome = ("ok", fn(*args))
        except _Timeout:
            outcome = ("timeout", None)
        except _BaseException as e:  # noqa: BLE001 - user code may raise anything, SystemExit too
            outcome = ("raised", e)
        for _attempt in (1, 2, 3, 4, 5, 6, 7, 8):
            try:
                _setprofile(None)
                _settrace(None)
                self.armed = False
                _setitimer(_ITIMER_REAL, 0, 0)
                break
            except _BaseException:  # noqa: BLE001 - a hook that raised is gone now; a late tick is harmless
                pass
        self.deadline = None
        self.restore()
        return outcome

    def watchdog(self):
        """Last resort: a step that ignores the timer (swallowed interrupts, a disabled SIGALRM)
        still gets a report. (A C-level loop that never releases the GIL, such as sum(range(10**12)),
        stops only at the container's deadline.)"""
        while True:
            try:
                _sleep(0.1)
                d = self.deadline
                if d is not None and _monotonic() > d[0]:
                    with self.lock:
                        if not self.written:
                            self.timeout_everything_left(d[1])
                    self.finish()
            except _BaseException:
                pass

    def timeout_everything_left(self, label):
        """The running step hung: it, and everything that can no longer run, is a timeout."""
        name, kind = label
        error = {"message": "Timed out after %d ms" % _int(self.timeout_s * 1000)}
        ms = _ms(self.timeout_s)
        if name == "top level":
            name = ""  # loading hung: the cases and the script below stand for it
        if name and kind == "case":
            self.results.append({"name": name, "kind": "case", "status": "timeout", "error": error, "timeMs": ms})
        done = _len([r for r in self.results if r["kind"] == "case"])
        for case_name in self.case_names[done:]:
            self.results.append({"name": case_name, "kind": "case", "status": "timeout", "error": error, "timeMs": 0.0})
        if name and kind == "script":
            self.results.append({"name": name, "kind": "script", "status": "timeout", "error": error, "timeMs": ms})
        elif self.has_script and not _any([r["kind"] == "script" for r in self.results]):
            self.results.append({"name": "tests", "kind": "script", "status": "timeout", "error": error, "timeMs": 0.0})

    # -- errors ---------------------------------------------------------------------------------
    def describe(self, exc, timed=True):
        """{"message", "line"?, "source"?} for any raised object. Total: an exception whose
        __str__, args or attributes raise again, loop or lie still gets a description. `timed`
        False: already inside a timed step (a recorder), whose timer covers str()."""
        try:
            name = _type_name(_type(exc))
        except _BaseException:
            name = "Exception"

        def text():
            msg = _str(exc)
            return _str_str(msg) if _is(msg, _str) else ""

        if timed:
            kind, message = self.run_timed(text, ("", "describe"))
        else:
            try:
                kind, message = "ok", text()
            except _Timeout:
                raise
            except _BaseException:
                kind, message = "raised", None
        message = name + (": " + message if kind == "ok" and message else "")
        info = {"message": message[:4000]}
        solution_line = tests_line = None
        try:
            tb = _exc_traceback(exc) if _is(exc, _BaseException) else None
            steps = 0
            while tb is not None and steps < 10000:
                steps += 1
                filename = tb.tb_frame.f_code.co_filename
                if filename == SOLUTION_FILE:
                    solution_line = tb.tb_lineno
                elif filename == TESTS_FILE:
                    tests_line = tb.tb_lineno
                tb = tb.tb_next
            if _is(exc, _SyntaxError):
                filename = _BaseException.__getattribute__(exc, "filename")
                lineno = _BaseException.__getattribute__(exc, "lineno")
                if _type(lineno) is _int and lineno > 0 and _type(filename) is _str:
                    if filename == SOLUTION_FILE:
                        solution_line = lineno
                    elif filename == TESTS_FILE:
                        tests_line = lineno
        except _BaseException:
            pass
        if _type(solution_line) is _int and solution_line > 0:
            info["line"] = solution_line
            info["source"] = "code"
        elif _type(tests_line) is _int and tests_line > 0:
            info["line"] = tests_line
            info["source"] = "tests"
        return info

    def safe_describe(self, exc, timed=True):
        try:
            return self.describe(exc, timed)
        except _Timeout:
            raise
        except _BaseException:
            return {"message": "The code raised an exception that could not be described"}

    # -- running --------------------------------------------------------------------------------
    def call(self, fn, args, label):
        t0 = _perf()
        kind, value = self.run_timed(fn, label, args)
        if kind == "ok" and _type(value) is _CoroutineType:
            import asyncio
            kind, value = self.run_timed(asyncio.run, label, (value,))
        return kind, value, _ms(_perf() - t0)

    def add(self, result):
        with self.lock:
            self.results.append(result)

    def run(self, job):
        limits = job["limits"]
        self.timeout_s = limits["testTimeoutMs"] / 1000.0
        cases = job["cases"]
        script = job["script"]
        mode = job["scriptMode"]
        entry = job["entry"]
        self.case_names = [c["name"] for c in cases]
        self.has_script = script is not None

        if mode == "replay":
            # No user code in this run: the script runs against the recorded answers.
            self.run_script(script, {}, limits, job["replay"], "replay")
            return

        try:
            code = _compile(job["code"], SOLUTION_FILE, "exec", dont_inherit=True)
        except (_SyntaxError, _ValueError) as e:
            info = {"message": _type_name(_type(e)) + ": " + _str(_getattr(e, "msg", None) or e)}
            if _is(e, _SyntaxError) and _type(e.lineno) is _int and e.lineno > 0:
                info["line"] = e.lineno
            self.compile_error = info
            return

        if job["io"]:
            self.user_code_ran = True
            self.run_programs(cases, code, limits)
            return

        namespace = {"__name__": "__solution__", "__builtins__": builtins}
        self.user_code_ran = True
        mark = self.output.mark()
        kind, value = self.run_timed(lambda: _exec(code, namespace), ("top level", "script"))
        if kind != "ok":
            if kind == "timeout":
                status, error = "timeout", {"message": "The code ran past %d ms while loading" % limits["testTimeoutMs"]}
            else:
                status, error = "error", self.safe_describe(value)
            for c in cases:
                self.add({"name": c["name"], "kind": "case", "status": status, "error": error, "timeMs": 0.0})
            if script is not None:
                self.add({"name": "tests", "kind": "script", "status": status, "error": error, "timeMs": 0.0})
                if mode == "record":
                    self.script_calls = []
                    self.script_names = []
            return
        del mark

        if cases:
            self.run_cases(cases, namespace, entry, limits)

        if script is not None:
            self.run_script(script, namespace, limits, None, mode)

    def run_cases(self, cases, namespace, entry, limits):
        fn = _dict.get(namespace, entry) if entry else None
        problem = None
        if fn is None:
            problem = "The entry function %s is not defined" % entry
        elif not _callable(fn):
            problem = "The entry function %s is not callable" % entry
        timed_out = False
        for c in cases:
            label = (c["name"], "case")
            if problem or timed_out:
                # After a timeout the verdict is settled: running the rest would only burn
                # the run's wall-clock budget and the judge's capacity.
                message = problem or "Not run: an earlier test went past its limits"
                self.add({"name": c["name"], "kind": "case", "status": "error", "error": {"message": message}, "timeMs": 0.0})
                continue
            mark = self.output.mark()
            kind, value, ms = self.call(fn, c["args"], label)
            result = {"name": c["name"], "kind": "case", "timeMs": ms}
            if kind == "timeout":
                timed_out = True
                result["status"] = "timeout"
                result["error"] = {"message": "Timed out after %d ms" % limits["testTimeoutMs"]}
            elif kind == "raised":
                result["status"] = "error"
                result["error"] = self.safe_describe(value)
            else:
                skind, svalue = self.run_timed(lambda: serialize(value, limits["valueBytes"]), label)
                if skind == "ok":
                    result["status"] = "ok"
                    result["value"] = _Raw(svalue)
                else:
                    why = "timed out" if skind == "timeout" else "failed (" + self.safe_describe(svalue)["message"] + ")"
                    result["status"] = "error"
                    result["error"] = {"message": "Reading the returned value " + why}
            result["stdout"] = self.output.since(mark)
            self.add(result)

    def run_programs(self, cases, code, limits):
        """Stdin/stdout cases: the whole program runs afresh per case, as `__main__`, with the
        case's input as sys.stdin. What it prints is the case's value (compared outside the
        sandbox); what it writes to stderr is the case's console output. sys.exit() with 0 or
        None ends the program normally; any other exit status is a runtime error."""
        timed_out = False
        for c in cases:
            label = (c["name"], "case")
            if timed_out:
                self.add({"name": c["name"], "kind": "case", "status": "error", "error": {"message": "Not run: an earlier test went past its limits"}, "timeMs": 0.0})
                continue
            namespace = {"__name__": "__main__", "__builtins__": builtins}
            errors = BoundedOutput(limits["outputBytes"])
            mark = self.output.mark()

            # A text stream over bytes, so that sys.stdin.buffer.read() works as well as input().
            stdin = _TextIOWrapper(_BytesIO(c["input"].encode("utf-8")), encoding="utf-8")

            def program(stdin=stdin, namespace=namespace, errors=errors):
                _sys.stdin = stdin
                _sys.stderr = errors
                try:
                    _exec(code, namespace)
                except _SystemExit as e:
                    if e.code not in (None, 0):
                        raise

            t0 = _perf()
            kind, value = self.run_timed(program, label)
            ms = _ms(_perf() - t0)
            _sys.stdin = _StringIO("")
            result = {"name": c["name"], "kind": "case", "timeMs": ms}
            if kind == "timeout":
                timed_out = True
                result["status"] = "timeout"
                result["error"] = {"message": "Timed out after %d ms" % limits["testTimeoutMs"]}
            elif kind == "raised":
                result["status"] = "error"
                result["error"] = self.safe_describe(value)
            else:
                result["status"] = "ok"
            # The printed text is the answer even when the program failed after printing: the
            # status decides, and the output helps to see how far it got.
            printed = self.output.since(mark)
            # Kept out of the report's console output (its bytes still count against the cap).
            del self.output.parts[mark:]
            if result["status"] == "ok":
                result["value"] = printed
            elif printed:
                errors.write(printed)
            shown = errors.text()
            if shown:
                result["stdout"] = shown
            self.add(result)

    # -- script tests ---------------------------------------------------------------------------
    def recorder(self, name, fn, limits):
        """What the tests see in place of the user's `fn` in record mode: arguments and results
        pass as relay-encoded JSON copies (no shared objects, no lying __eq__), and every call is
        listed for the replay run."""
        harness = self
        budget = limits["valueBytes"]

        def call_submission(*args, **kwargs):
            args_text = serialize([_list(args), kwargs], budget, relay=True)
            copied = relay_decode(_json_loads(args_text))
            calls = harness.script_calls
            entry = {"name": name, "args": args_text, "timeMs": 0.0}
            if _len(calls) >= MAX_SCRIPT_CALLS:
                entry["outcome"] = "unrecorded"
                calls.append(entry) if _len(calls) == MAX_SCRIPT_CALLS else None
                raise ReplayMismatch("Too many calls between the tests and the submission")
            calls.append(entry)
            t0 = _perf()
            try:
                value = fn(*copied[0], **copied[1])
            except _Timeout:
                entry["outcome"] = "timeout"
                entry["timeMs"] = _ms(_perf() - t0)
                raise
            except _BaseException as e:  # noqa: BLE001
                entry["timeMs"] = _ms(_perf() - t0)
                entry["outcome"] = "error"
                info = harness.safe_describe(e, timed=False)
                entry["error"] = {"type": _type_name(_type(e)), "message": info["message"]}
                if info.get("source") == "code":
                    entry["error"]["line"] = info["line"]
                raise _rebuild_error({"type": entry["error"]["type"], "message": _message_only(info["message"])}) from None
            entry["timeMs"] = _ms(_perf() - t0)
            text = serialize(value, budget, relay=True)
            entry["outcome"] = "ok"
            entry["value"] = text
            return relay_decode(_json_loads(text))

        return call_submission

    def stub(self, name, replay):
        """What the tests see in place of the user's function in replay mode: the next recorded
        call must be this one, with these arguments; its recorded outcome is the answer."""
        harness = self
        calls = replay["calls"]

        def call_submission(*args, **kwargs):
            args_text = serialize([_list(args), kwargs], 1 << 30, relay=True)
            i = harness.replay_cursor
            harness.replay_cursor = i + 1
            entry = calls[i] if i < _len(calls) else None
            if entry is None or entry.get("name") != name or entry.get("args") != args_text:
                raise ReplayMismatch(
                    "The submission's answer to %s(...) was not recorded: the test code must make the same calls in the same order on every run" % name
                )
            ms = entry.get("timeMs")
            harness.replay_ms += ms if _type(ms) in (_int, _float) and _isfinite(ms) and 0 <= ms <= MAX_REPORTED_MS else 0.0
            outcome = entry.get("outcome")
            if outcome == "ok":
                try:
                    return relay_decode(_json_loads(entry.get("value")))
                except _Exception:
                    raise ReplayMismatch("The submission's answer to %s(...) could not be read" % name) from None
            if outcome == "timeout":
                raise _Timeout()
            if outcome == "error":
                error = entry.get("error")
                exc = _rebuild_error({"type": error.get("type"), "message": _message_only(error.get("message"))} if _type(error) is _dict else {})
                line = error.get("line") if _type(error) is _dict else None
                if _type(line) is _int and line > 0:
                    harness.replay_error_lines[_id(exc)] = line
                raise exc
            raise ReplayMismatch("Too many calls between the tests and the submission")

        return call_submission

    def run_script(self, script, namespace, limits, replay, mode):
        try:
            code = _compile(script, TESTS_FILE, "exec", dont_inherit=True)
        except (_SyntaxError, _ValueError) as e:
            info = {"message": "The test code does not compile: " + _type_name(_type(e)) + ": " + _str(_getattr(e, "msg", None) or e)}
            if _is(e, _SyntaxError) and _type(e.lineno) is _int and e.lineno > 0:
                info["line"] = e.lineno
                info["source"] = "tests"
            self.add({"name": "tests", "kind": "script", "status": "error", "error": info, "timeMs": 0.0})
            if mode == "record":
                self.script_calls = []
                self.script_names = []
            return

        if mode == "record":
            self.script_calls = []
            names = []
            scope = {"__name__": "__tests__", "__builtins__": builtins}
            for key, value in _list(_dict.items(namespace)):
                if _type(key) is _str and not key.startswith("__") and key not in _BUILTIN_NAMES and _callable(value):
                    names.append(key)
                    scope[key] = self.recorder(key, value, limits)
            self.script_names = names
        elif mode == "replay":
            self.replay_cursor = 0
            self.replay_ms = 0.0
            self.replay_error_lines = {}
            scope = {"__name__": "__tests__", "__builtins__": builtins}
            for key in replay["names"]:
                # Checked again here, in the run that holds no user code.
                if key in _BUILTIN_NAMES:
                    continue
                scope[key] = self.stub(key, replay)
        else:
            scope = namespace

        registered = []

        def test(name, fn=None):
            """test(name, fn) or @test(name): register a test to run after the test code."""
            def register(f):
                if not _callable(f):
                    raise _TypeError("test(name, fn) needs a function")
                if _len(registered) < MAX_TESTS:
                    registered.append((_str(name)[:200], f))
                return f
            return register if fn is None else register(fn)

        scope["test"] = test
        if mode != "inline":
            # The record and the replay run must make the same calls: tests that draw random
            # inputs draw the same ones in both.
            try:
                _random_seed(0)
            except _BaseException:
                pass
        mark = self.output.mark()
        t0 = _perf()
        self.replay_ms = 0.0
        kind, value = self.run_timed(lambda: _exec(code, scope), ("tests", "script"))
        top_ms = _ms(_perf() - t0 + self.replay_ms / 1000.0)
        top_out = self.output.since(mark)

        def outcome(name, kind, value, ms, out):
            result = {"name": name, "kind": "script", "timeMs": ms, "stdout": out}
            if kind == "ok":
                result["status"] = "ok"
            elif kind == "timeout":
                result["status"] = "timeout"
                result["error"] = {"message": "Timed out after %d ms" % limits["testTimeoutMs"]}
            else:
                result["status"] = "failed" if _type(value) is _AssertionError else "error"
                result["error"] = self.safe_describe(value)
                line = self.replay_error_lines.get(_id(value)) if mode == "replay" else None
                if line:
                    result["error"]["line"] = line
                    result["error"]["source"] = "code"
            return result

        if not registered:
            # A script without test() calls is one test (HumanEval's `check(candidate)` style);
            # one that neither registers a test nor calls the submission tests nothing.
            if mode == "replay" and kind == "ok" and self.replay_cursor == 0:
                self.add({"name": "tests", "kind": "script", "status": "failed", "timeMs": top_ms, "stdout": top_out,
                          "error": {"message": "The test code ran no test: it neither registered a test() nor called the submission"}})
                return
            self.add(outcome("tests", kind, value, top_ms, top_out))
            return
        for name, fn in registered:
            mark = self.output.mark()
            self.replay_ms = 0.0
            k, v, ms = self.call(fn, (), (name, "script"))
            self.add(outcome(name, k, v, _ms(ms / 1000.0 + self.replay_ms / 1000.0), self.output.since(mark)))
        if kind != "ok":
            self.add(outcome("top level", kind, value, top_ms, top_out))


def _message_only(message):
    """"ValueError: bad" -> "bad" (the type is rebuilt separately)."""
    if _type(message) is not _str:
        return ""
    head, sep, tail = message.partition(": ")
    return tail if sep else ""


def main():
    raw = sys.stdin.buffer.read()
    # Keep private copies of the real stdout (for the frame) and stderr (for a last word when no
    # report can be written), then point fds 0-2 away from the worker's pipes: user input() sees
    # EOF, and prints go to the bounded capture only.
    frame_fd = _os_dup(1)
    diag_fd = _os_dup(2)
    devnull = _os_open(_devnull, _O_RDWR)
    _os_dup2(devnull, 0)
    _os_dup2(devnull, 1)
    _os_dup2(devnull, 2)
    _os_close(devnull)
    sys.stdin = _StringIO("")

    nonce = ""
    harness = None
    try:
        doc = _json_loads(raw.decode("utf-8"))
        if _type(doc) is _dict and _type(doc.get("nonce")) is _str:
            nonce = doc["nonce"]
        harness = Harness(nonce, frame_fd, diag_fd)
        job = validate(doc)
        harness.output = BoundedOutput(job["limits"]["outputBytes"])
        sys.stdout = harness.output
        sys.stderr = harness.output
        _Thread(target=harness.watchdog, daemon=True).start()
        harness.run(job)
    except _BaseException as e:  # noqa: BLE001 - the report must be written whatever happened
        if harness is None:
            harness = Harness(nonce, frame_fd, diag_fd)
        if harness.user_code_ran:
            # Whatever broke after user code ran is the submission's doing: the tests that did not
            # report are its errors, never a harness failure.
            harness.restore()
            reported = _len(harness.results)
            message = {"message": "The submission broke the test run: " + _type_name(_type(e))}
            for name in harness.case_names[_len([r for r in harness.results if r.get("kind") == "case"]):]:
                harness.results.append({"name": name, "kind": "case", "status": "error", "error": message, "timeMs": 0.0})
            if harness.has_script and not _any([r.get("kind") == "script" for r in harness.results[:reported]]):
                harness.results.append({"name": "tests", "kind": "script", "status": "error", "error": message, "timeMs": 0.0})
        else:
            harness.fatal = {"message": "Harness failure: " + _type_name(_type(e)) + ": " + _str(e)[:1000]}
        if _environ_get("PAIRJUDGE_HARNESS_DEBUG"):
            import traceback
            traceback.print_exc(file=sys.__stderr__)
    harness.finish()


def validate(doc):
    if _type(doc) is not _dict:
        raise _ValueError("the input must be a JSON object")
    if _type(doc.get("nonce")) is not _str or not doc["nonce"]:
        raise _ValueError("nonce must be a non-empty string")
    if _type(doc.get("code")) is not _str:
        raise _ValueError("code must be a string")
    if doc.get("script") is not None and _type(doc["script"]) is not _str:
        raise _ValueError("script must be a string")
    mode = doc.get("scriptMode", "inline")
    if mode not in ("inline", "record", "replay"):
        raise _ValueError("scriptMode must be inline, record or replay")
    cases = doc.get("cases")
    if _type(cases) is not _list:
        raise _ValueError("cases must be an array")
    out_cases = []
    # Stdin/stdout cases (an `input` string) and function cases (an `args` array) do not mix.
    io = _len(cases) > 0 and _type(cases[0]) is _dict and "input" in cases[0]
    for i, c in enumerate(cases):
        if io:
            if _type(c) is not _dict or _type(c.get("name")) is not _str or _type(c.get("input")) is not _str:
                raise _ValueError("cases[%d] must have a string name and a string input" % i)
            out_cases.append({"name": c["name"], "input": c["input"]})
            continue
        if _type(c) is not _dict or _type(c.get("name")) is not _str or _type(c.get("args")) is not _list:
            raise _ValueError("cases[%d] must have a string name and an args array" % i)
        # Parsed here, before user code runs: each case gets its own fresh arguments.
        out_cases.append({"name": c["name"], "args": c["args"]})
    entry = doc.get("entry")
    if out_cases and not io and (_type(entry) is not _str or not entry):
        raise _ValueError("entry is required when there are cases")
    if io and doc.get("script") is not None:
        raise _ValueError("stdin/stdout cases take no script")
    replay = None
    if mode == "replay":
        replay = doc.get("replay")
        if _type(replay) is not _dict or _type(replay.get("names")) is not _list or _type(replay.get("calls")) is not _list:
            raise _ValueError("replay must have names and calls arrays")
        if not all(_type(n) is _str for n in replay["names"]) or not all(_type(c) is _dict for c in replay["calls"]):
            raise _ValueError("replay.names must be strings and replay.calls objects")
        if doc.get("script") is None:
            raise _ValueError("replay needs a script")
    limits = doc.get("limits") if _type(doc.get("limits")) is _dict else {}
    return {
        "code": doc["code"],
        "entry": entry,
        "cases": out_cases,
        "io": io,
        "script": doc.get("script"),
        "scriptMode": mode,
        "replay": replay,
        "limits": {
            "testTimeoutMs": _bounded(limits.get("testTimeoutMs"), 1, 60000, "testTimeoutMs"),
            "outputBytes": _bounded(limits.get("outputBytes"), 0, 16 * 1024 * 1024, "outputBytes"),
            "valueBytes": _bounded(limits.get("valueBytes"), 16, 16 * 1024 * 1024, "valueBytes"),
        },
    }


if __name__ == "__main__":
    main()
