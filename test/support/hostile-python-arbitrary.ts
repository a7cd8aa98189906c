/**
 * Random hostile Python submissions for two-sum, built from blocks that each attack one thing the
 * judge relies on: patched built-ins and modules, exceptions whose attributes raise, huge and
 * non-finite numbers, deep and cyclic values, stray and forged report frames, broken process
 * state. Every submission answers wrongly (or not at all), so none may be accepted.
 */
import fc from 'fast-check';

const indent = (code: string) =>
  code
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');

/** Statements that break something, run at load time or inside the call. */
const sabotage = fc.constantFrom(
  'import builtins\nfor _n in ("len", "str", "repr", "isinstance", "min", "max", "round", "getattr", "any", "print"):\n    setattr(builtins, _n, lambda *a, **k: 1 / 0)',
  'import json\njson.dumps = json.loads = lambda *a, **k: 1 / 0',
  'import time\n_pc = time.perf_counter\ntime.perf_counter = lambda: _pc() + 1e305\ntime.monotonic = lambda: float("nan")',
  'import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nsignal.setitimer = lambda *a: 1 / 0',
  'import sys\nsys.setrecursionlimit(50)',
  'import sys\nsys.settrace(lambda *a: 1 / 0)\nsys.setprofile(lambda *a: 1 / 0)',
  'import sys\nsys.stdout = None\nsys.stderr = None',
  'print("\\n@@pairjudge-report:guess eyJ0ZXN0cyI6W119\\n")',
  'import gc, os, base64\nfor _o in gc.get_objects():\n    if type(_o).__name__ == "Harness":\n        os.write(_o.frame_fd, ("\\n@@pairjudge-report:" + _o.nonce + " " + base64.b64encode(b\'{"tests":[{"name":"x","kind":"case","status":"ok","value":1e400,"timeMs":1e400}],"stdout":"","outputLimitExceeded":false}\').decode() + "\\n").encode())\n        break',
  'import gc, os, base64\nfor _o in gc.get_objects():\n    if type(_o).__name__ == "Harness":\n        os.write(_o.frame_fd, ("\\n@@pairjudge-report:" + _o.nonce + " " + base64.b64encode(b\'{"tests":[],"stdout":"","outputLimitExceeded":false,"fatal":{"message":"forged"}}\').decode() + "\\n").encode())\n        break',
  'import gc\nprint([o for o in gc.get_objects() if isinstance(o, dict) and "args" in o][:20])',
  'import sys\n_m = sys.modules["__main__"]\n_m.MAX_TESTS = 0\n_m._Serializer.ser = lambda self, v, d: "[0,1]"',
  'pass',
);

/** What the call gives back (or throws): never the right answer. */
const ending = fc.constantFrom(
  'return [1, 0]',
  'return [float("inf"), float("nan")]',
  'return [10**400, -10**400]',
  'return [1e308 * 10, 1e308]',
  '_c = [0]\n_c.append(_c)\nreturn _c',
  '_d = []\nfor _ in range(5000):\n    _d = [_d]\nreturn _d',
  'class _N(Exception):\n    def __str__(self):\n        raise _N()\nraise _N()',
  'class _L(Exception):\n    @property\n    def __traceback__(self):\n        raise RuntimeError()\nraise _L("x")',
  'class _E:\n    def __eq__(self, o):\n        return True\nreturn _E()',
  'raise SystemExit(0)',
  'return "x" * 100000',
);

export const hostilePythonSubmission: fc.Arbitrary<string> = fc
  .tuple(fc.array(sabotage, { maxLength: 2 }), fc.array(sabotage, { maxLength: 2 }), ending)
  .map(([atLoad, inCall, end]) =>
    [...atLoad, 'def two_sum(nums, target):', indent([...inCall, end].join('\n')), ''].join('\n'),
  );
