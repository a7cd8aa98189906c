# Runs a Python challenge solution on the host, outside the sandbox, for catalog checks:
#   python3 run-solution.py <solution.py> <entry>   (stdin: JSON array of argument lists)
# Prints one JSON array: {"value": ...} or {"error": ...} per argument list, in order.
# Trusted repository code only; this is no sandbox.
import json
import runpy
import sys


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: python3 run-solution.py <solution.py> <entry>\n")
        return 2
    path, entry = sys.argv[1], sys.argv[2]
    arg_lists = json.load(sys.stdin)
    # Deep recursion is legitimate in some solutions (backtracking); keep the default guard generous.
    sys.setrecursionlimit(10000)
    namespace = runpy.run_path(path, run_name="solution")
    fn = namespace.get(entry)
    if not callable(fn):
        sys.stderr.write(f"{path} defines no function {entry}\n")
        return 3
    out = sys.stdout
    # Anything the solution prints goes to stderr so stdout carries only the results.
    sys.stdout = sys.stderr
    results = []
    for args in arg_lists:
        try:
            results.append({"value": json.loads(json.dumps(fn(*args)))})
        except Exception as err:  # a failing test is a result, not a crash of the runner
            results.append({"error": f"{type(err).__name__}: {err}"})
    out.write(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
